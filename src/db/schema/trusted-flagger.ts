import { jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core'

/** A `flagger` key's trust: the categories it is trusted for and the weight its reports carry there. */
export const trustedFlagger = pgTable('trusted_flagger', {
  keyId: text('key_id').primaryKey(),
  categories: jsonb('categories').notNull().$type<string[]>(),
  weight: real('weight').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
})
