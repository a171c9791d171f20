/** When a burst of reports from new reporters against one provider is a storm. */
export interface StormRule {
  windowMinutes: number
  /** Reports from new reporters within the window, including the one arriving. */
  minNewReporterReports: number
  /** The share of the window's reports that come from new reporters. */
  minNewShare: number
}

export const DEFAULT_STORM_RULE: StormRule = {
  windowMinutes: 10,
  minNewReporterReports: 20,
  minNewShare: 0.8,
}

/** What the desk saw against one provider (or unregistered domain) in the window. */
export interface StormWindow {
  reports: number
  newReporterReports: number
}

/**
 * Whether the window is a storm: many reports, mostly from reporters with no history. Storms are held
 * for a person; automation never acts on them.
 * @example isStorm({ reports: 25, newReporterReports: 24 }) // true
 */
export function isStorm(window: StormWindow, rule: StormRule = DEFAULT_STORM_RULE): boolean {
  if (window.newReporterReports < rule.minNewReporterReports || window.reports <= 0) return false
  return window.newReporterReports / window.reports >= rule.minNewShare
}

/** A reporter counts as new for storms while they have no settled report and their first report is this recent. */
export const NEW_REPORTER_DAYS = 7

/**
 * Whether a reporter is new: first seen less than NEW_REPORTER_DAYS ago, with nothing upheld or rejected yet.
 * @example isNewReporter({ firstSeen: now, upheld: 0, rejected: 0 }, now) // true
 */
export function isNewReporter(
  s: { firstSeen: Date | null; upheld: number; rejected: number },
  now: Date,
): boolean {
  if (s.upheld + s.rejected > 0) return false
  if (s.firstSeen === null) return true
  return now.getTime() - s.firstSeen.getTime() < NEW_REPORTER_DAYS * 86_400_000
}
