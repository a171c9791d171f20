import { useState, type ChangeEvent } from 'react'
import { api } from '../api.js'
import { ActionBadge, ErrorNote } from '../common.js'
import { useI18n } from '../i18n.js'
import type { ConsoleSession } from './console-app.js'
import { auditRows, type DialTestRow } from './dialtest-audit.js'
import { SCENARIOS } from './types.js'

const SAMPLE = [
  'https://item.jd.com/100012043978.html',
  'https://detail.tmall.com/item.htm?id=1',
  'https://v.douyin.com/iRNBho6/',
  'https://www.bilibili.com/video/BV1xx411c7mD',
  'https://example.com/',
].join('\n')

/** Parses the list: one URL a line (TSV `url<TAB>scenario` allowed), `#` comments. */
function urlsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => (line.replace(/(^|\s)#.*$/, '').split('\t')[0] ?? '').trim())
        .filter((line) => line !== ''),
    ),
  ]
}

export function DialTestPage({ session }: { session: ConsoleSession }) {
  const { t, pick } = useI18n()
  const [text, setText] = useState(SAMPLE)
  const [rows, setRows] = useState<DialTestRow[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (file) setText(await file.text())
  }
  const run = async () => {
    setBusy(true)
    setError(null)
    try {
      setRows(
        (
          await api<{ rows: DialTestRow[] }>('/v1/dialtest', {
            method: 'POST',
            key: session.key,
            body: { urls: urlsOf(text).slice(0, 1000), scenarios: [...SCENARIOS] },
          })
        ).rows,
      )
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  const urls = rows ? [...new Set(rows.map((r) => r.url))] : []
  const findings = rows ? auditRows(rows) : []
  return (
    <section aria-labelledby="dialtest-title">
      <h1 id="dialtest-title">{t('dialtest.title')}</h1>
      <p>{t('dialtest.intro')}</p>
      <label htmlFor="dialtest-file">{t('dialtest.upload')}</label>
      <input id="dialtest-file" type="file" accept=".txt,.tsv,text/plain" onChange={(e) => void onFile(e)} />
      <label htmlFor="dialtest-list">{t('dialtest.list')}</label>
      <textarea
        id="dialtest-list"
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
      />
      <p className="buttons">
        <button
          type="button"
          className="primary"
          onClick={() => void run()}
          disabled={busy || urlsOf(text).length === 0}
        >
          {t('dialtest.run', { n: urlsOf(text).length })}
        </button>
      </p>
      {error ? <ErrorNote error={error} /> : null}
      {rows ? (
        <>
          <h2>{t('dialtest.matrix')}</h2>
          <p className="hint">
            {t('dialtest.policy')} <span data-testid="dialtest-policy">{rows[0]?.policyVersion ?? ''}</span>
          </p>
          <div className="table-wrap">
            <table data-testid="dialtest-matrix">
              <thead>
                <tr>
                  <th scope="col">{t('queue.link')}</th>
                  <th scope="col">{t('queue.provider')}</th>
                  {SCENARIOS.map((s) => (
                    <th scope="col" key={s}>
                      {t(`scenario.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {urls.map((url) => {
                  const cells = rows.filter((r) => r.url === url)
                  const first = cells[0]
                  return (
                    <tr key={url}>
                      <th scope="row" className="url">
                        {url}
                      </th>
                      <td>
                        {first?.provider ?? '—'}{' '}
                        {first?.category ? (
                          <span className="hint">{t(`category.${first.category}` as 'category.other')}</span>
                        ) : null}
                      </td>
                      {SCENARIOS.map((s) => {
                        const row = cells.find((r) => r.scenario === s)
                        return (
                          <td key={s} data-scenario={s}>
                            {row?.error ? (
                              <span className="hint">{row.error}</span>
                            ) : (
                              <>
                                <ActionBadge action={row?.action ?? null} />
                                <span className="hint"> {row?.card}</span>
                                {row?.reasons.map((r) => (
                                  <div key={r.code} className="reason" title={pick(r)}>
                                    {r.code}
                                  </div>
                                ))}
                              </>
                            )}
                          </td>
                        )
                      })}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <h2>{t('dialtest.findings')}</h2>
          {findings.length === 0 ? (
            <p className="ok" data-testid="findings">
              {t('dialtest.clean')}
            </p>
          ) : (
            <ul className="issues" data-testid="findings">
              {findings.map((f, i) => (
                <li key={i}>
                  <strong>
                    {f.standard === 'reasons' ? t('dialtest.stdReasons') : t(`dialtest.std${f.standard}`)}
                  </strong>{' '}
                  — {f.detail}:{' '}
                  {f.rows
                    .map((r) => `${r.url} (${t(`scenario.${r.scenario}` as 'scenario.direct')})`)
                    .join('，')}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  )
}
