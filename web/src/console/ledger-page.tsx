import { useState } from 'react'
import { api } from '../api.js'
import { formatTime, LoadView, useLoad } from '../common.js'
import { useI18n } from '../i18n.js'
import type { ConsoleSession } from './console-app.js'

interface LedgerEvent {
  seq: number
  at: string
  kind: string
  actor: string
  subject: string
  payload: unknown
  prevHash: string
  hash: string
}

interface LedgerPageData {
  items: LedgerEvent[]
  next: number | null
  head: { seq: number; hash: string }
}

type Verification = { ok: boolean; count?: number; lastSeq?: number; headHash?: string } & Record<
  string,
  unknown
>

const PAGE = 50

/** The hash-chained ledger, page by page, with the server's verification of the whole chain. */
export function LedgerPage({ session }: { session: ConsoleSession }) {
  const { t, lang } = useI18n()
  const [after, setAfter] = useState(0)
  const [trail, setTrail] = useState<number[]>([])
  const [kind, setKind] = useState('')
  const page = useLoad(
    () => api<LedgerPageData>('/v1/ledger', { key: session.key, query: { after, limit: PAGE } }),
    [after, session.key],
  )
  const verify = useLoad(() => api<Verification>('/v1/ledger/verify', { key: session.key }), [session.key])
  return (
    <section aria-labelledby="ledger-title">
      <h1 id="ledger-title">{t('ledger.title')}</h1>
      <div aria-live="polite">
        <LoadView loaded={verify} what={t('nav.ledger')}>
          {(v) => (
            <p className={v.ok ? 'ok' : 'notice error'} data-testid="ledger-verify">
              {v.ok
                ? t('ledger.verified', { count: v.count ?? 0, hash: (v.headHash ?? '').slice(0, 16) })
                : t('ledger.broken', { detail: JSON.stringify(v) })}
            </p>
          )}
        </LoadView>
      </div>
      <button type="button" onClick={verify.reload}>
        {t('ledger.reverify')}
      </button>
      <label htmlFor="ledger-kind">{t('ledger.filterKind')}</label>
      <input
        id="ledger-kind"
        type="search"
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        placeholder="policy.published"
      />
      <LoadView loaded={page} what={t('nav.ledger')}>
        {(data) => (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('case.time')}</th>
                    <th scope="col">{t('ledger.kind')}</th>
                    <th scope="col">{t('ledger.actor')}</th>
                    <th scope="col">{t('ledger.subject')}</th>
                    <th scope="col">{t('ledger.hash')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items
                    .filter((e) => kind === '' || e.kind.includes(kind))
                    .map((e) => (
                      <tr key={e.seq}>
                        <td className="num">{e.seq}</td>
                        <td>{formatTime(e.at, lang)}</td>
                        <td>
                          <details>
                            <summary>{e.kind}</summary>
                            <pre>{JSON.stringify(e.payload, null, 2)}</pre>
                          </details>
                        </td>
                        <td className="mono">{e.actor}</td>
                        <td className="mono">{e.subject}</td>
                        <td className="mono" title={`prev ${e.prevHash}`}>
                          {e.hash.slice(0, 12)}…
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
            <p className="buttons">
              <button
                type="button"
                disabled={trail.length === 0}
                onClick={() => {
                  setAfter(trail.at(-1) ?? 0)
                  setTrail((list) => list.slice(0, -1))
                }}
              >
                {t('common.prev')}
              </button>
              <button
                type="button"
                disabled={data.next === null}
                onClick={() => {
                  setTrail((list) => [...list, after])
                  setAfter(data.next ?? 0)
                }}
              >
                {t('common.next')}
              </button>
              <span>{t('ledger.head', { seq: data.head.seq })}</span>
            </p>
          </>
        )}
      </LoadView>
    </section>
  )
}
