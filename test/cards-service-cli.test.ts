import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixtureServer, type FixtureServer } from './fixtures/web/server.js'

const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')]

function hutong(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...BIN, ...args], {
      env: {
        ...process.env,
        HUTONG_DATABASE_URL: '',
        HUTONG_REDIS_URL: '',
        HUTONG_LOG_LEVEL: 'silent',
        ...env,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('hutong card', () => {
  let server: FixtureServer
  let dir: string
  beforeAll(async () => {
    server = await startFixtureServer()
    dir = mkdtempSync(path.join(tmpdir(), 'hutong-card-'))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  // Each run opens the embedded store; the first one creates it, which takes a while on a busy machine.
  const SLOW = { timeout: 120_000 }

  // The fixture server listens on a random port, which HUTONG_FETCH_PORTS allows beside 80 and 443.
  const allow = () => ({
    HUTONG_DATA_DIR: dir,
    HUTONG_FETCH_ALLOW_PRIVATE: '127.0.0.1/32',
    HUTONG_FETCH_PORTS: `80,443,${server.port}`,
  })

  it(
    'prints the card of a GBK page (charset only in the header) with the allowlist, and exits 0',
    SLOW,
    async () => {
      const result = await hutong(['card', `http://127.0.0.1:${server.port}/charset/gbk-header`], allow())
      expect(result.code, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({
        title: '秋季新款双面羊毛大衣',
        price: { amount: '899.00', currency: 'CNY' },
        charset: 'gb18030',
        loginRequired: false,
      })
    },
  )

  it('exits 1 with {error, message} for a redirect loop', SLOW, async () => {
    const loop = await hutong(['card', `http://127.0.0.1:${server.port}/loop/a`], allow())
    expect(loop.code).toBe(1)
    expect(JSON.parse(loop.stderr.trim().split('\n').at(-1)!)).toMatchObject({
      error: 'too_many_redirects',
      message: expect.any(String),
    })
    expect(loop.stdout).toBe('')
  })

  it('without the allowlist, refuses loopback with fetch_blocked and exit 1', SLOW, async () => {
    const result = await hutong(['card', 'http://127.0.0.1/og'], {
      HUTONG_DATA_DIR: dir,
      HUTONG_FETCH_ALLOW_PRIVATE: '',
    })
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: 'fetch_blocked' })
    expect(result.stdout).toBe('')
  })
})
