import { boolean, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Where notifications go: `platform` (for reporters and sharers) or `provider:<id>`. The secret is kept
 * in clear because signing needs it; it is never returned after it is set.
 */
export const webhookEndpoint = pgTable('webhook_endpoint', {
  id: text('id').primaryKey(),
  owner: text('owner').notNull().unique(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  events: jsonb('events').notNull().$type<string[]>(),
  active: boolean('active').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
})
