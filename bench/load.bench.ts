import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { availableParallelism, totalmem } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { BenchResult } from './harness.js'

// Inspect load across two `hutong serve` nodes on one PostgreSQL, driven by autocannon in separate
// processes, against two bare Fastify processes answering the same request in the same run.
// HUTONG_LOAD_SECONDS bounds the whole run (default 10; 60 for the figures in docs/operations.md).

const TOTAL_SECONDS = Math.max(4, Number(process.env.HUTONG_LOAD_SECONDS ?? 10))
const CONNECTIONS_PER_NODE = 10
const DATABASE_URL =
  process.env.HUTONG_BENCH_DATABASE_URL ??
  process.env.HUTONG_TEST_DATABASE_URL ??
  (process.env.CI === 'true' ? 'postgres://postgres@127.0.0.1:5432/test' : null)
const AUTOCANNON = path.resolve('node_modules/autocannon/autocannon.js')
const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')]
const MESSAGE = JSON.stringify({
  text: '周末拼单 https://item.jd.com/100012043978.html 还有 https://www.bilibili.com/video/BV1xx411c7mD',
  scenario: 'group',
  clientVersion: '8.0.20',
})

// The baseline: Fastify with no plugins, parsing the same body and answering a small JSON object.
const BARE_SERVER = `
import Fastify from 'fastify'
const app = Fastify({ logger: false })
app.post('/v1/inspect', async (request) => ({ links: [], shares: [], policyVersion: 'bare', size: JSON.stringify(request.body).length }))
const address = await app.listen({ host: '127.0.0.1', port: 0 })
process.stdout.write('API ' + address + '/v1\\n')
`

interface Load {
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start: ${out}`)), 60_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const match = /API\s+(http:\/\/\S+)\/v1/.exec(out)
      if (!match) return
      clearTimeout(timer)
      resolve({ url: match[1]!, child })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
  })
}

function autocannon(url: string, seconds: number, headers: Record<string, string>): Promise<Load> {
  const args = [
    AUTOCANNON,
    '--json',
    '-c',
    String(CONNECTIONS_PER_NODE),
    '-d',
    String(seconds),
    '-m',
    'POST',
    '-b',
    MESSAGE,
  ]
  for (const [key, value] of Object.entries({ 'content-type': 'application/json', ...headers }))
    args.push('-H', `${key}=${value}`)
  args.push(`${url}/v1/inspect`)
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`))
      const report = JSON.parse(out) as {
        requests: { average: number }
        latency: { p50: number; p99: number }
        non2xx: number
        errors: number
      }
      resolve({
        requestsPerSecond: report.requests.average,
        p50: report.latency.p50,
        p99: report.latency.p99,
        non2xx: report.non2xx,
        errors: report.errors,
      })
    })
  })
}

/** Both targets at once, one autocannon process each: req/s add up, p50 averages, p99 is the worse one. */
async function loadBoth(urls: string[], seconds: number, headers: Record<string, string>): Promise<Load> {
  const loads = await Promise.all(urls.map((url) => autocannon(url, seconds, headers)))
  return {
    requestsPerSecond: loads.reduce((sum, l) => sum + l.requestsPerSecond, 0),
    p50: loads.reduce((sum, l) => sum + l.p50, 0) / loads.length,
    p99: Math.max(...loads.map((l) => l.p99)),
    non2xx: loads.reduce((sum, l) => sum + l.non2xx, 0),
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
  }
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((child) => {
      if (child.exitCode !== null) return Promise.resolve()
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      return gone
    }),
  )
}

/** The machine the figures come from, for docs/operations.md. */
export function machine(): string {
  return `${availableParallelism()} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`
}

export async function run(): Promise<BenchResult[]> {
  if (!DATABASE_URL) {
    console.warn(
      '[hutong] load bench: HUTONG_TEST_DATABASE_URL (or HUTONG_BENCH_DATABASE_URL) is not set: SKIPPED',
    )
    return []
  }
  const baselineSeconds = Math.max(1, Math.round(TOTAL_SECONDS * 0.25))
  const hutongSeconds = Math.max(2, TOTAL_SECONDS - baselineSeconds - 1)
  const children: ChildProcess[] = []
  const name = `hutong_load_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  try {
    const bareA = await startProcess(['--input-type=module', '-e', BARE_SERVER], process.env, process.cwd())
    const bareB = await startProcess(['--input-type=module', '-e', BARE_SERVER], process.env, process.cwd())
    children.push(bareA.child, bareB.child)
    const baseline = await loadBoth([bareA.url, bareB.url], baselineSeconds, {})
    await stopAll(children.splice(0))

    const url = new URL(DATABASE_URL)
    url.pathname = `/${name}`
    // Request logs at info would measure pino, not Hutong; production runs at warn behind a proxy that logs.
    const env = {
      ...process.env,
      HUTONG_DATABASE_URL: url.toString(),
      HUTONG_SECRET: 'load-bench-secret-load-bench-secret-0123',
      HUTONG_LOG_LEVEL: 'warn',
      HUTONG_REDIS_URL: '',
    }
    const created = spawnSync(process.execPath, [...BIN, 'keys', 'create', '--role', 'platform'], {
      env,
      encoding: 'utf8',
    })
    if (created.status !== 0) throw new Error(`keys create failed: ${created.stderr}`)
    const key = created.stdout.trim().split('\n').at(-1)!
    const serve = [...BIN, 'serve', '--port', '0']
    const nodes = await Promise.all([startProcess(serve, env), startProcess(serve, env)])
    children.push(...nodes.map((n) => n.child))
    const headers = { authorization: `Bearer ${key}` }
    await loadBoth(
      nodes.map((n) => n.url),
      1,
      headers,
    ) // warm-up: JIT, caches, pool connections
    const hutong = await loadBoth(
      nodes.map((n) => n.url),
      hutongSeconds,
      headers,
    )
    if (hutong.non2xx > 0 || hutong.errors > 0)
      throw new Error(`inspect load had ${hutong.non2xx} non-2xx answers and ${hutong.errors} errors`)

    const what = `inspect, 2 nodes on PostgreSQL, ${2 * CONNECTIONS_PER_NODE} connections, ${hutongSeconds} s (${machine()})`
    const bare = `bare Fastify route ×2 (${baselineSeconds} s)`
    return [
      {
        name: `${what}: throughput`,
        value: hutong.requestsPerSecond,
        unit: 'req/s',
        baseline: bare,
        baselineValue: baseline.requestsPerSecond,
        ratio: hutong.requestsPerSecond / baseline.requestsPerSecond,
      },
      {
        name: 'inspect p50 latency',
        value: hutong.p50,
        unit: 'ms',
        baseline: bare,
        baselineValue: baseline.p50,
        ratio: hutong.p50 / Math.max(baseline.p50, 0.01),
      },
      {
        name: 'inspect p99 latency',
        value: hutong.p99,
        unit: 'ms',
        baseline: bare,
        baselineValue: baseline.p99,
        ratio: hutong.p99 / Math.max(baseline.p99, 0.01),
        target: '< 50 ms',
      },
    ]
  } finally {
    await stopAll(children)
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined)
    await admin.end()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await run()) console.log(result)
}
