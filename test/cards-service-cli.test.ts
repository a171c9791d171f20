import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixtureServer, type FixtureServer } from './fixtures/web/server.js'

const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')]

function hutong(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...BIN, ...args], { env: { ...process.env, HUTONG_DATABASE_URL: '', HUTONG_REDIS_URL: '', HUTONG_LOG_LEVEL: 'silent', ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/**
 * The fetcher allows ports 80 and 443 only, and the fixture server listens on a random port, so the CLI
 * reaches it through a TCP relay on 127.0.0.1:80 (needs the right to bind port 80; skipped otherwise).
 */
async function relayOnPort80(target: number): Promise<net.Server | null> {
  const relay = net.createServer((socket) => {
    const upstream = net.connect(target, '127.0.0.1')
    socket.pipe(upstream).pipe(socket)
    socket.on('error', () => upstream.destroy())
    upstream.on('error', () => socket.destroy())
  })
  return new Promise((resolve) => {
    relay.once('error', () => resolve(null))
    relay.listen(80, '127.0.0.1', () => resolve(relay))
  })
}

describe('hutong card', () => {
  let server: FixtureServer
  let relay: net.Server | null
  let dir: string
  beforeAll(async () => {
    server = await startFixtureServer()
    relay = await relayOnPort80(server.port)
    dir = mkdtempSync(path.join(tmpdir(), 'hutong-card-'))
  })
  afterAll(async () => {
    await new Promise((resolve) => (relay ? relay.close(resolve) : resolve(undefined)))
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  // Each run opens the embedded store; the first one creates it, which takes a while on a busy machine.
  const SLOW = { timeout: 120_000 }

  it('prints the card of a GBK page (charset only in the header) with the allowlist, and exits 0', SLOW, async (test) => {
    if (relay === null) return test.skip()
    const result = await hutong(['card', 'http://127.0.0.1/charset/gbk-header'], { HUTONG_DATA_DIR: dir, HUTONG_FETCH_ALLOW_PRIVATE: '127.0.0.1/32' })
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ title: '秋季新款双面羊毛大衣', price: { amount: '899.00', currency: 'CNY' }, charset: 'gb18030', loginRequired: false })
  })

  it('exits 1 with {error, message} for a redirect loop', SLOW, async (test) => {
    if (relay === null) return test.skip()
    const env = { HUTONG_DATA_DIR: dir, HUTONG_FETCH_ALLOW_PRIVATE: '127.0.0.1/32' }
    const loop = await hutong(['card', 'http://127.0.0.1/loop/a'], env)
    expect(loop.code).toBe(1)
    expect(JSON.parse(loop.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: 'too_many_redirects', message: expect.any(String) })
    expect(loop.stdout).toBe('')
  })

  it('without the allowlist, refuses loopback with fetch_blocked and exit 1', SLOW, async () => {
    const result = await hutong(['card', 'http://127.0.0.1/og'], { HUTONG_DATA_DIR: dir, HUTONG_FETCH_ALLOW_PRIVATE: '' })
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: 'fetch_blocked' })
    expect(result.stdout).toBe('')
  })
})
