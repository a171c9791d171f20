import { z } from 'zod'
import { parseYamlText } from './yaml-text.js'
import { zodIssues } from './zod-issues.js'
import { fail, ok, type Issue, type Result } from '../result.js'

export const REASON_KINDS = ['safety', 'content', 'policy', 'grade', 'user', 'group', 'case'] as const
export type ReasonKind = (typeof REASON_KINDS)[number]

export const ReasonEntrySchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'codes are SCREAMING_CASE'),
  kind: z.enum(REASON_KINDS),
  zh: z.string().min(1),
  en: z.string().min(1),
  cites: z.string().min(1).describe('The rule the reason rests on'),
})
export type ReasonEntry = z.infer<typeof ReasonEntrySchema>

const CatalogueSchema = z.strictObject({
  version: z.string().min(1),
  reasons: z.array(ReasonEntrySchema).min(1),
})

/** Codes the evaluator itself cites (self-selection, and the fallback for an uncatalogued case reason). */
export const ENGINE_REASON_CODES = [
  'USER_PREFERENCE',
  'USER_MUTED_PROVIDER',
  'GROUP_SETTING',
  'CONTENT_OTHER',
] as const

/** The published reason catalogue, with a lookup by code. */
export interface ReasonCatalogue {
  version: string
  reasons: readonly ReasonEntry[]
  byCode: ReadonlyMap<string, ReasonEntry>
}

/**
 * Check a parsed catalogue document and index it by code; duplicate codes are `reason_duplicate`, and
 * each of ENGINE_REASON_CODES must be present (`reason_required_missing`).
 * @example parseReasonCatalogue({ version: '1', reasons: [{ code: 'GRADE_D', kind: 'grade', zh, en, cites }] })
 */
export function parseReasonCatalogue(doc: unknown): Result<ReasonCatalogue> {
  const parsed = CatalogueSchema.safeParse(doc)
  if (!parsed.success) return fail(...zodIssues(parsed.error, 'reasons_invalid'))
  const byCode = new Map<string, ReasonEntry>()
  const issues: Issue[] = []
  for (const [i, entry] of parsed.data.reasons.entries()) {
    if (byCode.has(entry.code)) {
      issues.push({
        code: 'reason_duplicate',
        path: ['reasons', i, 'code'],
        message: `${entry.code} appears twice`,
      })
    }
    byCode.set(entry.code, entry)
  }
  for (const code of ENGINE_REASON_CODES) {
    if (!byCode.has(code))
      issues.push({ code: 'reason_required_missing', path: ['reasons'], message: `${code} is required` })
  }
  if (issues.length > 0) return fail(...issues)
  return ok({ version: parsed.data.version, reasons: parsed.data.reasons, byCode })
}

/**
 * Parse `data/reasons.yaml` text into a catalogue.
 * @example loadReasonCatalogueFromYamlText(readFileSync('data/reasons.yaml', 'utf8'))
 */
export function loadReasonCatalogueFromYamlText(text: string): Result<ReasonCatalogue> {
  const doc = parseYamlText(text, 'reasons_yaml_invalid')
  return doc.ok ? parseReasonCatalogue(doc.value) : doc
}
