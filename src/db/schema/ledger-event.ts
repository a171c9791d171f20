import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** The append-only, hash-chained governance record. `hash = sha256(prev_hash ‖ canonical JSON of the event)`. */
export const ledgerEvent = pgTable(
  'ledger_event',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    subject: text('subject').notNull(),
    payload: jsonb('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (table) => [index('ledger_event_kind_idx').on(table.kind, table.seq)],
)
