import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')]
const dir = mkdtempSync(path.join(tmpdir(), 'hutong-cli-decisions-'))

function hutong(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [...BIN, ...args], {
    env: { ...process.env, HUTONG_DATA_DIR: dir, HUTONG_DATABASE_URL: '', HUTONG_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('hutong extract, inspect, dialtest and policy', { timeout: 120_000 }, () => {
  it('extract prints one {links, shares} object per input line, and --json-lines keeps newlines inside a message', () => {
    const plain = hutong(['extract'], '去 jd.com 看看\n没有链接\n')
    const lines = plain.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines).toHaveLength(2)
    expect(lines[0].links[0]).toMatchObject({ raw: 'jd.com', provider: 'jd', flags: ['schemeless'] })
    expect(lines[1]).toEqual({ links: [], shares: [] })
    const multi = hutong(
      ['extract', '--json-lines'],
      JSON.stringify('【京东】https://3.cn/2odH-z1a「京东百亿补贴」\n点击链接直接打开') + '\n',
    )
    const result = JSON.parse(multi.stdout)
    expect(result.links[0].provider).toBe('jd')
    expect(result.shares[0]).toMatchObject({ provider: 'jd', linkIndex: 0 })
  })

  it('inspect decides per scenario and as of a date', () => {
    const today = JSON.parse(
      hutong(['inspect', '看 https://item.jd.com/1.html', '--scenario', 'direct', '--json']).stdout,
    )
    expect(today.links[0].decision.action).toBe('open')
    const phase1 = JSON.parse(
      hutong(['inspect', 'https://item.jd.com/1.html', '--at', '2021-10-01T12:00+08:00', '--json']).stdout,
    )
    expect(phase1.links[0].decision).toMatchObject({ action: 'warn', phaseId: expect.any(String) })
    expect(hutong(['inspect', 'x', '--scenario', 'moments']).code).toBe(2)
  })

  it('dialtest writes one row per url × scenario in jsonl, csv and md', () => {
    const list = path.join(dir, 'links.txt')
    writeFileSync(
      list,
      '# providers\nhttps://item.taobao.com/item.htm?id=1\nhttps://www.bilibili.com/video/BV1\tgroup\n',
    )
    const rows = hutong(['dialtest', list])
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(rows).toHaveLength(5)
    expect(rows.find((r) => r.provider === 'bilibili')).toMatchObject({
      scenario: 'group',
      action: 'warn',
      reasons: [expect.objectContaining({ code: 'POLICY_GROUP_NON_ECOMMERCE' })],
    })
    const csv = hutong(['dialtest', list, '--scenarios', 'direct', '--format', 'csv'])
      .stdout.trim()
      .split('\n')
    expect(csv[0]).toBe('url,scenario,provider,category,verdict,grade,action,reasons,policyVersion,phaseId')
    expect(csv).toHaveLength(3)
    expect(hutong(['dialtest', list, '--format', 'md']).stdout).toContain('| url | scenario |')
  })

  it('policy validate refuses a provider-naming rule with its code; publish and show record versions', () => {
    const show = JSON.parse(hutong(['policy', 'show', '--json']).stdout)
    const doc = show.current
    doc.version = 'cli-test-2'
    const good = path.join(dir, 'good.json')
    writeFileSync(good, JSON.stringify(doc))
    expect(hutong(['policy', 'validate', good]).code).toBe(0)
    const bad = structuredClone(doc)
    bad.phases[0].rules[0].match = { ...(bad.phases[0].rules[0].match ?? {}), domain: 'taobao.com' }
    const badFile = path.join(dir, 'bad.json')
    writeFileSync(badFile, JSON.stringify(bad))
    const refused = hutong(['policy', 'validate', badFile, '--json'])
    expect(refused.code).toBe(1)
    expect(JSON.parse(refused.stdout).issues.map((i: { code: string }) => i.code)).toContain(
      'policy_names_provider',
    )
    expect(hutong(['policy', 'publish', good, '--note', 'from the test']).code).toBe(0)
    expect(
      JSON.parse(hutong(['policy', 'show', '--json']).stdout).history.map(
        (h: { version: string }) => h.version,
      ),
    ).toContain('cli-test-2')
    expect(hutong(['ledger', 'verify']).code).toBe(0)
  })

  it('threats import streams a feed file, reports counts, and its URLs are then blocked', () => {
    const feed = path.join(dir, 'feed.csv')
    // The fixture ends in a deliberately unterminated quote, so the extra row goes first.
    writeFileSync(
      feed,
      '"9","2024-05-01 10:00:00","http://cli-phish-hutong-test.top/pay","online","","phishing","","x","synthetic"\n' +
        readFileSync(new URL('./fixtures/feeds/urlhaus.csv', import.meta.url), 'utf8'),
    )
    const imported = hutong([
      'threats',
      'import',
      feed,
      '--format',
      'urlhaus',
      '--source',
      'urlhaus-cli',
      '--json',
    ])
    expect(imported.code, imported.stderr).toBe(0)
    const summary = JSON.parse(imported.stdout)
    expect(summary).toMatchObject({
      source: 'urlhaus-cli',
      imported: expect.any(Number),
      invalid: expect.any(Number),
    })
    expect(summary.skipped + summary.invalid).toBeGreaterThan(0)
    const decided = JSON.parse(
      hutong(['inspect', 'http://cli-phish-hutong-test.top/pay', '--scenario', 'channel', '--json']).stdout,
    )
    expect(decided.links[0].decision.action).toBe('block')
    expect(hutong(['threats', 'import', feed, '--format', 'rss']).code).toBe(2)
  })
})
