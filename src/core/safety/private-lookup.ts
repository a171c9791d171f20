import { fromHex, fullHash, prefixOf, safeBrowsingExpressions, toHex } from '../links/safe-browsing.js'
import type { Result } from '../result.js'
import { fail, ok } from '../result.js'
import { staleReason } from './freshness.js'
import type { MatchOptions } from './match-url.js'
import { checkWordOf } from './threat-entry.js'
import type { ThreatSet } from './threat-set.js'

/** One URL has at most 30 expressions; a little headroom lets a client batch two or three links. */
export const MAX_LOOKUP_PREFIXES = 100

/**
 * The hex 4-byte hash prefixes a client sends instead of the URL (Safe Browsing's hash-prefix protocol).
 * @example hashPrefixesForLookup('https://evil.example/a') // ['1c5e…', …] (8 hex digits each)
 */
export function hashPrefixesForLookup(rawUrl: string): string[] {
  const prefixes = safeBrowsingExpressions(rawUrl).map((expression) =>
    toHex(fullHash(expression).subarray(0, 4)),
  )
  return [...new Set(prefixes)]
}

/**
 * The server side: full hashes (hex) of fresh listed entries starting with any of the given prefixes.
 * The server sees 4–32 byte prefixes only, never the URL or its expressions.
 * @example matchFullHashesByPrefixes(set, ['1c5e0a9b'], { now, freshness, fullHashes })
 */
export function matchFullHashesByPrefixes(
  set: ThreatSet,
  prefixes: readonly string[],
  options: MatchOptions,
): Result<string[]> {
  if (prefixes.length > MAX_LOOKUP_PREFIXES) {
    return fail({
      code: 'THREAT_LOOKUP_TOO_MANY_PREFIXES',
      path: ['prefixes'],
      message: `at most ${MAX_LOOKUP_PREFIXES} prefixes per lookup`,
    })
  }
  const parsed: Uint8Array[] = []
  for (const [index, hex] of prefixes.entries()) {
    const bytes = hex.length >= 8 && hex.length <= 64 ? fromHex(hex) : null
    if (bytes === null) {
      return fail({
        code: 'THREAT_LOOKUP_PREFIX_INVALID',
        path: ['prefixes', index],
        message: 'a prefix is 4 to 32 bytes written as an even number of hex digits',
      })
    }
    parsed.push(bytes)
  }
  const found = new Set<string>()
  for (const prefixBytes of parsed) {
    const prefix = prefixOf(prefixBytes)
    if (set.withPrefix(prefix).length === 0) continue
    for (const hash of options.fullHashes.fullHashesFor(prefix)) {
      if (startsWith(hash, prefixBytes) && hasFreshEntry(set, hash, options)) found.add(toHex(hash))
    }
  }
  return ok([...found].sort())
}

/**
 * The client side: which of its URL's expressions the returned full hashes confirm.
 * @example confirmFullHashes('https://evil.example/a', response.fullHashes) // ['evil.example/']
 */
export function confirmFullHashes(rawUrl: string, fullHashesHex: readonly string[]): string[] {
  const listed = new Set(fullHashesHex.map((hex) => hex.toLowerCase()))
  return safeBrowsingExpressions(rawUrl).filter((expression) => listed.has(toHex(fullHash(expression))))
}

function hasFreshEntry(set: ThreatSet, hash: Uint8Array, options: MatchOptions): boolean {
  return set.candidates(prefixOf(hash), checkWordOf(hash)).some((index) => {
    const entry = set.entry(index)
    return (
      entry !== null &&
      staleReason(options.freshness, { ...entry, setRefreshedAt: set.refreshedAt }, options.now) === null
    )
  })
}

function startsWith(hash: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > hash.length) return false
  for (let i = 0; i < prefix.length; i++) if (hash[i] !== prefix[i]) return false
  return true
}
