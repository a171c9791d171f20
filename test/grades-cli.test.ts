import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { testConfig } from '../src/config/config.js'
import { createContext } from '../src/context.js'
import { dayNumber, dayText } from '../src/core/grading/index.js'
import { linkCount } from '../src/db/schema/index.js'

const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')]
const dir = mkdtempSync(path.join(tmpdir(), 'hutong-grades-cli-'))
const AT = '2022-06-30T23:00:00+08:00'

function hutong(args: string[]) {
  const result = spawnSync(process.execPath, [...BIN, ...args], {
    env: { ...process.env, HUTONG_DATA_DIR: dir, HUTONG_DATABASE_URL: '', HUTONG_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('hutong grades on the embedded store', { timeout: 120_000 }, () => {
  it('recomputes as of --at and shows the card', async () => {
    // 45,000 clean links in June: enough volume for grade A (the upper bound at zero violations is under 1 per 10k).
    const ctx = await createContext({ ...testConfig(), store: { kind: 'pglite', dataDir: dir } })
    const last = dayNumber('2022-06-30')!
    await ctx.db.insert(linkCount).values(
      Array.from({ length: 30 }, (_, i) => ({
        provider: 'bilibili',
        day: dayText(last - i),
        scenario: 'direct',
        action: 'open',
        category: 'video',
        count: 1_500,
      })),
    )
    await ctx.close()

    const first = hutong(['grades', 'recompute', '--at', AT, '--json'])
    expect(first.code, first.stderr).toBe(0)
    const summary = JSON.parse(first.stdout) as {
      at: string
      changed: number
      providers: { provider: string; grade: string; changed: boolean; ledgerSeq: number | null }[]
    }
    expect(summary.at).toBe(new Date(AT).toISOString())
    expect(summary.changed).toBe(1)
    expect(summary.providers.find((p) => p.provider === 'bilibili')).toMatchObject({
      grade: 'A',
      changed: true,
      ledgerSeq: expect.any(Number),
    })
    expect(summary.providers.find((p) => p.provider === 'jd')).toMatchObject({
      grade: 'insufficient_data',
      changed: false,
    })

    const shown = hutong(['grades', 'show', 'bilibili'])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/^bilibili: A since 2022-06-30T15:00:00.000Z/)
  })
})
