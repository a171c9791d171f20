import { CsvReader } from './csv-reader.js'
import type { CsvRecord } from './csv-reader.js'
import type { FeedParser, FeedRecord } from './feed-entry.js'
import { JsonArrayReader } from './json-array-reader.js'
import type { JsonElement } from './json-array-reader.js'
import { feedDate, feedUrl } from './validate.js'

const CSV_COLUMNS = [
  'phish_id',
  'url',
  'phish_detail_url',
  'submission_time',
  'verified',
  'verification_time',
  'online',
  'target',
]

interface PhishRow {
  url: unknown
  submission_time?: unknown
  verification_time?: unknown
  verified?: unknown
  online?: unknown
}

/**
 * PhishTank JSON (https://phishtank.org/developer_info.php): an array of objects with url,
 * submission_time, verified, verification_time, online, target. Unverified or offline rows are skipped.
 * @example createPhishtankJsonParser().push('[{"url":"http://phish.example/","verified":"yes","online":"yes"}]')
 */
export function createPhishtankJsonParser(): FeedParser {
  const reader = new JsonArrayReader()
  const convert = (elements: JsonElement[]): FeedRecord[] => elements.map(jsonElement)
  return { push: (chunk) => convert(reader.push(chunk)), end: () => convert(reader.end()) }
}

/**
 * PhishTank CSV: a header row, then phish_id,url,phish_detail_url,submission_time,verified,verification_time,online,target.
 * @example createPhishtankCsvParser().push('phish_id,url,…\n1,http://phish.example/,…\n')
 */
export function createPhishtankCsvParser(): FeedParser {
  const reader = new CsvReader()
  let columns = CSV_COLUMNS
  const convert = (records: CsvRecord[]): FeedRecord[] =>
    records.flatMap((record) => {
      if (record.fields[0]?.trim() === 'phish_id') {
        columns = record.fields.map((field) => field.trim())
        return []
      }
      if (record.tooLong) {
        return [
          { type: 'invalid', line: record.line, code: 'FEED_ROW_TOO_LONG', message: 'row over the size cap' },
        ]
      }
      if (record.malformed || record.fields.length !== columns.length) {
        const message = `expected ${columns.length} columns, got ${record.fields.length}`
        return [{ type: 'invalid', line: record.line, code: 'FEED_ROW_MALFORMED', message }]
      }
      const row: Record<string, string> = {}
      columns.forEach((column, index) => (row[column] = record.fields[index] ?? ''))
      return [phishRow(row as unknown as PhishRow, record.line)]
    })
  return { push: (chunk) => convert(reader.push(chunk)), end: () => convert(reader.end()) }
}

/**
 * Picks the JSON or CSV parser from the first non-blank character (`[` means JSON).
 * @example createPhishtankParser().push('[{"url":…}]')
 */
export function createPhishtankParser(): FeedParser {
  let chosen: FeedParser | null = null
  let buffered = ''
  const choose = (text: string): FeedParser | null => {
    const first = /[^\s\ufeff]/.exec(text)?.[0]
    if (first === undefined) return null
    return first === '[' ? createPhishtankJsonParser() : createPhishtankCsvParser()
  }
  return {
    push(chunk) {
      if (chosen !== null) return chosen.push(chunk)
      buffered += chunk
      chosen = choose(buffered)
      if (chosen === null) return []
      const text = buffered
      buffered = ''
      return chosen.push(text)
    },
    end() {
      if (chosen === null) return []
      return chosen.end()
    },
  }
}

function jsonElement(element: JsonElement): FeedRecord {
  const { line } = element
  if (element.tooLong)
    return { type: 'invalid', line, code: 'FEED_ROW_TOO_LONG', message: 'element over the size cap' }
  let value: unknown
  try {
    value = JSON.parse(element.text)
  } catch {
    return { type: 'invalid', line, code: 'FEED_ROW_MALFORMED', message: 'not valid JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('url' in value)) {
    return { type: 'invalid', line, code: 'FEED_ROW_MALFORMED', message: 'not an object with a url' }
  }
  return phishRow(value, line)
}

function phishRow(row: PhishRow, line: number): FeedRecord {
  const url = typeof row.url === 'string' ? feedUrl(row.url) : null
  if (url === null) return { type: 'invalid', line, code: 'FEED_URL_INVALID', message: 'not an http(s) URL' }
  if (row.verified !== undefined && !isYes(row.verified)) {
    return { type: 'skipped', line, code: 'FEED_UNVERIFIED', message: 'not verified as phishing' }
  }
  if (row.online !== undefined && !isYes(row.online)) {
    return { type: 'skipped', line, code: 'FEED_OFFLINE', message: 'no longer online' }
  }
  const addedAt = feedDate(nonEmpty(row.verification_time) ?? nonEmpty(row.submission_time))
  return { type: 'entry', entry: { kind: 'url', url, line, ...(addedAt === undefined ? {} : { addedAt }) } }
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function isYes(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(yes|true|y|1)$/i.test(value.trim()))
}
