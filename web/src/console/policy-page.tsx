import { useEffect, useMemo, useState } from 'react'
import { api, ApiError } from '../api.js'
import { ErrorNote, formatTime, LoadView, useLoad } from '../common.js'
import { useI18n } from '../i18n.js'
import type { ConsoleSession } from './console-app.js'
import { locateIssues, policyToYaml, syntaxIssues, type LocatedIssue } from './policy-yaml.js'
import { baseRole } from './session.js'

interface PolicyView {
  version: string
  current: {
    version: string
    description?: string
    phases: {
      id: string
      description?: string
      from: string
      to?: string
      minClientVersion?: string
      preferencesEffective: boolean
      rules: { id: string; action: string }[]
    }[]
  }
  history: { version: string; publishedAt: string; publishedBy: string; note: string | null }[]
}

interface SimulationReport {
  currentVersion: string
  draftVersion: string
  total: number
  changed: number
  cells: {
    scenario: string
    category: string
    total: number
    changed: number
    transitions: Record<string, number>
    examples: { url: string; from: string; to: string; reasons: string[] }[]
  }[]
}

function Timeline({ policy, now }: { policy: PolicyView['current']; now: Date }) {
  const { t } = useI18n()
  const phases = [...policy.phases].sort((a, b) => Date.parse(a.from) - Date.parse(b.from))
  const active = phases.filter((p) => Date.parse(p.from) <= now.getTime()).at(-1)?.id
  return (
    <ol className="timeline" aria-label={t('policy.timeline')}>
      {phases.map((p) => (
        <li
          key={p.id}
          className={p.id === active ? 'active' : ''}
          aria-current={p.id === active ? 'step' : undefined}
        >
          <strong>{p.id}</strong> <time dateTime={p.from}>{p.from}</time>
          {p.id === active ? <span className="badge action-open">{t('policy.inForce')}</span> : null}
          <p>{p.description ?? ''}</p>
          <p className="hint">
            {t('policy.rules', { n: p.rules.length })} ·{' '}
            {p.preferencesEffective ? t('policy.prefsOn') : t('policy.prefsOff')}
            {p.minClientVersion ? ` · ${t('policy.minClient')} ${p.minClientVersion}` : ''}
          </p>
        </li>
      ))}
    </ol>
  )
}

export function PolicyPage({ session }: { session: ConsoleSession }) {
  const { t, lang } = useI18n()
  const loaded = useLoad(() => api<PolicyView>('/v1/policy'), [])
  const role = baseRole(session.principal.role)
  const canValidate = ['admin', 'reviewer', 'auditor'].includes(role)
  const isAdmin = role === 'admin'
  const [text, setText] = useState<string | null>(null)
  const [issues, setIssues] = useState<LocatedIssue[]>([])
  const [validVersion, setValidVersion] = useState<string | null>(null)
  const [simulation, setSimulation] = useState<SimulationReport | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [published, setPublished] = useState<string | null>(null)
  const initial = useMemo(() => (loaded.data ? policyToYaml(loaded.data.current) : ''), [loaded.data])
  const draft = text ?? initial

  // Validate as the reviewer types, after a short pause: syntax in the browser, the rest on the server.
  useEffect(() => {
    if (!canValidate || text === null) return
    const timer = setTimeout(() => {
      const syntax = syntaxIssues(draft)
      if (syntax.length > 0) {
        setIssues(syntax)
        setValidVersion(null)
        return
      }
      api<{ ok: boolean; version?: string; issues?: LocatedIssue[] }>('/v1/policy/validate', {
        method: 'POST',
        key: session.key,
        body: { yaml: draft },
      }).then(
        (result) => {
          setIssues(result.ok ? [] : locateIssues(draft, result.issues ?? []))
          setValidVersion(result.ok ? (result.version ?? null) : null)
        },
        (caught: unknown) => {
          if (caught instanceof ApiError && caught.issues.length > 0)
            setIssues(locateIssues(draft, caught.issues))
          else setError(caught)
          setValidVersion(null)
        },
      )
    }, 400)
    return () => clearTimeout(timer)
  }, [draft, text, canValidate, session.key])

  const simulate = async () => {
    setError(null)
    try {
      setSimulation(
        await api<SimulationReport>('/v1/policy/simulate', {
          method: 'POST',
          key: session.key,
          body: { yaml: draft },
        }),
      )
    } catch (caught) {
      setError(caught)
    }
  }
  const publish = async () => {
    setError(null)
    try {
      const result = await api<{ version: string }>('/v1/policy', {
        method: 'POST',
        key: session.key,
        body: { yaml: draft, ...(note.trim() ? { note } : {}) },
      })
      setPublished(result.version)
      setText(null)
      setSimulation(null)
      loaded.reload()
    } catch (caught) {
      if (caught instanceof ApiError && caught.issues.length > 0)
        setIssues(locateIssues(draft, caught.issues))
      setError(caught)
    }
  }
  const lines = draft.split('\n').length
  const errorLines = new Set(issues.map((i) => i.line).filter((l): l is number => l !== null))

  return (
    <LoadView loaded={loaded} what={t('nav.policy')}>
      {(policy) => (
        <section aria-labelledby="policy-title">
          <h1 id="policy-title">{t('policy.title')}</h1>
          <p>
            {t('policy.current')}: <strong data-testid="policy-version">{policy.version}</strong>
          </p>
          <h2>{t('policy.timeline')}</h2>
          <Timeline policy={policy.current} now={new Date()} />
          <h2>{t('policy.history')}</h2>
          <ul className="plain">
            {policy.history.map((h) => (
              <li key={h.version}>
                <strong>{h.version}</strong> · {formatTime(h.publishedAt, lang)} · {h.publishedBy}
                {h.note ? ` · ${h.note}` : ''}
              </li>
            ))}
          </ul>
          {canValidate ? (
            <>
              <h2>{t('policy.editor')}</h2>
              <div className="editor">
                <div className="gutter" aria-hidden="true">
                  {Array.from({ length: lines }, (_, i) => (
                    <div key={i} className={errorLines.has(i + 1) ? 'bad' : ''}>
                      {i + 1}
                    </div>
                  ))}
                </div>
                <label htmlFor="policy-yaml" className="sr-only">
                  {t('policy.editor')}
                </label>
                <textarea
                  id="policy-yaml"
                  spellCheck={false}
                  rows={Math.min(30, lines + 1)}
                  value={draft}
                  onChange={(e) => {
                    setText(e.target.value)
                    setPublished(null)
                  }}
                  aria-invalid={issues.length > 0}
                  aria-describedby="policy-issues"
                />
              </div>
              <div id="policy-issues" aria-live="polite">
                {issues.length > 0 ? (
                  <ul className="issues" data-testid="policy-issues">
                    {issues.map((issue, i) => (
                      <li key={i}>
                        {issue.line !== null ? <strong>{t('policy.line', { n: issue.line })}</strong> : null}{' '}
                        <code>{issue.code}</code> {issue.path.join('.')} — {issue.message}
                      </li>
                    ))}
                  </ul>
                ) : text !== null && validVersion ? (
                  <p className="ok">{t('policy.valid', { version: validVersion })}</p>
                ) : null}
              </div>
              {isAdmin ? (
                <div className="buttons">
                  <button
                    type="button"
                    onClick={() => void simulate()}
                    disabled={text === null || issues.length > 0}
                  >
                    {t('policy.simulate')}
                  </button>
                  <label htmlFor="publish-note">{t('policy.note')}</label>
                  <input id="publish-note" value={note} onChange={(e) => setNote(e.target.value)} />
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void publish()}
                    disabled={text === null || issues.length > 0}
                  >
                    {t('policy.publish')}
                  </button>
                </div>
              ) : null}
              {published ? (
                <p className="ok" role="status">
                  {t('policy.published', { version: published })}
                </p>
              ) : null}
              {error ? <ErrorNote error={error} /> : null}
              {simulation ? <SimulationTable report={simulation} /> : null}
            </>
          ) : null}
        </section>
      )}
    </LoadView>
  )
}

function SimulationTable({ report }: { report: SimulationReport }) {
  const { t } = useI18n()
  return (
    <section aria-labelledby="sim-title">
      <h2 id="sim-title">{t('policy.simulation')}</h2>
      <p>
        {t('policy.simSummary', {
          changed: report.changed,
          total: report.total,
          from: report.currentVersion,
          to: report.draftVersion,
        })}
      </p>
      <div className="table-wrap">
        <table data-testid="simulation">
          <thead>
            <tr>
              <th scope="col">{t('case.scenario')}</th>
              <th scope="col">{t('queue.category')}</th>
              <th scope="col">{t('policy.changedOf')}</th>
              <th scope="col">{t('policy.transitions')}</th>
              <th scope="col">{t('policy.examples')}</th>
            </tr>
          </thead>
          <tbody>
            {report.cells.map((cell) => (
              <tr key={`${cell.scenario}/${cell.category}`} className={cell.changed > 0 ? 'changed' : ''}>
                <td>{t(`scenario.${cell.scenario}` as 'scenario.direct')}</td>
                <td>{cell.category}</td>
                <td className="num">
                  {cell.changed} / {cell.total}
                </td>
                <td>
                  {Object.entries(cell.transitions)
                    .map(([k, n]) => `${k.replace('->', ' → ')} ×${n}`)
                    .join('，')}
                </td>
                <td>
                  {cell.examples.map((e) => (
                    <div key={e.url} className="url">
                      {e.url}: {e.from} → {e.to}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
