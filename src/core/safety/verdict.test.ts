import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseFeedText } from './feeds/create-feed-parser.js'
import { toThreatEntry } from './feeds/to-threat-entry.js'
import { DEFAULT_FRESHNESS } from './freshness.js'
import { MapFullHashStore } from './full-hash-store.js'
import { createHeuristicContext, evaluateHeuristics } from './heuristics/evaluate-heuristics.js'
import { matchUrl } from './match-url.js'
import type { ThreatMatch } from './threat-entry.js'
import { ThreatSetBuilder } from './threat-set-builder.js'
import { computeVerdict } from './verdict.js'

const NOW = Date.UTC(2024, 4, 2, 12)
const HOUR = 3_600_000
const context = createHeuristicContext({
  knownDomains: ['taobao.com', 'jd.com', 'tb.cn'],
  shortenerDomains: ['t.cn'],
})

/** The path a service takes: parse a feed, hash its entries, build the set, then decide per link. */
function importFeed(source: string, fixture: string, format: 'urlhaus' | 'openphish', importedAt: number) {
  const text = readFileSync(new URL(`../../../test/fixtures/feeds/${fixture}`, import.meta.url), 'utf8')
  const entries = parseFeedText(format, text).entries.flatMap(
    (entry) => toThreatEntry(entry, { source, importedAt }) ?? [],
  )
  const builder = new ThreatSetBuilder()
  builder.declareSource(source, importedAt)
  for (const entry of entries) builder.add(entry)
  return {
    set: builder.build(NOW),
    fullHashes: MapFullHashStore.from(entries.map((entry) => entry.fullHash)),
  }
}

function decide(url: string, matches: ThreatMatch[] = [], isRegisteredProvider = false) {
  const signals = evaluateHeuristics({ url }, context)
  return computeVerdict({
    threatMatches: matches,
    signals,
    isRegisteredProvider,
    threshold: context.config.threshold,
  })
}

describe('computeVerdict', () => {
  it('makes an imported feed URL malicious, naming the source', () => {
    const { set, fullHashes } = importFeed('urlhaus', 'urlhaus.csv', 'urlhaus', NOW - HOUR)
    const url = 'http://malware-drop.example/bins/payload.exe'
    const result = decide(url, matchUrl(set, url, { now: NOW, freshness: DEFAULT_FRESHNESS, fullHashes }))
    expect(result.verdict).toBe('malicious')
    expect(result.reasons).toEqual(['SAFETY_MALICIOUS_FEED'])
    expect(result.signals[0]?.detail).toBe(
      'listed by urlhaus as malware-drop.example/bins/payload.exe (url, 1 h old)',
    )
  })

  it('keeps feed hits decisive and heuristics as extra reasons when both apply', () => {
    const { set, fullHashes } = importFeed('urlhaus', 'urlhaus.csv', 'urlhaus', NOW - HOUR)
    const url = 'http://192.0.2.44/i'
    const result = decide(url, matchUrl(set, url, { now: NOW, freshness: DEFAULT_FRESHNESS, fullHashes }))
    expect(result).toMatchObject({
      verdict: 'malicious',
      reasons: ['SAFETY_MALICIOUS_FEED', 'SAFETY_IP_HOST'],
    })
  })

  it('lets a stale feed hit count as a weak signal but never as malicious', () => {
    const { set, fullHashes } = importFeed('openphish', 'openphish.txt', 'openphish', NOW - 10 * 24 * HOUR)
    const url = 'http://login-verify.example/account/'
    const matches = matchUrl(set, url, { now: NOW, freshness: DEFAULT_FRESHNESS, fullHashes })
    expect(matches[0]?.fresh).toBe(false)
    const stale = decide(url, matches)
    expect(stale).toMatchObject({ verdict: 'unknown', score: 2, reasons: [] })
    expect(stale.signals[0]?.detail).toBe(
      'listed by openphish as login-verify.example/account/, but stale (source-not-refreshed)',
    )
    const staleOnRiskyTld = computeVerdict({
      threatMatches: matches,
      signals: evaluateHeuristics({ url: 'https://prize.top/' }, context),
      isRegisteredProvider: false,
      threshold: 4,
    })
    expect(staleOnRiskyTld).toMatchObject({
      verdict: 'suspicious',
      reasons: ['SAFETY_STALE_FEED_MATCH', 'SAFETY_RISKY_TLD'],
    })
  })

  it('makes lookalikes, userinfo tricks and IP hosts suspicious with their signals as reasons', () => {
    expect(decide('https://taoba0.com/item')).toMatchObject({
      verdict: 'suspicious',
      reasons: ['SAFETY_LOOKALIKE'],
    })
    expect(decide('https://www.jd.com@evil.example/')).toMatchObject({
      verdict: 'suspicious',
      reasons: ['SAFETY_USERINFO_DOMAIN'],
    })
    expect(decide('http://0xC0A80101/')).toMatchObject({ verdict: 'suspicious', reasons: ['SAFETY_IP_HOST'] })
  })

  it('is clean for registered providers and unknown for other links without enough signal', () => {
    expect(decide('https://item.taobao.com/item.htm?id=1', [], true)).toMatchObject({
      verdict: 'clean',
      reasons: [],
    })
    expect(decide('https://blog.example/post')).toMatchObject({ verdict: 'unknown', reasons: [] })
    const weak = decide('https://prize.top/')
    expect(weak).toMatchObject({ verdict: 'unknown', score: 2, reasons: [] })
    expect(weak.signals.map((signal) => signal.code)).toEqual(['SAFETY_RISKY_TLD'])
  })

  it('makes a link malicious on a reviewed case, even a registered provider', () => {
    const result = computeVerdict({
      threatMatches: [],
      signals: [],
      caseVerdict: 'malicious',
      isRegisteredProvider: true,
      threshold: 4,
    })
    expect(result).toMatchObject({ verdict: 'malicious', reasons: ['SAFETY_CASE_MALICIOUS'] })
  })

  it('reports one signal per source, the youngest entry first', () => {
    const match = (source: string, ageMs: number): ThreatMatch => ({
      source,
      expression: 'evil.example/',
      kind: 'domain',
      addedAt: NOW - ageMs,
      ageMs,
      fresh: true,
    })
    const result = computeVerdict({
      threatMatches: [match('a', 3 * HOUR), match('a', HOUR), match('b', 2 * HOUR)],
      signals: [],
      isRegisteredProvider: false,
      threshold: 4,
    })
    expect(result.signals.map((signal) => signal.detail)).toEqual([
      'listed by a as evil.example/ (domain, 1 h old)',
      'listed by b as evil.example/ (domain, 2 h old)',
    ])
  })
})
