/**
 * `remoteRegistry(url)`: a {@link RegistryClient} over `fetch`, with a timeout on every request.
 * Errors from the registry come back as the same {@link CounterfoilError} codes it raised.
 */
import { decodeCbor } from '../codec/dag-cbor.js'
import { toHex } from '../codec/bytes.js'
import { CounterfoilError, ERROR_CODES, type ErrorCode } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import type { Receipt, RegistryClient } from './client.js'
import { encodeSubmission } from './registry.js'

/** Options for {@link remoteRegistry}. */
export interface RemoteRegistryOptions {
  /**
   * The registry key you trust (did:key). Strongly recommended: without it the key is taken from
   * the registry itself on first use (trust on first use, over HTTPS).
   */
  readonly key?: string
  /** Per-request timeout, ms. Default 5000. */
  readonly timeoutMs?: number
  /** A `fetch` to use instead of the global one (tests, proxies). */
  readonly fetch?: typeof fetch
}

function unavailable(message: string, cause?: unknown): CounterfoilError {
  return new CounterfoilError('ERR_REGISTRY_UNAVAILABLE', message, cause === undefined ? {} : { cause })
}

async function failure(res: Response): Promise<CounterfoilError> {
  let code: ErrorCode = res.status === 503 ? 'ERR_OVERLOADED' : 'ERR_REGISTRY_UNAVAILABLE'
  let message = `registry answered HTTP ${res.status}`
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } }
    if (typeof body.error?.code === 'string' && (ERROR_CODES as readonly string[]).includes(body.error.code)) code = body.error.code as ErrorCode
    if (typeof body.error?.message === 'string') message = body.error.message
  } catch {
    // not a registry error body; keep the HTTP status
  }
  return new CounterfoilError(code, message)
}

function asHashes(value: unknown): Uint8Array[] {
  if (!Array.isArray(value) || !value.every((h) => h instanceof Uint8Array && h.length === 32)) {
    throw new CounterfoilError('ERR_MALFORMED', 'registry sent a malformed proof')
  }
  return value as Uint8Array[]
}

/**
 * A client for a registry served by `registryHandler` / `counterfoil serve`.
 *
 * @param url - the registry's base URL, e.g. `https://registry.example`
 * @param options - see {@link RemoteRegistryOptions}
 * @returns a {@link RegistryClient}
 * @throws {TypeError} for a URL that is not http(s)
 * @example
 * ```ts
 * const registry = remoteRegistry('https://registry.example', { key: 'did:key:z6Mk…' })
 * const result = await verify(text, { registry })
 * ```
 */
export function remoteRegistry(url: string, options: RemoteRegistryOptions = {}): RegistryClient & { readonly url: string } {
  const base = new URL(url)
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new TypeError(`"url" expected an http(s) URL, got ${url}`)
  const root = base.href.replace(/\/$/, '')
  const timeoutMs = options.timeoutMs ?? 5000
  const doFetch = options.fetch ?? globalThis.fetch
  if (options.key !== undefined) publicKeyFromDid(options.key)
  let info: { origin: string; key: string } | undefined

  async function request(path: string, init?: RequestInit): Promise<Response> {
    let res: Response
    try {
      res = await doFetch(`${root}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    } catch (e) {
      throw unavailable(`registry ${root} did not answer ${path} within ${timeoutMs} ms`, e)
    }
    if (!res.ok) throw await failure(res)
    return res
  }

  async function cbor(path: string, init?: RequestInit): Promise<unknown> {
    const res = await request(path, init)
    return decodeCbor(new Uint8Array(await res.arrayBuffer()), { maxDepth: 8 })
  }

  async function raw(path: string): Promise<Uint8Array> {
    return new Uint8Array(await (await request(path)).arrayBuffer())
  }

  async function describe(): Promise<{ origin: string; key: string }> {
    if (info !== undefined) return info
    const body = (await (await request('/v1/registry')).json()) as { origin?: unknown; key?: unknown }
    if (typeof body.origin !== 'string' || typeof body.key !== 'string') throw new CounterfoilError('ERR_MALFORMED', 'registry description is malformed')
    publicKeyFromDid(body.key)
    if (options.key !== undefined && body.key !== options.key) {
      throw new CounterfoilError('ERR_UNTRUSTED_ISSUER', `registry at ${root} uses key ${body.key}, not the pinned ${options.key}`)
    }
    info = { origin: body.origin, key: body.key }
    return info
  }

  const client = {
    url: root,
    get origin(): string {
      return info?.origin ?? base.host
    },
    async key() {
      return options.key ?? (await describe()).key
    },
    async submit(entry, submitOptions) {
      await describe()
      const body = await encodeSubmission(entry, submitOptions?.submitter)
      const value = (await cbor('/v1/entries', { method: 'POST', headers: { 'content-type': 'application/cbor' }, body: body as Uint8Array<ArrayBuffer> })) as Record<string, unknown>
      if (typeof value.index !== 'number' || !(value.leafHash instanceof Uint8Array) || !(value.entry instanceof Uint8Array) || typeof value.checkpoint !== 'string' || typeof value.duplicate !== 'boolean') {
        throw new CounterfoilError('ERR_MALFORMED', 'registry sent a malformed receipt')
      }
      return { index: value.index, leafHash: value.leafHash, entry: value.entry, checkpoint: value.checkpoint, inclusionPath: asHashes(value.inclusionPath), duplicate: value.duplicate } satisfies Receipt
    },
    async checkpoint() {
      await describe()
      return (await request('/v1/checkpoint')).text()
    },
    async statusNotes(commitment, issuer) {
      const query = issuer === undefined ? '' : `?iss=${encodeURIComponent(issuer)}`
      const value = await cbor(`/v1/status/${toHex(commitment)}${query}`)
      if (!Array.isArray(value) || !value.every((n) => n instanceof Uint8Array)) throw new CounterfoilError('ERR_MALFORMED', 'registry sent malformed status notes')
      return value as Uint8Array[]
    },
    bucket: (prefix) => raw(`/v1/buckets/${toHex(prefix)}`),
    snapshot: () => raw('/v1/snapshot'),
    entry: (index) => raw(`/v1/entries/${index}`),
    async keyHistory(did) {
      publicKeyFromDid(did)
      const value = await cbor(`/v1/keys/${encodeURIComponent(did)}`)
      if (!Array.isArray(value) || !value.every((e) => typeof e?.index === 'number' && e.entry instanceof Uint8Array)) {
        throw new CounterfoilError('ERR_MALFORMED', 'registry sent a malformed key history')
      }
      return (value as { index: number; entry: Uint8Array }[]).map((e) => ({ index: e.index, entry: e.entry }))
    },
    async inclusionProof(index, size) {
      return asHashes(await cbor(`/v1/proof/inclusion?index=${index}&size=${size}`))
    },
    async consistencyProof(first, second) {
      return asHashes(await cbor(`/v1/proof/consistency?first=${first}&second=${second}`))
    },
  } satisfies RegistryClient & { url: string }
  return client
}
