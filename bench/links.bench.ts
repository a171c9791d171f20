import { readFileSync } from 'node:fs'
import { LinkifyIt } from 'linkify-it'
import * as linkify from 'linkifyjs'
import { canonicaliseHref } from '../src/core/links/canonical-link.js'
import { recogniseLinks } from '../src/core/links/recognise-links.js'
import { loadRegistryFromYamlText } from '../src/core/providers/parse-registry.js'
import { opsPerSecond, type BenchResult } from './harness.js'

const CORPUS = new URL('../test/fixtures/shared-data/chat-corpus-1mib.txt', import.meta.url).pathname

/**
 * Link recognition throughput on the shared 1 MiB Chinese chat corpus against linkify-it (fuzzy links
 * on, default TLDs) and linkifyjs `find`, all measured in this run; and canonicalisation per URL
 * against a bare `new URL()`.
 */
export async function run(): Promise<BenchResult[]> {
  const text = readFileSync(CORPUS, 'utf8')
  const megabytes = Buffer.byteLength(text, 'utf8') / (1024 * 1024)
  const registryResult = loadRegistryFromYamlText(
    readFileSync(new URL('../data/providers.yaml', import.meta.url), 'utf8'),
  )
  if (!registryResult.ok) throw new Error('data/providers.yaml is invalid')
  const registry = registryResult.value
  const linkifyIt = new LinkifyIt({ fuzzyLink: true })

  const hutongOps = await opsPerSecond(() => recogniseLinks(text, registry), 4_000)
  const linkifyItOps = await opsPerSecond(() => linkifyIt.match(text), 4_000)
  const linkifyJsOps = await opsPerSecond(() => linkify.find(text), 4_000)

  const urls = recogniseLinks(text, registry).map((l) =>
    l.flags.includes('schemeless') ? `http://${l.raw}` : l.raw,
  )
  const batch = urls.length
  const canonicalOps = await opsPerSecond(
    () => {
      for (const u of urls) canonicaliseHref(u)
    },
    2_000,
    batch,
  )
  const bareUrlOps = await opsPerSecond(
    () => {
      for (const u of urls) new URL(u)
    },
    2_000,
    batch,
  )

  const hutongMBs = hutongOps * megabytes
  return [
    {
      name: 'recogniseLinks on chat-corpus-1mib (with registry)',
      value: hutongMBs,
      unit: 'MB/s',
      baseline: 'linkify-it match, fuzzyLink on',
      baselineValue: linkifyItOps * megabytes,
      ratio: hutongOps / linkifyItOps,
      target: '≥ 1.5',
    },
    {
      name: 'recogniseLinks on chat-corpus-1mib vs linkifyjs',
      value: hutongMBs,
      unit: 'MB/s',
      baseline: 'linkifyjs find',
      baselineValue: linkifyJsOps * megabytes,
      ratio: hutongOps / linkifyJsOps,
    },
    {
      name: `canonicalisation cost per URL (${batch} corpus URLs)`,
      value: 1e9 / canonicalOps,
      unit: 'ns/URL',
      baseline: 'bare new URL()',
      baselineValue: 1e9 / bareUrlOps,
      ratio: bareUrlOps / canonicalOps,
      target: '≤ 3',
    },
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) console.log(r)
}
