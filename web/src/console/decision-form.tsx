import { useMemo, useState, type FormEvent } from 'react'
import { api } from '../api.js'
import { ErrorNote } from '../common.js'
import { useI18n } from '../i18n.js'
import type { ConsoleSession } from './console-app.js'
import { CATEGORY_REASON, SCENARIOS, type CaseDetail, type ReasonEntry, type Scenario } from './types.js'

type Action = 'dismiss' | 'warn' | 'block'
type Scope = 'url' | 'url-prefix' | 'domain'
type Ground = 'illegal' | 'terms'

function mostReported(categories: Record<string, number>): string {
  return Object.entries(categories).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'other'
}

/** The decision form; it shows the statement of reasons as it will be published, before it is sent. */
export function DecisionForm({
  session,
  detail,
  reasons,
  onDecided,
}: {
  session: ConsoleSession
  detail: CaseDetail
  reasons: ReasonEntry[]
  onDecided(): void
}) {
  const { t, pick } = useI18n()
  const category = mostReported(detail.categories)
  const [action, setAction] = useState<Action>('block')
  const [scope, setScope] = useState<Scope>('url')
  const [scenarios, setScenarios] = useState<Scenario[]>([])
  const [duration, setDuration] = useState('')
  const [ground, setGround] = useState<Ground>('terms')
  const [reason, setReason] = useState(CATEGORY_REASON[category] ?? 'CONTENT_OTHER')
  const [explanation, setExplanation] = useState('')
  const [facts, setFacts] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const choices = reasons.filter((r) => r.kind === 'content' || r.kind === 'case')
  const entry = reasons.find((r) => r.code === reason)
  const statement = useMemo(() => {
    const start = new Date()
    const hours = Number(duration)
    const end = duration !== '' && hours > 0 ? new Date(start.getTime() + hours * 3600_000) : null
    return { start, end }
  }, [duration])
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api(`/v1/cases/${encodeURIComponent(detail.id)}/decision`, {
        method: 'POST',
        key: session.key,
        body: {
          action,
          scope,
          ground,
          reason,
          explanation,
          ...(scenarios.length > 0 ? { scenarios } : {}),
          ...(duration !== '' ? { durationHours: Number(duration) } : {}),
          ...(facts.trim() !== '' ? { facts } : {}),
        },
      })
      onDecided()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  const toggle = (s: Scenario) =>
    setScenarios((list) => (list.includes(s) ? list.filter((x) => x !== s) : [...list, s]))
  const visibility =
    action === 'block'
      ? t('decision.visBlock')
      : action === 'warn'
        ? t('decision.visWarn')
        : t('decision.visNone')
  return (
    <form className="decision" onSubmit={(e) => void submit(e)} aria-labelledby="decision-title">
      <h2 id="decision-title">{t('decision.title')}</h2>
      <div className="grid2">
        <fieldset>
          <legend>{t('decision.action')}</legend>
          {(['dismiss', 'warn', 'block'] as const).map((a) => (
            <label key={a} className="inline">
              <input
                type="radio"
                name="action"
                value={a}
                checked={action === a}
                onChange={() => setAction(a)}
              />{' '}
              {t(`decision.action.${a}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('decision.scope')}</legend>
          {(['url', 'url-prefix', 'domain'] as const).map((s) => (
            <label key={s} className="inline">
              <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />{' '}
              {t(`decision.scope.${s}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('decision.scenarios')}</legend>
          {SCENARIOS.map((s) => (
            <label key={s} className="inline">
              <input type="checkbox" checked={scenarios.includes(s)} onChange={() => toggle(s)} />{' '}
              {t(`scenario.${s}`)}
            </label>
          ))}
          <p className="hint">{t('decision.scenariosHint')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('decision.ground')}</legend>
          {(['terms', 'illegal'] as const).map((g) => (
            <label key={g} className="inline">
              <input
                type="radio"
                name="ground"
                value={g}
                checked={ground === g}
                onChange={() => setGround(g)}
              />{' '}
              {t(`decision.ground.${g}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <label htmlFor="decision-reason">{t('decision.reason')}</label>
      <select id="decision-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
        {choices.map((r) => (
          <option key={r.code} value={r.code}>
            {r.code} — {pick(r)}
          </option>
        ))}
      </select>
      <label htmlFor="decision-duration">{t('decision.duration')}</label>
      <input
        id="decision-duration"
        type="number"
        min={1}
        max={8784}
        inputMode="numeric"
        value={duration}
        onChange={(e) => setDuration(e.target.value)}
        aria-describedby="duration-hint"
      />
      <p id="duration-hint" className="hint">
        {t('decision.durationHint')}
      </p>
      <label htmlFor="decision-explanation">{t('decision.explanation')}</label>
      <textarea
        id="decision-explanation"
        required
        rows={3}
        value={explanation}
        onChange={(e) => setExplanation(e.target.value)}
      />
      <label htmlFor="decision-facts">{t('decision.facts')}</label>
      <textarea id="decision-facts" rows={2} value={facts} onChange={(e) => setFacts(e.target.value)} />
      <section className="statement" aria-labelledby="statement-title">
        <h3 id="statement-title">{t('decision.statement')}</h3>
        <dl>
          <dt>{t('decision.action')}</dt>
          <dd>
            {t(`decision.action.${action}`)} · {visibility}
          </dd>
          <dt>{t('decision.ground')}</dt>
          <dd>{t(`decision.ground.${ground}`)}</dd>
          <dt>{t('decision.reason')}</dt>
          <dd>
            {reason} — {entry ? pick(entry) : ''}
          </dd>
          <dt>{t('queue.category')}</dt>
          <dd>{t(`complaint.${category}` as 'complaint.other')}</dd>
          <dt>{t('decision.automated')}</dt>
          <dd>{t('decision.notAutomated')}</dd>
          <dt>{t('decision.scope')}</dt>
          <dd>
            {t(`decision.scope.${scope}`)} · {scope === 'domain' ? detail.domain : detail.url} ·{' '}
            {scenarios.length > 0
              ? scenarios.map((s) => t(`scenario.${s}`)).join('、')
              : t('decision.allScenarios')}
          </dd>
          <dt>{t('decision.period')}</dt>
          <dd>
            {statement.start.toISOString()} →{' '}
            {statement.end ? statement.end.toISOString() : t('decision.untilLifted')}
          </dd>
        </dl>
      </section>
      {error ? <ErrorNote error={error} /> : null}
      <button type="submit" className="primary" disabled={busy || explanation.trim() === ''}>
        {t('decision.submit')}
      </button>
    </form>
  )
}
