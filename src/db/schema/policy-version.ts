import { index, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'

/** Every published policy document, newest last. The highest id is the policy in force. */
export const policyVersion = pgTable(
  'policy_version',
  {
    id: serial('id').primaryKey(),
    version: text('version').notNull().unique(),
    document: jsonb('document').notNull(),
    source: text('source').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    publishedBy: text('published_by').notNull(),
    note: text('note'),
  },
  (table) => [index('policy_version_published_idx').on(table.publishedAt)],
)
