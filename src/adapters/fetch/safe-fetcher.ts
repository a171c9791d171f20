import type { Readable } from 'node:stream'
import { Agent, request } from 'undici'
import { headMetadataComplete, headRead } from '../../core/cards/head-scan.js'
import { createAddressGuard } from './address-guard.js'
import { readBody } from './body-reader.js'
import { FetchError } from './fetch-error.js'
import type { ImageType } from './image-type.js'
import { sniffImageType } from './image-type.js'
import type { HostLookup } from './pinned-connector.js'
import { createPinnedConnector } from './pinned-connector.js'
import { checkUrl } from './url-guard.js'

export interface SafeFetcherOptions {
  /** Exact CIDRs exempt from the address guard (`HUTONG_FETCH_ALLOW_PRIVATE`); empty by default. */
  allowPrivate?: readonly string[]
  allowedPorts?: readonly number[]
  maxRedirects?: number
  /** One budget for the whole operation: every hop, connect and byte. */
  totalTimeoutMs?: number
  maxHtmlBytes?: number
  maxImageBytes?: number
  maxCompressionRatio?: number
  userAgent?: string
  lookup?: HostLookup
  /** An HTTP proxy URL; requests tunnel through it with CONNECT to the already-checked address. */
  proxy?: string
  /** PEM certificates that replace the default trusted CAs (a private CA on an intranet, or tests). */
  tlsCa?: string
}

export interface RedirectHop {
  url: string
  status: number
}

export interface FetchedPage {
  finalUrl: string
  chain: RedirectHop[]
  status: number
  headers: Record<string, string>
  body: Uint8Array
  truncated: boolean
}

export interface FetchedImage {
  finalUrl: string
  contentType: ImageType
  body: Uint8Array
}

export interface ExpandedLink {
  finalUrl: string
  chain: RedirectHop[]
}

export interface FetchPageOptions {
  /** Stop reading once this returns true; defaults to "`</head>` read and it carries rich metadata". */
  stopAt?: (bytesSoFar: Uint8Array) => boolean
}

export interface SafeFetcher {
  fetchPage(url: string, options?: FetchPageOptions): Promise<FetchedPage>
  fetchImage(url: string): Promise<FetchedImage>
  expand(url: string): Promise<ExpandedLink>
  close(): Promise<void>
}

export const DEFAULT_USER_AGENT = 'HutongBot/0.1.0 (+https://github.com/hutong/hutong/docs)'

const DEFAULTS = {
  allowedPorts: [80, 443],
  maxRedirects: 5,
  totalTimeoutMs: 10_000,
  maxHtmlBytes: 2 * 1024 * 1024,
  maxImageBytes: 5 * 1024 * 1024,
  maxCompressionRatio: 100,
} as const

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const HTML_TYPES = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i

interface Hop {
  url: URL
  status: number
  headers: Record<string, string>
  body: Readable
}

/**
 * Creates the one way Hutong reaches the open web: every hop checked, every address pinned, every byte counted.
 * @example
 * const fetcher = createSafeFetcher({ allowPrivate: ['127.0.0.1/32'] })
 * const page = await fetcher.fetchPage('http://127.0.0.1:8080/')
 */
export function createSafeFetcher(options: SafeFetcherOptions = {}): SafeFetcher {
  const guard = createAddressGuard(options.allowPrivate ?? [])
  const allowedPorts = options.allowedPorts ?? DEFAULTS.allowedPorts
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs
  const maxCompressionRatio = options.maxCompressionRatio ?? DEFAULTS.maxCompressionRatio
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT
  const proxy = options.proxy === undefined ? undefined : parseProxy(options.proxy)
  const agent = new Agent({
    connect: createPinnedConnector({
      guard,
      connectTimeoutMs: totalTimeoutMs,
      ...(options.lookup ? { lookup: options.lookup } : {}),
      ...(proxy ? { proxy } : {}),
      ...(options.tlsCa === undefined ? {} : { tlsCa: options.tlsCa }),
    }),
    headersTimeout: totalTimeoutMs,
    bodyTimeout: totalTimeoutMs,
  })
  const vet = (raw: string | URL): URL => checkUrl(raw, { guard, allowedPorts })

  async function follow(
    raw: string,
    method: 'GET' | 'HEAD',
    accept: string,
    signal: AbortSignal,
    chain: RedirectHop[],
  ): Promise<Hop> {
    let url = vet(raw)
    let useGet = method === 'GET'
    for (let redirects = 0; ;) {
      let response = await send(url, useGet ? 'GET' : 'HEAD', accept, signal)
      if (!useGet && response.statusCode >= 400) {
        // Some shorteners refuse HEAD (405, 501, or a bare 403/404); ask again with GET and never read its body.
        discard(response.body)
        useGet = true
        response = await send(url, 'GET', accept, signal)
      }
      const headers = flattenHeaders(response.headers)
      chain.push({ url: url.href, status: response.statusCode })
      const location = headers.location
      if (!REDIRECT_STATUSES.has(response.statusCode) || location === undefined) {
        return { url, status: response.statusCode, headers, body: response.body }
      }
      discard(response.body)
      redirects += 1
      if (redirects > maxRedirects)
        throw new FetchError('too_many_redirects', `more than ${maxRedirects} redirects`)
      let next: URL
      try {
        next = new URL(location, url)
      } catch (cause) {
        throw new FetchError('bad_url', 'redirect to an invalid URL', { cause })
      }
      // Every hop goes through the same guard as the first one.
      url = vet(next)
    }
  }

  function send(url: URL, method: 'GET' | 'HEAD', accept: string, signal: AbortSignal) {
    return request(url, {
      method,
      dispatcher: agent,
      signal,
      headers: {
        'user-agent': userAgent,
        accept,
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      },
    })
  }

  async function withBudget<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController()
    const timer = setTimeout(
      () => controller.abort(new FetchError('fetch_timeout', `no answer within ${totalTimeoutMs} ms`)),
      totalTimeoutMs,
    )
    try {
      return await run(controller.signal)
    } catch (error) {
      throw toFetchError(error, controller.signal)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    fetchPage: (url, pageOptions = {}) =>
      withBudget(async (signal) => {
        const chain: RedirectHop[] = []
        const hop = await follow(url, 'GET', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1', signal, chain)
        const type = hop.headers['content-type']
        if (type !== undefined && !HTML_TYPES.test(type)) {
          discard(hop.body)
          throw new FetchError('unsupported_type', `not an HTML page: ${type.slice(0, 100)}`)
        }
        const { body, truncated } = await readBody(hop.body, hop.headers['content-encoding'], {
          maxBytes: options.maxHtmlBytes ?? DEFAULTS.maxHtmlBytes,
          maxCompressionRatio,
          ratioFloorBytes: 256 * 1024,
          stopAt: pageOptions.stopAt ?? headMetadataComplete,
          keepOnCap: headRead,
        })
        return { finalUrl: hop.url.href, chain, status: hop.status, headers: hop.headers, body, truncated }
      }),

    fetchImage: (url) =>
      withBudget(async (signal) => {
        const hop = await follow(url, 'GET', 'image/png,image/jpeg,image/gif,image/webp', signal, [])
        if (hop.status < 200 || hop.status > 299) {
          discard(hop.body)
          throw new FetchError('fetch_failed', `image answered ${hop.status}`)
        }
        const { body } = await readBody(hop.body, hop.headers['content-encoding'], {
          maxBytes: options.maxImageBytes ?? DEFAULTS.maxImageBytes,
          maxCompressionRatio,
          ratioFloorBytes: 256 * 1024,
        })
        const contentType = sniffImageType(body)
        if (contentType === null)
          throw new FetchError('unsupported_type', 'not a png, jpeg, gif or webp image')
        return { finalUrl: hop.url.href, contentType, body }
      }),

    expand: (url) =>
      withBudget(async (signal) => {
        const chain: RedirectHop[] = []
        const hop = await follow(url, 'HEAD', '*/*', signal, chain)
        discard(hop.body)
        return { finalUrl: hop.url.href, chain }
      }),

    close: () => agent.close(),
  }
}

/** Drops a body we will not read; undici reports the abort as an error event, which is expected here. */
function discard(body: Readable): void {
  body.on('error', () => undefined)
  body.destroy()
}

function toFetchError(error: unknown, signal: AbortSignal): FetchError {
  if (error instanceof FetchError) return error
  const cause = (error as { cause?: unknown } | null)?.cause
  if (cause instanceof FetchError) return cause
  if (signal.aborted) return new FetchError('fetch_timeout', 'the fetch ran out of time', { cause: error })
  const message = error instanceof Error ? error.message : String(error)
  return new FetchError('fetch_failed', `fetch failed: ${message}`, { cause: error })
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    // No cookie jar: Set-Cookie is dropped here so nothing downstream is tempted to replay it.
    if (value === undefined || name === 'set-cookie') continue
    flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

function parseProxy(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new TypeError(`proxy: not a URL: ${raw}`)
  }
  if (url.protocol !== 'http:') throw new TypeError('proxy: only http:// proxies are supported')
  return url
}
