import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from './multinode-support.js'

// Private PostgreSQL and Redis servers for fault tests: they are stopped and started on purpose, so they
// must never be the machine's shared ones that other tests use in parallel.

function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0]
  const dir = version ? path.join(root, version, 'bin') : null
  return dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')) ? dir : null
}

const hasUser = (name: string) => spawnSync('id', ['-u', name]).status === 0

/** Why private PostgreSQL cannot run here, or null when it can. */
export function privatePostgresMissing(): string | null {
  if (!postgresBinDir()) return 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin'
  if (process.getuid?.() === 0 && !hasUser('postgres'))
    return 'running as root without a postgres user for initdb'
  return null
}

export interface PrivatePostgres {
  url: string
  port: number
  /** `pg_ctl stop -m immediate`: like a crash, with no clean shutdown. */
  crash(): void
  start(): void
  destroy(): void
}

/** initdb in a temp dir and start it on a free port (as the postgres user when running as root). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir()!
  const asRoot = process.getuid?.() === 0
  const dir = mkdtempSync(path.join(tmpdir(), 'hutong-pg-'))
  if (asRoot)
    chownSync(
      dir,
      Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
      Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
    )
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, tool)
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 })
    if (result.status !== 0)
      throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr}${result.stdout}`)
  }
  run('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const port = await freePort()
  const start = () =>
    run('pg_ctl', [
      '-D',
      dir,
      '-o',
      `-p ${port} -k /tmp -c fsync=off -c listen_addresses=127.0.0.1`,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      'start',
    ])
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    crash: () => run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']),
    start,
    destroy: () => {
      try {
        run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop'])
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Why a private Redis cannot run here, or null when it can. */
export function privateRedisMissing(): string | null {
  return spawnSync('redis-server', ['--version']).status === 0 ? null : 'no redis-server binary on PATH'
}

export interface PrivateRedis {
  url: string
  port: number
  stop(): Promise<void>
  start(): Promise<void>
}

/** A throwaway `redis-server` on a free port with persistence off; `stop` kills it, `start` brings it back on the same port. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000)
      child!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer)
          resolve()
        }
      })
      child!.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)))
    })
  }
  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop: async () => {
      const running = child
      child = null
      if (!running || running.exitCode !== null) return
      const gone = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await gone
    },
  }
}
