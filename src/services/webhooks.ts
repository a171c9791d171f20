import { randomBytes, randomUUID } from 'node:crypto'
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Context } from '../context.js'
import type { Executor } from '../db/client.js'
import { webhookDelivery, webhookEndpoint } from '../db/schema/index.js'
import { retryDelayMs, signWebhook } from '../core/complaints/index.js'
import { InvalidInputError } from '../errors.js'
import { appendLedger } from './ledger.js'
import { complaintsConfig } from './reports-config.js'
import { vetWebhookUrl, webhookTransport } from './webhooks-transport.js'

export const WEBHOOK_EVENTS = [
  'report.received',
  'case.decision',
  'appeal.decided',
  'case.notice',
  'grade.changed',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export interface WebhookEndpointInfo {
  id: string
  owner: string
  url: string
  events: string[]
  active: boolean
  updatedAt: string
}

/**
 * Sets the endpoint of `owner` (`platform` or `provider:<id>`). The secret is returned only when Hutong
 * generated it; a given secret is never echoed.
 */
export async function setWebhookEndpoint(
  ctx: Context,
  owner: string,
  input: {
    url: string
    secret?: string | undefined
    events?: string[] | undefined
    active?: boolean | undefined
  },
  actor: string,
): Promise<WebhookEndpointInfo & { secret?: string }> {
  let url: string
  try {
    url = vetWebhookUrl(ctx, input.url)
  } catch (error) {
    throw new InvalidInputError('invalid_webhook_url', `webhook URL refused: ${(error as Error).message}`)
  }
  const generated = input.secret === undefined ? `whsec_${randomBytes(24).toString('base64url')}` : null
  const secret = input.secret ?? generated!
  const events = input.events ?? [...WEBHOOK_EVENTS]
  const now = ctx.now()
  const row = await ctx.db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(webhookEndpoint)
      .values({
        id: randomUUID(),
        owner,
        url,
        secret,
        events,
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: webhookEndpoint.owner,
        set: { url, secret, events, active: input.active ?? true, updatedAt: now },
      })
      .returning()
    await appendLedger(tx, {
      kind: 'webhook.configured',
      actor,
      subject: `webhook:${owner}`,
      payload: { owner, url, events, active: saved!.active },
      at: now,
    })
    return saved!
  })
  const info = { id: row.id, owner, url, events, active: row.active, updatedAt: now.toISOString() }
  return generated === null ? info : { ...info, secret: generated }
}

/**
 * Writes outbox rows for an event, inside the caller's transaction, for each owner with an active
 * endpoint subscribed to it. The delivery id is in the body and in `Hutong-Delivery`, for idempotency.
 */
export async function enqueueWebhooks(
  tx: Executor,
  owners: readonly string[],
  event: WebhookEvent,
  data: unknown,
  at: Date,
): Promise<void> {
  if (owners.length === 0) return
  const endpoints = await tx
    .select()
    .from(webhookEndpoint)
    .where(and(inArray(webhookEndpoint.owner, [...owners]), eq(webhookEndpoint.active, true)))
  const rows = endpoints
    .filter((endpoint) => endpoint.events.includes(event))
    .map((endpoint) => outboxRow(endpoint.id, event, data, at))
  if (rows.length > 0) await tx.insert(webhookDelivery).values(rows)
}

/** One pending delivery; its id doubles as the receiver's idempotency key. */
function outboxRow(
  endpointId: string,
  event: WebhookEvent,
  data: unknown,
  at: Date,
): typeof webhookDelivery.$inferInsert {
  const id = randomUUID()
  return {
    id,
    endpointId,
    event,
    body: { id, event, createdAt: at.toISOString(), data },
    state: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  }
}

/** Many events at once (group-committed intake): one endpoint read, one INSERT. */
export async function enqueueWebhookBatch(
  tx: Executor,
  owner: string,
  event: WebhookEvent,
  items: readonly unknown[],
  at: Date,
): Promise<void> {
  if (items.length === 0) return
  const [endpoint] = await tx
    .select()
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.owner, owner), eq(webhookEndpoint.active, true)))
  if (!endpoint || !endpoint.events.includes(event)) return
  const rows = items.map((data) => outboxRow(endpoint.id, event, data, at))
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(webhookDelivery).values(rows.slice(i, i + 1000))
}

export interface DrainResult {
  delivered: number
  retrying: number
  dead: number
}

/**
 * Sends every due delivery once. Rows are leased by moving `next_attempt_at` forward, so nodes never
 * send the same attempt twice and no transaction stays open across the network.
 * @example await drainWebhooks(ctx) // { delivered: 2, retrying: 0, dead: 0 }
 */
export async function drainWebhooks(ctx: Context, limit = 100): Promise<DrainResult> {
  const config = complaintsConfig(ctx).webhooks
  const now = ctx.now()
  const lease = new Date(now.getTime() + config.timeoutMs * 2)
  const due = await ctx.db
    .select({ id: webhookDelivery.id })
    .from(webhookDelivery)
    .where(and(eq(webhookDelivery.state, 'pending'), lte(webhookDelivery.nextAttemptAt, now)))
    .orderBy(asc(webhookDelivery.nextAttemptAt))
    .limit(limit)
  if (due.length === 0) return { delivered: 0, retrying: 0, dead: 0 }
  const leased = await ctx.db
    .update(webhookDelivery)
    .set({ nextAttemptAt: lease, attempts: sql`${webhookDelivery.attempts} + 1` })
    .where(
      and(
        inArray(
          webhookDelivery.id,
          due.map((d) => d.id),
        ),
        eq(webhookDelivery.state, 'pending'),
        lte(webhookDelivery.nextAttemptAt, now),
      ),
    )
    .returning()
  const endpoints = new Map(
    (
      await ctx.db
        .select()
        .from(webhookEndpoint)
        .where(inArray(webhookEndpoint.id, [...new Set(leased.map((d) => d.endpointId))]))
    ).map((e) => [e.id, e]),
  )
  const send = webhookTransport(ctx)
  const result: DrainResult = { delivered: 0, retrying: 0, dead: 0 }
  await Promise.all(
    leased.map(async (delivery) => {
      const endpoint = endpoints.get(delivery.endpointId)
      let status: number | null = null
      let error: string | null = null
      if (!endpoint || !endpoint.active) {
        error = 'endpoint removed or inactive'
      } else {
        const body = JSON.stringify(delivery.body)
        try {
          status = await send(
            endpoint.url,
            {
              'content-type': 'application/json',
              'hutong-delivery': delivery.id,
              'hutong-event': delivery.event,
              'hutong-signature': signWebhook(endpoint.secret, body, ctx.now()),
            },
            body,
            config.timeoutMs,
          )
          if (status < 200 || status >= 300) error = `HTTP ${status}`
        } catch (cause) {
          error = (cause as Error).message || String(cause)
        }
      }
      const at = ctx.now()
      if (error === null) {
        result.delivered++
        await ctx.db
          .update(webhookDelivery)
          .set({ state: 'delivered', deliveredAt: at, lastStatus: status, lastError: null })
          .where(eq(webhookDelivery.id, delivery.id))
      } else if (delivery.attempts >= config.maxAttempts || !endpoint) {
        result.dead++
        await ctx.db
          .update(webhookDelivery)
          .set({ state: 'dead', lastStatus: status, lastError: error.slice(0, 500) })
          .where(eq(webhookDelivery.id, delivery.id))
      } else {
        result.retrying++
        const next = new Date(
          at.getTime() +
            retryDelayMs(delivery.attempts, config.baseDelayMs, config.maxDelayMs, Math.random()),
        )
        await ctx.db
          .update(webhookDelivery)
          .set({ nextAttemptAt: next, lastStatus: status, lastError: error.slice(0, 500) })
          .where(eq(webhookDelivery.id, delivery.id))
      }
    }),
  )
  return result
}

export interface DeliveryInfo {
  id: string
  event: string
  state: string
  attempts: number
  lastStatus: number | null
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
}

/** Deliveries to one owner's endpoint, newest first (dead letters included), for the owner to inspect and replay. */
export async function listDeliveries(ctx: Context, owner: string, state?: string): Promise<DeliveryInfo[]> {
  const [endpoint] = await ctx.db.select().from(webhookEndpoint).where(eq(webhookEndpoint.owner, owner))
  if (!endpoint) return []
  const rows = await ctx.db
    .select()
    .from(webhookDelivery)
    .where(
      state
        ? and(eq(webhookDelivery.endpointId, endpoint.id), eq(webhookDelivery.state, state as 'pending'))
        : eq(webhookDelivery.endpointId, endpoint.id),
    )
    .orderBy(sql`${webhookDelivery.createdAt} DESC`)
    .limit(200)
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    state: r.state,
    attempts: r.attempts,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  }))
}

/** Puts a dead letter back in the queue. */
export async function retryDelivery(ctx: Context, owner: string, id: string): Promise<boolean> {
  const [endpoint] = await ctx.db.select().from(webhookEndpoint).where(eq(webhookEndpoint.owner, owner))
  if (!endpoint) return false
  const rows = await ctx.db
    .update(webhookDelivery)
    .set({ state: 'pending', attempts: 0, nextAttemptAt: ctx.now() })
    .where(
      and(
        eq(webhookDelivery.id, id),
        eq(webhookDelivery.endpointId, endpoint.id),
        eq(webhookDelivery.state, 'dead'),
      ),
    )
    .returning({ id: webhookDelivery.id })
  return rows.length > 0
}
