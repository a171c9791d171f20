import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import {
  getGroupSettings,
  getUserPreferences,
  putGroupSettings,
  putUserPreferences,
} from '../../services/preferences.js'

const idParam = (name: string) => jsonSchema(z.object({ [name]: z.string().min(1).max(128) }))
const anyObject = { type: 'object' }

export const preferenceRoutes: RouteModule = (app, ctx) => {
  const platform = { roles: ['platform', 'admin'] as const }
  app.get(
    '/v1/users/:userId/preferences',
    {
      config: platform,
      schema: {
        tags: ['self-selection'],
        summary: "A user's self-selection settings (自主选择)",
        security: [{ bearer: [] }],
        params: idParam('userId'),
      },
    },
    async (request) =>
      (await getUserPreferences(ctx, (request.params as { userId: string }).userId)) ?? {
        byScenario: {},
        trustedProviders: [],
        mutedProviders: [],
        systemBrowser: false,
      },
  )
  app.put(
    '/v1/users/:userId/preferences',
    {
      config: platform,
      schema: {
        tags: ['self-selection'],
        summary: "Replace a user's settings, within the policy's bounds",
        security: [{ bearer: [] }],
        params: idParam('userId'),
        body: anyObject,
        response: errorResponses,
      },
    },
    async (request) => putUserPreferences(ctx, (request.params as { userId: string }).userId, request.body),
  )
  app.get(
    '/v1/groups/:groupId/settings',
    {
      config: platform,
      schema: {
        tags: ['self-selection'],
        summary: "A group owner's defaults",
        security: [{ bearer: [] }],
        params: idParam('groupId'),
      },
    },
    async (request) =>
      (await getGroupSettings(ctx, (request.params as { groupId: string }).groupId)) ?? { defaults: {} },
  )
  app.put(
    '/v1/groups/:groupId/settings',
    {
      config: platform,
      schema: {
        tags: ['self-selection'],
        summary: "Replace a group's defaults (ledgered)",
        security: [{ bearer: [] }],
        params: idParam('groupId'),
        body: anyObject,
        response: errorResponses,
      },
    },
    async (request) =>
      putGroupSettings(ctx, (request.params as { groupId: string }).groupId, request.body, actorOf(request)),
  )
}
