import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/**
 * The grade each provider holds, one row per provider: the hysteresis state (`GradeState` as JSON), the card of
 * the latest recompute, and the hash of the thresholds it used. Every node keeps `provider → grade` in memory.
 */
export const gradeState = pgTable('grade_state', {
  provider: text('provider').primaryKey(),
  grade: text('grade').notNull(),
  state: jsonb('state').notNull(),
  card: jsonb('card').notNull(),
  computedAt: ts('computed_at').notNull(),
  thresholdsHash: text('thresholds_hash').notNull(),
  updatedAt: ts('updated_at').notNull(),
})

/** Every change of a held grade, with its card; written in the transaction of its `grade.changed` ledger event. */
export const gradeChange = pgTable(
  'grade_change',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull(),
    fromGrade: text('from_grade'),
    toGrade: text('to_grade').notNull(),
    at: ts('at').notNull(),
    card: jsonb('card').notNull(),
    thresholdsHash: text('thresholds_hash').notNull(),
    ledgerSeq: bigint('ledger_seq', { mode: 'number' }).notNull(),
    appealId: text('appeal_id'),
  },
  (t) => [index('grade_change_provider_idx').on(t.provider, t.at)],
)

/**
 * A provider's appeal against its grade. The desk's `appeal` rows name a case decision; a grade has none,
 * so grade appeals live here and reviewers work them from their own queue.
 */
export const gradeAppeal = pgTable(
  'grade_appeal',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull(),
    filedBy: text('filed_by').notNull(),
    grade: text('grade').notNull(),
    gradeSince: text('grade_since').notNull(),
    text: text('text').notNull(),
    state: text('state').notNull().$type<'pending' | 'upheld' | 'corrected'>(),
    filedAt: ts('filed_at').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: text('decided_by'),
    response: text('response'),
  },
  (t) => [
    index('grade_appeal_state_idx').on(t.state, t.filedAt),
    index('grade_appeal_provider_idx').on(t.provider),
  ],
)
