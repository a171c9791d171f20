import { createHmac, timingSafeEqual } from 'node:crypto'

/** How far a signature's timestamp may be from the receiver's clock, as in Stripe's scheme. */
export const SIGNATURE_TOLERANCE_SECONDS = 300

/**
 * The `Hutong-Signature` header for a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 * @example signWebhook('whsec_x', '{"a":1}', new Date(0)) // 't=0,v1=…'
 */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000)
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`
}

export type SignatureCheck =
  { ok: true; timestamp: number } | { ok: false; problem: 'malformed' | 'stale' | 'mismatch' }

/**
 * Verifies a `Hutong-Signature` header against the raw body, within SIGNATURE_TOLERANCE_SECONDS of `now`.
 * Accepts several `v1=` entries (during secret rotation). Never throws.
 * @example verifyWebhookSignature(secret, request.headers['hutong-signature'], rawBody, new Date()).ok
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined | null,
  body: string,
  now: Date,
): SignatureCheck {
  if (typeof header !== 'string' || header.length > 2048) return { ok: false, problem: 'malformed' }
  let timestamp: number | null = null
  const signatures: string[] = []
  for (const part of header.split(',')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value)
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value)
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, problem: 'malformed' }
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS)
    return { ok: false, problem: 'stale' }
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest()
  for (const signature of signatures) {
    if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: true, timestamp }
  }
  return { ok: false, problem: 'mismatch' }
}

/**
 * The delay before retry `attempt` (1-based): exponential from `baseMs`, capped, with ±20 % jitter from `random`.
 * @example retryDelayMs(1, 2000, 3_600_000, 0.5) // 2000
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(raw * (0.8 + 0.4 * Math.min(1, Math.max(0, random))))
}
