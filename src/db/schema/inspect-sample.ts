import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Recent inspect inputs for policy simulation: the link, scenario and client version only — no user or
 * group ids, no message text. Kept briefly (see docs/policy.md) and trimmed on a timer.
 */
export const inspectSample = pgTable(
  'inspect_sample',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    url: text('url').notNull(),
    scenario: text('scenario').notNull(),
    clientVersion: text('client_version'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('inspect_sample_at_idx').on(table.at)],
)
