import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PGlite } from '@electric-sql/pglite'

const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')]
const dirs: string[] = []

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hutong-cli-'))
  dirs.push(dir)
  return dir
}

function hutong(dir: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [...BIN, ...args], {
    env: {
      ...process.env,
      HUTONG_DATA_DIR: dir,
      HUTONG_DATABASE_URL: '',
      HUTONG_LOG_LEVEL: 'silent',
      ...extraEnv,
    },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('hutong CLI on the embedded store', { timeout: 120_000 }, () => {
  it('creates keys with the key alone on the last line, lists and revokes them', () => {
    const dir = dataDir()
    const created = hutong(dir, ['keys', 'create', '--role', 'reviewer', '--name', 'Li Lei'])
    expect(created.code).toBe(0)
    const key = created.stdout.trim().split('\n').at(-1)!
    expect(key).toMatch(/^htk_[\w-]{20,}$/)
    const listed = JSON.parse(hutong(dir, ['keys', 'list', '--json']).stdout)
    expect(listed).toEqual([expect.objectContaining({ role: 'reviewer', name: 'Li Lei', revokedAt: null })])
    expect(JSON.stringify(listed)).not.toContain(key)
    expect(hutong(dir, ['keys', 'revoke', listed[0].id]).code).toBe(0)
    expect(JSON.parse(hutong(dir, ['keys', 'list', '--json']).stdout)[0].revokedAt).not.toBeNull()
  })

  it('exits 2 on usage errors and 1 with {error} on bad input', () => {
    const dir = dataDir()
    expect(hutong(dir, ['keys', 'create']).code).toBe(2)
    expect(hutong(dir, ['no-such-command']).code).toBe(2)
    const bad = hutong(dir, ['keys', 'create', '--role', 'root'])
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: 'invalid_role' })
  })

  it('ledger verify passes, then exits 1 naming the seq changed with SQL; --file verifies an export offline', async () => {
    const dir = dataDir()
    for (const role of ['platform', 'auditor', 'reviewer'])
      expect(hutong(dir, ['keys', 'create', '--role', role]).code).toBe(0)
    expect(hutong(dir, ['ledger', 'verify']).code).toBe(0)
    const exportFile = path.join(dir, 'ledger.jsonl')
    expect(hutong(dir, ['ledger', 'export', '--out', exportFile]).code).toBe(0)
    expect(
      JSON.parse(hutong(dir, ['ledger', 'verify', '--file', exportFile, '--json']).stdout),
    ).toMatchObject({ ok: true, count: 3 })

    const db = await PGlite.create(path.join(dir, 'pgdata'))
    await db.exec(`ALTER TABLE ledger_event DISABLE TRIGGER ledger_event_append_only;
      UPDATE ledger_event SET payload = jsonb_set(payload, '{role}', '"admin"') WHERE seq = 2;`)
    await db.close()
    const broken = hutong(dir, ['ledger', 'verify'])
    expect(broken.code).toBe(1)
    expect(broken.stdout).toContain('seq 2')

    const lines = readFileSync(exportFile, 'utf8').trim().split('\n')
    lines[2] = lines[2]!.replace('"reviewer"', '"admin"')
    writeFileSync(exportFile, lines.join('\n') + '\n')
    const offline = hutong(dir, ['ledger', 'verify', '--file', exportFile, '--json'])
    expect(offline.code).toBe(1)
    expect(JSON.parse(offline.stdout)).toMatchObject({ ok: false, badSeq: 3 })
  })

  it('while a server holds the embedded store, a second process stops with store_locked', async () => {
    const dir = dataDir()
    const server = spawn(process.execPath, [...BIN, 'serve', '--port', '0'], {
      env: { ...process.env, HUTONG_DATA_DIR: dir, HUTONG_DATABASE_URL: '', HUTONG_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      let out = ''
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000)
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = /API\s+(http:\/\/\S+)\/v1/.exec(out)
          if (match && out.includes('htk_')) {
            clearTimeout(timer)
            resolve(match[1]!)
          }
        })
      })
      const adminKey = /(htk_[\w-]+)/.exec(out)![1]!
      const locked = hutong(dir, ['keys', 'list'])
      expect(locked.code).toBe(1)
      expect(JSON.parse(locked.stderr.trim())).toMatchObject({ error: 'store_locked' })
      expect(locked.stderr).toContain(url)
      const remote = hutong(dir, ['keys', 'create', '--role', 'platform', '--server', url, '--key', adminKey])
      expect(remote.code).toBe(0)
      expect(remote.stdout.trim().split('\n').at(-1)).toMatch(/^htk_/)
      expect(hutong(dir, ['ledger', 'verify', '--server', url, '--key', adminKey]).code).toBe(0)
    } finally {
      server.kill('SIGTERM')
      const code = await new Promise<number | null>((resolve) => server.on('exit', resolve))
      expect(code).toBe(0)
    }
    // After a clean shutdown the store is free again, and the data survived.
    const after = JSON.parse(hutong(dir, ['keys', 'list', '--json']).stdout)
    expect(after.map((k: { role: string }) => k.role).sort()).toEqual(['admin', 'platform'])
  })
})
