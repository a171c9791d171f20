import type { ComplaintCategory } from '../vocabulary.js'

/**
 * How grave a complaint category is, 0–1. The order: malware, fraud and illegal above privacy,
 * above inducement, above marketing and harassment; rumor and infringement sit with the latter, `other` lowest.
 */
export const CATEGORY_SEVERITY: Readonly<Record<ComplaintCategory, number>> = {
  malware: 1,
  fraud: 1,
  illegal: 1,
  privacy: 0.7,
  inducement: 0.5,
  marketing: 0.35,
  harassment: 0.35,
  rumor: 0.35,
  infringement: 0.35,
  other: 0.2,
}

/**
 * The gravest category in a histogram; 0 for an empty one.
 * @example maxSeverity({ marketing: 3, fraud: 1 }) // 1
 */
export function maxSeverity(histogram: Readonly<Record<string, number>>): number {
  let max = 0
  for (const [category, count] of Object.entries(histogram)) {
    if (count <= 0) continue
    max = Math.max(max, CATEGORY_SEVERITY[category as ComplaintCategory] ?? 0)
  }
  return max
}

/** The catalogue reason a reviewer would normally cite for a complaint category. */
export const CATEGORY_REASON: Readonly<Record<ComplaintCategory, string>> = {
  malware: 'CONTENT_MALWARE',
  fraud: 'CONTENT_FRAUD',
  illegal: 'CONTENT_ILLEGAL',
  privacy: 'CONTENT_PRIVACY',
  inducement: 'CONTENT_INDUCEMENT',
  marketing: 'CONTENT_MARKETING',
  harassment: 'CONTENT_HARASSMENT',
  rumor: 'CONTENT_RUMOR',
  infringement: 'CONTENT_INFRINGEMENT',
  other: 'CONTENT_OTHER',
}
