import { describe, expect, it } from 'vitest'
import { recogniseLinks } from '../../src/core/links/recognise-links.js'
import { deviationFor, loadPeer } from './peer-data.js'

interface UrlCase {
  description: string
  input: string
  expected: string[]
}
interface IndexCase {
  description: string
  text: string
  expected: { url: string; indices: [number, number] }[]
}

describe('twitter-text conformance: extract urls', () => {
  it.each(loadPeer<UrlCase[]>('twitter-text.extract.urls.json'))(
    '$description',
    ({ description, input, expected }) => {
      const got = recogniseLinks(input).map((l) => l.raw)
      const deviation = deviationFor('twitter-text.urls', description)
      expect(got).toEqual(deviation === undefined ? expected : deviation.hutong)
    },
  )
})

describe('twitter-text conformance: extract urls with indices (UTF-16)', () => {
  it.each(loadPeer<IndexCase[]>('twitter-text.extract.urls_with_indices.json'))(
    '$description',
    ({ description, text, expected }) => {
      const got = recogniseLinks(text)
      const deviation = deviationFor('twitter-text.urls_with_indices', description)
      if (deviation !== undefined) {
        expect(got.map((l) => l.raw)).toEqual(deviation.hutong)
        return
      }
      expect(got.map((l) => ({ url: l.raw, indices: [l.start, l.end] }))).toEqual(expected)
    },
  )
})
