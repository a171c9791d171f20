import { useState } from 'react'
import { api } from '../api.js'
import { ActionBadge, ErrorNote, formatTime, LoadView, useLoad } from '../common.js'
import { useI18n } from '../i18n.js'
import { Link } from '../router.js'
import { AppealPanel } from './appeal-panel.js'
import type { ConsoleSession } from './console-app.js'
import { DecisionForm } from './decision-form.js'
import { baseRole } from './session.js'
import type { AppealView, CaseDetail, ReasonEntry } from './types.js'

function actorOf(session: ConsoleSession): string {
  return `${session.principal.role}:${session.principal.keyId}`
}

export function CasePage({ session, caseId }: { session: ConsoleSession; caseId: string }) {
  const { t, lang } = useI18n()
  const [error, setError] = useState<unknown>(null)
  const detail = useLoad(
    () => api<CaseDetail>(`/v1/cases/${encodeURIComponent(caseId)}`, { key: session.key }),
    [caseId, session.key],
  )
  const appeals = useLoad(
    async () =>
      (await api<{ items: AppealView[] }>('/v1/appeals', { key: session.key })).items.filter(
        (a) => a.caseId === caseId,
      ),
    [caseId, session.key],
  )
  const reasons = useLoad(() => api<{ reasons: ReasonEntry[] }>('/v1/reasons'), [])
  const reviewer = baseRole(session.principal.role) === 'reviewer'
  const me = actorOf(session)
  const claim = async (release: boolean) => {
    setError(null)
    try {
      await api(`/v1/cases/${encodeURIComponent(caseId)}/claim`, {
        method: release ? 'DELETE' : 'POST',
        key: session.key,
      })
      detail.reload()
    } catch (caught) {
      setError(caught)
    }
  }
  const refresh = () => {
    detail.reload()
    appeals.reload()
  }
  return (
    <LoadView loaded={detail} what={t('case.title')}>
      {(c) => (
        <article aria-labelledby="case-title">
          <p>
            <Link href="/console/queue">← {t('nav.queue')}</Link>
          </p>
          <h1 id="case-title">
            {t('case.title')} <span className="url">{c.url}</span>
          </h1>
          <dl className="facts">
            <dt>{t('case.domain')}</dt>
            <dd>{c.domain}</dd>
            <dt>{t('queue.provider')}</dt>
            <dd>{c.provider ?? '—'}</dd>
            <dt>{t('queue.state')}</dt>
            <dd data-testid="case-state">{t(`caseState.${c.state}`)}</dd>
            <dt>{t('queue.priority')}</dt>
            <dd>{Math.round(c.priority)}</dd>
            <dt>{t('queue.reports')}</dt>
            <dd>
              {c.reportCount} / {c.distinctReporters}
            </dd>
            <dt>{t('queue.lease')}</dt>
            <dd data-testid="lease">
              {c.claimedBy
                ? `${c.claimedBy === me ? t('case.you') : c.claimedBy} · ${t('case.until')} ${formatTime(c.claimUntil, lang)}`
                : t('case.unclaimed')}
            </dd>
          </dl>
          {reviewer && c.state !== 'closed' ? (
            <p className="buttons">
              {c.claimedBy === me ? (
                <button type="button" onClick={() => void claim(true)}>
                  {t('case.release')}
                </button>
              ) : (
                <button
                  type="button"
                  onClick={() => void claim(false)}
                  disabled={c.claimedBy !== null && c.claimedBy !== undefined}
                >
                  {c.claimedBy === me ? t('case.renew') : t('queue.claim')}
                </button>
              )}
            </p>
          ) : null}
          {error ? <ErrorNote error={error} /> : null}

          <h2>{t('case.reports')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('case.time')}</th>
                  <th scope="col">{t('queue.category')}</th>
                  <th scope="col">{t('case.scenario')}</th>
                  <th scope="col">{t('case.reporter')}</th>
                  <th scope="col">{t('case.weight')}</th>
                  <th scope="col">{t('case.text')}</th>
                  <th scope="col">{t('case.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {c.reports.map((r) => (
                  <tr key={r.id}>
                    <td>{formatTime(r.createdAt, lang)}</td>
                    <td>{t(`complaint.${r.category}` as 'complaint.other')}</td>
                    <td>{t(`scenario.${r.scenario}` as 'scenario.direct')}</td>
                    <td className="mono">{r.reporter}</td>
                    <td className="num">{r.weight.toFixed(2)}</td>
                    <td>{r.text ?? ''}</td>
                    <td>{r.outcome ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>{t('case.evidence')}</h2>
          {c.evidence.length === 0 ? <p className="empty">{t('case.noEvidence')}</p> : null}
          {c.evidence.map((e) => (
            <dl key={e.id} className="facts evidence">
              <dt>{t('case.evidenceState')}</dt>
              <dd>
                {e.state}
                {e.error ? ` · ${e.error}` : ''}
              </dd>
              <dt>{t('case.title2')}</dt>
              <dd>{e.title ?? '—'}</dd>
              <dt>{t('case.finalUrl')}</dt>
              <dd className="url">{e.finalUrl ?? '—'}</dd>
              <dt>{t('case.chain')}</dt>
              <dd>
                {e.chain && e.chain.length > 0 ? (
                  <ol>
                    {e.chain.map((hop, i) => (
                      <li key={i} className="url">
                        {hop.status} {hop.url}
                      </li>
                    ))}
                  </ol>
                ) : (
                  '—'
                )}
              </dd>
              <dt>{t('case.status')}</dt>
              <dd>{e.httpStatus ?? '—'}</dd>
              <dt>{t('case.hash')}</dt>
              <dd className="mono">{e.contentSha256 ?? '—'}</dd>
              <dt>{t('case.captured')}</dt>
              <dd>{formatTime(e.capturedAt, lang)}</dd>
            </dl>
          ))}

          <h2>{t('case.decisions')}</h2>
          {c.decisions.length === 0 ? <p className="empty">{t('case.noDecisions')}</p> : null}
          <ul className="plain">
            {c.decisions.map((d) => (
              <li key={d.id} data-testid="decision">
                <ActionBadge action={d.action === 'dismiss' ? null : d.action} />{' '}
                {d.action === 'dismiss' ? t('decision.action.dismiss') : ''} {d.reason} · {d.decidedBy} ·{' '}
                {formatTime(d.decidedAt, lang)}
                {d.liftedAt ? (
                  <span className="badge lifted">
                    {t('case.lifted')} {formatTime(d.liftedAt, lang)} {d.liftedReason ?? ''}
                  </span>
                ) : null}
                <details>
                  <summary>{t('decision.statement')}</summary>
                  <pre>{JSON.stringify(d.statement, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ul>

          <h2>{t('case.appeals')}</h2>
          <LoadView loaded={appeals} what={t('case.appeals')}>
            {(list) =>
              list.length === 0 ? (
                <p className="empty">{t('case.noAppeals')}</p>
              ) : (
                <>
                  {list.map((a) => (
                    <AppealPanel
                      key={a.id}
                      session={session}
                      appeal={a}
                      canDecide={reviewer}
                      onDecided={refresh}
                    />
                  ))}
                </>
              )
            }
          </LoadView>

          {reviewer && c.state !== 'closed' && reasons.data ? (
            <DecisionForm session={session} detail={c} reasons={reasons.data.reasons} onDecided={refresh} />
          ) : null}

          <h2>{t('case.history')}</h2>
          <ol className="history">
            {c.history.map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{formatTime(h.at, lang)}</time> · <strong>{h.kind}</strong> · {h.by}
              </li>
            ))}
          </ol>
        </article>
      )}
    </LoadView>
  )
}
