import { LineCounter, parseDocument, stringify } from 'yaml'
import type { ApiIssue } from '../api.js'

export interface LocatedIssue extends ApiIssue {
  /** 1-based line in the editor text, when the issue's path resolves there. */
  line: number | null
}

export function policyToYaml(document: unknown): string {
  return stringify(document, { lineWidth: 0 })
}

/** Syntax errors of the YAML text itself, found in the browser before the server sees it. */
export function syntaxIssues(text: string): LocatedIssue[] {
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false })
  return doc.errors.map((error) => ({
    code: 'yaml_syntax',
    path: [],
    message: error.message.split('\n')[0] ?? error.message,
    line: counter.linePos(error.pos[0]).line,
  }))
}

/** Places the server's issues on editor lines: the deepest part of each path that exists in the text. */
export function locateIssues(text: string, issues: readonly ApiIssue[]): LocatedIssue[] {
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter })
  return issues.map((issue) => {
    for (let depth = issue.path.length; depth > 0; depth--) {
      const node = doc.getIn(issue.path.slice(0, depth), true) as
        { range?: [number, number, number] } | undefined
      if (node && typeof node === 'object' && node.range)
        return { ...issue, line: counter.linePos(node.range[0]).line }
    }
    return { ...issue, line: null }
  })
}
