import { parse } from 'tldts'
import type { HeuristicConfig, SafetySignal } from './signal.js'
import type { ParsedLink } from './parsed-link.js'

const CREDENTIAL_PARAMS = new Set(['password', 'passwd', 'pwd', 'pass'])

/**
 * SAFETY_USERINFO_DOMAIN or SAFETY_CREDENTIALS from the part before `@` and from password-like
 * query parameters. `https://www.jd.com@evil.example/` shows jd.com but opens evil.example.
 * @example userinfoSignals(parseLink('https://www.jd.com@evil.example/')!, config)[0]?.code // 'SAFETY_USERINFO_DOMAIN'
 */
export function userinfoSignals(link: ParsedLink, config: HeuristicConfig): SafetySignal[] {
  const signals: SafetySignal[] = []
  const username = safeDecode(link.url.username)
  const password = safeDecode(link.url.password)
  const shown = domainLike(username)
  if (shown !== null) {
    signals.push({
      code: 'SAFETY_USERINFO_DOMAIN',
      weight: config.weights.SAFETY_USERINFO_DOMAIN,
      detail: `shows ${shown} before "@" but opens ${link.hostname}`,
    })
  }
  const params = [...link.url.searchParams.keys()].filter((key) => CREDENTIAL_PARAMS.has(key.toLowerCase()))
  if (password !== '' || (username !== '' && shown === null) || params.length > 0) {
    const parts = [
      ...(username !== '' || password !== ''
        ? [`user info${password === '' ? '' : ' with a password'}`]
        : []),
      ...params.map((key) => `query parameter "${key}"`),
    ]
    signals.push({
      code: 'SAFETY_CREDENTIALS',
      weight: config.weights.SAFETY_CREDENTIALS,
      detail: `credentials in the link: ${parts.join(', ')}`,
    })
  }
  return signals
}

function domainLike(text: string): string | null {
  const candidate = text.split(':')[0]?.trim().toLowerCase() ?? ''
  if (!candidate.includes('.')) return null
  const parsed = parse(candidate)
  return parsed.domain !== null && parsed.isIcann === true ? candidate : null
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
