import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { SCENARIOS } from '../../core/vocabulary.js'
import { MAX_DIALTEST_CASES, runDialTest } from '../../services/dialtest.js'

const body = z.object({
  urls: z.array(z.string().min(1).max(4096)).min(1).max(MAX_DIALTEST_CASES),
  scenarios: z.array(z.enum(SCENARIOS)).min(1).max(4).optional(),
  at: z.string().datetime({ offset: true }).optional(),
})

export const dialtestRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/v1/dialtest',
    {
      config: { roles: ['auditor', 'admin', 'platform'] },
      schema: {
        tags: ['audit'],
        summary: 'Dial test (拨测): links × scenarios through the public decision path',
        security: [{ bearer: [] }],
        body: jsonSchema(body),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const input = request.body as z.infer<typeof body>
      const scenarios = input.scenarios ?? [...SCENARIOS]
      if (input.urls.length * scenarios.length > MAX_DIALTEST_CASES * 4)
        return reply
          .status(400)
          .send({ error: 'too_many_cases', message: `at most ${MAX_DIALTEST_CASES} URLs` })
      const at = input.at ? new Date(input.at) : undefined
      const rows = await runDialTest(
        ctx,
        input.urls.flatMap((url) => scenarios.map((scenario) => ({ url, scenario, at }))),
      )
      return { rows }
    },
  )
}
