import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** A user's self-selection (自主选择) choices. Changes are not ledgered: they are private. */
export const userPreference = pgTable('user_preference', {
  userId: text('user_id').primaryKey(),
  preferences: jsonb('preferences').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
})

/** A group owner's defaults for the group. Changes are ledger events. */
export const groupSetting = pgTable('group_setting', {
  groupId: text('group_id').primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedBy: text('updated_by').notNull(),
})
