import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/**
 * Every decision on a case, with its statement of reasons. A warn or block is a case action while
 * `lifted_at` is null and the time is within [starts_at, ends_at).
 */
export const caseDecision = pgTable(
  'case_decision',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    action: text('action').notNull().$type<'dismiss' | 'warn' | 'block'>(),
    scope: text('scope').notNull().$type<'url' | 'url-prefix' | 'domain'>(),
    target: text('target').notNull(),
    domain: text('domain').notNull(),
    scenarios: jsonb('scenarios').$type<string[]>(),
    durationHours: integer('duration_hours'),
    ground: text('ground').notNull().$type<'illegal' | 'terms'>(),
    reason: text('reason').notNull(),
    category: text('category').notNull(),
    explanation: text('explanation').notNull(),
    facts: text('facts'),
    automated: boolean('automated').notNull(),
    autoRule: text('auto_rule'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: ts('decided_at').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at'),
    liftedAt: ts('lifted_at'),
    liftedBy: text('lifted_by'),
    liftedReason: text('lifted_reason'),
    statement: jsonb('statement').notNull(),
  },
  (t) => [
    index('case_decision_case_idx').on(t.caseId, t.decidedAt),
    index('case_decision_active_idx')
      .on(t.domain)
      .where(sql`${t.liftedAt} IS NULL AND ${t.action} <> 'dismiss'`),
  ],
)
