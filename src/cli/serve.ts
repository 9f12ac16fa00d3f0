/**
 * `counterfoil serve`: a registry on node:http, SQLite by default (`./counterfoil-registry.db`),
 * PostgreSQL with `--postgres URL`. The registry key is read from `--key-file` (hex seed) or
 * created there on first start (`./counterfoil-registry.key`, mode 0600).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fromHex } from '../registry/log/encoding.js'
import { generateKeyPair, signerFromSeed } from '../keys/index.js'
import { toHex } from '../codec/bytes.js'
import { createRegistry } from '../registry/registry.js'
import { registryHandler } from '../registry/http.js'
import { serve } from '../node/serve.js'
import type { Store } from '../registry/store/interface.js'

async function loadOrCreateSeed(path: string): Promise<Uint8Array> {
  try {
    const seed = fromHex((await readFile(path, 'utf8')).trim())
    if (seed === undefined || seed.length !== 32) throw new Error(`${path} must hold a 32-byte hex seed`)
    return seed
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    const { seed } = await generateKeyPair()
    await writeFile(path, `${toHex(seed)}\n`, { mode: 0o600, flag: 'wx' })
    return seed
  }
}

/**
 * Runs the server until SIGINT/SIGTERM, then flushes pending entries and closes the store.
 *
 * @param values - parsed CLI flags
 * @returns exit code
 */
export async function runServe(values: { port?: string | undefined; host?: string | undefined; db?: string | undefined; postgres?: string | undefined; origin?: string | undefined; 'key-file'?: string | undefined; schema?: string | undefined }): Promise<number> {
  const port = Number(values.port ?? '8080')
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`--port expected 0-65535, got ${values.port}`)
  // Loaded on use: better-sqlite3 and pg are optional peer dependencies, and one is enough.
  const store: Store = values.postgres !== undefined
    ? await (await import('../node/postgres-store.js')).postgresStore(values.postgres, values.schema === undefined ? {} : { schema: values.schema })
    : await (await import('../node/sqlite-store.js')).sqliteStore(values.db ?? './counterfoil-registry.db')
  const signer = await signerFromSeed(await loadOrCreateSeed(values['key-file'] ?? './counterfoil-registry.key'))
  const registry = await createRegistry({ store, signer, origin: values.origin ?? 'counterfoil.local/log' })
  const server = await serve(registryHandler(registry), { port, host: values.host ?? '127.0.0.1' })
  console.log(`counterfoil registry listening on ${server.url}`)
  console.log(`  origin ${registry.origin}\n  key    ${registry.did}\n  note   ${registry.verifierKey}`)
  console.log(`  store  ${values.postgres !== undefined ? 'PostgreSQL' : `SQLite ${values.db ?? './counterfoil-registry.db'}`}`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  await registry.close()
  await store.close()
  return 0
}
