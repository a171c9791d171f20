import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/** An appeal against one decision; a reviewer other than the decision's author decides it. */
export const appeal = pgTable(
  'appeal',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    decisionId: text('decision_id').notNull(),
    by: text('by').notNull().$type<'provider' | 'sharer' | 'reporter'>(),
    filedBy: text('filed_by').notNull(),
    provider: text('provider'),
    text: text('text').notNull(),
    state: text('state').notNull().$type<'pending' | 'upheld' | 'reversed' | 'modified'>(),
    filedAt: ts('filed_at').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: text('decided_by'),
    response: text('response'),
    newDecisionId: text('new_decision_id'),
  },
  (t) => [index('appeal_state_idx').on(t.state, t.filedAt), index('appeal_case_idx').on(t.caseId)],
)
