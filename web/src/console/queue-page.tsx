import { useState } from 'react'
import { api } from '../api.js'
import { ErrorNote, formatTime, LoadView, useLoad } from '../common.js'
import { useI18n } from '../i18n.js'
import { Link } from '../router.js'
import type { ConsoleSession } from './console-app.js'
import { baseRole } from './session.js'
import { COMPLAINT_CATEGORIES, type AppealView, type CaseSummary } from './types.js'

export function QueuePage({ session }: { session: ConsoleSession }) {
  const { t, lang } = useI18n()
  const [state, setState] = useState('open')
  const [category, setCategory] = useState('')
  const [provider, setProvider] = useState('')
  const [sort, setSort] = useState('priority')
  const [claimError, setClaimError] = useState<unknown>(null)
  const reviewer = baseRole(session.principal.role) === 'reviewer'
  const cases = useLoad(
    () =>
      api<{ items: CaseSummary[] }>('/v1/cases', {
        key: session.key,
        query: { state, category, provider: provider.trim(), sort },
      }),
    [state, category, provider, sort, session.key],
  )
  const appeals = useLoad(
    () => api<{ items: AppealView[] }>('/v1/appeals', { key: session.key, query: { state: 'pending' } }),
    [session.key],
  )
  const claim = async (id: string) => {
    setClaimError(null)
    try {
      await api(`/v1/cases/${encodeURIComponent(id)}/claim`, { method: 'POST', key: session.key })
      cases.reload()
    } catch (error) {
      setClaimError(error)
    }
  }
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('queue.filters')}>
        <label>
          {t('queue.state')}
          <select value={state} onChange={(e) => setState(e.target.value)}>
            {['open', 'escalated', 'closed'].map((s) => (
              <option key={s} value={s}>
                {t(`caseState.${s}` as 'caseState.open')}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('queue.category')}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {COMPLAINT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`complaint.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('queue.provider')}
          <input value={provider} onChange={(e) => setProvider(e.target.value)} placeholder="jd, taobao…" />
        </label>
        <label>
          {t('queue.sort')}
          <select value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="priority">{t('queue.sortPriority')}</option>
            <option value="recent">{t('queue.sortRecent')}</option>
          </select>
        </label>
      </form>
      {claimError ? <ErrorNote error={claimError} /> : null}
      <LoadView loaded={cases} what={t('nav.queue')}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="empty">{t('queue.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="sr-only">{t('queue.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('queue.priority')}</th>
                    <th scope="col">{t('queue.link')}</th>
                    <th scope="col">{t('queue.provider')}</th>
                    <th scope="col">{t('queue.reports')}</th>
                    <th scope="col">{t('queue.categories')}</th>
                    <th scope="col">{t('queue.lease')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id} data-case-id={c.id}>
                      <td className="num">{Math.round(c.priority)}</td>
                      <td>
                        <Link href={`/console/cases/${c.id}`} className="url">
                          {c.url}
                        </Link>
                        {c.heldReason ? <span className="badge held">{t('queue.held')}</span> : null}
                      </td>
                      <td>{c.provider ?? '—'}</td>
                      <td className="num">
                        {c.reportCount} / {c.distinctReporters}
                      </td>
                      <td>
                        {Object.entries(c.categories)
                          .map(([k, n]) => `${t(`complaint.${k}` as 'complaint.other')} ${n}`)
                          .join('，')}
                      </td>
                      <td>{c.claimedBy ? `${c.claimedBy} · ${formatTime(c.claimUntil, lang)}` : '—'}</td>
                      <td>
                        {reviewer && !c.claimedBy && c.state !== 'closed' ? (
                          <button
                            type="button"
                            onClick={() => void claim(c.id)}
                            aria-label={`${t('queue.claim')} ${c.url}`}
                          >
                            {t('queue.claim')}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </LoadView>
      <h2>{t('queue.appeals')}</h2>
      <LoadView loaded={appeals} what={t('queue.appeals')}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="empty">{t('queue.noAppeals')}</p>
          ) : (
            <ul className="plain">
              {data.items.map((a) => (
                <li key={a.id}>
                  <Link href={`/console/cases/${a.caseId}`}>
                    {t('queue.appealItem', { by: t(`appealBy.${a.by}`), at: formatTime(a.filedAt, lang) })}
                  </Link>{' '}
                  — {a.text}
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </section>
  )
}
