import { bigint, bigserial, customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
})

/** One imported threat feed: when, from what file, and how many rows were taken, skipped and invalid. */
export const threatSource = pgTable('threat_source', {
  name: text('name').primaryKey(),
  format: text('format').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
  sha256: text('sha256').notNull(),
  entries: integer('entries').notNull(),
  skipped: integer('skipped').notNull(),
  invalid: integer('invalid').notNull(),
  importedBy: text('imported_by').notNull(),
})

/**
 * A listed Safe Browsing expression and its full SHA-256. `prefix` (the first 4 bytes, unsigned) is
 * what the in-memory set holds; rows are read back only to confirm a prefix hit.
 */
export const threatEntry = pgTable(
  'threat_entry',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: text('source').notNull(),
    expression: text('expression').notNull(),
    fullHash: bytea('full_hash').notNull(),
    prefix: bigint('prefix', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    index('threat_entry_prefix_idx').on(table.prefix),
    index('threat_entry_source_idx').on(table.source),
  ],
)

/** The serialised in-memory set after the latest import: nodes reload from it instead of rebuilding. */
export const threatSnapshot = pgTable('threat_snapshot', {
  version: bigserial('version', { mode: 'number' }).primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  entries: integer('entries').notNull(),
  blob: bytea('blob').notNull(),
})
