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
  private collecting = false
  /** The current element's text from earlier chunks. */
  private carry = ''
  private elementLine = 1
  private tooLong = false
  private line = 1

  push(chunk: string): JsonElement[] {
    const elements: JsonElement[] = []
    // Where the current element starts in this chunk; its text is sliced out once, not built char by char.
    let start = this.collecting ? 0 : -1
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i)
      if (code === 0x0a) this.line++
      if (this.finished) continue
      if (!this.opened) {
        if (code === 0x5b) this.opened = true
        else if (!isWhitespace(code) && code !== 0xfeff) {
          // Not an array: report it once as a malformed element and ignore the rest.
          elements.push({ text: chunk.slice(i, i + 80), line: this.line, tooLong: false })
          this.finished = true
        }
        continue
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (code === 0x5c) this.escaped = true
        else if (code === 0x22) this.inString = false
        continue
      }
      if (this.depth === 0 && (code === 0x2c || code === 0x5d)) {
        if (this.collecting) this.flush(elements, this.carry + chunk.slice(start, i))
        start = -1
        if (code === 0x5d) this.finished = true
        continue
      }
      if (!this.collecting) {
        if (isWhitespace(code)) continue
        this.collecting = true
        this.elementLine = this.line
        start = i
      }
      if (code === 0x22) this.inString = true
      else if (code === 0x7b || code === 0x5b) this.depth++
      else if (code === 0x7d || code === 0x5d) this.depth = Math.max(0, this.depth - 1)
    }
    if (this.collecting && !this.tooLong) {
      this.carry += chunk.slice(Math.max(0, start))
      if (this.carry.length > MAX_RECORD_CHARS) {
        this.tooLong = true
        this.carry = ''
      }
    }
    return elements
  }

  end(): JsonElement[] {
    const elements: JsonElement[] = []
    // An unterminated array still yields its last element, which fails to parse if it was cut short.
    if (!this.finished && this.collecting) this.flush(elements, this.carry)
    this.finished = true
    return elements
  }

  private flush(elements: JsonElement[], raw: string): void {
    const tooLong = this.tooLong || raw.length > MAX_RECORD_CHARS
    const text = tooLong ? '' : raw.trim()
    if (text !== '' || tooLong) elements.push({ text, line: this.elementLine, tooLong })
    this.carry = ''
    this.collecting = false
    this.tooLong = false
  }
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09
}
