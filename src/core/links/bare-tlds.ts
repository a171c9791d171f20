/**
 * TLDs common enough on the web that a bare `host` with no path counts as a link (`jd.com`).
 * Deliberately absent: TLDs that collide with file extensions in chat — md, py, zip, mov, sh, rs,
 * pl, ps, so, do, ml, cs… (`README.md`, `main.py`, `backup.zip` are not links). Such hosts still
 * link with a scheme, `www.` or a path.
 */
export const BARE_TLDS: ReadonlySet<string> = new Set([
  // generic
  'com', 'net', 'org', 'info', 'biz', 'edu', 'gov', 'mil', 'int', 'name', 'pro', 'mobi', 'asia',
  // popular new gTLDs in Chinese use
  'top', 'xyz', 'vip', 'shop', 'site', 'online', 'club', 'store', 'tech', 'fun', 'ltd', 'link', 'live',
  'wang', 'ren', 'ink', 'red', 'kim', 'cloud', 'work', 'art', 'love', 'life', 'group', 'xin', 'plus',
  'cool', 'world', 'today', 'news', 'video', 'games', 'space', 'website', 'press', 'app', 'dev', 'blog',
  // country codes common in chat
  'cn', 'hk', 'mo', 'tw', 'jp', 'kr', 'sg', 'us', 'uk', 'de', 'fr', 'ru', 'in', 'ca', 'au', 'eu', 'nz',
  'nl', 'it', 'es', 'ch', 'se', 'br', 'co', 'io', 'me', 'cc', 'tv', 'ai', 'gg', 'ly', 'la', 'to', 'fm',
  'im', 'ws', 'vn', 'th', 'my', 'ph', 'id', 'be', 'at', 'pw', 'moe',
])
