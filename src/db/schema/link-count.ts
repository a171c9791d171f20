import { bigint, date, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'

/**
 * Shared links per provider, day (Asia/Shanghai), scenario and action. Never per user.
 * `provider` is '' for links no registered provider owns.
 */
export const linkCount = pgTable(
  'link_count',
  {
    provider: text('provider').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    scenario: text('scenario').notNull(),
    action: text('action').notNull(),
    category: text('category').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.day, table.scenario, table.action, table.category] }),
  ],
)
