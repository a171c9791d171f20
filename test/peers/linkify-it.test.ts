import { describe, expect, it } from 'vitest'
import { recogniseLinks } from '../../src/core/links/recognise-links.js'
import { deviationFor, loadPeer } from './peer-data.js'

interface Case {
  line: number
  input: string
  expected: string[]
}

const links = loadPeer<Case[]>('linkify-it.links.json')
const notLinks = loadPeer<Case[]>('linkify-it.not_links.json')

describe('linkify-it fixtures: links', () => {
  it.each(links)('line $line: $input', ({ line, input, expected }) => {
    const got = recogniseLinks(input).map((l) => l.raw)
    const deviation = deviationFor('linkify-it.links', `line ${line}`)
    expect(got).toEqual(deviation === undefined ? expected : deviation.hutong)
  })
})

describe('linkify-it fixtures: not links', () => {
  it.each(notLinks)('line $line: $input', ({ line, input }) => {
    const got = recogniseLinks(input).map((l) => l.raw)
    const deviation = deviationFor('linkify-it.not_links', `line ${line}`)
    expect(got).toEqual(deviation === undefined ? [] : deviation.hutong)
  })
})
