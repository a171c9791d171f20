/** The closed vocabularies shared by every layer: scenarios, actions, verdicts, grades and link categories. */

export const SCENARIOS = ['direct', 'group', 'feed', 'channel'] as const
export type Scenario = (typeof SCENARIOS)[number]

export const ACTIONS = ['open', 'warn', 'block'] as const
export type Action = (typeof ACTIONS)[number]

export const VERDICTS = ['clean', 'unknown', 'suspicious', 'malicious'] as const
export type Verdict = (typeof VERDICTS)[number]

/** `none` means no grade applies: an unregistered link, or a provider with too little volume to grade. */
export const GRADES = ['A', 'B', 'C', 'D', 'none'] as const
export type Grade = (typeof GRADES)[number]

/**
 * Link categories, decided per link (a provider can span several).
 * `other` is the category of a link whose host matches no registered provider.
 */
export const CATEGORIES = [
  'e-commerce',
  'short-video',
  'video',
  'live-streaming',
  'social',
  'messaging',
  'news',
  'content-community',
  'local-services',
  'payments',
  'music',
  'search',
  'url-shortener',
  'other',
] as const
export type Category = (typeof CATEGORIES)[number]

export const CARD_STYLES = ['full', 'compact', 'none'] as const
export type CardStyle = (typeof CARD_STYLES)[number]

/** Complaint categories (投诉类型), BRIEF §4. */
export const COMPLAINT_CATEGORIES = [
  'harassment',
  'fraud',
  'inducement',
  'illegal',
  'privacy',
  'malware',
  'rumor',
  'marketing',
  'infringement',
  'other',
] as const
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number]

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value)
}
