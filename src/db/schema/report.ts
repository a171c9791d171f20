import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/**
 * A report as the platform sent it. The raw reporter id lives only here (for the platform's look-ups)
 * and is erased at retention; everything else uses the keyed `reporter_hash`.
 */
export const report = pgTable(
  'report',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    submittedBy: text('submitted_by').notNull(),
    reporterId: text('reporter_id'),
    reporterHash: text('reporter_hash').notNull(),
    url: text('url').notNull(),
    scenario: text('scenario').notNull(),
    category: text('category').notNull(),
    subCategory: text('sub_category'),
    text: text('text'),
    evidence: jsonb('evidence'),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash').notNull(),
    dedupKey: text('dedup_key').notNull(),
    counted: boolean('counted').notNull(),
    weight: real('weight').notNull(),
    held: boolean('held').notNull(),
    stormKey: text('storm_key').notNull(),
    reporterNew: boolean('reporter_new').notNull(),
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('report_idempotency_idx')
      .on(t.submittedBy, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    // Counting once is enforced by the database, so two nodes cannot both count the same duplicate.
    uniqueIndex('report_dedup_idx')
      .on(t.dedupKey)
      .where(sql`${t.counted}`),
    index('report_reporter_idx').on(t.reporterHash, t.createdAt),
    index('report_case_idx').on(t.caseId),
    index('report_storm_idx').on(t.stormKey, t.createdAt),
  ],
)
