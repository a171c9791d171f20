import { CsvReader } from './csv-reader.js'
import type { CsvRecord } from './csv-reader.js'
import type { FeedParser, FeedParserOptions, FeedRecord } from './feed-entry.js'
import { feedDate, feedUrl } from './validate.js'

/**
 * URLhaus CSV (https://urlhaus.abuse.ch/api/#csv): `#` comments, quoted fields, columns
 * id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter (older exports lack last_online).
 * @example createUrlhausParser().push('"1","2024-05-01 10:11:12","http://evil.example/x","online",…\n')
 */
export function createUrlhausParser(options: FeedParserOptions = {}): FeedParser {
  const reader = new CsvReader()
  const convert = (records: CsvRecord[]): FeedRecord[] =>
    records.flatMap((record) => urlhausRecord(record, options.includeOffline === true))
  return {
    push: (chunk) => convert(reader.push(chunk)),
    end: () => convert(reader.end()),
  }
}

function urlhausRecord(record: CsvRecord, includeOffline: boolean): FeedRecord[] {
  const { fields, line } = record
  if (record.tooLong)
    return [{ type: 'invalid', line, code: 'FEED_ROW_TOO_LONG', message: 'row over the size cap' }]
  if (fields[0]?.trim() === 'id') return []
  if (record.malformed || (fields.length !== 9 && fields.length !== 8)) {
    return [
      {
        type: 'invalid',
        line,
        code: 'FEED_ROW_MALFORMED',
        message: `expected 8 or 9 columns, got ${fields.length}`,
      },
    ]
  }
  const [, dateAdded, rawUrl, status] = fields
  const url = feedUrl(rawUrl ?? '')
  if (url === null)
    return [{ type: 'invalid', line, code: 'FEED_URL_INVALID', message: 'not an http(s) URL' }]
  if (status?.trim() === 'offline' && !includeOffline) {
    return [{ type: 'skipped', line, code: 'FEED_OFFLINE', message: 'url_status is offline' }]
  }
  const addedAt = feedDate(dateAdded)
  return [{ type: 'entry', entry: { kind: 'url', url, line, ...(addedAt === undefined ? {} : { addedAt }) } }]
}
