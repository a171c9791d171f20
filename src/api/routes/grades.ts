import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { publicGradeSummary } from '../../core/grading/index.js'
import { providerOfRole } from '../../core/roles.js'
import { NotFoundError } from '../../errors.js'
import { decideGradeAppeal, fileGradeAppeal, listGradeAppeals } from '../../services/grade-appeals.js'
import { recomputeGrades, startDailyGrading } from '../../services/grade-recompute.js'
import { gradeDistribution, gradeHistory, gradesReady, storedGrade } from '../../services/grades.js'
import { ownProvider } from './webhooks.js'

const providerParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/) })
const idParams = z.object({ id: z.string().min(1).max(64) })
const recomputeBody = z.object({
  at: z.iso.datetime({ offset: true }).optional().describe('grade as of this instant; defaults to now'),
  provider: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
    .optional(),
})
const appealBody = z.object({ text: z.string().min(1).max(4000) })
const appealStates = z.enum(['pending', 'upheld', 'corrected'])
const appealView = z.object({
  id: z.string(),
  provider: z.string(),
  grade: z.string(),
  gradeSince: z.string(),
  text: z.string(),
  state: appealStates,
  filedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  response: z.string().nullable(),
})
const appealDecisionBody = z.object({
  outcome: z.enum(['upheld', 'corrected']),
  response: z.string().min(1).max(4000),
})

/** The provider itself and the desk's staff see the full card; everyone else the public summary. */
function seesFullCard(request: FastifyRequest, provider: string): boolean {
  const role = request.principal?.role
  if (role === undefined) return false
  return role === 'admin' || role === 'reviewer' || role === 'auditor' || providerOfRole(role) === provider
}

export const gradeRoutes: RouteModule = async (app, ctx) => {
  // Decisions must see grades from the first request on; the daily job regrades after every Shanghai midnight.
  await gradesReady(ctx)
  startDailyGrading(ctx)
  const schema = (summary: string, extra: Record<string, unknown> = {}) => ({
    tags: ['grades'],
    summary,
    response: errorResponses,
    ...extra,
  })
  const bearer = { security: [{ bearer: [] }] }
  const id = (request: { params: unknown }) => (request.params as { id: string }).id

  app.get(
    '/v1/providers/:id/grade',
    {
      config: { roles: ['public'] },
      schema: schema(
        "A provider's credit grade: the public summary, or the full card for the provider and the desk",
        { params: jsonSchema(providerParams) },
      ),
    },
    async (request) => {
      const provider = id(request)
      const stored = await storedGrade(ctx, provider)
      if (!stored) throw new NotFoundError('grade of provider', provider)
      const summary = publicGradeSummary(stored.card)
      if (!seesFullCard(request, provider))
        return { provider, detail: 'public', computedAt: stored.computedAt, summary }
      return {
        provider,
        detail: 'full',
        computedAt: stored.computedAt,
        thresholdsHash: stored.thresholdsHash,
        summary,
        card: stored.card,
      }
    },
  )
  app.get(
    '/v1/providers/:id/grade/history',
    {
      config: { roles: ['public'] },
      schema: schema("Every change of a provider's grade, newest first", {
        params: jsonSchema(providerParams),
      }),
    },
    async (request) => {
      const provider = id(request)
      const full = seesFullCard(request, provider)
      const items = (await gradeHistory(ctx, provider)).map(({ card, ...change }) => ({
        ...change,
        summary: publicGradeSummary(card),
        ...(full ? { card } : {}),
      }))
      return { provider, detail: full ? 'full' : 'public', items }
    },
  )
  app.get(
    '/v1/grades',
    {
      config: { roles: ['public'] },
      schema: schema('How many providers hold each grade, and who holds which'),
    },
    async () => gradeDistribution(ctx),
  )
  app.post(
    '/v1/grades/recompute',
    {
      config: { roles: ['admin'] },
      schema: schema('Recompute grades now (or as of `at`); each change is a ledger event', {
        ...bearer,
        body: jsonSchema(recomputeBody),
      }),
    },
    async (request) => {
      const body = (request.body ?? {}) as z.infer<typeof recomputeBody>
      return recomputeGrades(ctx, {
        at: body.at ? new Date(body.at) : undefined,
        provider: body.provider,
        actor: actorOf(request),
      })
    },
  )
  app.post(
    '/v1/providers/:id/grade/appeals',
    {
      config: { roles: ['provider'] },
      schema: {
        tags: ['grades'],
        summary: 'Appeal the grade the provider holds; reviewers decide it',
        ...bearer,
        params: jsonSchema(providerParams),
        body: jsonSchema(appealBody),
        response: { 201: jsonSchema(appealView, 'output'), ...errorResponses },
      },
    },
    async (request, reply) => {
      ownProvider(request, id(request))
      const appeal = await fileGradeAppeal(
        ctx,
        id(request),
        actorOf(request),
        (request.body as z.infer<typeof appealBody>).text,
      )
      return reply.status(201).send(appeal)
    },
  )
  app.get(
    '/v1/providers/:id/grade/appeals',
    {
      config: { roles: ['provider', 'reviewer', 'admin'] },
      schema: schema("The provider's grade appeals", { ...bearer, params: jsonSchema(providerParams) }),
    },
    async (request) => {
      ownProvider(request, id(request))
      return { items: await listGradeAppeals(ctx, { provider: id(request) }) }
    },
  )
  app.get(
    '/v1/grades/appeals',
    {
      config: { roles: ['reviewer', 'admin'] },
      schema: schema('Grade appeals, oldest first', {
        ...bearer,
        querystring: jsonSchema(z.object({ state: appealStates.optional() })),
      }),
    },
    async (request) => ({
      items: await listGradeAppeals(ctx, {
        state: (request.query as { state?: z.infer<typeof appealStates> }).state,
      }),
    }),
  )
  app.post(
    '/v1/grades/appeals/:id/decision',
    {
      config: { roles: ['reviewer'] },
      schema: schema('Decide a grade appeal: upheld, or corrected (the grade is recomputed at once)', {
        ...bearer,
        params: jsonSchema(idParams),
        body: jsonSchema(appealDecisionBody),
      }),
    },
    async (request) =>
      decideGradeAppeal(
        ctx,
        id(request),
        actorOf(request),
        request.body as z.infer<typeof appealDecisionBody>,
      ),
  )
}
