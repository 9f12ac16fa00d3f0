// node:http serving: GETs to a registryHandler take the adapter's fast path (no WHATWG
// Request/Response); every answer must be the one the handler itself gives, byte for byte.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signerFromSeed } from '../../src/keys/signer.js'
import { issue } from '../../src/record/issue.js'
import { commitmentOf } from '../../src/registry/entries.js'
import { registryAnswers, registryHandler } from '../../src/registry/http.js'
import { createRegistry, type Registry } from '../../src/registry/registry.js'
import { register } from '../../src/registry/statements.js'
import { memoryStore } from '../../src/registry/store/memory.js'
import { serve } from '../../src/node/serve.js'

let registry: Registry
let handler: (request: Request) => Promise<Response>
let server: Awaited<ReturnType<typeof serve>>
let commitmentHex: string
const clock = Math.floor(Date.now() / 1000) + 5 // fixed: answers signed twice carry the same time

beforeAll(async () => {
  const registryKey = await signerFromSeed(new Uint8Array(32).fill(9))
  const shop = await signerFromSeed(new Uint8Array(32).fill(1))
  registry = await createRegistry({ store: memoryStore(), signer: registryKey, origin: 'test.counterfoil/log', now: () => clock })
  handler = registryHandler(registry)
  server = await serve(handler, { port: 0 })
  const record = await issue({ signer: shop, subject: shop.did, type: 'warranty', claims: {}, registry: server.url })
  await register({ signer: shop, record, registry })
  commitmentHex = Buffer.from(commitmentOf(record.cid)).toString('hex')
})

afterAll(async () => {
  await server.close()
  await registry.close()
})

function get(path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Uint8Array }> {
  return new Promise((resolve, reject) => {
    http.get(server.url + path, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) }))
      res.on('error', reject)
    }).on('error', reject)
  })
}

describe('serve(registryHandler(registry)) over node:http', () => {
  it('registryAnswers finds the routes of a registryHandler, and nothing for another handler', () => {
    expect(registryAnswers(handler)).toBeTypeOf('function')
    expect(registryAnswers(async () => new Response('x'))).toBeUndefined()
  })

  const paths = () => [
    `/v1/status/${commitmentHex}`,
    `/v1/status/${'00'.repeat(32)}`,
    '/v1/checkpoint',
    '/v1/registry',
    '/v1/entries/0',
    '/v1/proof/inclusion?index=0&size=1',
    '/v1/status/XYZ', // 400, malformed
    '/v1/entries/7', // 404, no such entry
    '/nowhere', // 404, no route
    '/v1/snapshot',
  ]

  it('answers every GET exactly as the handler does: status, content type, cache policy, body bytes', async () => {
    for (const path of paths()) {
      const direct = await handler(new Request(server.url + path))
      const directBody = new Uint8Array(await direct.arrayBuffer())
      const served = await get(path)
      expect(served.status, path).toBe(direct.status)
      expect(served.headers['content-type'], path).toBe(direct.headers.get('content-type'))
      expect(served.headers['cache-control'], path).toBe(direct.headers.get('cache-control'))
      expect(served.headers['retry-after'], path).toBe(direct.headers.get('retry-after') ?? undefined)
      expect(Number(served.headers['content-length']), path).toBe(directBody.length)
      if (path === '/v1/snapshot') continue // signed with the time of each call
      expect(served.body, path).toEqual(directBody)
    }
  })

  it('a cached status answer is the same bytes on every lookup, and JSON errors keep their code', async () => {
    const a = await get(`/v1/status/${commitmentHex}`)
    const b = await get(`/v1/status/${commitmentHex}`)
    expect(a.status).toBe(200)
    expect(b.body).toEqual(a.body)
    const bad = await get('/v1/status/abc')
    expect(bad.status).toBe(400)
    expect(JSON.parse(new TextDecoder().decode(bad.body)).error.code).toBe('ERR_MALFORMED')
  })
})
