import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { configFromEnv, testConfig } from '../src/config/config.js'
import { readEnv } from '../src/config/env.js'
import { createContext } from '../src/context.js'
import { openStore } from '../src/db/client.js'
import { gradingThresholds } from '../src/services/grade-recompute.js'

const dir = mkdtempSync(path.join(tmpdir(), 'hutong-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('configuration from the environment', () => {
  it('defaults to embedded PGlite in ./.hutong on 127.0.0.1:8080', () => {
    const env = readEnv({})
    expect(env.ok).toBe(true)
    if (!env.ok) return
    const config = configFromEnv(env.env, '/srv/app')
    expect(config.store).toEqual({ kind: 'pglite', dataDir: '/srv/app/.hutong' })
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 8080, publicUrl: 'http://127.0.0.1:8080' })
    expect(config.fetch).toEqual({ allowPrivate: [], allowedPorts: [80, 443] })
  })

  it('reads previous secrets for rotation as a list, and refuses a short one', () => {
    const a = 'a'.repeat(32)
    const b = 'b'.repeat(40)
    const env = readEnv({ HUTONG_SECRET: b, HUTONG_SECRET_PREVIOUS: `${a},${b}` })
    expect(env.ok).toBe(true)
    if (!env.ok) return
    expect(configFromEnv(env.env).secrets).toEqual({ signingKey: b, previousKeys: [a, b] })
    const short = readEnv({ HUTONG_SECRET_PREVIOUS: `${a},short` })
    expect(short.ok).toBe(false)
    if (short.ok) return
    expect(short.problems.join('\n')).toContain('HUTONG_SECRET_PREVIOUS')
  })

  it('names every invalid variable, and ignores empty ones', () => {
    const env = readEnv({
      HUTONG_DATABASE_URL: 'mysql://x',
      HUTONG_PORT: '99999',
      HUTONG_SECRET: 'short',
      HUTONG_FETCH_PORTS: '80,x',
      HUTONG_REDIS_URL: '',
    })
    expect(env.ok).toBe(false)
    if (env.ok) return
    expect(env.problems.join('\n')).toMatch(
      /HUTONG_DATABASE_URL[\s\S]*HUTONG_PORT[\s\S]*HUTONG_SECRET[\s\S]*HUTONG_FETCH_PORTS/,
    )
    expect(env.problems.join('\n')).not.toContain('HUTONG_REDIS_URL')
  })

  it('applies grading thresholds from HUTONG_GRADING_THRESHOLDS_FILE, and refuses an invalid file at start', async () => {
    const good = path.join(dir, 'thresholds.yaml')
    writeFileSync(good, 'minLinks: 20000\n')
    const ctx = await createContext(
      { ...testConfig(), grading: { thresholdsFile: good } },
      { store: await openStore({ kind: 'pglite', dataDir: null }) },
    )
    expect(gradingThresholds(ctx).minLinks).toBe(20_000)
    await ctx.close()

    const bad = path.join(dir, 'bad.yaml')
    writeFileSync(bad, 'minLinks: -5\n')
    await expect(
      createContext(
        { ...testConfig(), grading: { thresholdsFile: bad } },
        { store: await openStore({ kind: 'pglite', dataDir: null }) },
      ),
    ).rejects.toMatchObject({ code: 'invalid_config' })
  })
})
