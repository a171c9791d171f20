import { MAX_RECORD_CHARS } from './feed-entry.js'

/** One CSV record: its fields, the line it starts on, and whether it broke RFC 4180's quoting rules. */
export interface CsvRecord {
  fields: string[]
  line: number
  malformed: boolean
  tooLong: boolean
}

const UNQUOTED_SPECIAL = /[,\n"]/g

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  Comment,
}

/**
 * A streaming CSV reader per RFC 4180 (comma-separated, `"` quoting with `""` escapes, fields may span
 * lines), extended with `#` comment lines at the start of a record as URLhaus writes them.
 * @example const reader = new CsvReader(); reader.push('a,"b,c"\n') // [{ fields: ['a', 'b,c'], line: 1, … }]
 */
export class CsvReader {
  private state = State.FieldStart
  private field = ''
  private fields: string[] = []
  private recordChars = 0
  private malformed = false
  private tooLong = false
  private line = 1
  private recordLine = 1
  private started = false

  push(chunk: string): CsvRecord[] {
    const records: CsvRecord[] = []
    let text = chunk
    if (!this.started && text.length > 0) {
      this.started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    for (let i = 0; i < text.length; i++) {
      const run = this.plainRun(text, i)
      if (run > 0) {
        // Fast path: copy a run of ordinary characters in one slice instead of one char at a time.
        i += run - 1
        continue
      }
      const char = text.charAt(i)
      if (char === '\n') this.line++
      if (this.state === State.Comment) {
        if (char === '\n') this.resetRecord()
        continue
      }
      if (this.tooLong) {
        // Past the size cap, quoting no longer counts: the next newline ends the broken record.
        if (char === '\n') records.push(this.finishRecord())
        continue
      }
      if (++this.recordChars > MAX_RECORD_CHARS) {
        this.tooLong = true
        continue
      }
      switch (this.state) {
        case State.FieldStart:
          if (char === '#' && this.fields.length === 0) this.state = State.Comment
          else if (char === '"') this.state = State.Quoted
          else this.unquoted(char, records)
          break
        case State.Unquoted:
          this.unquoted(char, records)
          break
        case State.Quoted:
          if (char === '"') this.state = State.QuoteInQuoted
          else this.field += char
          break
        case State.QuoteInQuoted:
          if (char === '"') {
            this.field += '"'
            this.state = State.Quoted
          } else {
            if (char !== ',' && char !== '\n' && char !== '\r') this.malformed = true
            this.state = State.Unquoted
            this.unquoted(char, records)
          }
          break
      }
    }
    return records
  }

  end(): CsvRecord[] {
    if (this.state === State.Comment) return []
    if (this.state === State.Quoted) this.malformed = true
    const empty = this.fields.length === 0 && this.field === '' && !this.tooLong
    return empty ? [] : [this.finishRecord()]
  }

  /** Appends the run of characters at `i` that cannot change the state; returns its length (0 for none). */
  private plainRun(text: string, i: number): number {
    if (this.tooLong || (this.state !== State.Quoted && this.state !== State.Unquoted)) return 0
    let end: number
    if (this.state === State.Quoted) {
      end = text.indexOf('"', i)
    } else {
      UNQUOTED_SPECIAL.lastIndex = i
      end = UNQUOTED_SPECIAL.exec(text)?.index ?? -1
    }
    if (end < 0) end = text.length
    const length = end - i
    if (length < 2 || this.recordChars + length > MAX_RECORD_CHARS) return 0
    const run = text.slice(i, end)
    this.field += run
    this.recordChars += length
    for (let nl = run.indexOf('\n'); nl >= 0; nl = run.indexOf('\n', nl + 1)) this.line++
    return length
  }

  private unquoted(char: string, records: CsvRecord[]): void {
    if (char === ',') {
      this.fields.push(this.field)
      this.field = ''
      this.state = State.FieldStart
    } else if (char === '\n') {
      if (this.field.endsWith('\r')) this.field = this.field.slice(0, -1)
      const blank = this.fields.length === 0 && this.field === ''
      if (blank) this.resetRecord()
      else records.push(this.finishRecord())
    } else {
      if (char === '"') this.malformed = true
      this.field += char
      this.state = State.Unquoted
    }
  }

  private finishRecord(): CsvRecord {
    const record: CsvRecord = {
      fields: [...this.fields, this.field],
      line: this.recordLine,
      malformed: this.malformed,
      tooLong: this.tooLong,
    }
    this.resetRecord()
    return record
  }

  private resetRecord(): void {
    this.fields = []
    this.field = ''
    this.recordChars = 0
    this.malformed = false
    this.tooLong = false
    this.state = State.FieldStart
    this.recordLine = this.line
  }
}
