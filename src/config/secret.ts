import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The signing key: the configured one, else the one kept in the data dir, else a new one written there
 * with mode 0600. Several nodes must share HUTONG_SECRET instead.
 */
export function resolveSigningKey(
  configured: string | null,
  dataDir: string,
): { key: string; created: boolean } {
  if (configured) return { key: configured, created: false }
  const file = path.join(dataDir, 'secret')
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), created: false }
  mkdirSync(dataDir, { recursive: true })
  const key = randomBytes(32).toString('base64url')
  writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return { key, created: true }
}
