/**
 * Cases of the peer suites where Hutong deliberately differs, with what Hutong returns and why.
 * The peer tests read this list: a case listed here must produce exactly `hutong`; any other case
 * must match the peer's expectation. Documented in docs/links.md ("Deviations from peer suites").
 */
export interface Deviation {
  suite: string
  id: string
  /** The raw spans Hutong returns for the case. */
  hutong: string[]
  reason: string
}

/** Reasons, shared by the cases they explain. */
export const R = {
  invalidHost:
    'A scheme does not make a host valid: Hutong needs an ICANN public suffix (or an IP literal or localhost). Issue rule: invalid hosts are never links.',
  protocolRelative:
    'Protocol-relative `//host` is not one of the accepted shapes (http(s)://, www., host/path, curated bare host).',
  otherScheme:
    'Only http and https are links; nothing starts after another scheme (ftp://, mailto:). Issue rule.',
  ipNeedsScheme:
    'IP literals are links only with an explicit scheme (issue rule: flagged links); bare IPs collide with version numbers.',
  afterAt: 'A link never starts right after `@` (issue rule: emails are not links).',
  schemeLabel:
    'A word glued to `:` before a link reads as another URI scheme (issue rule); only label words such as Link:, URL:, see: are exempt.',
  bareTld:
    'A bare host with no path is a link only on the curated common-web TLD list (issue rule); .xxx and .so (shared-library names like libc.so) are not on it.',
  quoteEnds:
    '`"` ends a link and a trailing `\'` is trimmed (issue rules: ends at < > "; trailing . , ; : ! ? * \' " dropped).',
  email: 'Emails are never links (issue rule); Hutong does not return mailto links either.',
  symbolHost:
    'Symbols and emoji end a link (issue rule), so `✪df.ws` is no host; and nothing after a rejected `http://` starts a link.',
  schemelessIdn:
    'Scheme-less IDN hosts are not recognised: in CJK prose they cannot be told apart from text. With https:// they are.',
  generalPunct:
    'General punctuation (– — “ ” …) ends a link: in Chinese chat —— and … are sentence punctuation right after links.',
  cjkAfterSlash:
    'A CJK character right after / = ? & # continues the link (issue rule: https://www.baidu.com/s?wd=胡同&ie=utf-8).',
  underscore:
    'WHATWG URL and browsers accept `_` in hosts; a link that opens in a browser must be governed, so it is recognised.',
  afterLetter:
    'No link starts right after a letter of any script, so ELPAÍS.com is not S.com; scheme-less IDN is not recognised.',
  hashtag:
    'Links after `#` are recognised: Chinese topic tags (#话题#) often sit right before a link. Only `@` and `$` block a start.',
  trailingTrim:
    "Only the listed trailing characters are trimmed (issue rule); `'s`, `-`, `+c`, `.x`, `#a` stay part of the link.",
  tco: 'Twitter-specific t.co slug rules do not apply.',
} as const

export const DEVIATIONS: readonly Deviation[] = [
  { suite: 'linkify-it.links', id: 'line 37', hutong: [], reason: R.invalidHost },
  { suite: 'linkify-it.links', id: 'line 46', hutong: [], reason: R.invalidHost },
  { suite: 'linkify-it.links', id: 'line 61', hutong: [], reason: R.protocolRelative },
  { suite: 'linkify-it.links', id: 'line 63', hutong: [], reason: R.protocolRelative },
  { suite: 'linkify-it.links', id: 'line 75', hutong: [], reason: R.otherScheme },
  { suite: 'linkify-it.links', id: 'line 82', hutong: [], reason: R.protocolRelative },
  { suite: 'linkify-it.links', id: 'line 88', hutong: [], reason: R.ipNeedsScheme },
  { suite: 'linkify-it.links', id: 'line 90', hutong: [], reason: R.ipNeedsScheme },
  { suite: 'linkify-it.links', id: 'line 96', hutong: [], reason: R.afterAt },
  { suite: 'linkify-it.links', id: 'line 99', hutong: [], reason: R.schemeLabel },
  { suite: 'linkify-it.links', id: 'line 114', hutong: [], reason: R.bareTld },
  { suite: 'linkify-it.links', id: 'line 134', hutong: ['http://foo.com/blah_blah_'], reason: R.quoteEnds },
  {
    suite: 'linkify-it.links',
    id: 'line 136',
    hutong: ["http://foo.com/blah_blah_'singlequoted"],
    reason: R.quoteEnds,
  },
  { suite: 'linkify-it.links', id: 'line 234', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 237', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 240', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 248', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 251', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 254', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 256', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 259', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 261', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 263', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 265', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 267', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 269', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 272', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 275', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 278', hutong: [], reason: R.email },
  { suite: 'linkify-it.links', id: 'line 285', hutong: [], reason: R.symbolHost },
  { suite: 'linkify-it.links', id: 'line 291', hutong: [], reason: R.schemelessIdn },
  { suite: 'linkify-it.links', id: 'line 295', hutong: [], reason: R.schemelessIdn },
  { suite: 'linkify-it.links', id: 'line 319', hutong: [], reason: R.email },
  {
    suite: 'twitter-text.urls',
    id: 'Extract valid URL: http://✪df.ws/ejp',
    hutong: [],
    reason: R.symbolHost,
  },
  {
    suite: 'twitter-text.urls',
    id: 'Extract URLs with an en dash in the path',
    hutong: ['https://en.m.wikipedia.org/wiki/Hatfield'],
    reason: R.generalPunct,
  },
  {
    suite: 'twitter-text.urls',
    id: 'Extract URLs with and without protocol surrounded by CJK characters',
    hutong: [
      'http://twitter.com/これは日本語です',
      'example.com',
      'http://t.co/abcde',
      'twitter.com',
      'example2.com',
      'http://twitter.com/abcde',
    ],
    reason: R.cjkAfterSlash,
  },
  {
    suite: 'twitter-text.urls',
    id: 'Extract short URLs without protocol on ccTLD domains without path',
    hutong: ['twitter.jp', 'foo.jp', 'foo.jp'],
    reason: R.bareTld,
  },
  {
    suite: 'twitter-text.urls',
    id: 'DO NOT Extract URL with domain preceeded by underscore: http://domain-begin_dash_2314352345_dfasd.foo-cow_4352.com',
    hutong: ['http://domain-dash_2314352345_dfasd.foo-cow_4352.com'],
    reason: R.underscore,
  },
  {
    suite: 'twitter-text.urls',
    id: 'DO NOT extract URLs containing leading underscores in the subdomain',
    hutong: ['http://_leadingunderscore.twitter.com'],
    reason: R.underscore,
  },
  {
    suite: 'twitter-text.urls',
    id: 'DO NOT extract URLs containing leading underscores in the domain with a subdomain',
    hutong: ['http://leadingunderscore._twitter.com'],
    reason: R.underscore,
  },
  {
    suite: 'twitter-text.urls',
    id: 'DO NOT extract URLs containing trailing underscores in the subdomain',
    hutong: ['http://trailingunderscore_.twitter.com'],
    reason: R.underscore,
  },
  {
    suite: 'twitter-text.urls',
    id: 'DO NOT extract URLs containing trailing underscores in the domain with a subdomain',
    hutong: ['http://trailingunderscore.twitter_.com'],
    reason: R.underscore,
  },
  {
    suite: 'twitter-text.urls',
    id: 'DO NOT extract URLs containing underscores in the domain name',
    hutong: ['http://twitter_underscore.com'],
    reason: R.underscore,
  },
  { suite: 'twitter-text.urls', id: 'Extract valid URL ELPAÍS.com', hutong: [], reason: R.afterLetter },
  {
    suite: 'twitter-text.urls',
    id: 'DO NOT extract URLs in hashtag or @mention',
    hutong: ['test.com', 'http://test.com', 't.co/abcde'],
    reason: R.hashtag,
  },
  {
    suite: 'twitter-text.urls',
    id: 'Extract a t.co URL with a trailing apostrophe',
    hutong: ["http://t.co/pbY2NfTZ's"],
    reason: R.trailingTrim,
  },
  {
    suite: 'twitter-text.urls',
    id: 'Extract a t.co URL with a trailing hyphen',
    hutong: ['http://t.co/FNkPfmii-'],
    reason: R.trailingTrim,
  },
  {
    suite: 'twitter-text.urls',
    id: 'DO NOT extract URLs with > 40 characters in a t.co slug',
    hutong: ['http://t.co/abcdefghijklmnopqrstuvwxyz012345678901234'],
    reason: R.tco,
  },
  {
    suite: 'twitter-text.urls',
    id: 'Extract domain followed by Japanese characters',
    hutong: ['example.com'],
    reason: R.schemelessIdn,
  },
  {
    suite: 'twitter-text.urls',
    id: 'Extract URL before newline',
    hutong: [
      'http://twitter.com',
      'http://example.com',
      'http://example.com/path',
      'example.com/path',
      'it.so/abcde',
    ],
    reason: R.bareTld,
  },
  {
    suite: 'twitter-text.urls_with_indices',
    id: 'Extract URLs with and without protocol surrounded by CJK characters',
    hutong: [
      'http://twitter.com/これは日本語です',
      'example.com',
      'http://t.co/abcde',
      'twitter.com',
      'example2.com',
      'http://twitter.com/abcde',
    ],
    reason: R.cjkAfterSlash,
  },
  {
    suite: 'twitter-text.urls_with_indices',
    id: 'Extract t.co URLs skipping trailing characters and adjusting indices correctly',
    hutong: [
      "http://t.co/pbY2NfTZ's",
      'http://t.co/2vYHpAc5',
      'http://t.co/ulYGBYSo',
      'http://t.co/8MkmHU0k+c',
      'http://t.co/TKLp64dY.x',
      'http://t.co/8t7G3ddS#a',
      'http://t.co/FNkPfmii-',
    ],
    reason: R.trailingTrim,
  },
]
