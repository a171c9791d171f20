import { useState, type FormEvent } from 'react'
import { upload, api } from '../api.js'
import { ErrorNote, formatTime, LoadView, useLoad } from '../common.js'
import { useI18n } from '../i18n.js'
import type { ConsoleSession } from './console-app.js'
import { baseRole } from './session.js'

type Feed = Record<string, unknown> & {
  source?: string
  name?: string
  format?: string
  count?: number
  entries?: number
  importedAt?: string
  sha256?: string
}

const FORMATS = ['urlhaus', 'phishtank', 'openphish', 'list'] as const

/** Threat feeds (issue 5): the sources on this server and an import with upload progress. */
export function ThreatsPage({ session }: { session: ConsoleSession }) {
  const { t, lang } = useI18n()
  const feeds = useLoad(
    () => api<{ items?: Feed[]; sources?: Feed[] } | Feed[]>('/v1/threats/feeds', { key: session.key }),
    [session.key],
  )
  const [file, setFile] = useState<File | null>(null)
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('list')
  const [source, setSource] = useState('')
  const [progress, setProgress] = useState<number | null>(null)
  const [result, setResult] = useState<Record<string, unknown> | null>(null)
  const [error, setError] = useState<unknown>(null)
  const isAdmin = baseRole(session.principal.role) === 'admin'
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!file) return
    setError(null)
    setResult(null)
    setProgress(0)
    try {
      const query = new URLSearchParams({ format, ...(source.trim() ? { source: source.trim() } : {}) })
      setResult(
        await upload<Record<string, unknown>>(`/v1/threats/import?${query}`, file, {
          key: session.key,
          contentType: 'text/plain; charset=utf-8',
          onProgress: setProgress,
        }),
      )
      setProgress(1)
      feeds.reload()
    } catch (caught) {
      setError(caught)
      setProgress(null)
    }
  }
  return (
    <section aria-labelledby="threats-title">
      <h1 id="threats-title">{t('threats.title')}</h1>
      <h2>{t('threats.feeds')}</h2>
      <LoadView loaded={feeds} what={t('threats.api')}>
        {(data) => {
          const items = Array.isArray(data) ? data : (data.items ?? data.sources ?? [])
          return items.length === 0 ? (
            <p className="empty">{t('threats.none')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('threats.source')}</th>
                    <th scope="col">{t('threats.format')}</th>
                    <th scope="col">{t('threats.entries')}</th>
                    <th scope="col">{t('threats.imported')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((f, i) => (
                    <tr key={String(f.source ?? f.name ?? i)}>
                      <td>{String(f.source ?? f.name ?? '—')}</td>
                      <td>{String(f.format ?? '—')}</td>
                      <td className="num">{String(f.count ?? f.entries ?? '—')}</td>
                      <td>{formatTime(typeof f.importedAt === 'string' ? f.importedAt : null, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }}
      </LoadView>
      {isAdmin ? (
        <form onSubmit={(e) => void submit(e)} aria-labelledby="import-title">
          <h2 id="import-title">{t('threats.import')}</h2>
          <label htmlFor="threat-file">{t('threats.file')}</label>
          <input
            id="threat-file"
            type="file"
            accept=".csv,.txt,.json,text/plain,text/csv,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <label htmlFor="threat-format">{t('threats.format')}</label>
          <select
            id="threat-format"
            value={format}
            onChange={(e) => setFormat(e.target.value as (typeof FORMATS)[number])}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <label htmlFor="threat-source">{t('threats.source')}</label>
          <input
            id="threat-source"
            value={source}
            onChange={(e) => setSource(e.target.value)}
            placeholder="urlhaus-2021-11"
          />
          <button type="submit" className="primary" disabled={!file}>
            {t('threats.start')}
          </button>
          {progress !== null ? (
            <p>
              <label htmlFor="threat-progress">{t('threats.progress')}</label>{' '}
              <progress id="threat-progress" max={1} value={progress} /> {Math.round(progress * 100)}%
            </p>
          ) : null}
        </form>
      ) : null}
      {error ? <ErrorNote error={error} what={t('threats.api')} /> : null}
      {result ? (
        <dl className="facts" role="status">
          {Object.entries(result).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  )
}
