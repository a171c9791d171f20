import type { FeedParser, FeedParserOptions, FeedRecord } from './feed-entry.js'
import type { NumberedLine } from './line-splitter.js'
import { LineSplitter } from './line-splitter.js'
import { feedDomain, feedUrl } from './validate.js'

const HOSTS_FILE_LINE = /^(?:0\.0\.0\.0|127\.0\.0\.1|::1?)\s+(\S+)/

/**
 * OpenPhish's plain-text feed (https://openphish.com/feed.txt): one URL per line.
 * @example createOpenphishParser().push('http://phish.example/login\n')
 */
export function createOpenphishParser(): FeedParser {
  return lineParser((text, line) => {
    const url = feedUrl(text)
    if (url === null)
      return { type: 'invalid', line, code: 'FEED_URL_INVALID', message: 'not an http(s) URL' }
    return { type: 'entry', entry: { kind: 'url', url, line } }
  })
}

/**
 * A plain list: one URL or domain per line, `#` comments (also after an entry), hosts-file lines
 * (`0.0.0.0 evil.example`) accepted. A bare host is a domain entry unless `listKind` says `url`.
 * @example createPlainListParser().push('evil.example\nhttp://phish.example/login\n')
 */
export function createPlainListParser(options: FeedParserOptions = {}): FeedParser {
  const listKind = options.listKind ?? 'auto'
  return lineParser((text, line) => {
    const item = HOSTS_FILE_LINE.exec(text)?.[1] ?? text.split(/\s/)[0] ?? ''
    const looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(item) || item.includes('/')
    if (listKind === 'domain' && looksLikeUrl) {
      const host = feedUrl(item) === null ? null : hostOf(item)
      const domain = host === null ? null : feedDomain(host)
      if (domain === null)
        return { type: 'invalid', line, code: 'FEED_DOMAIN_INVALID', message: 'no domain in this URL' }
      return { type: 'entry', entry: { kind: 'domain', domain, line } }
    }
    if (looksLikeUrl || listKind === 'url') {
      const url = feedUrl(item)
      if (url === null)
        return { type: 'invalid', line, code: 'FEED_URL_INVALID', message: 'not an http(s) URL' }
      return { type: 'entry', entry: { kind: 'url', url, line } }
    }
    const domain = feedDomain(item)
    if (domain === null)
      return { type: 'invalid', line, code: 'FEED_DOMAIN_INVALID', message: 'not a domain name' }
    return { type: 'entry', entry: { kind: 'domain', domain, line } }
  })
}

function lineParser(parseLine: (text: string, line: number) => FeedRecord): FeedParser {
  const splitter = new LineSplitter()
  const convert = (lines: NumberedLine[]): FeedRecord[] =>
    lines.flatMap(({ text, line, tooLong }): FeedRecord[] => {
      if (tooLong === true)
        return [{ type: 'invalid', line, code: 'FEED_ROW_TOO_LONG', message: 'line over the size cap' }]
      const content = text.replace(/(^|\s)#.*$/, '').trim()
      return content === '' ? [] : [parseLine(content, line)]
    })
  return { push: (chunk) => convert(splitter.push(chunk)), end: () => convert(splitter.end()) }
}

function hostOf(url: string): string | null {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`).hostname
  } catch {
    return null
  }
}
