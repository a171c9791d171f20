import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** A reporter's settled history, keyed by pseudonym: the Beta prior's evidence. */
export const reporterStanding = pgTable('reporter_standing', {
  reporterHash: text('reporter_hash').primaryKey(),
  upheld: integer('upheld').notNull(),
  rejected: integer('rejected').notNull(),
  firstSeen: timestamp('first_seen', { withTimezone: true, mode: 'date' }).notNull(),
})
