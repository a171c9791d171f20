import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { testConfig } from '../src/config/config.js'
import { createContext } from '../src/context.js'
import { createApiKey } from '../src/services/keys.js'
import { BACKENDS } from './support/backends.js'

const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')]
const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

type Server = ChildProcessByStdio<null, Readable, Readable>

async function serve(
  dir: string,
  databaseUrl: string,
  first: boolean,
): Promise<{ server: Server; url: string; out: string }> {
  const server = spawn(process.execPath, [...BIN, 'serve', '--port', '0'], {
    env: {
      ...process.env,
      HUTONG_DATA_DIR: dir,
      HUTONG_DATABASE_URL: databaseUrl,
      HUTONG_LOG_LEVEL: 'silent',
      HUTONG_SECRET: 'durability-secret-durability-secret-01',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  server.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 60_000)
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /API\s+(http:\/\/\S+)\/v1/.exec(out)
      // The embedded store prints its first admin key after the URL, on the first start only.
      if (match && (databaseUrl !== '' || !first || /htk_[\w-]+/.test(out))) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out} ${err}`)))
  })
  return { server, url, out }
}

async function call(
  url: string,
  key: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<Response> {
  return fetch(url + route, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
}

for (const backend of BACKENDS) {
  describe(`an acknowledged report survives kill -9: ${backend.name}`, () => {
    it('every 202 id is there after a hard kill mid-stream and a restart', { timeout: 120_000 }, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'hutong-durable-'))
      dirs.push(dir)
      let databaseUrl = ''
      let platformKey: string
      let drop = async () => {}
      if (backend.name === 'postgres') {
        const opened = await backend.open()
        const ctx = await createContext(testConfig(), { store: opened.store })
        platformKey = (await createApiKey(ctx.db, { role: 'platform', actor: 'test' })).key
        await ctx.close()
        databaseUrl = opened.url!
        drop = () => opened.drop()
      }
      try {
        const started = await serve(dir, databaseUrl, true)
        let { server, url } = started
        if (backend.name === 'pglite') {
          const admin = /(htk_[\w-]+)/.exec(started.out)![1]!
          platformKey = (await (await call(url, admin, 'POST', '/v1/keys', { role: 'platform' })).json()).key
        }
        const acknowledged: string[] = []
        let sent = 0
        let stop = false
        const worker = async (w: number) => {
          while (!stop) {
            const i = sent++
            try {
              const response = await call(url, platformKey, 'POST', '/v1/reports', {
                reporterId: `r-${w}-${i}`,
                url: `https://item.jd.com/${i % 50}.html`,
                scenario: 'group',
                category: 'fraud',
              })
              if (response.status === 202) acknowledged.push(((await response.json()) as { id: string }).id)
            } catch {
              return // the server is gone: this request was never acknowledged
            }
          }
        }
        const workers = Array.from({ length: 8 }, (_, w) => worker(w))
        while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 5))
        server.kill('SIGKILL')
        const exited = new Promise((resolve) => server.on('exit', resolve))
        await exited
        stop = true
        await Promise.all(workers)
        expect(sent).toBeGreaterThan(acknowledged.length)
        ;({ server, url } = await serve(dir, databaseUrl, false))
        try {
          const missing: string[] = []
          for (let i = 0; i < acknowledged.length; i += 25) {
            const batch = acknowledged.slice(i, i + 25)
            const statuses = await Promise.all(
              batch.map((id) => call(url, platformKey, 'GET', `/v1/reports/${id}`).then((r) => r.status)),
            )
            statuses.forEach((status, j) => status !== 200 && missing.push(batch[j]!))
          }
          expect(missing).toEqual([])
        } finally {
          server.kill('SIGTERM')
          await new Promise((resolve) => server.on('exit', resolve))
        }
      } finally {
        await drop()
      }
    })
  })
}
