/**
 * The portable wallet file (docs/spec.md "Wallet file", docs/guide.md "Portable wallet"): every
 * record a holder keeps, with its registration proofs, stapled status notes and succession
 * statements, in one deterministic DAG-CBOR map. Links live inside the records (signed), so they
 * travel with them. Import checks the whole file and either returns all of it or throws.
 */
import { CID } from 'multiformats/cid'
import { bytesEqual } from '../codec/bytes.js'
import { decodeCbor, encodeCbor } from '../codec/dag-cbor.js'
import { fromBase64url } from '../codec/multibase.js'
import { CounterfoilError } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import { verifyEd25519 } from '../keys/ed25519.js'
import { decodeRecord, signingInput, SignedRecord } from '../record/envelope.js'
import { commitmentOf, decodeEntry } from '../registry/entries.js'
import { parseCheckpoint } from '../registry/log/checkpoint.js'
import { hashLeaf } from '../registry/log/merkle.js'
import { noteVerifier } from '../registry/log/note.js'
import { parseProofFile, verifyProofFile } from '../registry/log/proof-file.js'
import { openStatusNote } from '../registry/status/answers.js'
import { linksOf, type LinkRel } from './links.js'
import { openSuccession } from './succession.js'

/** The wallet file's format version. */
export const WALLET_VERSION = 1
/** The wallet file's `type`: tells it apart from any other DAG-CBOR file. */
export const WALLET_TYPE = 'counterfoil/wallet'
/** Largest wallet file {@link importWallet} reads unless told otherwise, bytes. */
export const DEFAULT_MAX_WALLET_BYTES = 64 * 1024 * 1024

/** A registration proof kept for one record (C2SP `tlog-proof` text, from `registrationProof`). */
export interface WalletProof {
  /** The record id (`bafy…`). */
  readonly id: string
  readonly proof: string
}

/** A registry the wallet's proofs and staples come from: its log origin and signing key. */
export interface WalletRegistry {
  /** Log origin, the first line of its checkpoints (`registry.example/log`). */
  readonly origin: string
  /** Its key, did:key. */
  readonly key: string
}

/** A signed status note stapled to one record. */
export interface WalletStaple {
  /** The record id (`bafy…`). */
  readonly id: string
  readonly note: Uint8Array
}

/** One link between records in the wallet, read from the linking record's claims. */
export interface WalletLink {
  /** The linking record. */
  readonly from: string
  readonly rel: LinkRel
  /** The linked record (which need not be in the wallet). */
  readonly to: string
}

/** What goes into a wallet. Records may repeat; they are stored once. */
export interface WalletItems {
  readonly records: readonly (SignedRecord | Uint8Array | string)[]
  /** Registration proofs; `record` is the record or its id. */
  readonly proofs?: readonly { readonly record: SignedRecord | string; readonly proof: string }[]
  /** Stapled status notes (bytes or `u…` text); `record` is the record or its id. */
  readonly staples?: readonly { readonly record: SignedRecord | string; readonly note: Uint8Array | string }[]
  /** Succession statements (key continuity) the holder keeps for offline verifiers. */
  readonly successions?: readonly (Uint8Array | string)[]
  /** The registries behind `proofs` and `staples` (one key per origin): their signatures are checked. */
  readonly registries?: readonly WalletRegistry[]
}

/** A wallet read back by {@link importWallet}: everything in it, checked. */
export interface Wallet {
  /** Records, in wallet order (by id bytes). */
  readonly records: readonly SignedRecord[]
  readonly proofs: readonly WalletProof[]
  readonly staples: readonly WalletStaple[]
  readonly successions: readonly Uint8Array[]
  readonly registries: readonly WalletRegistry[]
  /** Every link the records carry. */
  readonly links: readonly WalletLink[]
}

function invalid(message: string, cause?: unknown): CounterfoilError {
  return new CounterfoilError('ERR_WALLET_INVALID', `wallet: ${message}`, cause === undefined ? {} : { cause })
}

/** Byte-wise order; shorter first on a common prefix. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

const utf8 = new TextEncoder()

/** Sorted, duplicates removed: one wallet content has one encoding. */
function sortedUnique<T>(items: readonly T[], key: (item: T) => Uint8Array): T[] {
  const keyed = items.map((item) => ({ item, k: key(item) })).sort((x, y) => compareBytes(x.k, y.k))
  return keyed.filter((x, i) => i === 0 || compareBytes(keyed[i - 1]!.k, x.k) !== 0).map((x) => x.item)
}

function strictlyAscending(keys: readonly Uint8Array[], what: string): void {
  for (let i = 1; i < keys.length; i++) {
    if (compareBytes(keys[i - 1]!, keys[i]!) >= 0) throw invalid(`${what} are not in canonical order or repeat (item ${i})`)
  }
}

const proofKey = (p: { cid: CID; proof: string }): Uint8Array => new Uint8Array([...p.cid.bytes, 0, ...utf8.encode(p.proof)])
const stapleKey = (s: { cid: CID; note: Uint8Array }): Uint8Array => new Uint8Array([...s.cid.bytes, 0, ...s.note])

function idOf(record: SignedRecord | string): CID {
  if (record instanceof SignedRecord) return record.cid
  try {
    return CID.parse(record)
  } catch (e) {
    throw invalid(`${JSON.stringify(record)} is not a record id`, e)
  }
}

/**
 * Writes a wallet file. The result is deterministic (records, proofs, staples and successions
 * sorted and de-duplicated) and checked exactly as {@link importWallet} checks it, so an export
 * always imports.
 *
 * @param items - see {@link WalletItems}
 * @returns the file's bytes (DAG-CBOR)
 * @throws {CounterfoilError} `ERR_WALLET_INVALID` when an item does not check out (nothing is written)
 * @example
 * ```ts
 * const file = await exportWallet({ records: [warranty, handover], proofs: [{ record: warranty, proof }] })
 * ```
 */
export async function exportWallet(items: WalletItems): Promise<Uint8Array> {
  if (typeof items !== 'object' || items === null || !Array.isArray(items.records)) throw new TypeError('"items" expected { records, proofs?, staples?, successions? }')
  let records: SignedRecord[]
  try {
    records = items.records.map((r) => (r instanceof SignedRecord ? r : decodeRecord(r)))
  } catch (e) {
    throw invalid('a record does not decode', e)
  }
  const bytes = encodeCbor({
    v: WALLET_VERSION,
    type: WALLET_TYPE,
    records: sortedUnique(records, (r) => r.cid.bytes).map((r) => r.bytes),
    proofs: sortedUnique((items.proofs ?? []).map((p) => ({ cid: idOf(p.record), proof: p.proof })), proofKey).map((p) => ({ id: p.cid, proof: p.proof })),
    staples: sortedUnique((items.staples ?? []).map((s) => ({ cid: idOf(s.record), note: typeof s.note === 'string' ? fromBase64url(s.note) : s.note })), stapleKey)
      .map((s) => ({ id: s.cid, note: s.note })),
    successions: sortedUnique((items.successions ?? []).map((s) => (typeof s === 'string' ? fromBase64url(s) : s)), (s) => s),
    registries: sortedUnique(items.registries ?? [], (r) => utf8.encode(`${r.origin}\n${r.key}`)).map((r) => ({ origin: r.origin, key: r.key })),
  })
  await importWallet(bytes)
  return bytes
}

async function checkRecord(bytes: unknown, i: number): Promise<SignedRecord> {
  if (!(bytes instanceof Uint8Array)) throw invalid(`record ${i} is not bytes`)
  let record: SignedRecord
  try {
    record = decodeRecord(bytes)
    linksOf(record)
  } catch (e) {
    throw invalid(`record ${i} does not decode`, e)
  }
  const input = signingInput(record.cid)
  for (const s of record.signatures) {
    if (!(await verifyEd25519(publicKeyFromDid(s.signer), input, s.signature))) throw invalid(`record ${i} (${record.id}): signature by ${s.signer} does not verify`)
  }
  return record
}

function recordCid(value: unknown, held: ReadonlyMap<string, SignedRecord>, what: string): CID {
  const cid = CID.asCID(value)
  if (cid === null) throw invalid(`${what}: "id" must be a CID`)
  if (!held.has(cid.toString())) throw invalid(`${what} is about ${cid.toString()}, which is not in the wallet`)
  return cid
}

/**
 * A proof file must parse, carry this record's `reg` entry, and prove it into a checkpoint signed
 * by the key the wallet lists for that checkpoint's origin.
 */
async function checkProof(proof: unknown, record: SignedRecord, registries: ReadonlyMap<string, string>, what: string): Promise<string> {
  if (typeof proof !== 'string') throw invalid(`${what}: "proof" must be text`)
  try {
    const parsed = parseProofFile(proof)
    if (parsed.extra === undefined) throw invalid(`${what} lacks the registration entry`)
    const entry = decodeEntry(parsed.extra)
    if (entry.t !== 'reg' || !bytesEqual(entry.c, commitmentOf(record.cid))) throw invalid(`${what} is not about record ${record.id}`)
    const note = parsed.checkpoint
    const { origin } = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1))
    const key = registries.get(origin)
    if (key === undefined) throw invalid(`${what} comes from ${origin}, which the wallet's "registries" do not list`)
    await verifyProofFile(parsed, { leafHash: hashLeaf(parsed.extra), verifiers: [noteVerifier(origin, publicKeyFromDid(key))], origin })
  } catch (e) {
    if (e instanceof CounterfoilError && e.code === 'ERR_WALLET_INVALID') throw e
    throw invalid(`${what} does not parse`, e)
  }
  return proof
}

/** A staple must be a status note about this record, signed by one of the wallet's registries. */
async function checkStaple(note: unknown, record: SignedRecord, keys: readonly string[], what: string): Promise<Uint8Array> {
  if (!(note instanceof Uint8Array)) throw invalid(`${what}: "note" must be bytes`)
  try {
    const { commitment } = await openStatusNote(note, keys, 'staple')
    if (!bytesEqual(commitment, commitmentOf(record.cid))) throw invalid(`${what} is about another record`)
  } catch (e) {
    if (e instanceof CounterfoilError && e.code === 'ERR_WALLET_INVALID') throw e
    throw invalid(`${what} is not a signed status note`, e)
  }
  return note
}

function list(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(`"${name}" must be a list`)
  return value
}

function pair(value: unknown, keys: readonly [string, string], what: string): Record<string, unknown> {
  const m = value as Record<string, unknown> | null
  if (typeof m !== 'object' || m === null || Array.isArray(m) || m instanceof Uint8Array || Object.keys(m).length !== 2 || !keys.every((k) => k in m)) {
    throw invalid(`${what} must be { ${keys.join(', ')} }`)
  }
  return m
}

/**
 * Reads a wallet file and checks all of it: strict DAG-CBOR in canonical order, every record
 * decodes and every signature on it verifies, every proof parses, carries that record's `reg` entry
 * and proves it into a checkpoint signed by the key the wallet lists for its origin, every staple
 * is a status note about that record signed by a listed registry, every succession is signed by
 * its old key. Any failure throws and nothing is returned. Integrity, not trust: the keys come from
 * the file itself, and `verify` decides whom to trust.
 *
 * @param bytes - the file
 * @param options - `maxBytes` (default 64 MiB)
 * @returns the {@link Wallet}
 * @throws {CounterfoilError} `ERR_WALLET_INVALID` (with the first problem as `cause`), `ERR_UNSUPPORTED_VERSION`, `ERR_TOO_LARGE`
 * @example
 * ```ts
 * const { records, proofs, links } = await importWallet(new Uint8Array(await file.arrayBuffer()))
 * ```
 */
export async function importWallet(bytes: Uint8Array, options: { maxBytes?: number } = {}): Promise<Wallet> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('"bytes" expected Uint8Array')
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_WALLET_BYTES
  if (bytes.length > maxBytes) throw new CounterfoilError('ERR_TOO_LARGE', `wallet: file is ${bytes.length} bytes, more than ${maxBytes}`)
  let top: Record<string, unknown>
  try {
    top = decodeCbor(bytes, { maxDepth: 4 }) as Record<string, unknown>
  } catch (e) {
    throw invalid('not a DAG-CBOR wallet file', e)
  }
  if (typeof top !== 'object' || top === null || Array.isArray(top) || top instanceof Uint8Array) throw invalid('must be a map')
  if (top.type !== WALLET_TYPE) throw invalid(`"type" must be "${WALLET_TYPE}"`)
  if (top.v !== WALLET_VERSION) throw new CounterfoilError('ERR_UNSUPPORTED_VERSION', `wallet: version ${String(top.v)} is not supported (expected ${WALLET_VERSION})`)
  const extra = Object.keys(top).filter((k) => !['v', 'type', 'records', 'proofs', 'staples', 'successions', 'registries'].includes(k))
  if (extra.length > 0) throw invalid(`unknown field "${extra[0]}"`)

  const registries = list(top.registries, 'registries').map((r, i) => {
    const m = pair(r, ['origin', 'key'], `registry ${i}`)
    if (typeof m.origin !== 'string' || typeof m.key !== 'string') throw invalid(`registry ${i} must be { origin: text, key: did }`)
    try {
      publicKeyFromDid(m.key)
    } catch (e) {
      throw invalid(`registry ${i}: "key" is not a did:key`, e)
    }
    return { origin: m.origin, key: m.key }
  })
  strictlyAscending(registries.map((r) => utf8.encode(r.origin)), 'registries (one key per origin)')
  const keyOf = new Map(registries.map((r) => [r.origin, r.key]))

  const records: SignedRecord[] = []
  for (const [i, r] of list(top.records, 'records').entries()) records.push(await checkRecord(r, i))
  strictlyAscending(records.map((r) => r.cid.bytes), 'records')
  const held = new Map(records.map((r) => [r.id, r]))

  const proofs: { cid: CID; proof: string }[] = []
  for (const [i, p] of list(top.proofs, 'proofs').entries()) {
    const m = pair(p, ['id', 'proof'], `proof ${i}`)
    const cid = recordCid(m.id, held, `proof ${i}`)
    proofs.push({ cid, proof: await checkProof(m.proof, held.get(cid.toString())!, keyOf, `proof ${i}`) })
  }
  strictlyAscending(proofs.map(proofKey), 'proofs')

  const staples: { cid: CID; note: Uint8Array }[] = []
  for (const [i, s] of list(top.staples, 'staples').entries()) {
    const m = pair(s, ['id', 'note'], `staple ${i}`)
    const cid = recordCid(m.id, held, `staple ${i}`)
    staples.push({ cid, note: await checkStaple(m.note, held.get(cid.toString())!, registries.map((r) => r.key), `staple ${i}`) })
  }
  strictlyAscending(staples.map(stapleKey), 'staples')

  const successions: Uint8Array[] = []
  for (const [i, s] of list(top.successions, 'successions').entries()) {
    if (!(s instanceof Uint8Array)) throw invalid(`succession ${i} is not bytes`)
    try {
      await openSuccession(s)
    } catch (e) {
      throw invalid(`succession ${i} does not verify`, e)
    }
    successions.push(s)
  }
  strictlyAscending(successions, 'successions')

  return {
    records,
    proofs: proofs.map((p) => ({ id: p.cid.toString(), proof: p.proof })),
    staples: staples.map((s) => ({ id: s.cid.toString(), note: s.note })),
    successions,
    registries,
    links: records.flatMap((r) => linksOf(r).map((l) => ({ from: r.id, rel: l.rel, to: l.id }))),
  }
}
