import { timingSafeEqual } from 'node:crypto'

/**
 * Whether `given` is the MAC that `macOf` computes under any of `keys` (the signing key first, then
 * keys being rotated out), compared in constant time.
 * @example signedByAny(['k1', 'k0'], given, (key) => createHmac('sha256', key).update(body).digest())
 */
export function signedByAny(keys: readonly string[], given: Buffer, macOf: (key: string) => Buffer): boolean {
  return keys.some((key) => {
    const expected = macOf(key)
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}
