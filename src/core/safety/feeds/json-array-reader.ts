import { MAX_RECORD_CHARS } from './feed-entry.js'

/** The raw text of one element of a top-level JSON array, with the line it starts on. */
export interface JsonElement {
  text: string
  line: number
  tooLong: boolean
}

/**
 * Streams the elements of a top-level JSON array (RFC 8259) without parsing the whole document: it tracks
 * nesting and string state to find each element's end, and hands the element's text on for `JSON.parse`.
 * A document that does not start with `[` yields one element holding its start, which then fails to parse.
 * @example const reader = new JsonArrayReader(); reader.push('[{"a":1},{"b":') // [{ text: '{"a":1}', line: 1, … }]
 */
export class JsonArrayReader {
  private opened = false
  private finished = false
  private depth = 0
  private inString = false
  private escaped = false
  private element = ''
  private elementLine = 1
  private tooLong = false
  private line = 1

  push(chunk: string): JsonElement[] {
    const elements: JsonElement[] = []
    for (let i = 0; i < chunk.length; i++) {
      const char = chunk.charAt(i)
      if (char === '\n') this.line++
      if (this.finished) continue
      if (!this.opened) {
        if (char === '[') this.opened = true
        else if (!isWhitespace(char) && char !== '\ufeff') {
          // Not an array: report it once as a malformed element and ignore the rest.
          elements.push({ text: chunk.slice(i, i + 80), line: this.line, tooLong: false })
          this.finished = true
        }
        continue
      }
      if (this.inString) {
        this.append(char)
        if (this.escaped) this.escaped = false
        else if (char === '\\') this.escaped = true
        else if (char === '"') this.inString = false
        continue
      }
      if (this.depth === 0 && (char === ',' || char === ']')) {
        this.flush(elements)
        if (char === ']') this.finished = true
        continue
      }
      if (this.depth === 0 && this.element === '' && isWhitespace(char)) continue
      if (this.element === '' && !this.tooLong) this.elementLine = this.line
      if (char === '"') this.inString = true
      else if (char === '{' || char === '[') this.depth++
      else if (char === '}' || char === ']') this.depth = Math.max(0, this.depth - 1)
      this.append(char)
    }
    return elements
  }

  end(): JsonElement[] {
    const elements: JsonElement[] = []
    // An unterminated array still yields its last element, which fails to parse if it was cut short.
    if (!this.finished) this.flush(elements)
    this.finished = true
    return elements
  }

  private append(char: string): void {
    if (this.tooLong) return
    if (this.element.length >= MAX_RECORD_CHARS) {
      this.tooLong = true
      this.element = ''
      return
    }
    this.element += char
  }

  private flush(elements: JsonElement[]): void {
    const text = this.element.trim()
    if (text !== '' || this.tooLong) elements.push({ text, line: this.elementLine, tooLong: this.tooLong })
    this.element = ''
    this.tooLong = false
  }
}

function isWhitespace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t'
}
