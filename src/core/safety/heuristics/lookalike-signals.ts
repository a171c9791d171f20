import { skeleton } from './confusables.js'
import { editDistance } from './edit-distance.js'
import type { KnownDomains } from './known-domains.js'
import type { ParsedLink } from './parsed-link.js'
import { decodeLabel } from './punycode.js'
import { isMixedScript, scriptsOf } from './scripts.js'
import type { HeuristicConfig, SafetySignal } from './signal.js'

/**
 * SAFETY_MIXED_SCRIPT: a label mixing scripts outside TR39's Highly Restrictive profile (`pаypal` with a
 * Cyrillic а), or written wholly in another script yet confusable with plain Latin (TR39 whole-script
 * confusable, e.g. Cyrillic `аррӏе`).
 * @example mixedScriptSignal(parseLink('https://xn--pypal-4ve.example/')!, config)?.code // 'SAFETY_MIXED_SCRIPT'
 */
export function mixedScriptSignal(link: ParsedLink, config: HeuristicConfig): SafetySignal | null {
  // The WHATWG hostname is lowercase ASCII: with no punycode label, every label is plain Latin.
  if (link.host.isIp || !link.hostname.includes('xn--')) return null
  for (const encoded of link.hostname.split('.')) {
    const label = decodeLabel(encoded)
    if (label === null || label === encoded) continue
    const scripts = [...scriptsOf(label)]
    const looksLatin = /^[a-z0-9-]+$/.test(skeleton(label)) && !scripts.includes('Latin')
    if (!isMixedScript(label) && !looksLatin) continue
    const why = looksLatin ? `reads as Latin "${skeleton(label)}"` : `mixes ${scripts.join(' + ')}`
    return {
      code: 'SAFETY_MIXED_SCRIPT',
      weight: config.weights.SAFETY_MIXED_SCRIPT,
      detail: `label "${label}" (${encoded}) ${why}`,
    }
  }
  return null
}

/**
 * SAFETY_LOOKALIKE: the registrable domain is not a provider's, but its label has a provider label's TR39
 * skeleton (`taoba0`, `jіd` with Cyrillic і), is within Damerau–Levenshtein 1 (labels of 5+) or 2 (9+) of
 * one, or the host carries a provider's whole domain in its subdomain (`taobao.com.evil.example`).
 * @example lookalikeSignal(parseLink('https://taoba0.com/')!, known, config)?.detail
 */
export function lookalikeSignal(
  link: ParsedLink,
  known: KnownDomains,
  config: HeuristicConfig,
): SafetySignal | null {
  const domain = link.host.domain
  if (link.host.isIp || domain === null || known.domains.has(domain)) return null
  const signal = (detail: string): SafetySignal => ({
    code: 'SAFETY_LOOKALIKE',
    weight: config.weights.SAFETY_LOOKALIKE,
    detail,
  })

  const embedded = embeddedKnownDomain(link.host.subdomain ?? '', known)
  if (embedded !== null) return signal(`${link.hostname} puts ${embedded} in front of ${domain}`)

  const label = decodeLabel(link.host.domainWithoutSuffix ?? '') ?? ''
  if (label === '') return null
  const labelSkeleton = skeleton(label)
  for (const entry of known.entries) {
    if (label === entry.label) continue
    if (labelSkeleton === entry.skeleton)
      return signal(`${domain} looks like ${entry.domain} (confusable characters)`)
  }
  for (const entry of known.entries) {
    if (label === entry.label || entry.skeleton.length < 5) continue
    const max = entry.skeleton.length >= 9 ? 2 : 1
    // Lengths further apart than the allowed edits can never be within them.
    if (Math.abs(labelSkeleton.length - entry.skeleton.length) > max) continue
    const distance = editDistance(labelSkeleton, entry.skeleton, max)
    if (distance <= max)
      return signal(`${domain} is ${distance} edit${distance > 1 ? 's' : ''} from ${entry.domain}`)
  }
  return null
}

/**
 * A provider domain written as whole labels inside the subdomain (`taobao.com` in
 * `taobao.com.evil.example`): every contiguous run of labels is one set lookup, so the cost grows with
 * the subdomain, not with the registry.
 */
function embeddedKnownDomain(subdomain: string, known: KnownDomains): string | null {
  if (subdomain === '') return null
  const labels = subdomain.split('.')
  for (let start = 0; start < labels.length; start++) {
    for (let end = start + 1; end <= labels.length; end++) {
      const candidate = labels.slice(start, end).join('.')
      if (known.domains.has(candidate)) return candidate
    }
  }
  return null
}
