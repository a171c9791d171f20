import { createHash, createHmac } from 'node:crypto'

// China Standard Time has no daylight saving: a fixed +8 h offset gives the Asia/Shanghai calendar day.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/**
 * The Asia/Shanghai calendar day of an instant, `YYYY-MM-DD`.
 * @example shanghaiDay(new Date('2021-09-16T16:00:00Z')) // '2021-09-17'
 */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/**
 * A reporter's pseudonym: HMAC-SHA256 of the platform's reporter id under the service key. The ledger
 * and statistics see only this; the raw id stays in the report row for the platform's own look-ups.
 * @example reporterHash(key, 'user-1') // 'rp_…' (stable per key)
 */
export function reporterHash(signingKey: string, reporterId: string): string {
  return (
    'rp_' +
    createHmac('sha256', signingKey).update('hutong.reporter\0').update(reporterId).digest('hex').slice(0, 32)
  )
}

/**
 * The key under which the same reporter, link, category and day count once.
 * @example dedupKey('rp_1', 'https://a.com/', 'fraud', at) === dedupKey('rp_1', 'https://a.com/', 'fraud', at) // true
 */
export function dedupKey(reporter: string, subjectKey: string, category: string, at: Date): string {
  return createHash('sha256')
    .update(`${reporter}\0${subjectKey}\0${category}\0${shanghaiDay(at)}`)
    .digest('hex')
    .slice(0, 40)
}
