import { boolean, index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/**
 * One case per canonical link (its card key), rolled up by registrable domain. Counters are kept on the
 * row so the queue never aggregates reports; `notice_*` times feed the provider's remediation metric.
 */
export const complaintCase = pgTable(
  'complaint_case',
  {
    id: text('id').primaryKey(),
    subjectKey: text('subject_key').notNull().unique(),
    url: text('url').notNull(),
    host: text('host').notNull(),
    domain: text('domain').notNull(),
    provider: text('provider'),
    state: text('state').notNull().$type<'open' | 'escalated' | 'closed'>(),
    heldReason: text('held_reason'),
    reportCount: integer('report_count').notNull(),
    distinctReporters: integer('distinct_reporters').notNull(),
    weightedReporters: real('weighted_reporters').notNull(),
    categories: jsonb('categories').notNull().$type<Record<string, number>>(),
    categoryWeights: jsonb('category_weights').notNull().$type<Record<string, number>>(),
    trustedFlagged: boolean('trusted_flagged').notNull(),
    basePriority: real('base_priority').notNull(),
    reach: integer('reach').notNull(),
    firstSeen: ts('first_seen').notNull(),
    lastSeen: ts('last_seen').notNull(),
    claimedBy: text('claimed_by'),
    claimUntil: ts('claim_until'),
    decidedAt: ts('decided_at'),
    decidedBy: text('decided_by'),
    noticeState: text('notice_state')
      .notNull()
      .$type<'none' | 'notified' | 'acknowledged' | 'fixed' | 'verified'>(),
    noticedAt: ts('noticed_at'),
    acknowledgedAt: ts('acknowledged_at'),
    fixedAt: ts('fixed_at'),
    fixVerifiedAt: ts('fix_verified_at'),
  },
  (t) => [
    index('complaint_case_state_idx').on(t.state, t.basePriority),
    index('complaint_case_provider_idx').on(t.provider),
    index('complaint_case_domain_idx').on(t.domain),
  ],
)
