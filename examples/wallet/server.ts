/**
 * The wallet's demo back end on loopback: a registry (memory store) under `/v1/…` and the built
 * wallet as static files, on one origin — so the pages need no CORS.
 */
import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { generateKeyPair, signerFromSeed } from 'counterfoil/keys'
import { createRegistry, memoryStore, registryHandler, type Registry } from 'counterfoil/registry'
import { serve } from '../../src/node/serve.js'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

/**
 * A fetch-style handler for the files under `dir`; nothing outside it, GET and HEAD only.
 *
 * @param dir - the built site
 * @returns the handler
 * @example
 * ```ts
 * const files = staticFiles('examples/wallet/dist/www')
 * ```
 */
export function staticFiles(dir: string): (request: Request) => Promise<Response> {
  const base = resolve(dir)
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 })
    let path: string
    try {
      path = decodeURIComponent(new URL(request.url).pathname)
    } catch {
      return new Response('bad path', { status: 400 })
    }
    const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`)
    if (!file.startsWith(base + sep)) return new Response('not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' },
      })
    } catch {
      return new Response('not found', { status: 404 })
    }
  }
}

/** A running wallet server. */
export interface WalletServer {
  /** Base URL, e.g. `http://127.0.0.1:5173`. */
  readonly url: string
  /** The wallet page with the registry's key pinned in its query. */
  readonly walletUrl: string
  /** The verifier page, likewise. */
  readonly verifierUrl: string
  /** The registry, in process. */
  readonly registry: Registry
  close(): Promise<void>
}

/**
 * Serves the built wallet and a fresh registry on loopback.
 *
 * @param www - the built wallet (see `buildWallet`)
 * @param options - `port` (0 picks a free one), `host` (default 127.0.0.1)
 * @returns the server
 * @example
 * ```ts
 * const server = await startWalletServer(await buildWallet(), { port: 0 })
 * console.log(server.walletUrl)
 * ```
 */
export async function startWalletServer(www: string, options: { port?: number; host?: string } = {}): Promise<WalletServer> {
  const registry = await createRegistry({
    store: memoryStore(),
    signer: await signerFromSeed((await generateKeyPair()).seed),
    origin: 'wallet.counterfoil.local/log',
  })
  const api = registryHandler(registry)
  const files = staticFiles(www)
  const server = await serve((request) => (new URL(request.url).pathname.startsWith('/v1/') ? api(request) : files(request)), {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
  })
  const query = new URLSearchParams({ registry: server.url, key: registry.did }).toString()
  return {
    url: server.url,
    walletUrl: `${server.url}/?${query}`,
    verifierUrl: `${server.url}/verify.html?${query}`,
    registry,
    async close() {
      await server.close()
      await registry.close()
    },
  }
}
