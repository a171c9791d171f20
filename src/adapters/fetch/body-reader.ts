import type { Readable } from 'node:stream'
import zlib from 'node:zlib'
import { FetchError } from './fetch-error.js'

export interface BodyLimits {
  /** Decoded bytes allowed; going past it is `too_large` (HTML is read up to `stopAt`, never past the cap). */
  maxBytes: number
  /** Decoded ÷ received bytes above which a compressed body is treated as a bomb (once past `ratioFloorBytes`). */
  maxCompressionRatio: number
  ratioFloorBytes: number
  /** Called with everything read so far; `true` stops reading (the rest is never downloaded). */
  stopAt?: (bytesSoFar: Uint8Array) => boolean
  /** Called when the cap is reached; `true` keeps what was read (truncated) instead of failing `too_large`. */
  keepOnCap?: (bytesSoFar: Uint8Array) => boolean
}

export interface BodyRead {
  body: Uint8Array
  /** The body was cut short (by `stopAt` or `keepOnCap`); what was read is intact up to that point. */
  truncated: boolean
}

/**
 * Streams a response body through its Content-Encoding (RFC 9110 §8.4.1), counting decoded bytes so that a
 * decompression bomb is cut off by size or by ratio before it can fill memory.
 * @example
 * const { body } = await readBody(response.body, response.headers['content-encoding'], { maxBytes: 2 << 20, … })
 */
export async function readBody(
  source: Readable,
  contentEncoding: string | undefined,
  limits: BodyLimits,
): Promise<BodyRead> {
  const decoder = createDecoder(contentEncoding)
  let received = 0
  let stream: Readable = source
  if (decoder !== null) {
    source.on('data', (chunk: Buffer) => {
      received += chunk.length
    })
    source.once('error', (error) => decoder.destroy(error))
    stream = source.pipe(decoder)
  }
  const sink = new ByteSink(limits.maxBytes)
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (sink.length + chunk.length > limits.maxBytes) {
        sink.push(chunk.subarray(0, limits.maxBytes - sink.length))
        if (limits.keepOnCap?.(sink.view()) === true) return { body: sink.view(), truncated: true }
        throw new FetchError('too_large', `body exceeds ${limits.maxBytes} bytes`)
      }
      sink.push(chunk)
      if (
        decoder !== null &&
        sink.length > limits.ratioFloorBytes &&
        sink.length > received * limits.maxCompressionRatio
      ) {
        throw new FetchError(
          'too_large',
          `body decompresses more than ${limits.maxCompressionRatio}× (a decompression bomb)`,
        )
      }
      if (limits.stopAt?.(sink.view()) === true) return { body: sink.view(), truncated: true }
    }
    return { body: sink.view(), truncated: false }
  } finally {
    // Whatever ended the loop, release the socket and the inflater at once; their abort errors are expected.
    source.on('error', () => undefined).destroy()
    decoder?.on('error', () => undefined).destroy()
  }
}

function createDecoder(
  contentEncoding: string | undefined,
): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity')
  if (codings.length === 0) return null
  if (codings.length > 1)
    throw new FetchError('unsupported_type', `stacked content codings ${contentEncoding ?? ''}`)
  // Partial flushes are normal for streamed responses that are cut off (stopAt, caps).
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH }
  const coding = codings[0] ?? ''
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(options)
    case 'deflate':
      // RFC 9110 says zlib-wrapped; some servers send raw deflate, which `createUnzip` cannot tell apart.
      return zlib.createInflate(options)
    case 'br':
      return zlib.createBrotliDecompress()
    default:
      throw new FetchError('unsupported_type', `content coding ${contentEncoding ?? ''} is not supported`)
  }
}

/** A growable byte buffer that never grows past its cap. */
class ByteSink {
  private buffer: Buffer
  length = 0

  constructor(private readonly cap: number) {
    this.buffer = Buffer.allocUnsafe(Math.min(cap, 64 * 1024))
  }

  push(chunk: Buffer): void {
    if (this.length + chunk.length > this.buffer.length) {
      const size = Math.min(this.cap, Math.max(this.buffer.length * 2, this.length + chunk.length))
      const next = Buffer.allocUnsafe(size)
      this.buffer.copy(next, 0, 0, this.length)
      this.buffer = next
    }
    chunk.copy(this.buffer, this.length)
    this.length += chunk.length
  }

  view(): Uint8Array {
    return this.buffer.subarray(0, this.length)
  }
}
