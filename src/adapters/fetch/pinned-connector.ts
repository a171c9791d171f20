import { lookup as dnsLookup } from 'node:dns/promises'
import net from 'node:net'
import tls from 'node:tls'
import type { Socket } from 'node:net'
import { buildConnector } from 'undici'
import type { AddressGuard } from './address-guard.js'
import { parseIp } from './address-guard.js'
import { FetchError } from './fetch-error.js'

export interface ResolvedAddress {
  address: string
  family: number
}

/** A DNS resolver; tests pass a stub so that no query ever leaves the machine. */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>

export interface PinnedConnectorOptions {
  guard: AddressGuard
  lookup?: HostLookup
  /** An HTTP proxy (`http://host:port`): reached with CONNECT to the already-checked address. */
  proxy?: URL
  connectTimeoutMs: number
  /** PEM certificates replacing the default trusted CAs. */
  tlsCa?: string
}

export const systemLookup: HostLookup = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

/**
 * An undici connector that resolves the host once, refuses unless EVERY address passes the guard,
 * and connects to the checked address itself, so a second (rebound) DNS answer is never consulted.
 * @example
 * new Agent({ connect: createPinnedConnector({ guard, connectTimeoutMs: 10_000 }) })
 */
export function createPinnedConnector(options: PinnedConnectorOptions): buildConnector.connector {
  const lookup = options.lookup ?? systemLookup
  const tlsOptions = options.tlsCa === undefined ? {} : { ca: options.tlsCa }
  const direct = buildConnector({ timeout: options.connectTimeoutMs, ...tlsOptions })
  return (connectOptions, callback) => {
    resolveChecked(connectOptions.hostname, lookup, options.guard).then(
      (address) => {
        const servername =
          connectOptions.servername ?? (parseIp(connectOptions.hostname) ? '' : connectOptions.hostname)
        if (options.proxy !== undefined) {
          connectThroughProxy(
            options.proxy,
            address,
            connectOptions,
            servername,
            options.connectTimeoutMs,
            tlsOptions,
          ).then(
            (socket) => callback(null, socket),
            (error: Error) => callback(error, null),
          )
          return
        }
        direct({ ...connectOptions, hostname: address, ...(servername ? { servername } : {}) }, callback)
      },
      (error: Error) => callback(error, null),
    )
  }
}

async function resolveChecked(hostname: string, lookup: HostLookup, guard: AddressGuard): Promise<string> {
  if (parseIp(hostname) !== null) {
    const verdict = guard(hostname)
    if (!verdict.allowed) throw new FetchError('fetch_blocked', `address ${hostname} is ${verdict.range}`)
    return hostname
  }
  let addresses: ResolvedAddress[]
  try {
    addresses = await lookup(hostname)
  } catch (cause) {
    throw new FetchError('fetch_failed', `cannot resolve ${hostname}`, { cause })
  }
  if (addresses.length === 0) throw new FetchError('fetch_failed', `no address for ${hostname}`)
  // Every answer is checked, not just the first: a resolver may rotate them between connects.
  for (const { address } of addresses) {
    const verdict = guard(address)
    if (!verdict.allowed) {
      throw new FetchError('fetch_blocked', `${hostname} resolves to ${address}, which is ${verdict.range}`)
    }
  }
  return addresses[0]!.address
}

/** RFC 9110 §9.3.6 CONNECT to the pinned literal, so the proxy never resolves (or rebinds) the name. */
async function connectThroughProxy(
  proxy: URL,
  address: string,
  target: buildConnector.Options,
  servername: string,
  timeoutMs: number,
  tlsOptions: { ca?: string },
): Promise<Socket> {
  const port = target.port === '' ? (target.protocol === 'https:' ? 443 : 80) : Number(target.port)
  const authority = `${address.includes(':') ? `[${address}]` : address}:${port}`
  const socket = net.connect({ host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port || 80) })
  socket.setTimeout(timeoutMs, () => socket.destroy(new FetchError('fetch_timeout', 'proxy did not answer')))
  const auth =
    proxy.username !== ''
      ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`
      : ''
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`)
  await readConnectResponse(socket)
  socket.setTimeout(0)
  if (target.protocol !== 'https:') return socket
  // `host` is only used here to verify the certificate when the URL names an IP literal (no SNI).
  const identity = servername ? { servername } : { host: target.hostname }
  const secure = tls.connect({ socket, ...tlsOptions, ...identity, ALPNProtocols: ['http/1.1'] })
  await new Promise<void>((resolve, reject) => {
    secure.once('secureConnect', resolve)
    secure.once('error', reject)
  })
  return secure
}

function readConnectResponse(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0)
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end === -1) {
        if (head.length > 16 * 1024) fail(new FetchError('fetch_failed', 'proxy sent an oversized response'))
        return
      }
      socket.off('data', onData)
      socket.off('error', fail)
      socket.off('close', onClose)
      socket.pause()
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1]
      if (status !== '200') {
        socket.destroy()
        reject(new FetchError('fetch_failed', `proxy refused CONNECT with ${status ?? 'a malformed reply'}`))
        return
      }
      // Bytes after the blank line belong to the tunnel; a server never speaks first in HTTP/1.1.
      if (end + 4 < head.length) socket.unshift(head.subarray(end + 4))
      resolve()
    }
    const fail = (error: Error): void => {
      socket.off('data', onData)
      socket.destroy()
      reject(
        error instanceof FetchError
          ? error
          : new FetchError('fetch_failed', 'proxy connection failed', { cause: error }),
      )
    }
    const onClose = (): void => fail(new Error('proxy closed the connection'))
    socket.on('data', onData)
    socket.once('error', fail)
    socket.once('close', onClose)
  })
}
