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

function cbor(value: unknown, status = 200, cache = 'no-store'): Response {
  return new Response(encodeCbor(value) as Uint8Array<ArrayBuffer>, { status, headers: { 'content-type': CBOR, 'cache-control': cache } })
}

function bytes(body: Uint8Array, cache: string): Response {
  return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'content-type': CBOR, 'cache-control': cache } })
}

/**
 * The HTTP response for an error: its status from the error code, a JSON body, and `Retry-After`
 * when the registry is under pressure.
 *
 * @param error - anything thrown
 * @returns the response
 */
export function errorResponse(error: unknown): Response {
  const e = error instanceof CounterfoilError ? error : new CounterfoilError('ERR_STORE', 'internal registry error')
  const status = STATUS_OF[e.code] ?? 500
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' }
  if (status === 503) headers['retry-after'] = '1'
  return new Response(JSON.stringify({ error: { code: e.code, message: e.message } }), { status, headers })
}

async function readCapped(request: Request, cap: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > cap) throw new CounterfoilError('ERR_TOO_LARGE', `request body is larger than ${cap} bytes`)
  if (request.body === null) return new Uint8Array()
  return readStreamCapped(request.body, cap, 'request body')
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
          const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim()
          if (type !== CBOR) throw new CounterfoilError('ERR_UNSUPPORTED_MEDIA_TYPE', `submit entries as ${CBOR}`)
          const submission = decodeSubmission(await readCapped(request, MAX_SUBMISSION_BYTES))
          const receipt = await submitAuthenticated(registry, submission.entry, submission.auth)
          return cbor({ ...receipt, inclusionPath: [...receipt.inclusionPath] }, receipt.duplicate ? 200 : 201)
        }
        case 'GET registry':
          return new Response(JSON.stringify({ origin: registry.origin, key: registry.did, verifierKey: registry.verifierKey }), {
            headers: { 'content-type': 'application/json', 'cache-control': 'max-age=300' },
          })
        case 'GET checkpoint':
          return new Response(await registry.checkpoint(), { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' } })
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
          return cbor(await registry.statusNotes(hexParam(path[1]!, 32, 32, 'commitment'), iss), 200, 'no-cache')
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
          return new Response(body as Uint8Array<ArrayBuffer>, {
            headers: { 'content-type': 'application/octet-stream', 'cache-control': tile.width === TILE_WIDTH ? 'public, max-age=31536000, immutable' : 'public, max-age=60' },
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
      return errorResponse(e)
    }
  }
}
