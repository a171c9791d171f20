import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

// A load generator in its own process, so it never shares the server's event loop.
// Usage: tsx bench/cannon.ts SPEC.json — prints {rps, p99, non2xx, errors} as JSON on stdout.
// With `bodies`, request i sends bodies[i % n]; `unique` appends a counter to each text, so every
// message is new to the server (no message is recognised from memory) while its links still recur.

export interface CannonSpec {
  url: string
  headers: Record<string, string>
  bodies: string[]
  unique: boolean
  connections: number
  seconds: number
}

export interface CannonResult {
  rps: number
  p99: number
  non2xx: number
  errors: number
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CannonSpec
let sent = 0
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.seconds,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...spec.headers },
      setupRequest: (request) => {
        const index = sent++
        const body = spec.bodies[index % spec.bodies.length]!
        if (!spec.unique) return { ...request, body }
        const message = JSON.parse(body) as { text: string }
        return { ...request, body: JSON.stringify({ ...message, text: `${message.text} #${index}` }) }
      },
    },
  ],
})
const out: CannonResult = {
  rps: result.requests.average,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
}
process.stdout.write(JSON.stringify(out))
