/**
 * The one Ed25519 entry point the rest of counterfoil uses. Strict RFC 8032 pre-checks on bytes
 * (`strict.ts`), then the fastest backend this runtime offers that passes a conformance probe:
 * in Node libsodium when the optional `sodium-native` is installed, else node:crypto; Web Crypto
 * elsewhere; noble (pure JS, loaded on demand) as the fallback.
 *
 * @module
 */
import { platformBackend, sodiumBackend } from '#ed25519-platform'
import type { Ed25519Backend } from './interface.js'
import { assertBytesArg, isWellFormedPublicKey, isWellFormedSignature, SEED_LENGTH } from './strict.js'

/**
 * A backend name for {@link selectBackend}; `auto` picks the fastest the runtime has that conforms
 * (sodium, then the platform's own), else noble.
 */
export type BackendName = 'node' | 'sodium' | 'webcrypto' | 'noble' | 'auto'

/**
 * Speccheck vectors ("Taming the many EdDSAs", novifinancial/ed25519-speccheck cases 3, 4, 5) that
 * tell a cofactorless verifier from a cofactored one. Every one passes the strict pre-checks, so the
 * answer is the backend's own.
 */
const PROBE_VECTORS: readonly { msg: string; pk: string; sig: string; valid: boolean }[] = [
  {
    // case 3: mixed-order A and R, valid under both equations: must be accepted
    msg: '9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79',
    pk: 'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d',
    sig: '9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009',
    valid: true,
  },
  {
    // case 4: passes only the cofactored equation: must be rejected
    msg: 'e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c',
    pk: 'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d',
    sig: '160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09',
    valid: false,
  },
  {
    // case 5: passes only the cofactored equation with a pre-reduced scalar: must be rejected
    msg: 'e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c',
    pk: 'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d',
    sig: '21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405',
    valid: false,
  },
]

function hex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16)
  return out
}

/**
 * Runs the conformance probe: the backend must accept the valid mixed-order speccheck vector and
 * reject the two that only cofactored verifiers accept, through both `verify` and
 * `verifyConcurrent`.
 *
 * @param backend - the backend to probe
 * @returns whether it gives counterfoil's answer on every probe vector; never rejects
 * @example
 * ```ts
 * if (!(await probeBackend(candidate))) useNobleInstead()
 * ```
 */
export async function probeBackend(backend: Ed25519Backend): Promise<boolean> {
  try {
    for (const v of PROBE_VECTORS) {
      const [pk, msg, sig] = [hex(v.pk), hex(v.msg), hex(v.sig)]
      if ((await backend.verify(pk, msg, sig)) !== v.valid) return false
      if ((await backend.verifyConcurrent(pk, msg, sig)) !== v.valid) return false
      if (backend.verifySync !== undefined && backend.verifySync(pk, msg, sig) !== v.valid) return false
    }
    return true
  } catch {
    return false
  }
}

async function loadNoble(): Promise<Ed25519Backend> {
  // Dynamic import: a browser bundle whose runtime has native Ed25519 never loads noble.
  return (await import('./backend-noble.js')).nobleBackend
}

async function loadBackend(name: BackendName): Promise<Ed25519Backend> {
  switch (name) {
    case 'noble':
      return loadNoble()
    case 'webcrypto': {
      const backend = await (await import('./platform-web.js')).platformBackend()
      if (backend === undefined) throw new Error('counterfoil: this runtime has no Web Crypto Ed25519')
      return backend
    }
    case 'node': {
      const backend = await platformBackend()
      if (backend === undefined || backend.name !== 'node') throw new Error('counterfoil: the node:crypto backend is only available in Node')
      return backend
    }
    case 'sodium': {
      const backend = await sodiumBackend()
      if (backend === undefined) throw new Error('counterfoil: the sodium backend needs Node and the optional package sodium-native')
      return backend
    }
    case 'auto': {
      for (const candidate of [await sodiumBackend(), await platformBackend()]) {
        if (candidate !== undefined && (await probeBackend(candidate))) return candidate
      }
      return loadNoble()
    }
    default:
      throw new TypeError(`"name" expected 'node' | 'sodium' | 'webcrypto' | 'noble' | 'auto', got ${String(name)}`)
  }
}

let active: Promise<Ed25519Backend> | undefined
/** The backend `active` resolved to, once it has: lets a verification skip one promise hop. */
let resolved: Ed25519Backend | undefined

/**
 * Chooses the Ed25519 backend used from now on by every function here. `auto` (the default, and
 * what happens if this is never called) takes the fastest native backend that passes the
 * conformance probe — in Node libsodium when `sodium-native` is installed, else node:crypto; Web
 * Crypto elsewhere — else noble. A named backend is used as is, without the probe (tests and
 * benchmarks probe it themselves).
 *
 * @param name - `'node'`, `'sodium'`, `'webcrypto'`, `'noble'` or `'auto'`
 * @returns the selected backend
 * @throws TypeError for an unknown name; Error if the named backend is unavailable here (the
 *   previous selection is kept)
 * @example
 * ```ts
 * await selectBackend('noble') // force the pure-JS backend
 * ```
 */
export async function selectBackend(name: BackendName = 'auto'): Promise<Ed25519Backend> {
  const backend = await loadBackend(name)
  active = Promise.resolve(backend)
  resolved = backend
  return backend
}

/**
 * The backend in use, selecting `auto` on first call.
 *
 * @returns the active backend
 * @throws nothing in practice (noble is always available)
 * @example
 * ```ts
 * console.log((await activeBackend()).name) // 'node' in Node
 * ```
 */
export function activeBackend(): Promise<Ed25519Backend> {
  if (active === undefined) {
    const selecting = loadBackend('auto')
    active = selecting
    selecting.then(
      (backend) => {
        if (active === selecting) resolved = backend
      },
      () => {
        if (active === selecting) active = undefined
      },
    )
  }
  return active
}

function assertVerifyArgs(publicKey: unknown, message: unknown, signature: unknown): void {
  assertBytesArg(publicKey, 'publicKey')
  assertBytesArg(message, 'message')
  assertBytesArg(signature, 'signature')
}

/**
 * Verifies an Ed25519 signature under counterfoil's strict rule: RFC 8032 §5.1.7, cofactorless,
 * rejecting non-canonical or small-order public keys, non-canonical R and S ≥ L. Every backend
 * gives the same answer.
 *
 * @param publicKey - 32-byte public key
 * @param message - the signed message
 * @param signature - 64-byte signature
 * @returns true only for a valid signature; false for any bad key, signature or message
 * @throws TypeError if an argument is not a Uint8Array (a programmer mistake)
 * @example
 * ```ts
 * const ok = await verifyEd25519(signer.publicKey, message, signature)
 * ```
 */
export async function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  assertVerifyArgs(publicKey, message, signature)
  if (!isWellFormedPublicKey(publicKey) || !isWellFormedSignature(signature)) return false
  try {
    return (await (resolved ?? (await activeBackend())).verify(publicKey, message, signature)) === true
  } catch {
    return false
  }
}

/**
 * @internal {@link verifyEd25519}, answered at once when the backend in use can (node, sodium, noble), so
 * a one-at-a-time `verify` needs no promise hop for its signature; `undefined` when it cannot
 * (Web Crypto, or no backend selected yet), and the caller falls back to {@link verifyEd25519}.
 * The arguments are not type-checked: callers pass bytes they decoded themselves.
 */
export function verifyEd25519Now(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean | undefined {
  const backend = resolved
  if (backend?.verifySync === undefined) return undefined
  if (!isWellFormedPublicKey(publicKey) || !isWellFormedSignature(signature)) return false
  try {
    return backend.verifySync(publicKey, message, signature) === true
  } catch {
    return false
  }
}

/**
 * @internal For a batch: the pool checks to keep in flight while the batch's own thread verifies
 * too with {@link verifyEd25519Now}, where the backend in use asks for that (`batchPoolLimit`,
 * sodium); else `undefined`.
 */
export function batchPoolLimit(): number | undefined {
  return resolved?.verifySync === undefined ? undefined : resolved.batchPoolLimit
}

/** A callback-style Ed25519 check, for batches: see {@link concurrentVerifier}. */
export type VerifyCallback = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, done: (ok: boolean) => void) => void

/**
 * @internal {@link verifyEd25519Concurrent} bound to the backend in use, for a batch: no promise
 * per call where the backend takes a callback (node, sodium), no type checks (callers pass bytes they
 * decoded themselves). `done` is called later, exactly once, with the same answer
 * {@link verifyEd25519} gives. Relies on every backend's `verifyConcurrent` never rejecting.
 *
 * @returns the bound verifier
 */
export async function concurrentVerifier(): Promise<VerifyCallback> {
  const backend = resolved ?? (await activeBackend())
  const withCallback = backend.verifyCallback?.bind(backend)
  return (publicKey, message, signature, done) => {
    if (!isWellFormedPublicKey(publicKey) || !isWellFormedSignature(signature)) queueMicrotask(() => done(false))
    else if (withCallback !== undefined) withCallback(publicKey, message, signature, done)
    else void backend.verifyConcurrent(publicKey, message, signature).then(done)
  }
}

/**
 * {@link verifyEd25519} for many verifications in flight at once: in Node it runs OpenSSL on the
 * libuv thread pool, so `Promise.all` over a batch uses several cores. Same answers.
 *
 * @param publicKey - 32-byte public key
 * @param message - the signed message
 * @param signature - 64-byte signature
 * @returns true only for a valid signature
 * @throws TypeError if an argument is not a Uint8Array
 * @example
 * ```ts
 * const results = await Promise.all(items.map((i) => verifyEd25519Concurrent(i.pk, i.msg, i.sig)))
 * ```
 */
export async function verifyEd25519Concurrent(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  assertVerifyArgs(publicKey, message, signature)
  if (!isWellFormedPublicKey(publicKey) || !isWellFormedSignature(signature)) return false
  try {
    return (await (resolved ?? (await activeBackend())).verifyConcurrent(publicKey, message, signature)) === true
  } catch {
    return false
  }
}

/**
 * Signs `message` with a 32-byte seed (RFC 8032 §5.1.6; deterministic).
 *
 * @param seed - the 32-byte secret seed
 * @param message - the message to sign (the whole message, not a hash)
 * @returns the 64-byte signature
 * @throws TypeError if an argument is not a Uint8Array; RangeError if `seed` is not 32 bytes
 * @example
 * ```ts
 * const signature = await signEd25519(seed, new TextEncoder().encode('hello'))
 * ```
 */
export async function signEd25519(seed: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  assertBytesArg(seed, 'seed', SEED_LENGTH)
  assertBytesArg(message, 'message')
  return (await activeBackend()).sign(seed, message)
}

/**
 * Derives the public key of a 32-byte seed (RFC 8032 §5.1.5).
 *
 * @param seed - the 32-byte secret seed
 * @returns the 32-byte public key
 * @throws TypeError if `seed` is not a Uint8Array; RangeError if it is not 32 bytes
 * @example
 * ```ts
 * const publicKey = await publicKeyFromSeed(new Uint8Array(32))
 * ```
 */
export async function publicKeyFromSeed(seed: Uint8Array): Promise<Uint8Array> {
  assertBytesArg(seed, 'seed', SEED_LENGTH)
  return (await activeBackend()).publicKey(seed)
}
