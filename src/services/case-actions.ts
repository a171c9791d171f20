import { and, gt, isNull, ne, or } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import { caseDecision } from '../db/schema/index.js'
import {
  buildCaseActionTable,
  type ActiveCaseAction,
  type CaseActionTable,
} from '../core/complaints/index.js'
import type { CaseAction } from '../core/policy/index.js'
import type { Scenario } from '../core/vocabulary.js'
import { onChange, publishChange } from './bus.js'

/** NOTIFY channel announcing that case actions changed; every node reloads its index. */
export const CASES_CHANNEL = 'hutong_cases'

export interface CaseActionIndex {
  /** The case actions in force for a link at `at`, from memory. */
  forLink(link: { url: string; domain: string | null }, at: Date): CaseAction[]
  /** Re-reads the active actions from the database. */
  reload(): Promise<void>
  /** Resolves once the first load is done. */
  ready(): Promise<void>
}

const INDEX: SingletonKey<CaseActionIndex> = Symbol('case-action-index')

/** Reads every action not lifted and not yet expired. */
export async function loadActiveCaseActions(ctx: Context): Promise<ActiveCaseAction[]> {
  const now = ctx.now()
  const rows = await ctx.db
    .select()
    .from(caseDecision)
    .where(
      and(
        isNull(caseDecision.liftedAt),
        ne(caseDecision.action, 'dismiss'),
        or(isNull(caseDecision.endsAt), gt(caseDecision.endsAt, now)),
      ),
    )
  return rows.map((row) => ({
    decisionId: row.id,
    caseId: row.caseId,
    action: row.action === 'block' ? 'block' : 'warn',
    scope: row.scope,
    target: row.target,
    domain: row.domain,
    scenarios: (row.scenarios as Scenario[] | null) ?? null,
    reason: row.reason,
    automated: row.automated,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  }))
}

/**
 * The per-context index of case actions the inspect path consults for every link, without touching the
 * database. Loaded on first use; reloaded when any node announces a change on `hutong_cases`, and
 * directly by the node that made it.
 * @example caseActionIndex(ctx).forLink({ url: 'https://a.com/x', domain: 'a.com' }, new Date())
 */
export function caseActionIndex(ctx: Context): CaseActionIndex {
  return ctx.singleton(INDEX, () => {
    let table: CaseActionTable = buildCaseActionTable([])
    let generation = 0
    const reload = async (): Promise<void> => {
      const mine = ++generation
      const rows = await loadActiveCaseActions(ctx)
      // A slower, older load must not overwrite a newer one.
      if (mine === generation) table = buildCaseActionTable(rows)
    }
    const onReloadError = (error: unknown): void =>
      ctx.logger.error({ err: error }, 'case action reload failed')
    const again = (): void => void reload().catch(onReloadError)
    // Through the change bus: after a database restart it listens again and reloads (onResync).
    const subscribed = onChange(ctx, CASES_CHANNEL, again, { onResync: again })
    const first = Promise.all([subscribed, reload()]).then(() => undefined)
    first.catch((error: unknown) => ctx.logger.error({ err: error }, 'case action index failed to load'))
    const index: CaseActionIndex = {
      forLink: (link, at) => table.forLink(link, at),
      reload,
      ready: () => first,
    }
    return index
  })
}

/** After a commit that changed case actions: reload here at once, then tell every other node. */
export async function announceCaseActionsChanged(ctx: Context, caseId: string): Promise<void> {
  await caseActionIndex(ctx).reload()
  await publishChange(ctx, CASES_CHANNEL, caseId).catch((error: unknown) =>
    ctx.logger.warn({ err: error }, 'case change notify failed'),
  )
}
