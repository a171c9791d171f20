import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/** What a reported link showed when it was reported, captured through the safe fetcher. */
export const evidence = pgTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    reportId: text('report_id').notNull(),
    url: text('url').notNull(),
    state: text('state').notNull().$type<'pending' | 'captured' | 'failed'>(),
    attempts: integer('attempts').notNull(),
    finalUrl: text('final_url'),
    chain: jsonb('chain').$type<{ url: string; status: number }[]>(),
    httpStatus: integer('http_status'),
    contentSha256: text('content_sha256'),
    title: text('title'),
    error: text('error'),
    requestedAt: ts('requested_at').notNull(),
    capturedAt: ts('captured_at'),
  },
  (t) => [index('evidence_case_idx').on(t.caseId), index('evidence_state_idx').on(t.state, t.requestedAt)],
)
