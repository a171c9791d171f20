import { describe, expect, it } from 'vitest'
import { backoffMs, createTransport, parseRetryAfter } from './transport.js'

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it('reads delay-seconds and HTTP dates, and ignores what is neither', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2)
    expect(parseRetryAfter(' 120 ', now)).toBe(120)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })
})

describe('backoff', () => {
  it('doubles per attempt within ±50 % jitter and never passes the cap', () => {
    expect(backoffMs(1, 200, 30_000, 1)).toBe(200)
    expect(backoffMs(1, 200, 30_000, 0)).toBe(100)
    expect(backoffMs(4, 200, 30_000, 1)).toBe(1_600)
    expect(backoffMs(20, 200, 30_000, 1)).toBe(30_000)
  })

  it('caps a long Retry-After at maxRetryDelayMs', async () => {
    let calls = 0
    const fetch = (() => {
      calls++
      return Promise.resolve(
        calls === 1
          ? new Response('{"error":"unavailable","message":"down"}', {
              status: 503,
              headers: { 'retry-after': '3600' },
            })
          : new Response('{"ok":true}', { status: 200 }),
      )
    }) as typeof globalThis.fetch
    const call = createTransport({ baseUrl: 'http://hutong.test/', fetch, maxRetryDelayMs: 50 })
    const started = performance.now()
    expect(await call('GET', '/v1/policy', { idempotent: true })).toEqual({ ok: true })
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(calls).toBe(2)
  })

  it('stops waiting when the caller aborts', async () => {
    const fetch = (() =>
      Promise.resolve(
        new Response('{"error":"rate_limited","message":"x"}', {
          status: 429,
          headers: { 'retry-after': '60' },
        }),
      )) as typeof globalThis.fetch
    const call = createTransport({ baseUrl: 'http://hutong.test', fetch })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('user gave up')), 30)
    await expect(call('GET', '/v1/ledger', { idempotent: true, signal: controller.signal })).rejects.toThrow(
      'user gave up',
    )
  })
})
