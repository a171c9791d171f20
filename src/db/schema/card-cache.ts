import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Preview cards by card key (canonical URL without tracking parameters), shared by every node.
 * A row holds either a card or the error code of a failed fetch, until `expires_at`; `lease_until`
 * is the cross-node fetch lock, so one node fetches a key while the others wait for the row.
 */
export const cardCache = pgTable(
  'card_cache',
  {
    key: text('key').primaryKey(),
    card: jsonb('card'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    fetchedAt: timestamp('fetched_at', { withTimezone: true, mode: 'date' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('card_cache_expires_idx').on(table.expiresAt)],
)
