import type { Grade } from '../vocabulary.js'

/** A provider's computed credit grade; `insufficient_data` means too little volume to grade. */
export const PROVIDER_GRADES = ['A', 'B', 'C', 'D', 'insufficient_data'] as const
export type ProviderGrade = (typeof PROVIDER_GRADES)[number]

/** A letter grade, the only grades metrics and thresholds speak about. */
export type LetterGrade = Exclude<ProviderGrade, 'insufficient_data'>
export const LETTER_GRADES = ['A', 'B', 'C', 'D'] as const satisfies readonly LetterGrade[]

const RANK: Readonly<Record<LetterGrade, number>> = { A: 0, B: 1, C: 2, D: 3 }

/**
 * Higher is worse: A 0 … D 3.
 * @example gradeRank('C') > gradeRank('B') // true
 */
export function gradeRank(grade: LetterGrade): number {
  return RANK[grade]
}

/**
 * The worse of two letter grades.
 * @example worseGrade('B', 'D') // 'D'
 */
export function worseGrade(a: LetterGrade, b: LetterGrade): LetterGrade {
  return RANK[a] >= RANK[b] ? a : b
}

/**
 * The next better letter grade, or null for A.
 * @example betterGrade('D') // 'C'
 */
export function betterGrade(grade: LetterGrade): Exclude<LetterGrade, 'D'> | null {
  return grade === 'D' ? 'C' : grade === 'C' ? 'B' : grade === 'B' ? 'A' : null
}

/**
 * The grade policy rules see: `insufficient_data` has no effect, which policy spells `none`.
 * @example policyGrade('insufficient_data') // 'none'
 */
export function policyGrade(grade: ProviderGrade): Grade {
  return grade === 'insufficient_data' ? 'none' : grade
}
