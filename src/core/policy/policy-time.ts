/**
 * Policy times are written in ISO 8601. A time with no offset means Asia/Shanghai, which has been a fixed
 * UTC+08:00 with no daylight saving since 1991, so appending "+08:00" is exact for every policy date.
 */
const ISO_LOCAL =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Milliseconds since the epoch for a policy time, or null when it is not a valid ISO date-time.
 * @example parsePolicyTime('2021-11-30T00:00+08:00') // 1638201600000
 */
export function parsePolicyTime(text: string): number | null {
  const m = ISO_LOCAL.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00', ms = '0', zone] = m
  const offset =
    zone === undefined
      ? '+08:00'
      : zone === 'Z'
        ? 'Z'
        : zone.length === 5
          ? `${zone.slice(0, 3)}:${zone.slice(3)}`
          : zone
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms.padEnd(3, '0')}${offset}`
  const value = Date.parse(iso)
  if (Number.isNaN(value)) return null
  // Date.parse rolls 2021-02-30 over into March; a policy date must say what it means.
  const check = new Date(value + offsetMinutes(offset) * 60_000)
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() + 1 !== Number(mo)) return null
  return value
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0
  const sign = offset.startsWith('-') ? -1 : 1
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)))
}
