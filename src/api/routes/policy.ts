import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { SCENARIOS } from '../../core/vocabulary.js'
import { policyJsonSchema, renderReasonCatalogueMarkdown } from '../../core/policy/index.js'
import { InvalidInputError } from '../../errors.js'
import {
  checkPolicy,
  currentPolicy,
  parsePolicyInput,
  policyHistory,
  publishPolicy,
} from '../../services/policy.js'
import { reasonCatalogueOf } from '../../services/reference-data.js'
import { simulatePolicy } from '../../services/simulate.js'

const policyInput = z.object({
  yaml: z
    .string()
    .max(512 * 1024)
    .optional()
    .describe('the policy as YAML or JSON text'),
  document: z.record(z.string(), z.unknown()).optional().describe('the policy as an object'),
  note: z.string().max(2000).optional(),
})

const simulateInput = policyInput.extend({
  samples: z
    .array(
      z.object({
        url: z.string().max(4096),
        scenario: z.enum(SCENARIOS),
        clientVersion: z.string().max(32).optional(),
        at: z.string().datetime({ offset: true }).optional(),
      }),
    )
    .max(10_000)
    .optional()
    .describe('links to simulate over; default: recent inspect inputs (no user ids)'),
})

function documentOf(body: z.infer<typeof policyInput>): unknown {
  if (body.yaml === undefined && body.document === undefined)
    throw new InvalidInputError('policy_missing', 'send the policy as `yaml` text or as a `document` object')
  const parsed = parsePolicyInput(body)
  if (!parsed.ok)
    throw new InvalidInputError(parsed.issues[0]!.code, 'the policy text does not parse', parsed.issues)
  return parsed.value
}

export const policyRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/v1/reasons',
    {
      config: { roles: ['public'] },
      schema: { tags: ['policy'], summary: 'The published reason catalogue (zh/en, cited rule, kind)' },
    },
    async (request, reply) => {
      const catalogue = reasonCatalogueOf(ctx)
      if ((request.query as { format?: string }).format === 'md')
        return reply.type('text/markdown; charset=utf-8').send(renderReasonCatalogueMarkdown(catalogue))
      return { version: catalogue.version, reasons: catalogue.reasons }
    },
  )
  app.get(
    '/v1/policy',
    {
      config: { roles: ['public'] },
      schema: { tags: ['policy'], summary: 'The policy in force and the history of versions' },
    },
    async () => {
      const compiled = await currentPolicy(ctx)
      const history = await policyHistory(ctx)
      return {
        current: compiled.policy,
        version: compiled.version,
        history: history.map(({ document: _d, ...rest }) => rest),
      }
    },
  )
  app.get(
    '/v1/policy/schema',
    {
      config: { roles: ['public'] },
      schema: { tags: ['policy'], summary: 'The policy document JSON Schema' },
    },
    async () => policyJsonSchema(),
  )
  app.post(
    '/v1/policy/validate',
    {
      config: { roles: ['admin', 'reviewer', 'auditor'] },
      schema: {
        tags: ['policy'],
        summary: 'Validate a draft policy; returns coded issues',
        security: [{ bearer: [] }],
        body: jsonSchema(policyInput),
        response: errorResponses,
      },
    },
    async (request) => {
      const checked = checkPolicy(ctx, documentOf(request.body as z.infer<typeof policyInput>))
      return checked.ok ? { ok: true, version: checked.value.version } : { ok: false, issues: checked.issues }
    },
  )
  app.post(
    '/v1/policy',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['policy'],
        summary: 'Validate and publish a new policy version (ledgered with its diff)',
        security: [{ bearer: [] }],
        body: jsonSchema(policyInput),
        response: { 201: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body as z.infer<typeof policyInput>
      const published = await publishPolicy(ctx, {
        document: documentOf(body),
        actor: actorOf(request),
        note: body.note,
      })
      return reply.status(201).send(published)
    },
  )
  app.post(
    '/v1/policy/simulate',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['policy'],
        summary: 'Run a draft over recent or supplied inputs and report what changes',
        security: [{ bearer: [] }],
        body: jsonSchema(simulateInput),
        response: errorResponses,
      },
    },
    async (request) => {
      const body = request.body as z.infer<typeof simulateInput>
      const samples = body.samples?.map((s) => ({ ...s, at: s.at ? new Date(s.at) : undefined }))
      return simulatePolicy(ctx, documentOf(body), samples)
    },
  )
}
