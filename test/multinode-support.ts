import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import path from 'node:path'
import pg from 'pg'

// Helpers for tests that run real `hutong serve` processes against one PostgreSQL (and Redis).

const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')]

export const TEST_DATABASE_URL =
  process.env.HUTONG_TEST_DATABASE_URL ??
  (process.env.CI === 'true' ? 'postgres://postgres@127.0.0.1:5432/test' : null)
export const TEST_REDIS_URL =
  process.env.HUTONG_TEST_REDIS_URL ?? (process.env.CI === 'true' ? 'redis://127.0.0.1:6379' : null)
/** One secret for every node: click tokens signed on one node verify on the others. */
export const SHARED_SECRET = 'multinode-secret-multinode-secret-0123456789'

export function warnSkipped(what: string, missing: string): void {
  console.warn(`\n[hutong] ${missing} is not set: SKIPPING ${what}. CI always sets it.\n`)
}

/** A fresh database on the test server; `drop` removes it (forcing out any node still connected). */
export async function createTestDatabase(
  adminUrl: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `hutong_mn_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await cleanup.end()
      }
    },
  }
}

export function nodeEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    HUTONG_DATABASE_URL: databaseUrl,
    HUTONG_SECRET: SHARED_SECRET,
    HUTONG_REDIS_URL: '',
    HUTONG_LOG_LEVEL: 'warn',
    HUTONG_NO_SEED: '',
    ...extra,
  }
}

/** Runs one CLI command to completion; throws with its output when it fails. */
export function hutongCli(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [...BIN, ...args], { env, encoding: 'utf8', timeout: 60_000 })
  if (result.status !== 0)
    throw new Error(`hutong ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return result.stdout
}

/** Creates a key in the node's database with the CLI (admin unless told); the key is on the last line. */
export function createAdminKey(env: Record<string, string>, role = 'admin'): string {
  return hutongCli(['keys', 'create', '--role', role, '--name', `multinode test ${role}`], env)
    .trim()
    .split('\n')
    .at(-1)!
}

export interface RunningNode {
  url: string
  process: ChildProcessWithoutNullStreams
  /** Everything the node wrote so far (stdout and stderr). */
  output(): string
  /** SIGTERM (clean) or SIGKILL (crash); resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>
}

/** Starts `hutong serve --port 0` and resolves with its URL once it listens. */
export function startNode(env: Record<string, string>, timeoutMs = 45_000): Promise<RunningNode> {
  const child = spawn(process.execPath, [...BIN, 'serve', '--port', '0'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const node: RunningNode = {
    url: '',
    process: child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`node did not start: ${out}`))
    }, timeoutMs)
    const onData = (): void => {
      const match = /API\s+(http:\/\/\S+)\/v1/.exec(out)
      if (!match) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      resolve({ ...node, url: match[1]! })
    }
    child.stdout.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`node exited ${code} before listening: ${out}`))
    })
  })
}

/** A TCP port free right now on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** POSTs JSON with a bearer key; returns status, headers and parsed body. */
export async function postJson(
  url: string,
  key: string,
  body: unknown,
): Promise<{ status: number; headers: Headers; body: ReturnType<typeof JSON.parse> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null }
}
