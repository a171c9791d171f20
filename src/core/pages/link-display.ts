import { displayForm, hostFacts } from '../links/index.js'

/** A link as a safety page shows it: display form split around the registrable domain, plus its punycode. */
export interface LinkDisplay {
  /** The part before the registrable domain (subdomains), in display form. */
  before: string
  /** The registrable domain (or the whole host for an IP address), which the page highlights. */
  domain: string
  /** Port, path and query after the host. */
  after: string
  /** The ASCII (punycode) host, when the host is an IDN; null otherwise. */
  punycode: string | null
}

/**
 * Splits a canonical link for display so the registrable domain, the part that says who owns the site,
 * can be highlighted; an IDN also gets its punycode host, since lookalike labels hide in Unicode.
 * @example linkDisplay('https://m.item.jd.com/1.html') // { before: 'm.item.', domain: 'jd.com', after: '/1.html', punycode: null }
 */
export function linkDisplay(url: string): LinkDisplay {
  let host: string
  try {
    host = new URL(url).hostname
  } catch {
    return { before: '', domain: url, after: '', punycode: null }
  }
  const display = displayForm(url)
  const hostShown = displayForm(`http://${host}/`)
  const facts = hostFacts(host)
  const domainShown = facts.domain === null ? hostShown : displayForm(`http://${facts.domain}/`)
  // displayForm maps labels one by one, so the shown domain is a suffix of the shown host.
  const split = hostShown.endsWith(domainShown) ? hostShown.length - domainShown.length : 0
  return {
    before: hostShown.slice(0, split),
    domain: hostShown.slice(split),
    after: display.startsWith(hostShown) ? display.slice(hostShown.length) : display,
    punycode: facts.idn ? host : null,
  }
}
