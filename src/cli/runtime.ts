import { pino } from 'pino'
import { configFromEnv, type Config } from '../config/config.js'
import { readEnv } from '../config/env.js'
import { createContext, type Context } from '../context.js'
import { ConfigError, HutongError } from '../errors.js'

/** Exit codes: 0 ok, 1 failure, 2 usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const

export class UsageError extends HutongError {
  constructor(message: string) {
    super('usage', message)
  }
}

export function loadConfig(): Config {
  const env = readEnv()
  if (!env.ok) throw new ConfigError('invalid_config', `invalid environment: ${env.problems.join('; ')}`)
  return configFromEnv(env.env)
}

/** Opens a context for one command, logging to stderr so stdout stays data. */
export async function withContext<T>(
  fn: (ctx: Context) => Promise<T>,
  config: Config = loadConfig(),
): Promise<T> {
  const logger = pino({ level: process.env.HUTONG_LOG_LEVEL ?? 'warn' }, pino.destination(2))
  const ctx = await createContext(config, { logger })
  try {
    return await fn(ctx)
  } finally {
    await ctx.close()
  }
}

/** Prints data: JSON when asked, else the given human form. */
export function output(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(value) + '\n' : human() + '\n')
}

/** A small client for commands that run against a live server (`--server URL --key KEY`). */
export async function callServer<T>(
  server: string,
  key: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(new URL(path, server), {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).catch((error: unknown) => {
    throw new HutongError('server_unreachable', `cannot reach ${server}: ${(error as Error).message}`)
  })
  const text = await response.text()
  const parsed = text ? (JSON.parse(text) as unknown) : null
  if (!response.ok) {
    const problem = parsed as { error?: string; message?: string } | null
    throw new HutongError(problem?.error ?? 'server_error', problem?.message ?? `HTTP ${response.status}`)
  }
  return parsed as T
}

/** Reports a failure as `{error, message}` on stderr and returns the exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`hutong: ${error.message}\n`)
    return EXIT.usage
  }
  if (error instanceof HutongError) {
    process.stderr.write(
      JSON.stringify({
        error: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      }) + '\n',
    )
    return EXIT.failure
  }
  process.stderr.write(
    JSON.stringify({ error: 'internal', message: (error as Error)?.message ?? String(error) }) + '\n',
  )
  return EXIT.failure
}
