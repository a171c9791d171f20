import { useState } from 'react'
import { api } from '../api.js'
import { ErrorNote, formatTime } from '../common.js'
import { useI18n } from '../i18n.js'
import type { ConsoleSession } from './console-app.js'
import type { AppealView } from './types.js'

/** One appeal: its text and, while pending, the form to decide it (by a different reviewer). */
export function AppealPanel({
  session,
  appeal,
  canDecide,
  onDecided,
}: {
  session: ConsoleSession
  appeal: AppealView
  canDecide: boolean
  onDecided(): void
}) {
  const { t, lang } = useI18n()
  const [outcome, setOutcome] = useState<'upheld' | 'reversed'>('reversed')
  const [response, setResponse] = useState('')
  const [error, setError] = useState<unknown>(null)
  const decide = async () => {
    setError(null)
    try {
      await api(`/v1/appeals/${encodeURIComponent(appeal.id)}/decision`, {
        method: 'POST',
        key: session.key,
        body: { outcome, response },
      })
      onDecided()
    } catch (caught) {
      setError(caught)
    }
  }
  return (
    <article className="appeal" aria-label={t('appeal.label')}>
      <p>
        <strong>{t(`appealBy.${appeal.by}`)}</strong> · {formatTime(appeal.filedAt, lang)} ·{' '}
        <span className={`badge appeal-${appeal.state}`}>{t(`appealState.${appeal.state}`)}</span>
      </p>
      <blockquote>{appeal.text}</blockquote>
      {appeal.response ? (
        <p>
          {t('appeal.response')}: {appeal.response} ({appeal.decidedBy})
        </p>
      ) : null}
      {appeal.state === 'pending' && canDecide ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void decide()
          }}
        >
          <fieldset>
            <legend>{t('appeal.outcome')}</legend>
            {(['upheld', 'reversed'] as const).map((o) => (
              <label key={o} className="inline">
                <input
                  type="radio"
                  name={`outcome-${appeal.id}`}
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                />{' '}
                {t(`appealState.${o}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`response-${appeal.id}`}>{t('appeal.response')}</label>
          <textarea
            id={`response-${appeal.id}`}
            required
            rows={2}
            value={response}
            onChange={(e) => setResponse(e.target.value)}
          />
          <p className="hint">{t('appeal.differentReviewer')}</p>
          <button type="submit" className="primary" disabled={response.trim() === ''}>
            {t('appeal.decide')}
          </button>
          {error ? <ErrorNote error={error} /> : null}
        </form>
      ) : null}
    </article>
  )
}
