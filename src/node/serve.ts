/**
 * A thin node:http adapter for any fetch-style handler (`registryHandler`). Loopback by default.
 * GET requests to a `registryHandler` skip the WHATWG Request/Response objects (they cost more than
 * a cached status answer): the handler's own routes answer a small request shim, so routing and
 * error mapping stay in one place.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { registryAnswers, type RegistryAnswer, type RegistryRequest } from '../registry/http.js'

/** Options for {@link serve}. */
export interface ServeOptions {
  /** Port; 0 picks a free one. Default 8080. */
  readonly port?: number
  /** Interface; default `127.0.0.1`. */
  readonly host?: string
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x))
    else if (v !== undefined) headers.set(k, v)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit)
}

/** A bodiless node:http request as a {@link RegistryRequest}. */
function toRegistryRequest(req: IncomingMessage, origin: string): RegistryRequest {
  return {
    method: req.method ?? 'GET',
    url: origin + (req.url ?? '/'),
    header(name) {
      const v = req.headers[name.toLowerCase()]
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v
    },
    body: async () => new Uint8Array(),
  }
}

/** Bodies up to this size go out as one latin1 string. */
const ONE_WRITE_BYTES = 16 * 1024

function sendAnswer(res: ServerResponse, a: RegistryAnswer): void {
  res.statusCode = a.status
  for (const key in a.headers) res.setHeader(key, a.headers[key]!)
  const body = typeof a.body === 'string' ? Buffer.from(a.body) : Buffer.from(a.body.buffer, a.body.byteOffset, a.body.byteLength)
  res.setHeader('content-length', body.length)
  // node:http joins the head and a latin1 string body into one socket write; a binary body would
  // be a second chunk (writev through the corked stream): measured ~10% of a status lookup's CPU.
  if (body.length <= ONE_WRITE_BYTES) res.end(body.toString('latin1'), 'latin1')
  else res.end(body)
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, key) => res.setHeader(key, value))
  const body = new Uint8Array(await response.arrayBuffer())
  res.setHeader('content-length', body.length)
  res.end(body)
}

/**
 * Serves a fetch-style handler on node:http.
 *
 * @param handler - `(Request) => Promise<Response>`
 * @param options - see {@link ServeOptions}
 * @returns the server and its base URL; `close()` stops it
 * @example
 * ```ts
 * const { url, close } = await serve(registryHandler(registry), { port: 0 })
 * ```
 */
export async function serve(handler: (request: Request) => Promise<Response>, options: ServeOptions = {}): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1'
  let origin = ''
  const answers = registryAnswers(handler)
  const server = createServer((req, res) => {
    if (answers !== undefined && req.method === 'GET') {
      answers(toRegistryRequest(req, origin))
        .then((a) => sendAnswer(res, a))
        .catch(() => {
          res.statusCode = 500
          res.end()
        })
      return
    }
    handler(toRequest(req, origin))
      .then((response) => send(res, response))
      .catch(() => {
        res.statusCode = 500
        res.end()
      })
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    server,
    url: origin,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}
