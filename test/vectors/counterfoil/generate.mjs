#!/usr/bin/env node
/**
 * Generates counterfoil's own wire-format test vectors (docs/spec.md §9) into `vectors.json` beside
 * this file. Deterministic: fixed seeds, fixed times and FIXED salts, so the payloads are encoded
 * here (with the library's `encodeCbor`) instead of by `issue()`, which draws a random salt.
 * Ed25519 signing is deterministic (RFC 8032 §5.1.6), so every byte is reproducible.
 *
 * Run: `npm run vectors` (after a build: `npx tsup`). It imports the BUILT package from `dist/`,
 * cross-checks every vector with the library's own `decodeRecord` and `verify`, and only then
 * writes the file. `test/record/vectors.test.ts` imports {@link buildVectors} and runs it against
 * the sources, so the committed file must equal a fresh build.
 *
 * Plain Node ESM on purpose: no TypeScript, no test framework, one dependency (the library).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const VECTORS_PATH = join(here, 'vectors.json')
const DIST_INDEX = join(here, '..', '..', '..', 'dist', 'index.js')

/** 2026-01-01T00:00:00Z, integer seconds since the epoch. */
export const T0 = 1_767_225_600
const DAY = 86_400
const YEAR = 365 * DAY

/** The fixed key seeds: 32 bytes each, every byte the same. */
export const SEEDS = Object.freeze({ issuer: 0x01, subject: 0x02, other: 0x03, holderWithdrawal: 0x04 })

// --- small byte helpers (no Buffer in the data path, so the logic reads like the spec) ---------------

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
const fromHex = (s) => Uint8Array.from(s.match(/../g) ?? [], (x) => parseInt(x, 16))
const fill = (n, byte) => new Uint8Array(n).fill(byte)
const ascii = (s) => new TextEncoder().encode(s)
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
const indexOf = (haystack, needle) => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}
/** Salt number k: 32 bytes k·32 + 0 … k·32 + 31 (mod 256). Fixed, distinct, easy to spot in hex. */
const saltNo = (k) => Uint8Array.from({ length: 32 }, (_, i) => (k * 32 + i) & 0xff)

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
/** base58btc (Bitcoin alphabet), written out so a did:key can be built for a key the library refuses. */
function base58btc(bytes) {
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  let out = ''
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out
    n /= 58n
  }
  for (const b of bytes) {
    if (b !== 0) break
    out = '1' + out
  }
  return out
}
/** did:key of any 32 bytes: `did:key:z` + base58btc(0xed 0x01 ‖ key) (docs/spec.md §1.6). */
const didKeyOf = (publicKey) => 'did:key:z' + base58btc(concat(Uint8Array.of(0xed, 0x01), publicKey))

/** Ed25519 group order L (RFC 8032 §5.1). */
const L = 2n ** 252n + 27742317777372353535851937790883648493n
const leToBig = (b) => b.reduceRight((n, x) => (n << 8n) | BigInt(x), 0n)
const bigToLe32 = (n) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn))

/** DAG-JSON rendering of a data-model value (bytes as `{"/":{"bytes":base64}}`, keys sorted bytewise). */
function dagJson(value) {
  if (value instanceof Uint8Array) {
    let bin = ''
    for (const b of value) bin += String.fromCharCode(b)
    return { '/': { bytes: btoa(bin).replace(/=+$/, '') } }
  }
  if (Array.isArray(value)) return value.map(dagJson)
  if (value !== null && typeof value === 'object') {
    const out = {}
    for (const k of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = dagJson(value[k])
    return out
  }
  return value
}

/**
 * Builds every vector with the given library (the built package, or the sources in a test).
 * Pure apart from the library: same library behaviour in, same object out.
 *
 * @param lib - the `counterfoil` root module (or an object with the same functions)
 * @returns the vectors object written to `vectors.json`
 * @throws Error when the library disagrees with a vector (a positive one fails, a negative one
 *   yields another error code)
 */
export async function buildVectors(lib) {
  const { encodeCbor, cidOf, signingInput, domainSeparated, DOMAIN, toBase64url, signEd25519, publicKeyFromSeed, didFromPublicKey, signerFromSeed, deriveRevocationKey } = lib

  // --- keys (§1.5, §1.6) ---------------------------------------------------------------------------
  const keys = {}
  for (const [name, byte] of Object.entries(SEEDS)) {
    const seed = fill(32, byte)
    const publicKey = await publicKeyFromSeed(seed)
    const did = didFromPublicKey(publicKey)
    if (didKeyOf(publicKey) !== did) throw new Error(`did:key mismatch for ${name}`)
    keys[name] = { seed, publicKey, did }
  }
  const { issuer, subject, other } = keys

  // --- helpers that mirror the spec --------------------------------------------------------------
  /** A DAG-CBOR map from already-encoded values, in the order given (canonical or not). */
  const rawMap = (pairs) => {
    if (pairs.length >= 24) throw new Error('rawMap: small maps only')
    return concat(Uint8Array.of(0xa0 + pairs.length), ...pairs.flatMap(([k, v]) => [encodeCbor(k), v]))
  }
  const sign = (key, payloadBytes, tag = DOMAIN.record) => signEd25519(key.seed, domainSeparated(tag, cidOf(payloadBytes).bytes))
  const envelope = (payloadBytes, signatures) => encodeCbor({ payload: payloadBytes, signatures: signatures.map(({ signer, signature }) => ({ signer, signature })) })

  // --- positive vectors (§2, §3) --------------------------------------------------------------------
  const specs = [
    {
      name: 'self-asserted',
      description: 'The smallest record: self-asserted (iss = sub), required fields only, no expiry.',
      fields: { v: 1, type: 'note', iss: subject.did, sub: subject.did, iat: T0, claims: { text: 'hello' }, salt: saltNo(0) },
      signers: [subject],
      now: T0 + 60,
    },
    {
      name: 'purchase',
      description: 'A receipt from a shop (issuer) to a customer (subject), valid for two years.',
      fields: {
        v: 1, type: 'purchase', iss: issuer.did, sub: subject.did, iat: T0, exp: T0 + 2 * YEAR,
        claims: { currency: 'EUR', items: [{ price: 3990, qty: 1, sku: 'KETTLE-2' }], total: 3990 },
        salt: saltNo(1),
      },
      signers: [issuer],
      now: T0 + 3600,
    },
    {
      name: 'co-signed',
      description: 'A deal both parties sign: issuer first, then the subject co-signs the same payload (same id). Has nbf.',
      fields: {
        v: 1, type: 'com.example.rental', iss: issuer.did, sub: subject.did, iat: T0, nbf: T0 + DAY, exp: T0 + 31 * DAY,
        claims: { deposit: 20000, item: 'cargo bike', pricePerDay: 2500 },
        salt: saltNo(2),
      },
      signers: [issuer, subject],
      now: T0 + 2 * DAY,
    },
    {
      name: 'revocable',
      description: 'A consent record meant for a registry: reg origin and per-record revocation keys (issuer key derived from the issuer seed and the salt; holder withdrawal key chosen by the customer).',
      fields: {
        v: 1, type: 'consent', iss: issuer.did, sub: subject.did, iat: T0, exp: T0 + YEAR,
        claims: { channel: 'email', purpose: 'newsletter' },
        salt: saltNo(3),
        reg: 'https://registry.example',
      },
      revocable: true,
      signers: [issuer],
      now: T0 + DAY,
    },
  ]

  const positive = []
  const built = {}
  for (const spec of specs) {
    const fields = { ...spec.fields }
    let revocation
    if (spec.revocable) {
      // §2.2: seed = SHA-256(Ed25519-Sign(issuer, "counterfoil/v1/revocation-seed" 0x00 ‖ salt))
      const seedInput = domainSeparated(DOMAIN.revocationSeed, fields.salt)
      const seedSignature = await signEd25519(issuer.seed, seedInput)
      const derived = await deriveRevocationKey(await signerFromSeed(issuer.seed), fields.salt)
      const holderKey = keys.holderWithdrawal.publicKey
      fields.rev = { issuer: derived.publicKey, holder: holderKey }
      revocation = {
        seedInput: hex(seedInput),
        seedSignature: hex(seedSignature),
        issuerSeed: hex(derived.seed),
        issuerPublicKey: hex(derived.publicKey),
        holderSeed: hex(keys.holderWithdrawal.seed),
        holderPublicKey: hex(holderKey),
      }
    }
    const payloadBytes = encodeCbor(fields)
    const cid = cidOf(payloadBytes)
    const input = signingInput(cid)
    const signatures = []
    for (const key of spec.signers) signatures.push({ signer: key.did, signature: await signEd25519(key.seed, input) })
    const envelopeBytes = envelope(payloadBytes, signatures)
    built[spec.name] = { fields, payloadBytes, signatures, envelopeBytes }
    positive.push({
      name: spec.name,
      description: spec.description,
      fields: dagJson(fields),
      payload: hex(payloadBytes),
      cid: hex(cid.bytes),
      id: cid.toString(),
      signingInput: hex(input),
      signatures: signatures.map((s) => ({ signer: s.signer, signature: hex(s.signature) })),
      envelope: hex(envelopeBytes),
      text: toBase64url(envelopeBytes),
      now: spec.now,
      ...(revocation === undefined ? {} : { revocation }),
    })
  }

  // --- negative vectors (§1.2–§1.5, §2.1, §3.3, §4) --------------------------------------------------
  const purchase = built.purchase
  const pf = purchase.fields
  const purchaseNow = specs[1].now
  const negative = []
  /** @param input - envelope bytes, or a text form */
  const bad = (name, description, input, errors, now = purchaseNow) => {
    negative.push(typeof input === 'string'
      ? { name, description, text: input, now, errors }
      : { name, description, envelope: hex(input), now, errors })
  }
  /** The purchase payload's pairs in canonical order, values encoded; `patch` replaces or adds values. */
  const canonicalOrder = ['v', 'exp', 'iat', 'iss', 'sub', 'salt', 'type', 'claims']
  const purchasePairs = (patch = {}) => {
    const merged = { ...Object.fromEntries(canonicalOrder.map((k) => [k, encodeCbor(pf[k])])), ...patch }
    return Object.entries(merged).filter(([, v]) => v !== undefined)
  }
  // Self-check: the hand-built map in canonical order is byte-identical to encodeCbor's.
  if (hex(rawMap(purchasePairs())) !== hex(purchase.payloadBytes)) throw new Error('rawMap disagrees with encodeCbor')
  /** A payload signed correctly by the issuer, so that its only defect is the one under test. */
  const signedByIssuer = async (payloadBytes) => envelope(payloadBytes, [{ signer: issuer.did, signature: await sign(issuer, payloadBytes) }])
  const signedFields = async (fields) => signedByIssuer(encodeCbor(fields))

  {
    const e = purchase.envelopeBytes.slice()
    const at = indexOf(e, ascii('KETTLE-2'))
    e[at + 7] = 0x33 // 'KETTLE-2' → 'KETTLE-3': still canonical, different CID
    bad('tampered-payload-byte', 'purchase with one byte of a claim changed inside the payload (KETTLE-2 → KETTLE-3); the id changes, the signature no longer matches.', e, ['ERR_SIGNATURE_INVALID'])
  }
  {
    const sig = purchase.signatures[0].signature.slice()
    sig[0] ^= 0x01
    bad('tampered-signature-byte', 'purchase with the lowest bit of the first signature byte (R) flipped.', envelope(purchase.payloadBytes, [{ signer: issuer.did, signature: sig }]), ['ERR_SIGNATURE_INVALID'])
  }
  bad('payload-map-unsorted', 'purchase payload with its keys in insertion order (v, type, iss, …) instead of length-first order, correctly signed over the CID of these bytes.',
    await signedByIssuer(rawMap(['v', 'type', 'iss', 'sub', 'iat', 'exp', 'claims', 'salt'].map((k) => [k, encodeCbor(pf[k])]))), ['ERR_NON_CANONICAL'])
  bad('payload-integer-not-minimal', 'purchase payload with "iat" as an 8-byte integer (1b 00000000 6955b900) instead of 4 bytes (1a 6955b900), correctly signed.',
    await signedByIssuer(rawMap(purchasePairs({ iat: concat(Uint8Array.of(0x1b), fill(4, 0), encodeCbor(T0).subarray(1)) }))), ['ERR_NON_CANONICAL'])
  bad('payload-float-time', 'purchase payload with "iat" as a float64 of the same value, correctly signed: integral floats are not canonical here.',
    await signedByIssuer(rawMap(purchasePairs({ iat: (() => { const b = new Uint8Array(9); b[0] = 0xfb; new DataView(b.buffer).setFloat64(1, T0); return b })() }))), ['ERR_NON_CANONICAL'])
  bad('payload-duplicate-key', 'purchase payload with "type" twice (same value), correctly signed.',
    await signedByIssuer(rawMap([...purchasePairs().slice(0, 7), ['type', encodeCbor(pf.type)], purchasePairs()[7]])), ['ERR_MALFORMED'])
  bad('payload-indefinite-length', 'purchase payload whose "claims" is an indefinite-length array (9f 01 02 ff), correctly signed.',
    await signedByIssuer(rawMap(purchasePairs({ claims: Uint8Array.of(0x9f, 0x01, 0x02, 0xff) }))), ['ERR_NON_CANONICAL'])
  bad('envelope-map-unsorted', 'purchase envelope with "signatures" before "payload".',
    rawMap([['signatures', encodeCbor(purchase.signatures)], ['payload', encodeCbor(purchase.payloadBytes)]]), ['ERR_NON_CANONICAL'])
  bad('wrong-domain-tag', 'purchase signed over "counterfoil/v1/status" 0x00 ‖ CID instead of "counterfoil/v1/record" 0x00 ‖ CID.',
    envelope(purchase.payloadBytes, [{ signer: issuer.did, signature: await sign(issuer, purchase.payloadBytes, DOMAIN.status) }]), ['ERR_SIGNATURE_INVALID'])
  bad('truncated', 'purchase envelope without its last byte.', purchase.envelopeBytes.slice(0, -1), ['ERR_MALFORMED'])
  bad('trailing-byte', 'purchase envelope followed by one 0x00 byte.', concat(purchase.envelopeBytes, Uint8Array.of(0)), ['ERR_MALFORMED'])
  bad('unknown-version', 'purchase with "v": 2, correctly signed.', await signedFields({ ...pf, v: 2 }), ['ERR_UNSUPPORTED_VERSION'])
  bad('unknown-field', 'purchase with an extra field "note", correctly signed.', await signedFields({ ...pf, note: 'x' }), ['ERR_MALFORMED'])
  bad('salt-31-bytes', 'purchase with a 31-byte salt, correctly signed.', await signedFields({ ...pf, salt: pf.salt.subarray(0, 31) }), ['ERR_MALFORMED'])
  bad('exp-not-after-iat', 'purchase with "exp" equal to "iat", correctly signed.', await signedFields({ ...pf, exp: T0 }), ['ERR_MALFORMED'])
  bad('rev-small-order-key', 'purchase with "rev": { "issuer": 32 zero bytes } (y = 0, a point of order 4), correctly signed.',
    await signedFields({ ...pf, rev: { issuer: fill(32, 0) } }), ['ERR_INVALID_KEY'])
  bad('signature-by-other-key', 'purchase whose only signature names the issuer but was made with another key (seed 32 × 0x03).',
    envelope(purchase.payloadBytes, [{ signer: issuer.did, signature: await sign(other, purchase.payloadBytes) }]), ['ERR_SIGNATURE_INVALID'])
  bad('first-signer-not-issuer', 'purchase whose only signature is a valid one by another key, naming that key.',
    envelope(purchase.payloadBytes, [{ signer: other.did, signature: await sign(other, purchase.payloadBytes) }]), ['ERR_MALFORMED'])
  bad('duplicate-signer', 'purchase with the issuer\'s signature twice.',
    envelope(purchase.payloadBytes, [purchase.signatures[0], purchase.signatures[0]]), ['ERR_MALFORMED'])
  bad('signature-63-bytes', 'purchase with the issuer\'s signature cut to 63 bytes.',
    envelope(purchase.payloadBytes, [{ signer: issuer.did, signature: purchase.signatures[0].signature.subarray(0, 63) }]), ['ERR_MALFORMED'])
  {
    const sig = purchase.signatures[0].signature
    const sPlusL = bigToLe32(leToBig(sig.subarray(32)) + L)
    bad('signature-s-not-reduced', 'purchase with the issuer\'s signature S replaced by S + L (the classic malleability: the equation still holds, S ≥ L must be refused).',
      envelope(purchase.payloadBytes, [{ signer: issuer.did, signature: concat(sig.subarray(0, 32), sPlusL) }]), ['ERR_SIGNATURE_INVALID'])
  }
  {
    // The identity point A = (0, 1): with R = identity and S = 0, [S]B = R + [k]A holds for EVERY
    // message, so a verifier that accepts small-order keys accepts this "signature" on anything.
    const identity = concat(Uint8Array.of(1), fill(31, 0))
    const weakDid = didKeyOf(identity)
    const payloadBytes = encodeCbor({ ...pf, iss: weakDid })
    bad('issuer-small-order-key', `purchase whose "iss" is the did:key of the identity point (${hex(identity)}), "signed" with R = identity, S = 0, which satisfies the cofactorless equation for any message.`,
      envelope(payloadBytes, [{ signer: weakDid, signature: concat(identity, fill(32, 0)) }]), ['ERR_INVALID_DID'])
  }
  {
    const candidates = positive.filter((p) => (p.envelope.length / 2) % 3 !== 0)
    if (candidates.length === 0) throw new Error('no positive vector has an envelope length with stray base64url bits')
    const p = candidates[0]
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(p.text.at(-1))
    const text = p.text.slice(0, -1) + alphabet[last | 1] // set the lowest unused bit
    // RFC 4648 §3.5: the unused bits of the last character must be zero. (The reference decoder
    // refuses such text while decoding, hence ERR_MALFORMED, not ERR_NON_CANONICAL.)
    bad('text-stray-bits', `the ${p.name} text form with a non-zero unused bit in its last character (${p.text.at(-1)} → ${text.at(-1)}): not the canonical text of any bytes.`, text, ['ERR_MALFORMED'], p.now)
    bad('text-padded', `the ${p.name} text form with base64 "=" padding appended.`, p.text + '='.repeat(4 - ((p.text.length - 1) % 4)), ['ERR_MALFORMED'], p.now)
  }
  bad('expired', 'the purchase vector verified at exp + 60 s: past expiry by exactly the default clock skew.', purchase.envelopeBytes, ['ERR_EXPIRED'], pf.exp + 60)
  bad('not-yet-valid', 'the co-signed vector verified at nbf − 61 s: one second before the default clock skew lets it in.', built['co-signed'].envelopeBytes, ['ERR_NOT_YET_VALID'], built['co-signed'].fields.nbf - 61)
  {
    const e = purchase.envelopeBytes.slice()
    e[indexOf(e, ascii('KETTLE-2')) + 7] = 0x33
    bad('forged-and-expired', 'the tampered-payload-byte envelope verified after expiry: only the forgery is reported (signatures are checked before the validity window).', e, ['ERR_SIGNATURE_INVALID'], pf.exp + 3600)
  }

  const vectors = {
    format: 'counterfoil wire format v1 (docs/spec.md)',
    source: 'generated by test/vectors/counterfoil/generate.mjs; regenerate with `npm run vectors`',
    notes: 'All byte strings are lowercase hex. "fields" is DAG-JSON (bytes as {"/":{"bytes":base64}}). Positive vectors: decode, match id/envelope/text exactly, and verify valid at "now" with default options (clock skew 60 s). Negative vectors: verify at "now" with default options gives exactly "errors" (codes, in order); "envelope" is bytes, "text" is a text form.',
    keys: Object.fromEntries(Object.entries(keys).map(([name, k]) => [name, { seed: hex(k.seed), publicKey: hex(k.publicKey), did: k.did }])),
    positive,
    negative,
  }
  await crossCheck(lib, vectors)
  return vectors
}

/** The library must agree with every vector; throws on the first disagreement. */
async function crossCheck(lib, vectors) {
  for (const p of vectors.positive) {
    const record = lib.decodeRecord(fromHex(p.envelope))
    if (record.id !== p.id || hex(record.bytes) !== p.envelope || record.toString() !== p.text || hex(record.payloadBytes) !== p.payload) {
      throw new Error(`positive vector ${p.name}: decodeRecord disagrees`)
    }
    for (const input of [fromHex(p.envelope), p.text]) {
      const result = await lib.verify(input, { now: p.now })
      if (!result.valid) throw new Error(`positive vector ${p.name}: verify says ${JSON.stringify(result.errors)}`)
    }
  }
  for (const n of vectors.negative) {
    const result = await lib.verify(n.text ?? fromHex(n.envelope), { now: n.now })
    const codes = result.errors.map((e) => e.code)
    if (JSON.stringify(codes) !== JSON.stringify(n.errors)) {
      throw new Error(`negative vector ${n.name}: expected ${n.errors.join(', ')}, verify gave ${codes.join(', ') || 'valid'} (${result.errors.map((e) => e.message).join('; ')})`)
    }
  }
}

/** The exact text written to `vectors.json`. */
export function serialize(vectors) {
  return JSON.stringify(vectors, null, 2) + '\n'
}

async function main() {
  if (!existsSync(DIST_INDEX)) {
    console.error(`generate.mjs: ${DIST_INDEX} is missing; build first (npx tsup)`)
    process.exit(1)
  }
  const lib = await import(pathToFileURL(DIST_INDEX).href)
  const text = serialize(await buildVectors(lib))
  const before = existsSync(VECTORS_PATH) ? readFileSync(VECTORS_PATH, 'utf8') : undefined
  writeFileSync(VECTORS_PATH, text)
  const v = JSON.parse(text)
  console.log(`wrote ${VECTORS_PATH}: ${v.positive.length} positive, ${v.negative.length} negative vectors${before === undefined ? '' : before === text ? ' (unchanged)' : ' (CHANGED)'}`)
}

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
