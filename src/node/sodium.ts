/**
 * An optional, faster Ed25519 verifier for Node: libsodium, through the `sodium-native` package
 * when the application has installed it (an optional peer dependency; counterfoil never needs it).
 * libsodium verifies in well under half the time OpenSSL 3 takes (about 41 µs against 95 µs on
 * the machine docs/decisions.md quotes), and every verification counterfoil does is one of these.
 *
 * Same answers as every other backend, by construction: libsodium's `crypto_sign_verify_detached`
 * checks the same cofactorless equation [S]B = R + [k]A with the same byte comparison of R, after
 * the same rejections of S ≥ L and of non-canonical or small-order public keys, and it also rejects
 * a small-order R, which RFC 8032 §5.1.7 and counterfoil's rule allow (speccheck case 2). So a
 * libsodium "yes" is final, and a "no" is confirmed by OpenSSL, which decides. Forgeries cost one
 * libsodium check more than on the node backend; valid signatures never touch OpenSSL.
 *
 * Signing and public keys stay with node:crypto. Checks in flight go to OpenSSL's callback form on
 * the libuv thread pool (libsodium here is synchronous); a batch (`verifyMany`) keeps a few there
 * and verifies the rest with libsodium on its own thread (`batchPoolLimit`).
 *
 * @module
 */
import { availableParallelism } from 'node:os'
import type { Ed25519Backend } from '../keys/interface.js'

/**
 * Pool checks a batch keeps in flight while its own thread verifies with libsodium: two per core
 * the pool can use without the batch's (one core is the batch's), capped by the pool's threads.
 * Two cores measured here: ~24,000 records/s this way, ~18,000 through the pool alone, ~18,800 on
 * the batch's thread alone.
 */
function batchPoolLimit(): number {
  const poolThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4
  return 2 * Math.max(1, Math.min(poolThreads, availableParallelism() - 1))
}

/** The one libsodium function used, as `sodium-native` exports it. */
interface SodiumNative {
  crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean
}

/** Imports `sodium-native`; a variable specifier, so bundlers leave the optional package alone. */
async function importSodium(): Promise<unknown> {
  const specifier = 'sodium-native'
  return import(specifier)
}

function asSodium(module: unknown): SodiumNative | undefined {
  const candidate = (module as { default?: unknown } | null)?.default ?? module
  const verify = (candidate as Partial<SodiumNative> | null)?.crypto_sign_verify_detached
  return typeof verify === 'function' ? (candidate as SodiumNative) : undefined
}

/**
 * Builds the libsodium backend over an OpenSSL (`node`) backend, or `undefined` when
 * `sodium-native` is not installed or does not load (no prebuilt binary for this platform).
 *
 * @param openssl - the node:crypto backend: signs, derives keys, confirms rejections, verifies in flight
 * @param load - how to import `sodium-native` (tests pass a stand-in)
 * @returns the backend, named `sodium`, or undefined; never rejects
 * @example
 * ```ts
 * const backend = await sodiumBackend(nodeBackend()) // undefined without sodium-native
 * ```
 */
export async function sodiumBackend(openssl: Ed25519Backend, load: () => Promise<unknown> = importSodium): Promise<Ed25519Backend | undefined> {
  const opensslSync = openssl.verifySync
  if (opensslSync === undefined) return undefined
  let sodium: SodiumNative | undefined
  try {
    sodium = asSodium(await load())
  } catch {
    return undefined
  }
  if (sodium === undefined) return undefined
  const verifySync = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean => {
    try {
      if (sodium.crypto_sign_verify_detached(signature, message, publicKey) === true) return true
    } catch {
      // a wrong-sized argument: OpenSSL gives the answer (false) below
    }
    return opensslSync(publicKey, message, signature)
  }
  return Object.freeze({
    name: 'sodium' as const,
    async verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
      return verifySync(publicKey, message, signature)
    },
    verifySync,
    batchPoolLimit: batchPoolLimit(),
    verifyConcurrent: openssl.verifyConcurrent.bind(openssl),
    ...(openssl.verifyCallback === undefined ? {} : { verifyCallback: openssl.verifyCallback.bind(openssl) }),
    sign: openssl.sign.bind(openssl),
    publicKey: openssl.publicKey.bind(openssl),
  })
}
