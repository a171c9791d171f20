import { Parser } from 'htmlparser2'

/** Everything card extraction reads from a page, gathered in one streaming pass (htmlparser2). */
export interface PageScan {
  /** `<meta property|name=… content=…>`, keyed by lower-cased property or name; first value wins. */
  meta: Map<string, string>
  title: string | null
  links: { rel: string; href: string; type: string }[]
  baseHref: string | null
  jsonLd: string[]
  passwordInputs: number
  /** Lower-cased id and class tokens, form actions, and scripted or meta-refresh redirect targets. */
  markupTokens: string[]
  redirectTargets: string[]
  formActions: string[]
}

const MAX_JSON_LD_CHARS = 512 * 1024
const MAX_SCRIPT_CHARS = 64 * 1024
const MAX_TOKENS = 4096
// Redirects written in inline script: location = "…", location.href = "…", location.replace("…").
const SCRIPTED_REDIRECT =
  /location(?:\.href)?\s*=\s*["']([^"']{1,2048})["']|location\.(?:replace|assign)\(\s*["']([^"']{1,2048})["']/g

/**
 * Scans HTML once and returns the raw metadata; never throws.
 * @example
 * scanPage('<title>x</title>').title // 'x'
 */
export function scanPage(html: string): PageScan {
  const scan: PageScan = {
    meta: new Map(),
    title: null,
    links: [],
    baseHref: null,
    jsonLd: [],
    passwordInputs: 0,
    markupTokens: [],
    redirectTargets: [],
    formActions: [],
  }
  let inTitle = false
  let titleText = ''
  let svgDepth = 0
  let script: 'ld' | 'inline' | null = null
  let scriptText = ''
  let scriptBudget = MAX_SCRIPT_CHARS
  let jsonLdBudget = MAX_JSON_LD_CHARS

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const id = attribs.id
        const cls = attribs.class
        if (scan.markupTokens.length < MAX_TOKENS) {
          if (id) scan.markupTokens.push(id.toLowerCase())
          if (cls)
            for (const token of cls.toLowerCase().split(/\s+/)) if (token) scan.markupTokens.push(token)
        }
        switch (name) {
          case 'svg':
          case 'math':
            svgDepth += 1
            return
          case 'title':
            if (svgDepth === 0 && scan.title === null) inTitle = true
            return
          case 'meta':
            onMeta(scan, attribs)
            return
          case 'link':
            if (attribs.rel && attribs.href) {
              scan.links.push({
                rel: attribs.rel.toLowerCase(),
                href: attribs.href,
                type: (attribs.type ?? '').toLowerCase(),
              })
            }
            return
          case 'base':
            if (scan.baseHref === null && attribs.href) scan.baseHref = attribs.href
            return
          case 'input':
            if ((attribs.type ?? '').toLowerCase() === 'password') scan.passwordInputs += 1
            return
          case 'form':
            if (attribs.action) scan.formActions.push(attribs.action)
            return
          case 'script': {
            const type = (attribs.type ?? '').toLowerCase().trim()
            script =
              type === 'application/ld+json'
                ? 'ld'
                : type === '' || type.includes('javascript')
                  ? 'inline'
                  : null
            scriptText = ''
            return
          }
          default:
            return
        }
      },
      ontext(text) {
        if (inTitle) titleText += text
        else if (script === 'ld' && scriptText.length < jsonLdBudget) scriptText += text
        else if (script === 'inline' && scriptText.length < scriptBudget) scriptText += text
      },
      onclosetag(name) {
        if (name === 'svg' || name === 'math') svgDepth = Math.max(0, svgDepth - 1)
        else if (name === 'title' && inTitle) {
          inTitle = false
          scan.title = titleText
        } else if (name === 'script' && script !== null) {
          if (script === 'ld') {
            jsonLdBudget -= scriptText.length
            scan.jsonLd.push(scriptText)
          } else {
            scriptBudget -= scriptText.length
            for (const match of scriptText.matchAll(SCRIPTED_REDIRECT)) {
              const target = match[1] ?? match[2]
              if (target) scan.redirectTargets.push(target)
            }
          }
          script = null
          scriptText = ''
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()
  if (inTitle && scan.title === null) scan.title = titleText
  return scan
}

function onMeta(scan: PageScan, attribs: Record<string, string>): void {
  const content = attribs.content
  if (content === undefined) return
  const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? '').toLowerCase().trim()
  if (key !== '' && !scan.meta.has(key)) scan.meta.set(key, content)
  if ((attribs['http-equiv'] ?? '').toLowerCase() === 'refresh') {
    // HTML §4.2.5.3: "<seconds>; url=<target>", quotes optional.
    const target = /url\s*=\s*["']?([^"']+)/i.exec(content)?.[1]
    if (target) scan.redirectTargets.push(target.trim())
  }
}
