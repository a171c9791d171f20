import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/** An outbox row, written in the transaction of the event it announces; its id is the delivery id. */
export const webhookDelivery = pgTable(
  'webhook_delivery',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id').notNull(),
    event: text('event').notNull(),
    body: jsonb('body').notNull(),
    state: text('state').notNull().$type<'pending' | 'delivered' | 'dead'>(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    index('webhook_delivery_due_idx').on(t.state, t.nextAttemptAt),
    index('webhook_delivery_endpoint_idx').on(t.endpointId),
  ],
)
