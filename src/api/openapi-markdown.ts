/** Renders an OpenAPI 3.1 document as the Markdown API reference in docs/api.md. */

interface Operation {
  summary?: string
  description?: string
  tags?: string[]
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  responses?: Record<string, { description?: string }>
}

interface Schema {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  enum?: unknown[]
  description?: string
  maxLength?: number
  maxItems?: number
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

function typeOf(schema: Schema | undefined): string {
  if (!schema) return 'any'
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(' \\| ')
  const type = Array.isArray(schema.type) ? schema.type.join(' \\| ') : (schema.type ?? 'any')
  if (type === 'array')
    return schema.items?.enum ? `(${typeOf(schema.items)})[]` : `${typeOf(schema.items)}[]`
  return type
}

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ')
}

/** One section per tag; each route with its roles, parameters, body fields and status codes. */
export function renderOpenApiMarkdown(spec: {
  info: { title: string; version: string }
  paths: Record<string, Record<string, Operation>>
}): string {
  const byTag = new Map<string, string[]>()
  for (const [path, item] of Object.entries(spec.paths).sort(([a], [b]) => a.localeCompare(b))) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      const [summaryText, rolesText] = (op.description ?? '').split(/Roles: /)
      const lines = [`### \`${method.toUpperCase()} ${path}\``, '', op.summary ?? '', '']
      if (summaryText?.trim()) lines.push(summaryText.trim(), '')
      if (rolesText) lines.push(`**Roles:** ${rolesText.trim()}`, '')
      const params = op.parameters ?? []
      if (params.length > 0) {
        lines.push('| parameter | in | type | required | description |', '|---|---|---|---|---|')
        for (const p of params)
          lines.push(
            `| \`${p.name}\` | ${p.in} | ${typeOf(p.schema)} | ${p.required ? 'yes' : 'no'} | ${cell(p.description ?? p.schema?.description)} |`,
          )
        lines.push('')
      }
      const body = op.requestBody?.content?.['application/json']?.schema
      if (body?.properties) {
        const required = new Set(body.required ?? [])
        lines.push('| body field | type | required | description |', '|---|---|---|---|')
        for (const [name, schema] of Object.entries(body.properties))
          lines.push(
            `| \`${name}\` | ${typeOf(schema)} | ${required.has(name) ? 'yes' : 'no'} | ${cell(schema.description)} |`,
          )
        lines.push('')
      }
      const codes = Object.keys(op.responses ?? {})
      if (codes.length > 0) lines.push(`Responses: ${codes.join(', ')}`, '')
      const tag = op.tags?.[0] ?? 'other'
      byTag.set(tag, [...(byTag.get(tag) ?? []), lines.join('\n')])
    }
  }
  const out = [
    `# ${spec.info.title} reference (v${spec.info.version})`,
    '',
    'Generated from the route schemas by `npm run docs:api`; do not edit by hand. The live document is',
    '`/openapi.json`, browsable at `/docs`. Errors are always `{error, message, issues?}` with a stable code.',
    '',
  ]
  for (const tag of [...byTag.keys()].sort()) out.push(`## ${tag}`, '', ...(byTag.get(tag) ?? []))
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  )
}
