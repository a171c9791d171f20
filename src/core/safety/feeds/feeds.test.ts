import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FeedFormat, FeedRecord } from './feed-entry.js'
import { FeedTally, createFeedParser, parseFeedText } from './create-feed-parser.js'
import { CsvReader } from './csv-reader.js'
import { feedExpression, toThreatEntry } from './to-threat-entry.js'

const FIXTURES = new URL('../../../../test/fixtures/feeds/', import.meta.url)
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8')

function urls(format: FeedFormat, name: string): string[] {
  return parseFeedText(format, fixture(name)).entries.map((entry) =>
    entry.kind === 'url' ? entry.url : entry.domain,
  )
}

describe('feed fixtures', () => {
  it.each([
    ['urlhaus', 'urlhaus.csv', { entries: 5, skipped: 1, invalid: 4 }],
    ['phishtank', 'phishtank.json', { entries: 4, skipped: 2, invalid: 3 }],
    ['phishtank', 'phishtank.csv', { entries: 3, skipped: 1, invalid: 2 }],
    ['openphish', 'openphish.txt', { entries: 5, skipped: 0, invalid: 2 }],
    ['list', 'domains.txt', { entries: 8, skipped: 0, invalid: 2 }],
  ] as const)('%s %s: counts good, skipped and malformed rows without failing', (format, name, counts) => {
    const parsed = parseFeedText(format, fixture(name))
    expect({ entries: parsed.entries.length, skipped: parsed.skipped, invalid: parsed.invalid }).toEqual(
      counts,
    )
  })

  it('reads URLhaus quoting, both column layouts and its UTC dates, and names the bad lines', () => {
    const parsed = parseFeedText('urlhaus', fixture('urlhaus.csv'))
    expect(urls('urlhaus', 'urlhaus.csv')).toEqual([
      'http://malware-drop.example/bins/payload.exe',
      'http://192.0.2.44/i',
      'http://shop.example/dl,file?name="x"',
      'http://old-format.example/gate.php',
      'http://例子.test/登录',
    ])
    expect(parsed.entries[0]).toMatchObject({ line: 8, addedAt: Date.UTC(2024, 4, 1, 10, 11, 12) })
    expect(parsed.problems.map((problem) => [problem.line, problem.code])).toEqual([
      [10, 'FEED_OFFLINE'],
      [13, 'FEED_ROW_MALFORMED'],
      [14, 'FEED_URL_INVALID'],
      [15, 'FEED_ROW_MALFORMED'],
      [18, 'FEED_ROW_MALFORMED'],
    ])
    expect(parseFeedText('urlhaus', fixture('urlhaus.csv'), { includeOffline: true }).entries).toHaveLength(6)
  })

  it('streams PhishTank JSON element by element, braces inside strings included', () => {
    expect(urls('phishtank', 'phishtank.json')).toEqual([
      'http://secure-login.bank.example/verify',
      'https://pay.wallet.test/account/update?step=1',
      'http://203.0.113.9/~user/login.html',
      'http://brace-in-string.example/a}b{c"d',
    ])
    const [first, , third] = parseFeedText('phishtank', fixture('phishtank.json')).entries
    expect(first?.addedAt).toBe(Date.UTC(2024, 4, 1, 8, 30))
    expect(third?.addedAt).toBe(Date.UTC(2024, 3, 30, 23, 59, 59))
  })

  it('normalises list domains (case, trailing dot, wildcard, hosts-file, IDN) and keeps URLs as URLs', () => {
    expect(urls('list', 'domains.txt')).toEqual([
      'malware-cdn.example',
      'phish-kit.test',
      'wildcard.example',
      'tracker.invalid',
      'ads.example',
      'http://page.example/only/this/page.html',
      '203.0.113.50',
      'xn--fsqu00a.test',
    ])
    const asDomains = parseFeedText('list', 'http://page.example/a\nevil.example\n', { listKind: 'domain' })
    expect(asDomains.entries.map((entry) => entry.kind)).toEqual(['domain', 'domain'])
  })

  it.each([
    ['urlhaus', 'urlhaus.csv'],
    ['phishtank', 'phishtank.json'],
    ['phishtank', 'phishtank.csv'],
    ['openphish', 'openphish.txt'],
    ['list', 'domains.txt'],
  ] as const)('%s %s: gives the same result however the stream is chunked', (format, name) => {
    const text = fixture(name)
    const whole = parseFeedText(format, text)
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: text.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b)
        const parser = createFeedParser(format)
        const tally = new FeedTally()
        const records: FeedRecord[] = []
        let at = 0
        for (const point of [...points, text.length]) {
          records.push(...parser.push(text.slice(at, point)))
          at = point
        }
        records.push(...parser.end())
        tally.add(records)
        expect({ entries: tally.entries, skipped: tally.skipped, invalid: tally.invalid }).toEqual({
          entries: whole.entries.length,
          skipped: whole.skipped,
          invalid: whole.invalid,
        })
        expect(records.filter((record) => record.type === 'entry')).toEqual(
          whole.entries.map((entry) => ({ type: 'entry', entry })),
        )
      }),
      { seed: 11, numRuns: 100 },
    )
  })
})

describe('feed robustness', () => {
  it('never throws on arbitrary text in any format', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<FeedFormat>(
          'urlhaus',
          'phishtank',
          'phishtank-json',
          'phishtank-csv',
          'openphish',
          'list',
        ),
        fc.string({ maxLength: 300, unit: 'binary' }),
        (format, text) => {
          const parsed = parseFeedText(format, text)
          expect(parsed.entries.length + parsed.skipped + parsed.invalid).toBeGreaterThanOrEqual(0)
        },
      ),
      { seed: 3, numRuns: 800 },
    )
  })

  it('caps a runaway quoted field instead of buffering the rest of the feed', () => {
    const runaway = `"1","2024-01-01","${'x'.repeat(70_000)}\n"2","2024-01-01","http://next.example/","online","","t","","u","r"\n`
    const parsed = parseFeedText('urlhaus', runaway)
    expect(parsed.invalid).toBe(1)
    expect(parsed.problems[0]?.code).toBe('FEED_ROW_TOO_LONG')
    expect(parsed.entries.map((entry) => entry.kind === 'url' && entry.url)).toEqual(['http://next.example/'])
  })

  it('caps a runaway JSON element, whether it arrives whole or in pieces', () => {
    const runaway = `[{"url":"http://a.example/${'x'.repeat(70_000)}"},{"url":"http://ok.example/","verified":"yes"}]`
    for (const size of [runaway.length, 4096]) {
      const parser = createFeedParser('phishtank-json')
      const tally = new FeedTally()
      const entries = []
      for (let at = 0; at < runaway.length; at += size)
        entries.push(...tally.add(parser.push(runaway.slice(at, at + size))))
      entries.push(...tally.add(parser.end()))
      expect(tally.problems.map((problem) => problem.code)).toEqual(['FEED_ROW_TOO_LONG'])
      expect(entries.map((entry) => entry.kind === 'url' && entry.url)).toEqual(['http://ok.example/'])
    }
  })

  it('reads CRLF line endings and fields spanning lines', () => {
    const reader = new CsvReader()
    const records = [...reader.push('a,"multi\r\nline"\r\nb,c\r\n'), ...reader.end()]
    expect(records.map((record) => [record.line, record.fields])).toEqual([
      [1, ['a', 'multi\r\nline']],
      [3, ['b', 'c']],
    ])
  })
})

describe('toThreatEntry', () => {
  const importedAt = Date.UTC(2024, 4, 2)

  it('lists a URL by its canonical expression and a domain by host/', () => {
    expect(feedExpression({ kind: 'url', url: 'HTTP://Evil.Example/a/./b?x=1#frag', line: 1 })).toBe(
      'evil.example/a/b?x=1',
    )
    expect(feedExpression({ kind: 'domain', domain: 'evil.example', line: 1 })).toBe('evil.example/')
  })

  it('dates by the import unless the feed date is asked for, and never later than the import', () => {
    const entry = {
      kind: 'url' as const,
      url: 'http://evil.example/',
      line: 1,
      addedAt: Date.UTC(2024, 0, 1),
    }
    expect(toThreatEntry(entry, { source: 'urlhaus', importedAt })?.addedAt).toBe(importedAt)
    expect(toThreatEntry(entry, { source: 'urlhaus', importedAt, dating: 'feed' })?.addedAt).toBe(
      Date.UTC(2024, 0, 1),
    )
    const future = { ...entry, addedAt: importedAt + 1e9 }
    expect(toThreatEntry(future, { source: 'urlhaus', importedAt, dating: 'feed' })?.addedAt).toBe(importedAt)
  })
})
