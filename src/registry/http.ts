/**
 * The registry over HTTP as a web-standard handler, `(Request) => Promise<Response>`: runs unchanged
 * on node:http (through `counterfoil serve`), Deno, Bun and edge workers. One place maps error
 * codes to HTTP statuses; error bodies are JSON `{ error: { code, message } }`.
 */
import { encodeCbor } from '../codec/dag-cbor.js'
import { readStreamCapped } from '../codec/stream.js'
import { fromHex } from './log/encoding.js'
import { parseTilePath, TILE_WIDTH } from './log/tiles.js'
import { CounterfoilError, type ErrorCode } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import { decodeSubmission, submitAuthenticated, type Registry } from './registry.js'

/** Largest submission body accepted, bytes. */
export const MAX_SUBMISSION_BYTES = 8 * 1024

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  ERR_MALFORMED: 400,
  ERR_NON_CANONICAL: 400,
  ERR_UNSUPPORTED_VERSION: 400,
  ERR_INVALID_DID: 400,
  ERR_INVALID_KEY: 400,
  ERR_UNAUTHORIZED: 403,
  ERR_UNTRUSTED_ISSUER: 403,
  ERR_NOT_FOUND: 404,
  ERR_CONFLICT: 409,
  ERR_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_SIGNATURE_INVALID: 422,
  ERR_NOT_YET_VALID: 422,
  ERR_OVERLOADED: 503,
  ERR_KEY_REVOKED: 409,
  ERR_SUCCESSION_LOOP: 409,
  ERR_REGISTRY_UNAVAILABLE: 503,
}

const CBOR = 'application/cbor'

/**
 * What the registry routes read from a request: a WHATWG `Request` gives it (registryHandler), and
 * so can a server adapter without building one (the node:http adapter for GET requests).
 */
export interface RegistryRequest {
  readonly method: string
  /** The absolute URL. */
  readonly url: string
  /** A header's value, or null. */
  header(name: string): string | null
  /** The body, refusing more than `cap` bytes with `ERR_TOO_LARGE`; empty if there is none. */
  body(cap: number): Promise<Uint8Array>
}

/** A registry route's answer, before it becomes a WHATWG `Response` (or goes straight to a socket). */
export interface RegistryAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array | string
}

function answer(body: Uint8Array | string, headers: Record<string, string>, status = 200): RegistryAnswer {
  return { status, headers, body }
}

function cbor(value: unknown, status = 200, cache = 'no-store'): RegistryAnswer {
  return answer(encodeCbor(value), { 'content-type': CBOR, 'cache-control': cache }, status)
}

function bytes(body: Uint8Array, cache: string): RegistryAnswer {
  return answer(body, { 'content-type': CBOR, 'cache-control': cache })
}

/**
 * Status answers encoded once per notes array: the registry hands out the same array while its
 * note cache holds, so a cache hit costs no CBOR encoding either.
 */
const encodedNotes = new WeakMap<readonly Uint8Array[], Uint8Array>()

function notesBody(notes: Uint8Array[]): Uint8Array {
  let body = encodedNotes.get(notes)
  if (body === undefined) {
    body = encodeCbor(notes)
    encodedNotes.set(notes, body)
  }
  return body
}

function toResponse(a: RegistryAnswer): Response {
  return new Response(a.body as Uint8Array<ArrayBuffer> | string, { status: a.status, headers: a.headers })
}

/**
 * The HTTP response for an error: its status from the error code, a JSON body, and `Retry-After`
 * when the registry is under pressure.
 *
 * @param error - anything thrown
 * @returns the response
 */
export function errorResponse(error: unknown): Response {
  return toResponse(errorAnswer(error))
}

/** {@link errorResponse} before it becomes a Response: the one place error codes map to HTTP statuses. */
function errorAnswer(error: unknown): RegistryAnswer {
  const e = error instanceof CounterfoilError ? error : new CounterfoilError('ERR_STORE', 'internal registry error')
  const status = STATUS_OF[e.code] ?? 500
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' }
  if (status === 503) headers['retry-after'] = '1'
  return answer(JSON.stringify({ error: { code: e.code, message: e.message } }), headers, status)
}

/** A WHATWG Request as a {@link RegistryRequest}. */
function fromRequest(request: Request): RegistryRequest {
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    async body(cap) {
      const declared = Number(request.headers.get('content-length') ?? '0')
      if (declared > cap) throw new CounterfoilError('ERR_TOO_LARGE', `request body is larger than ${cap} bytes`)
      if (request.body === null) return new Uint8Array()
      return readStreamCapped(request.body, cap, 'request body')
    },
  }
}

function hexParam(text: string, min: number, max: number, what: string): Uint8Array {
  const bytes = fromHex(text)
  if (bytes === undefined || bytes.length < min || bytes.length > max) {
    throw new CounterfoilError('ERR_MALFORMED', `${what} must be ${min === max ? min : `${min}-${max}`} bytes of lower-case hex`)
  }
  return bytes
}

function intParam(url: URL, name: string): number {
  const raw = url.searchParams.get(name)
  if (raw === null || !/^(?:0|[1-9][0-9]{0,15})$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new CounterfoilError('ERR_MALFORMED', `query parameter "${name}" must be a non-negative integer`)
  }
  return Number(raw)
}

/** Options for {@link registryHandler}. */
export interface HandlerOptions {
  /** Path prefix the registry is mounted under, e.g. `/registry`. Default none. */
  readonly basePath?: string
}

/**
 * A fetch-style handler serving a registry.
 *
 * Routes: `GET /v1/registry` (origin, key), `POST /v1/entries` (CBOR `{ entry, auth? }`),
 * `GET /v1/checkpoint` (C2SP note), `GET /v1/entries/:index`, `GET /v1/proof/inclusion?index&size`,
 * `GET /v1/proof/consistency?first&second`, `GET /v1/status/:commitment-hex[?iss=did]`,
 * `GET /v1/buckets/:prefix-hex`, `GET /v1/snapshot`, `GET /v1/keys/:did` (revoke-key and succession entries),
 * and C2SP tlog-tiles `GET /v1/tile/<L>/<N>[.p/<W>]`, `GET /v1/tile/entries/<N>[.p/<W>]`.
 *
 * @param registry - a running registry
 * @param options - see {@link HandlerOptions}
 * @returns `(Request) => Promise<Response>`; it never throws
 * @example
 * ```ts
 * const handle = registryHandler(registry)
 * const res = await handle(new Request('http://localhost/v1/checkpoint'))
 * ```
 */
export function registryHandler(registry: Registry, options: HandlerOptions = {}): (request: Request) => Promise<Response> {
  const route = registryRoutes(registry, options)
  const handler = async (request: Request): Promise<Response> => toResponse(await route(fromRequest(request)))
  answersOf.set(handler, route)
  return handler
}

/** The routes behind each handler {@link registryHandler} made, for {@link registryAnswers}. */
const answersOf = new WeakMap<(request: Request) => Promise<Response>, (request: RegistryRequest) => Promise<RegistryAnswer>>()

/**
 * The routes behind a handler made by {@link registryHandler}, answering a {@link RegistryRequest}
 * without WHATWG Request/Response objects: a server adapter's fast path (the same routing and the
 * same error mapping; the answer never throws). `undefined` for any other handler.
 *
 * @param handler - a fetch-style handler
 * @returns its routes, or undefined
 * @example
 * ```ts
 * const routes = registryAnswers(registryHandler(registry))
 * const a = await routes?.({ method: 'GET', url: 'http://x/v1/checkpoint', header: () => null, body: async () => new Uint8Array() })
 * ```
 */
export function registryAnswers(handler: (request: Request) => Promise<Response>): ((request: RegistryRequest) => Promise<RegistryAnswer>) | undefined {
  return answersOf.get(handler)
}

function registryRoutes(registry: Registry, options: HandlerOptions): (request: RegistryRequest) => Promise<RegistryAnswer> {
  const base = options.basePath ?? ''
  return async (request) => {
    try {
      const url = new URL(request.url)
      if (!url.pathname.startsWith(`${base}/v1/`)) throw new CounterfoilError('ERR_NOT_FOUND', `no route ${url.pathname}`)
      const path = url.pathname.slice(base.length + 4).split('/')
      const method = request.method
      const route = `${method} ${path[0] ?? ''}`
      switch (route) {
        case 'POST entries': {
          if (path.length !== 1) break
          const type = (request.header('content-type') ?? '').split(';')[0]!.trim()
          if (type !== CBOR) throw new CounterfoilError('ERR_UNSUPPORTED_MEDIA_TYPE', `submit entries as ${CBOR}`)
          const submission = decodeSubmission(await request.body(MAX_SUBMISSION_BYTES))
          const receipt = await submitAuthenticated(registry, submission.entry, submission.auth)
          return cbor({ ...receipt, inclusionPath: [...receipt.inclusionPath] }, receipt.duplicate ? 200 : 201)
        }
        case 'GET registry':
          return answer(JSON.stringify({ origin: registry.origin, key: registry.did, verifierKey: registry.verifierKey }), {
            'content-type': 'application/json', 'cache-control': 'max-age=300',
          })
        case 'GET checkpoint':
          return answer(await registry.checkpoint(), { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' })
        case 'GET entries': {
          if (path.length !== 2 || !/^(?:0|[1-9][0-9]{0,15})$/.test(path[1]!)) break
          return bytes(await registry.entry(Number(path[1])), 'public, max-age=31536000, immutable')
        }
        case 'GET proof': {
          if (path[1] === 'inclusion') return cbor(await registry.inclusionProof(intParam(url, 'index'), intParam(url, 'size')), 200, 'public, max-age=31536000, immutable')
          if (path[1] === 'consistency') return cbor(await registry.consistencyProof(intParam(url, 'first'), intParam(url, 'second')), 200, 'public, max-age=31536000, immutable')
          break
        }
        case 'GET status': {
          if (path.length !== 2) break
          const iss = url.searchParams.get('iss') ?? undefined
          if (iss !== undefined) publicKeyFromDid(iss)
          return bytes(notesBody(await registry.statusNotes(hexParam(path[1]!, 32, 32, 'commitment'), iss)), 'no-cache')
        }
        case 'GET buckets': {
          if (path.length !== 2) break
          return bytes(await registry.bucket(hexParam(path[1]!, 1, 4, 'bucket prefix')), 'public, max-age=60')
        }
        case 'GET tile': {
          // c2sp.org/tlog-tiles under the same prefix as /v1/checkpoint. A full tile never changes.
          const tile = parseTilePath(path.join('/'))
          if (tile === undefined) break
          const body = await registry.tile(tile)
          return answer(body, {
            'content-type': 'application/octet-stream', 'cache-control': tile.width === TILE_WIDTH ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
          })
        }
        case 'GET snapshot':
          return bytes(await registry.snapshot(), 'public, max-age=300')
        case 'GET keys': {
          if (path.length !== 2) break
          return cbor(await registry.keyHistory(decodeURIComponent(path[1]!)), 200, 'no-cache')
        }
        default:
          break
      }
      throw new CounterfoilError('ERR_NOT_FOUND', `no route ${method} ${url.pathname}`)
    } catch (e) {
      return errorAnswer(e)
    }
  }
}
