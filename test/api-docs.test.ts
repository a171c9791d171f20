import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderOpenApiMarkdown } from '../src/api/openapi-markdown.js'
import { BACKENDS } from './support/backends.js'
import { startHarness, type Harness } from './support/harness.js'

describe('the API reference', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(BACKENDS[0]!)
  })
  afterAll(async () => h.close())

  it('docs/api.md is generated from the current route schemas (run `npm run docs:api` after changing a route)', () => {
    const markdown = renderOpenApiMarkdown(h.app.swagger() as Parameters<typeof renderOpenApiMarkdown>[0])
    expect(readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8')).toBe(markdown)
  })

  it('every documented route names its roles', () => {
    const spec = h.app.swagger() as { paths: Record<string, Record<string, { description?: string }>> }
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item))
        expect(op.description ?? '', `${method} ${path}`).toMatch(/Roles: /)
    }
  })
})
