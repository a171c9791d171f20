import { MAX_RECORD_CHARS } from './feed-entry.js'

/** A line of text and its 1-based line number; `tooLong` lines were cut and their text dropped. */
export interface NumberedLine {
  text: string
  line: number
  tooLong?: true
}

/**
 * Splits a stream of text chunks into lines (LF or CRLF, across chunk boundaries), dropping a leading BOM.
 * @example const splitter = new LineSplitter(); splitter.push('a\nb'); splitter.end() // [{ text: 'b', line: 2 }]
 */
export class LineSplitter {
  private pending = ''
  private overflowing = false
  private line = 0
  private started = false

  push(chunk: string): NumberedLine[] {
    let text = this.pending + chunk
    if (!this.started && text.length > 0) {
      this.started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    const parts = text.split('\n')
    this.pending = parts.pop() ?? ''
    const lines = parts.map((part) => this.numbered(part))
    if (this.pending.length > MAX_RECORD_CHARS) {
      this.pending = ''
      this.overflowing = true
    }
    return lines
  }

  end(): NumberedLine[] {
    if (this.pending === '' && !this.overflowing) return []
    const last = this.numbered(this.pending)
    this.pending = ''
    return [last]
  }

  private numbered(text: string): NumberedLine {
    this.line++
    if (this.overflowing || text.length > MAX_RECORD_CHARS) {
      this.overflowing = false
      return { text: '', line: this.line, tooLong: true }
    }
    return { text: text.endsWith('\r') ? text.slice(0, -1) : text, line: this.line }
  }
}
