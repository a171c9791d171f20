import { createHmac } from 'node:crypto'
import { signedByAny } from './mac.js'
import { ACTIONS, SCENARIOS, type Action, type Scenario } from './vocabulary.js'
import type { Result } from './result.js'

/** What a `/go/<token>` link carries. Never a user id. */
export interface ClickClaims {
  url: string
  scenario: Scenario
  action: Action
  policyVersion: string
  /** Expiry, unix seconds. */
  exp: number
}

const MAC_BYTES = 16

function mac(key: string, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES)
}

function encodeClaims(claims: ClickClaims): string {
  return Buffer.from(
    JSON.stringify([
      claims.url,
      SCENARIOS.indexOf(claims.scenario),
      ACTIONS.indexOf(claims.action),
      claims.policyVersion,
      claims.exp,
    ]),
  ).toString('base64url')
}

/**
 * A compact signed token: base64url(JSON array of claims) "." base64url(HMAC-SHA256, 128 bits).
 * @example signClickToken(key, { url, scenario: 'group', action: 'warn', policyVersion: '2021-11-30', exp })
 */
export function signClickToken(key: string, claims: ClickClaims): string {
  const body = encodeClaims(claims)
  return `${body}.${mac(key, body).toString('base64url')}`
}

/**
 * Checks the signature and expiry; a tampered, malformed or expired token is an issue, never a throw.
 * Given several keys (the signing key, then keys being rotated out), a signature by any of them counts.
 */
export function verifyClickToken(
  keys: string | readonly string[],
  token: string,
  nowSeconds: number,
): Result<ClickClaims> {
  const bad = (code: string, message: string): Result<ClickClaims> => ({
    ok: false,
    issues: [{ code, path: ['token'], message }],
  })
  const dot = token.indexOf('.')
  if (dot <= 0 || token.length > 8192) return bad('token_malformed', 'the link token is malformed')
  const body = token.slice(0, dot)
  const given = Buffer.from(token.slice(dot + 1), 'base64url')
  if (!signedByAny(typeof keys === 'string' ? [keys] : keys, given, (key) => mac(key, body)))
    return bad('token_invalid', 'the link token signature does not match')
  let parts: unknown
  try {
    parts = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return bad('token_malformed', 'the link token is malformed')
  }
  if (!Array.isArray(parts) || parts.length !== 5)
    return bad('token_malformed', 'the link token is malformed')
  const [url, scenarioIndex, actionIndex, policyVersion, exp] = parts as [
    unknown,
    unknown,
    unknown,
    unknown,
    unknown,
  ]
  const scenario = SCENARIOS[scenarioIndex as number]
  const action = ACTIONS[actionIndex as number]
  if (
    typeof url !== 'string' ||
    !scenario ||
    !action ||
    typeof policyVersion !== 'string' ||
    typeof exp !== 'number'
  ) {
    return bad('token_malformed', 'the link token is malformed')
  }
  if (exp < nowSeconds) return bad('token_expired', 'the link has expired; open it again from the chat')
  return { ok: true, value: { url, scenario, action, policyVersion, exp } }
}
