import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'

const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')]
const dir = mkdtempSync(path.join(tmpdir(), 'hutong-audit-'))
const PROVIDERS_LIST = path.resolve('data/dialtest/providers.txt')

function hutong(args: string[]) {
  const result = spawnSync(process.execPath, [...BIN, ...args], {
    env: {
      ...process.env,
      HUTONG_DATA_DIR: path.join(dir, 'data'),
      HUTONG_DATABASE_URL: '',
      HUTONG_LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 90_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

interface AuditJson {
  clean: boolean
  findings: {
    standard: string
    code: string
    message: string
    category: string | null
    rows: { url: string; provider: string; scenario: string; card: string }[]
  }[]
  justified: { row: { url: string; provider: string; scenario: string; action: string }; reasons: string[] }[]
  coverage: { providers: number; missing: string[]; thin: string[] } | null
}

function audit(list: string, extra: string[] = []): { code: number | null; result: AuditJson; out: string } {
  const out = path.join(dir, `matrix-${Math.random().toString(36).slice(2)}`)
  const run = hutong(['dialtest', list, '--audit', '--json', '--matrix-out', out, ...extra])
  expect(run.stdout, run.stderr).not.toBe('')
  return { code: run.code, result: JSON.parse(run.stdout) as AuditJson, out }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }))

// One store for the three steps, in order: the default policy, a threat hit, then an unfair policy.
describe('hutong dialtest --audit (fairness audit, in process)', () => {
  it('on the default policy and registry, the shipped list covers every provider and the audit exits 0', () => {
    const { code, result, out } = audit(PROVIDERS_LIST)
    expect(result.findings).toEqual([])
    expect(code).toBe(0)
    expect(result.coverage).toMatchObject({ missing: [], thin: [] })
    expect(result.coverage!.providers).toBeGreaterThanOrEqual(30)
    const md = readFileSync(path.join(out, 'audit-matrix.md'), 'utf8')
    expect(md).toContain('| provider | categories | direct | group | feed | channel |')
    expect(md).toMatch(/\| taobao \| e-commerce \| open · card full · app ×3 \| open · card full · app ×3 \|/)
    const html = readFileSync(path.join(out, 'audit-matrix.html'), 'utf8')
    expect(html).toContain('Content-Security-Policy')
    expect(html).not.toContain('<script')
  }, 90_000)

  it('a threat that hits a provider is a justified restriction with its reason, not an unfair one', () => {
    const evil = 'https://www.douyin.com/video/7099999999999999999'
    writeFileSync(path.join(dir, 'feed.txt'), `${evil}\n`)
    const imported = hutong([
      'threats',
      'import',
      path.join(dir, 'feed.txt'),
      '--format',
      'list',
      '--source',
      'audit-test-feed',
      '--json',
    ])
    expect(imported.code, imported.stderr).toBe(0)
    const list = path.join(dir, 'with-threat.txt')
    writeFileSync(
      list,
      `${evil}\nhttps://v.douyin.com/iRNBho6/\nhttps://v.kuaishou.com/hutong1\nhttps://item.jd.com/100012043978.html\n`,
    )
    const { code, result } = audit(list)
    expect(result.findings).toEqual([])
    expect(code).toBe(0)
    const hits = result.justified.filter((j) => j.row.url === evil)
    expect(hits.map((j) => j.row.scenario).sort()).toEqual(['channel', 'direct', 'feed', 'group'])
    for (const hit of hits) {
      expect(hit.row).toMatchObject({ provider: 'douyin', action: 'block' })
      expect(hit.reasons).toContain('SAFETY_MALICIOUS_FEED')
    }
    // The same provider's other links are still compared, and still equal to their peers.
    expect(result.justified.some((j) => j.row.url !== evil)).toBe(false)
  }, 90_000)

  it('a policy that quietly gives one category a worse card fails the audit, naming standard 1', () => {
    const doc = parseYaml(readFileSync(path.resolve('data/default-policy.yaml'), 'utf8'))
    doc.version = 'audit-test-unfair'
    const phase2 = doc.phases.find((p: { id: string }) => p.id === 'phase-2')
    // Same action, no reason: only the card changes, for short-video links in one-to-one chats.
    phase2.rules.unshift({
      id: 'p2-direct-short-video',
      match: { scenarios: ['direct'], categories: ['short-video'] },
      action: 'open',
      presentation: { card: 'compact' },
    })
    writeFileSync(path.join(dir, 'unfair.json'), JSON.stringify(doc))
    const published = hutong(['policy', 'publish', path.join(dir, 'unfair.json'), '--note', 'audit test'])
    expect(published.code, published.stderr).toBe(0)
    const { code, result, out } = audit(PROVIDERS_LIST, ['--scenarios', 'direct,group'])
    expect(code).toBe(1)
    const one = result.findings.filter((f) => f.standard === 'standard-1')
    expect(one.length).toBeGreaterThan(0)
    const offending = new Set(one.flatMap((f) => f.rows.map((r) => r.provider)))
    expect([...offending].sort()).toEqual(['douyin', 'kuaishou'])
    expect(one.every((f) => f.rows.every((r) => r.scenario === 'direct' && r.card === 'compact'))).toBe(true)
    expect(result.findings.some((f) => f.standard === 'standard-3' && f.code === 'worse_card')).toBe(true)
    const md = readFileSync(path.join(out, 'audit-matrix.md'), 'utf8')
    expect(md).toMatch(/\| douyin \| [^|]+ \| \*\*standard-1, standard-3\*\*: open · card compact/)
    expect(md).toMatch(
      /- \*\*standard-1\*\* `presentation_differs_without_reason`: direct: short-video links get open · card compact/,
    )
  }, 120_000)
})
