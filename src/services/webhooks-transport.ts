import { Agent, request } from 'undici'
import type { Context, SingletonKey } from '../context.js'
import { createAddressGuard } from '../adapters/fetch/address-guard.js'
import { createPinnedConnector } from '../adapters/fetch/pinned-connector.js'
import { checkUrl } from '../adapters/fetch/url-guard.js'

/** Sends one signed webhook; resolves with the HTTP status, rejects on a network failure. */
export type WebhookTransport = (
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) => Promise<number>

const ANY_PORT = Array.from({ length: 65_535 }, (_, i) => i + 1)

const TRANSPORT: SingletonKey<{ send: WebhookTransport; close(): Promise<void> }> =
  Symbol('webhook-transport')

/**
 * The webhook sender: the same address guard and pinned connector as the safe fetcher (so an endpoint
 * cannot reach internal addresses, even by rebinding), any port, no redirects followed.
 */
export function webhookTransport(ctx: Context): WebhookTransport {
  return ctx.singleton(TRANSPORT, () => {
    const guard = createAddressGuard(ctx.config.fetch.allowPrivate)
    const agent = new Agent({ connect: createPinnedConnector({ guard, connectTimeoutMs: 5_000 }) })
    ctx.onClose(() => agent.close())
    return {
      send: async (url, headers, body, timeoutMs) => {
        const target = checkUrl(url, { guard, allowedPorts: ANY_PORT })
        const response = await request(target, {
          method: 'POST',
          headers,
          body,
          dispatcher: agent,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: AbortSignal.timeout(timeoutMs),
        })
        await response.body.dump()
        return response.statusCode
      },
      close: () => agent.close(),
    }
  }).send
}

/** Checks an endpoint URL at registration with the delivery guard, so a bad one fails early. */
export function vetWebhookUrl(ctx: Context, url: string): string {
  return checkUrl(url, { guard: createAddressGuard(ctx.config.fetch.allowPrivate), allowedPorts: ANY_PORT })
    .href
}
