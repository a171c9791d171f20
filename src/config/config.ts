import path from 'node:path'
import type { Env } from './env.js'

/** Hutong's whole configuration: nested, defaulted, passed in explicitly. Secrets live in their own section. */
export interface Config {
  store: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; dataDir: string }
  redis: { url: string } | null
  http: { host: string; port: number; publicUrl: string; bodyLimitBytes: number }
  log: { level: string }
  fetch: { allowPrivate: string[]; allowedPorts: number[] }
  seed: boolean
  /** A YAML/JSON file of grading thresholds; fields left out keep the documented defaults. */
  grading: { thresholdsFile: string | null }
  /**
   * `signingKey` signs; `previousKeys` (HUTONG_SECRET_PREVIOUS) are still accepted when checking click
   * tokens, safety-page continue links and image-proxy URLs, so a rotation does not break links in chats.
   */
  secrets: { signingKey: string | null; previousKeys: string[] }
}

export const DEFAULT_PORT = 8080

/** Turns validated environment into config; nothing here reads the environment itself. */
export function configFromEnv(env: Env, cwd: string = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.HUTONG_DATA_DIR ?? '.hutong')
  const host = env.HUTONG_HOST ?? '127.0.0.1'
  const port = env.HUTONG_PORT ?? DEFAULT_PORT
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    store: env.HUTONG_DATABASE_URL
      ? { kind: 'postgres', url: env.HUTONG_DATABASE_URL, dataDir }
      : { kind: 'pglite', dataDir },
    redis: env.HUTONG_REDIS_URL ? { url: env.HUTONG_REDIS_URL } : null,
    http: {
      host,
      port,
      publicUrl: env.HUTONG_PUBLIC_URL ?? `http://${shownHost}:${port}`,
      bodyLimitBytes: 1024 * 1024,
    },
    log: { level: env.HUTONG_LOG_LEVEL ?? 'info' },
    fetch: {
      allowPrivate: (env.HUTONG_FETCH_ALLOW_PRIVATE ?? '')
        .split(',')
        .map((cidr) => cidr.trim())
        .filter((cidr) => cidr !== ''),
      allowedPorts: env.HUTONG_FETCH_PORTS
        ? env.HUTONG_FETCH_PORTS.split(',').map((port) => Number(port.trim()))
        : [80, 443],
    },
    seed: !(env.HUTONG_NO_SEED === '1' || env.HUTONG_NO_SEED === 'true'),
    grading: {
      thresholdsFile: env.HUTONG_GRADING_THRESHOLDS_FILE
        ? path.resolve(cwd, env.HUTONG_GRADING_THRESHOLDS_FILE)
        : null,
    },
    secrets: {
      signingKey: env.HUTONG_SECRET ?? null,
      previousKeys: env.HUTONG_SECRET_PREVIOUS ? env.HUTONG_SECRET_PREVIOUS.split(',') : [],
    },
  }
}

/** A config for tests and embedding: in-memory-ish defaults, overridable per field. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...configFromEnv({ HUTONG_LOG_LEVEL: 'silent', HUTONG_PORT: 0 }),
    secrets: { signingKey: 'test-secret-test-secret-test-secret-0123', previousKeys: [] },
    ...overrides,
  }
}
