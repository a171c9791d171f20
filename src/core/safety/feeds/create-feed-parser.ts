import type {
  FeedEntry,
  FeedFormat,
  FeedParser,
  FeedParserOptions,
  FeedProblem,
  FeedRecord,
} from './feed-entry.js'
import { createPhishtankCsvParser, createPhishtankJsonParser, createPhishtankParser } from './phishtank.js'
import { createOpenphishParser, createPlainListParser } from './plain-list.js'
import { createUrlhausParser } from './urlhaus.js'

/**
 * A streaming parser for one feed format.
 * @example const parser = createFeedParser('urlhaus'); for (const chunk of chunks) tally.add(parser.push(chunk))
 */
export function createFeedParser(format: FeedFormat, options: FeedParserOptions = {}): FeedParser {
  switch (format) {
    case 'urlhaus':
      return createUrlhausParser(options)
    case 'phishtank':
      return createPhishtankParser()
    case 'phishtank-json':
      return createPhishtankJsonParser()
    case 'phishtank-csv':
      return createPhishtankCsvParser()
    case 'openphish':
      return createOpenphishParser()
    case 'list':
      return createPlainListParser(options)
  }
}

/** How many problems a tally keeps verbatim; the counts stay exact. */
export const MAX_KEPT_PROBLEMS = 100

/**
 * Counts a parse as it streams: entries, skipped and invalid rows, and the first problems for the report.
 * @example const tally = new FeedTally(); tally.add(parser.push(chunk)).forEach(store); tally.add(parser.end())
 */
export class FeedTally {
  entries = 0
  skipped = 0
  invalid = 0
  readonly problems: FeedProblem[] = []

  /** Counts the records and returns just their entries. */
  add(records: readonly FeedRecord[]): FeedEntry[] {
    const entries: FeedEntry[] = []
    for (const record of records) {
      if (record.type === 'entry') {
        this.entries++
        entries.push(record.entry)
        continue
      }
      if (record.type === 'skipped') this.skipped++
      else this.invalid++
      if (this.problems.length < MAX_KEPT_PROBLEMS) this.problems.push(record)
    }
    return entries
  }
}

export interface ParsedFeed {
  entries: FeedEntry[]
  skipped: number
  invalid: number
  problems: FeedProblem[]
}

/**
 * Parses a whole feed held in memory (tests, small uploads); services stream with `createFeedParser`.
 * @example parseFeedText('openphish', 'http://phish.example/\n').entries.length // 1
 */
export function parseFeedText(format: FeedFormat, text: string, options: FeedParserOptions = {}): ParsedFeed {
  const parser = createFeedParser(format, options)
  const tally = new FeedTally()
  const entries = [...tally.add(parser.push(text)), ...tally.add(parser.end())]
  return { entries, skipped: tally.skipped, invalid: tally.invalid, problems: tally.problems }
}
