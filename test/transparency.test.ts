import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeTransparencyReport } from '../src/core/transparency/index.js'
import type { LedgerEvent } from '../src/core/ledger/chain.js'
import { appendLedger } from '../src/services/ledger.js'
import { importThreatFeed } from '../src/services/threats.js'
import { startDesk, type DeskHarness } from './complaints-support.js'
import { BACKENDS } from './support/backends.js'

const dir = mkdtempSync(path.join(tmpdir(), 'hutong-transparency-'))
const START = Date.parse('2026-03-01T02:00:00Z')
let clock = START
const PERIOD = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }
const auth = (key: string) => ({ authorization: `Bearer ${key}` })

describe('transparency report, public pages and auditor access (pglite)', () => {
  let h: DeskHarness
  const caseIds: string[] = []

  beforeAll(async () => {
    h = await startDesk(BACKENDS[0]!, { now: () => new Date(clock) })
    // The default policy is published (seeded) at the start of the period.
    expect((await h.app.inject({ url: '/rules' })).statusCode).toBe(200)
    let n = 0
    const report = async (category: string, scenario: string, url: string) => {
      clock += 60_000
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/reports',
        headers: auth(h.keys.platform),
        payload: { reporterId: `reporter-${n++}`, url, scenario, category },
      })
      expect(response.statusCode, response.body).toBe(202)
      return response.json().caseId as string
    }
    for (let i = 0; i < 12; i++)
      caseIds.push(await report('fraud', 'direct', `https://item.jd.com/${1000 + i}.html`))
    for (let i = 0; i < 11; i++) await report('harassment', 'group', `https://weibo.com/u/${2000 + i}`)
    for (let i = 0; i < 10; i++)
      await report('inducement', 'group', `https://www.pinduoduo.com/goods/${3000 + i}`)
    for (let i = 0; i < 3; i++) await report('privacy', 'feed', `https://www.zhihu.com/question/${4000 + i}`)
    for (let i = 0; i < 2; i++) await report('rumor', 'feed', `https://news.sina.com.cn/c/${5000 + i}.shtml`)
    // Six hours later a reviewer blocks every fraud case.
    clock = START + 7 * 3_600_000
    for (const caseId of caseIds) {
      clock += 60_000
      const decided = await h.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/decision`,
        headers: auth(h.keys.reviewer),
        payload: {
          action: 'block',
          scope: 'url',
          ground: 'illegal',
          reason: 'CONTENT_FRAUD',
          explanation: '冒充客服索取验证码',
        },
      })
      expect(decided.statusCode, decided.body).toBe(200)
    }
    const filed = await h.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseIds[0]}/appeals`,
      headers: auth(h.keys.provider),
      payload: { by: 'provider', text: '官方页面' },
    })
    expect(filed.statusCode, filed.body).toBe(201)
    const reversed = await h.app.inject({
      method: 'POST',
      url: `/v1/appeals/${filed.json().id}/decision`,
      headers: auth(h.keys.reviewer2),
      payload: { outcome: 'reversed', response: '复核后撤销' },
    })
    expect(reversed.statusCode, reversed.body).toBe(200)
    await importThreatFeed(h.ctx, {
      chunks: ['https://evil.example/login\nhttps://evil.example/pay\n'],
      format: 'list',
      source: 'test-feed',
      actor: 'test',
    })
    // Grading writes grade.changed from its own recompute; two providers' changes are recorded as it would.
    await h.ctx.db.transaction(async (tx) => {
      await appendLedger(tx, {
        kind: 'grade.changed',
        actor: 'system',
        subject: 'provider:jd',
        payload: { provider: 'jd', from: null, to: 'B', grade: 'B' },
        at: new Date(clock),
      })
      await appendLedger(tx, {
        kind: 'grade.changed',
        actor: 'system',
        subject: 'provider:taobao',
        payload: { provider: 'taobao', from: null, to: 'A', grade: 'A' },
        at: new Date(clock),
      })
    })
    clock = START + 10 * 3_600_000
  }, 120_000)

  afterAll(async () => {
    await h?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the report with counts, shares, suppression, decisions, appeals, restrictions, grades and feeds', async () => {
    const response = await h.app.inject({ url: `/v1/transparency?from=${PERIOD.from}&to=${PERIOD.to}` })
    expect(response.statusCode, response.body).toBe(200)
    const r = response.json()
    expect(r.reports.received).toBe(38)
    expect(
      r.reports.byCategory.cells.map((c: { key: string; count: number | null }) => [c.key, c.count]),
    ).toEqual([
      ['fraud', 12],
      ['harassment', 11],
      ['inducement', 10],
      ['privacy', null],
      ['rumor', null],
    ])
    expect(r.reports.topThree).toEqual({ categories: ['fraud', 'harassment', 'inducement'], share: 0.8684 })
    // feed (5) is suppressed, so direct is too: with the total published, one hidden cell could be recovered.
    expect(r.reports.byScenario).toMatchObject({
      total: 38,
      cells: [
        { key: 'group', count: 21 },
        { key: 'direct', count: null, suppressed: true },
        { key: 'feed', count: null, suppressed: true },
      ],
    })
    expect(r.decisions.byAction.cells).toEqual([{ key: 'block', count: 12, share: 1, suppressed: false }])
    expect(r.decisions.byGround.cells[0]).toMatchObject({ key: 'illegal', count: 12 })
    expect(r.decisions.byDetection.cells[0]).toMatchObject({ key: 'human', count: 12 })
    // First report at 02:01–02:12, decisions at 09:01–09:12: seven hours each.
    expect(r.decisions.medianHoursToDecision).toBe(7)
    expect(r.appeals).toMatchObject({ filed: null, reversalRate: null })
    expect(r.restrictions.byProvider.cells).toEqual([{ key: 'jd', count: 12, share: 1, suppressed: false }])
    expect(r.restrictions.byReason.cells[0]).toMatchObject({ key: 'CONTENT_FRAUD', count: 12 })
    expect(r.grades.byGrade.cells.map((c: { key: string; count: number }) => [c.key, c.count])).toEqual([
      ['A', 1],
      ['B', 1],
    ])
    expect(r.threatFeeds).toEqual([
      expect.objectContaining({ source: 'test-feed', entries: 2, fresh: true, importsInPeriod: 1 }),
    ])
    expect(r.policy.inForce.version).toBe('2021.11-default.1')
  })

  it('recomputes exactly the served report from the exported ledger, in process and with the CLI offline', async () => {
    const served = (
      await h.app.inject({ url: `/v1/transparency?from=${PERIOD.from}&to=${PERIOD.to}` })
    ).json()
    // New events after the period end change nothing.
    clock = Date.parse('2026-03-05T00:00:00Z')
    await h.app.inject({
      method: 'POST',
      url: '/v1/reports',
      headers: auth(h.keys.platform),
      payload: {
        reporterId: 'late',
        url: 'https://item.jd.com/9.html',
        scenario: 'direct',
        category: 'fraud',
      },
    })
    const events: LedgerEvent[] = []
    for (let after = 0; ;) {
      const page = (
        await h.app.inject({ url: `/v1/ledger?after=${after}&limit=1000`, headers: auth(h.keys.auditor) })
      ).json()
      events.push(...page.items)
      if (page.next === null) break
      after = page.next
    }
    const file = path.join(dir, 'ledger.jsonl')
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n')
    const fromFile = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as LedgerEvent)
    const recomputed = computeTransparencyReport(fromFile, PERIOD)
    expect(recomputed.ok).toBe(true)
    expect(JSON.stringify(recomputed.ok && recomputed.value)).toBe(JSON.stringify(served))
    expect(
      (await h.app.inject({ url: `/v1/transparency?from=${PERIOD.from}&to=${PERIOD.to}` })).json(),
    ).toEqual(served)
    const cli = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.resolve('src/cli/bin.ts'),
        'report',
        'transparency',
        '--ledger',
        file,
        '--from',
        PERIOD.from,
        '--to',
        PERIOD.to,
      ],
      {
        env: { ...process.env, HUTONG_DATA_DIR: path.join(dir, 'unused'), HUTONG_LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    )
    expect(cli.status, cli.stderr).toBe(0)
    expect(JSON.parse(cli.stdout)).toEqual(served)
  }, 60_000)

  it('serves CSV and a self-contained HTML report', async () => {
    const csv = await h.app.inject({ url: `/v1/transparency?from=${PERIOD.from}&to=${PERIOD.to}&format=csv` })
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.split('\n')).toContain('reports,category,fraud,12,0.3158,false')
    expect(csv.body.split('\n')).toContain('reports,category,privacy,,,true')
    const html = await h.app.inject({
      url: `/v1/transparency?from=${PERIOD.from}&to=${PERIOD.to}&format=html&lang=en`,
    })
    expect(html.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/)
    expect(html.body).toContain('<html lang="en">')
    expect(html.body).toContain('<svg')
    expect(html.body).toContain(
      'The top three categories (fraud, harassment, inducement) make 86.8% of reports.',
    )
    expect(html.body).not.toMatch(/<script|<link |src="http/)
  })

  it('/transparency and /rules are server-rendered, zh-CN by default, English on request, with a strict CSP', async () => {
    const zh = await h.app.inject({ url: '/transparency' })
    expect(zh.statusCode).toBe(200)
    expect(zh.body).toContain('<html lang="zh-CN">')
    expect(zh.body).toContain('互通透明度报告')
    expect(zh.headers['content-security-policy']).toContain("default-src 'none'")
    const rules = await h.app.inject({ url: '/rules' })
    expect(rules.statusCode).toBe(200)
    expect(rules.body).toContain('外部链接规则')
    expect(rules.body).toContain('SAFETY_MALICIOUS_FEED')
    expect(rules.body).toMatch(/phase-2 · <strong>现行<\/strong>/)
    expect(rules.body).toContain('群聊 · 电商 links'.replace(' links', ' 链接'))
    const en = await h.app.inject({ url: '/rules', headers: { 'accept-language': 'en-GB,en;q=0.9' } })
    expect(en.body).toContain('<html lang="en">')
    expect(en.body).toContain(
      'group chats · e-commerce links (rolled out to 100% of users): <strong>open directly</strong>',
    )
    expect(
      (await h.app.inject({ url: '/rules?lang=en', headers: { 'accept-language': 'zh-CN' } })).body,
    ).toContain('External link rules')
    for (const page of [zh, rules, en]) expect(page.body).not.toMatch(/<script|<link |src="http|@import/)
  })

  it('gives auditors decisions with statements of reasons and no reporter identity, and policy history with diffs', async () => {
    expect(
      (await h.app.inject({ url: '/v1/audit/decisions', headers: auth(h.keys.platform) })).statusCode,
    ).toBe(403)
    expect((await h.app.inject({ url: '/v1/audit/decisions' })).statusCode).toBe(401)
    const decisions = await h.app.inject({
      url: '/v1/audit/decisions?limit=1000',
      headers: auth(h.keys.auditor),
    })
    expect(decisions.statusCode, decisions.body).toBe(200)
    const items = decisions.json().items as {
      kind: string
      payload: { statement?: { reason: string; ground: string } }
    }[]
    expect(items.filter((i) => i.kind === 'case.decision')).toHaveLength(12)
    expect(items.find((i) => i.kind === 'case.decision')!.payload.statement).toMatchObject({
      reason: 'CONTENT_FRAUD',
      ground: 'illegal',
    })
    expect(items.some((i) => i.kind === 'appeal.decision')).toBe(true)
    expect(decisions.body).not.toMatch(/reporter-\d|"reporter(Id|Hash)?"/)
    const history = await h.app.inject({ url: '/v1/audit/policy-history', headers: auth(h.keys.auditor) })
    const versions = history.json().items
    expect(versions[0]).toMatchObject({
      version: '2021.11-default.1',
      previousVersion: null,
      ledgerSeq: expect.any(Number),
    })
    expect(versions[0].diff[0]).toMatchObject({ path: [], op: 'change' })
    expect(versions[0].document).toBeUndefined()
    const withDocs = await h.app.inject({
      url: '/v1/audit/policy-history?documents=true',
      headers: auth(h.keys.auditor),
    })
    expect(withDocs.json().items[0].document.version).toBe('2021.11-default.1')
  })
})
