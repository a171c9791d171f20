// Writes docs/api.md from the OpenAPI document the app generates from its route schemas.
import { writeFileSync } from 'node:fs'
import { buildApp } from '../src/api/app.js'
import { renderOpenApiMarkdown } from '../src/api/openapi-markdown.js'
import { testConfig } from '../src/config/config.js'
import { createContext } from '../src/context.js'
import { openStore } from '../src/db/client.js'

const ctx = await createContext(testConfig(), { store: await openStore({ kind: 'pglite', dataDir: null }) })
const app = await buildApp(ctx)
await app.ready()
const markdown = renderOpenApiMarkdown(app.swagger() as Parameters<typeof renderOpenApiMarkdown>[0])
await app.close()
await ctx.close()
if (process.argv.includes('--print')) process.stdout.write(markdown)
else writeFileSync(new URL('../docs/api.md', import.meta.url), markdown)
