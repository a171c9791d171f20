import { createHash } from 'node:crypto'
import { and, asc, eq, inArray, lt } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import { evidence } from '../db/schema/index.js'
import { createSafeFetcher, type SafeFetcher } from '../adapters/fetch/index.js'
import { decodeHtml, extractCard } from '../core/cards/index.js'
import { complaintsConfig } from './reports-config.js'

const FETCHER: SingletonKey<SafeFetcher> = Symbol('evidence-fetcher')
const MAX_ATTEMPTS = 3

function fetcherOf(ctx: Context): SafeFetcher {
  return ctx.singleton(FETCHER, () => {
    const fetcher = createSafeFetcher({
      allowPrivate: ctx.config.fetch.allowPrivate,
      allowedPorts: complaintsConfig(ctx).evidencePorts,
    })
    ctx.onClose(() => fetcher.close())
    return fetcher
  })
}

/**
 * Captures what reported links showed, through the SSRF-safe fetcher: final URL, redirect chain, HTTP
 * status, sha256 of the bytes read and the page title. A job is leased by bumping its attempt count.
 * @example await drainEvidence(ctx) // 1 (captured or failed)
 */
export async function drainEvidence(ctx: Context, limit = 5): Promise<number> {
  const due = await ctx.db
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.state, 'pending'), lt(evidence.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(evidence.requestedAt))
    .limit(limit)
  if (due.length === 0) return 0
  const jobs = await ctx.db
    .update(evidence)
    .set({ attempts: MAX_ATTEMPTS })
    .where(
      and(
        inArray(
          evidence.id,
          due.map((d) => d.id),
        ),
        eq(evidence.state, 'pending'),
        lt(evidence.attempts, MAX_ATTEMPTS),
      ),
    )
    .returning()
  const fetcher = fetcherOf(ctx)
  await Promise.all(
    jobs.map(async (job) => {
      try {
        const page = await fetcher.fetchPage(job.url, { stopAt: () => false })
        const type = page.headers['content-type'] ?? null
        let title: string | null = null
        if (type === null || /html/i.test(type))
          title = extractCard(decodeHtml(page.body, type).text, page.finalUrl).title
        await ctx.db
          .update(evidence)
          .set({
            state: 'captured',
            finalUrl: page.finalUrl,
            chain: page.chain,
            httpStatus: page.status,
            contentSha256: createHash('sha256').update(page.body).digest('hex'),
            title,
            capturedAt: ctx.now(),
          })
          .where(eq(evidence.id, job.id))
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'fetch_failed'
        await ctx.db
          .update(evidence)
          .set({
            state: 'failed',
            error: `${code}: ${(error as Error).message}`.slice(0, 500),
            capturedAt: ctx.now(),
          })
          .where(eq(evidence.id, job.id))
      }
    }),
  )
  return jobs.length
}
