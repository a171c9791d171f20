import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS } from './support/backends.js'
import { startHarness, type Harness } from './support/harness.js'
import {
  createHutongClient,
  HutongApiError,
  signWebhook,
  verifyWebhookSignature,
  type HutongClient,
} from '../src/client/index.js'

describe('hutong/client against a real server', () => {
  let harness: Harness
  let baseUrl = ''
  const client = (role: keyof Harness['keys']): HutongClient =>
    createHutongClient({ baseUrl, apiKey: harness.keys[role], retries: 0 })

  beforeAll(async () => {
    harness = await startHarness(BACKENDS[0]!)
    baseUrl = await harness.app.listen({ host: '127.0.0.1', port: 0 })
  }, 30_000)
  afterAll(async () => harness?.close())

  it('inspects one message and a batch, and extracts links', async () => {
    const platform = client('platform')
    const one = await platform.inspect({
      text: '链接 https://item.jd.com/100012043978.html',
      scenario: 'direct',
      clientVersion: '8.0.20',
    })
    expect(one.links).toHaveLength(1)
    expect(one.links[0]!.provider).toBe('jd')
    expect(one.links[0]!.decision.action).toBe('open')
    expect(one.links[0]!.goUrl).toContain('/go/')
    const batch = await platform.inspectBatch([
      { text: 'https://item.jd.com/1.html', scenario: 'feed', clientVersion: '8.0.20' },
      { text: 'no links here', scenario: 'group' },
    ])
    expect(batch.map((r) => r.links.length)).toEqual([1, 0])
    expect(batch[0]!.links[0]!.decision.reasons.length).toBeGreaterThan(0)
    expect((await platform.extract('看 https://b23.tv/abc 和 jd.com')).links.map((l) => l.host)).toContain(
      'b23.tv',
    )
  })

  it('validates, publishes and reads back policy; the ledger iterator walks every page', async () => {
    const admin = client('admin')
    const state = await admin.policy.get()
    const invalid = await admin.policy.validate({ document: { version: 'x' } })
    expect(invalid.ok).toBe(false)
    if (!invalid.ok) expect(invalid.issues.length).toBeGreaterThan(0)
    const document = { ...state.current, version: 'sdk-test.2' }
    expect(await admin.policy.validate({ document })).toEqual({ ok: true, version: 'sdk-test.2' })
    const published = await admin.policy.publish({ document, note: 'from the SDK' })
    expect(published.version).toBe('sdk-test.2')
    expect((await admin.policy.get()).version).toBe('sdk-test.2')
    const again = await admin.policy.publish({ document }).catch((error: unknown) => error)
    expect(again).toBeInstanceOf(HutongApiError)
    expect(again).toMatchObject({ status: 409, code: 'policy_version_exists' })

    await admin.groupSettings.put('g-sdk', { defaults: {} })
    expect(await admin.groupSettings.get('g-sdk')).toEqual({ defaults: {} })
    const auditor = client('auditor')
    const seqs: number[] = []
    for await (const event of auditor.ledger.events({ pageSize: 2 })) seqs.push(event.seq)
    const verified = await auditor.ledger.verify()
    expect(verified.ok).toBe(true)
    expect(seqs).toEqual(Array.from({ length: verified.count }, (_, i) => i + 1))
    expect((await auditor.ledger.page({ after: seqs.length - 1 })).next).toBeNull()
  })

  it('submits a report once even when the same submission is retried, and lists its case', async () => {
    const platform = client('platform')
    const report = {
      reporterId: 'u-sdk',
      url: 'https://phish.example.org/login',
      scenario: 'group' as const,
      category: 'fraud' as const,
      idempotencyKey: 'sdk-1',
    }
    const first = await platform.reports.submit(report)
    const replay = await platform.reports.submit(report)
    expect(replay.id).toBe(first.id)
    expect((await platform.reports.get(first.id)).id).toBe(first.id)
    const cases = await client('reviewer').cases.list({ sort: 'recent' })
    expect(cases.map((c) => c.id)).toContain(first.caseId)
  })

  it('sets preferences within bounds and runs a dial test', async () => {
    const platform = client('platform')
    const prefs = await platform.preferences.put('u-pref', { systemBrowser: true })
    expect(prefs.systemBrowser).toBe(true)
    expect((await platform.preferences.get('u-pref')).systemBrowser).toBe(true)
    const { rows } = await platform.dialtest({
      urls: ['https://item.jd.com/1.html'],
      scenarios: ['direct', 'group'],
    })
    expect(rows).toHaveLength(2)
  })

  it('throws HutongApiError with the server code and issues', async () => {
    const anonymous = createHutongClient({ baseUrl, apiKey: 'htk_not_a_key', retries: 0 })
    await expect(anonymous.inspect({ text: 'x', scenario: 'direct' })).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
    })
    const bad = await client('platform')
      .inspect({ text: 'x', scenario: 'elevator' as never })
      .then(
        () => null,
        (error: unknown) => error as HutongApiError,
      )
    expect(bad).toBeInstanceOf(HutongApiError)
    expect(bad!.status).toBe(400)
    expect(bad!.issues[0]!.path).toContain('scenario')
    expect(await client('platform').health()).toEqual({ status: 'ok', store: 'pglite' })
  })
})

describe('hutong/client retries and timeouts', () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    })

  function scripted(answers: (() => Response | Promise<Response>)[]) {
    const calls: { url: string; init: RequestInit | undefined }[] = []
    const fetch = ((url: URL, init?: RequestInit) => {
      calls.push({ url: String(url), init })
      const next = answers[Math.min(calls.length - 1, answers.length - 1)]!
      return Promise.resolve().then(next)
    }) as typeof globalThis.fetch
    return { fetch, calls }
  }

  it('waits as long as Retry-After says on 503, then succeeds', async () => {
    const { fetch, calls } = scripted([
      () => json(503, { error: 'unavailable', message: 'db down' }, { 'retry-after': '1' }),
      () => json(200, { links: [], shares: [], policyVersion: 'v' }),
    ])
    const sdk = createHutongClient({ baseUrl: 'http://hutong.test', apiKey: 'k', fetch, retryBaseMs: 1 })
    const started = performance.now()
    expect((await sdk.inspect({ text: 'x', scenario: 'direct' })).policyVersion).toBe('v')
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
    expect(calls).toHaveLength(2)
    expect(new Headers(calls[0]!.init!.headers).get('authorization')).toBe('Bearer k')
  })

  it('backs off on 429 up to the retry budget, then throws the last error', async () => {
    const { fetch, calls } = scripted([() => json(429, { error: 'rate_limited', message: 'slow down' })])
    const sdk = createHutongClient({ baseUrl: 'http://hutong.test', fetch, retries: 2, retryBaseMs: 5 })
    await expect(sdk.ledger.verify()).rejects.toMatchObject({ status: 429, code: 'rate_limited' })
    expect(calls).toHaveLength(3)
  })

  it('never retries a 4xx other than 429', async () => {
    const { fetch, calls } = scripted([() => json(403, { error: 'forbidden', message: 'no' })])
    await expect(
      createHutongClient({ baseUrl: 'http://hutong.test', fetch, retryBaseMs: 1 }).policy.get(),
    ).rejects.toMatchObject({ status: 403 })
    expect(calls).toHaveLength(1)
  })

  it('retries network errors only where repeating is safe', async () => {
    const refused = () => Promise.reject(new TypeError('fetch failed'))
    const safe = scripted([refused, () => json(200, { results: [] })])
    await createHutongClient({
      baseUrl: 'http://hutong.test',
      fetch: safe.fetch,
      retryBaseMs: 1,
    }).inspectBatch([{ text: 'x', scenario: 'direct' }])
    expect(safe.calls).toHaveLength(2)
    const unsafe = scripted([refused, () => json(201, {})])
    await expect(
      createHutongClient({
        baseUrl: 'http://hutong.test',
        fetch: unsafe.fetch,
        retryBaseMs: 1,
      }).policy.publish({ yaml: 'version: x' }),
    ).rejects.toMatchObject({ status: 0, code: 'network_error' })
    expect(unsafe.calls).toHaveLength(1)
    // Reports carry an idempotency key (set by the SDK when absent), so they are retried.
    const report = scripted([
      refused,
      () => json(202, { id: 'r1', status: 'received', caseId: 'c1', duplicate: false }),
    ])
    await createHutongClient({
      baseUrl: 'http://hutong.test',
      fetch: report.fetch,
      retryBaseMs: 1,
    }).reports.submit({ reporterId: 'u', url: 'https://x.example', scenario: 'direct', category: 'fraud' })
    const keys = report.calls.map((c) => JSON.parse(c.init!.body as string).idempotencyKey)
    expect(keys[0]).toMatch(/^[\w-]{36}$/)
    expect(keys[1]).toBe(keys[0])
  })

  it('aborts an attempt after timeoutMs and reports a timeout', async () => {
    const hang = (_url: URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason as Error)),
      )
    let attempts = 0
    const fetch = ((url: URL, init?: RequestInit) => (attempts++, hang(url, init))) as typeof globalThis.fetch
    const started = performance.now()
    await expect(
      createHutongClient({
        baseUrl: 'http://hutong.test',
        fetch,
        timeoutMs: 100,
        retries: 1,
        retryBaseMs: 1,
      }).policy.get(),
    ).rejects.toMatchObject({ status: 0, code: 'timeout' })
    expect(attempts).toBe(2)
    expect(performance.now() - started).toBeGreaterThanOrEqual(190)
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

describe('hutong/client webhook signatures', () => {
  const secret = 'whsec_0123456789abcdef'
  const body = '{"event":"case.decided","caseId":"c1"}'
  const at = new Date('2026-01-01T00:00:00Z')

  it('accepts a fresh signature over the exact body, and nothing else', () => {
    const header = signWebhook(secret, body, at)
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 60_000))).toEqual({
      ok: true,
      timestamp: at.getTime() / 1000,
    })
    expect(verifyWebhookSignature(secret, header, body.replace('c1', 'c2'), at)).toEqual({
      ok: false,
      problem: 'mismatch',
    })
    expect(verifyWebhookSignature('whsec_other_secret_value', header, body, at)).toEqual({
      ok: false,
      problem: 'mismatch',
    })
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 3_600_000))).toEqual({
      ok: false,
      problem: 'stale',
    })
    expect(verifyWebhookSignature(secret, undefined, body, at)).toEqual({ ok: false, problem: 'malformed' })
  })
})

describe('hutong/client stays free of server code', () => {
  it('loads only fetch, node:crypto and pure shared modules at run time', () => {
    const seen = new Set<string>()
    const external = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const source = readFileSync(file, 'utf8')
      // Value imports and re-exports only: `import type` / `export type` vanish at run time.
      for (const match of source.matchAll(
        /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm,
      )) {
        const spec = match[1]!
        if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')))
        else external.add(spec)
      }
    }
    visit(path.resolve('src/client/index.ts'))
    expect([...external].sort()).toEqual(['node:crypto'])
    expect([...seen].some((file) => /src[\\/](api|db|services|adapters)[\\/]/.test(file))).toBe(false)
    expect(seen.size).toBeGreaterThan(4)
  })
})
