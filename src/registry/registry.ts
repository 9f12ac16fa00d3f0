/**
 * The registry core: validates signed log entries, pools them, sequences each batch in one store
 * transaction (RFC 9162 tree, C2SP checkpoint signed by the registry key), and answers status.
 * An append resolves only after the transaction that contains it has committed: nothing
 * acknowledged can be lost.
 */
import { bytesEqual, bytesKey, copyBytes } from '../codec/bytes.js'
import { decodeCbor } from '../codec/dag-cbor.js'
import { encodePlain } from './cbor.js'
import { DOMAIN, domainSeparated } from '../codec/domain.js'
import { CounterfoilError, type ErrorCode } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import { verifyEd25519Concurrent } from '../keys/ed25519.js'
import { checkPublicKey } from '../keys/strict.js'
import type { Signer } from '../keys/interface.js'
import { checkEntrySignature, decodeEntryToVerify, MAX_ENTRY_BYTES, type LogEntry, type SuccessionEntry } from './entries.js'
import type { Receipt, RegistryClient } from './client.js'
import { hashLeaf } from './log/merkle.js'
import { NodeCache } from './log/node-cache.js'
import { TILE_WIDTH, tileNodeIds, type ParsedTilePath } from './log/tiles.js'
import { formatVerifierKey } from './log/note.js'
import { signCheckpoint } from './log/signed-checkpoint.js'
import { appendLeaves, consistencyProof, inclusionProof, rootAt } from './log/tree.js'
import { signBucket, signSnapshot, signStatusNote, type BucketItem } from './status/answers.js'
import type { StatusRow, Store, StoredEntry, StoredNodeRow, StoreTx } from './store/interface.js'

/** How to run a registry. */
export interface RegistryOptions {
  /** Where the log lives: `memoryStore()`, `sqliteStore(path)`, `postgresStore(url)`. */
  readonly store: Store
  /** The registry's own key: signs checkpoints and status answers. */
  readonly signer: Signer
  /** Log origin: the checkpoint's first line and the note key name, e.g. `registry.example/log`. */
  readonly origin: string
  /** Most entries sequenced in one transaction. Default 512. */
  readonly batchSize?: number
  /** How long an entry may wait for others to share its transaction, ms. Default 5. */
  readonly batchDelayMs?: number
  /** Entries waiting beyond this are refused with `ERR_OVERLOADED` (HTTP 503). Default 20,000. */
  readonly maxPending?: number
  /** Lifetime of status notes and buckets, seconds. Default 3600. */
  readonly statusTtl?: number
  /** Lifetime of snapshots, seconds. Default 86,400. */
  readonly snapshotTtl?: number
  /** Private registry: only submissions signed by these issuer DIDs are accepted. */
  readonly allowIssuers?: readonly string[]
  /**
   * How far in the future an entry's `at` may be, seconds (clock skew between the signer and the
   * registry). Later entries are refused with `ERR_NOT_YET_VALID`. Default 300.
   */
  readonly maxClockSkew?: number
  /** Clock, in seconds (tests). */
  readonly now?: () => number
}

/** A running registry; also a {@link RegistryClient} for code in the same process. */
export interface Registry extends RegistryClient {
  /** Registry key as did:key. */
  readonly did: string
  /** C2SP note verifier key (`origin+hex+base64`) for tlog tooling. */
  readonly verifierKey: string
  /** Log entries about a key (`revoke-key`, `succession`), in log order. */
  keyHistory(did: string): Promise<{ readonly index: number; readonly entry: Uint8Array }[]>
  /** Log size of the latest checkpoint. */
  size(): Promise<number>
  /**
   * A C2SP tlog-tiles resource for the current tree: a hash tile (the `width` 32-byte hashes of tree
   * level 8·`level`, from node 256·`index`) or an entry bundle (entries 256·`index` onwards, each as
   * a big-endian uint16 length and the bytes). `ERR_NOT_FOUND` if the tree does not have them yet.
   */
  tile(tile: ParsedTilePath): Promise<Uint8Array>
  /** Writes any pending entries and stops accepting new ones. Does not close the store. */
  close(): Promise<void>
}

/** Where an entry landed, and the signed checkpoint of the transaction that covers it. */
interface Sequenced {
  readonly index: number
  readonly duplicate: boolean
  readonly checkpoint: string
}

interface Pending {
  readonly bytes: Uint8Array
  readonly entry: LogEntry
  readonly leafHash: Uint8Array
  /** The signature checks, started on arrival: settles with the refusal, or undefined if authorised. */
  readonly authorised: Promise<{ refusal: unknown } | undefined>
  readonly resolve: (r: Sequenced) => void
  readonly reject: (e: unknown) => void
}

/** Longest succession chain the registry walks when it checks a new succession for loops. */
export const MAX_SUCCESSION_CHAIN = 16

/** Most real registrations one bucket answer carries. */
export const MAX_BUCKET_ITEMS = 4096

const STATE_OF = { revoke: 2, suspend: 1, withdraw: 3, reinstate: 0 } as const
const FINAL = new Set([2, 3])

/**
 * The issuer revocation key of a `reg` entry this registry stored (and so validated on the way in):
 * read without re-running the per-key curve checks, which made large bucket answers cost ~0.5 ms
 * per item.
 */
function storedRevocationKey(bytes: Uint8Array, which: 'issuer' | 'holder' = 'issuer'): Uint8Array | undefined {
  const rev = (decodeCbor(bytes) as { rev?: { issuer?: unknown; holder?: unknown } }).rev
  if (!(rev?.issuer instanceof Uint8Array) || rev.issuer.length !== 32) throw new CounterfoilError('ERR_STORE', 'stored registration has no revocation key')
  const key = rev[which]
  return key instanceof Uint8Array && key.length === 32 ? key : undefined
}

/** The issuer revocation key of a stored `reg` entry (see {@link storedRevocationKey}). */
function storedIssuerKey(bytes: Uint8Array): Uint8Array {
  return storedRevocationKey(bytes, 'issuer')!
}

/**
 * A private copy of a submitted entry (oversized ones are refused uncopied): the caller may reuse
 * or change its buffer, and what was checked must be exactly what is hashed and logged. A plain
 * Uint8Array, too: a Node Buffer's `slice()` would alias.
 */
function ownCopy(bytes: Uint8Array): Uint8Array {
  return bytes.length > MAX_ENTRY_BYTES ? bytes : copyBytes(bytes)
}

function refuse(code: ErrorCode, message: string): CounterfoilError {
  return new CounterfoilError(code, message)
}

function positive(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback
  if (!Number.isSafeInteger(v) || v <= 0) throw new RangeError(`"${name}" expected a positive integer, got ${v}`)
  return v
}

/**
 * Starts a registry over a store. If the store is empty, an empty checkpoint (size 0) is signed.
 *
 * @param options - see {@link RegistryOptions}
 * @returns the registry
 * @throws {CounterfoilError} `ERR_STORE` if the store fails
 * @example
 * ```ts
 * import { createRegistry, memoryStore } from 'counterfoil/registry'
 * const registry = await createRegistry({ store: memoryStore(), signer: registryKey, origin: 'registry.example/log' })
 * ```
 */
export async function createRegistry(options: RegistryOptions): Promise<Registry> {
  const { store, signer, origin } = options
  if (typeof store?.transaction !== 'function') throw new TypeError('"store" expected a Store (memoryStore(), sqliteStore(), postgresStore())')
  if (typeof signer?.sign !== 'function') throw new TypeError('"signer" expected a Signer')
  const batchSize = positive(options.batchSize, 512, 'batchSize')
  const batchDelayMs = options.batchDelayMs ?? 5
  const maxPending = positive(options.maxPending, 20_000, 'maxPending')
  const statusTtl = positive(options.statusTtl, 3600, 'statusTtl')
  const snapshotTtl = positive(options.snapshotTtl, 86_400, 'snapshotTtl')
  const now = options.now ?? ((): number => Math.floor(Date.now() / 1000))
  const maxClockSkew = options.maxClockSkew ?? 300
  if (!Number.isSafeInteger(maxClockSkew) || maxClockSkew < 0) throw new RangeError(`"maxClockSkew" expected a non-negative integer, got ${maxClockSkew}`)
  const allow = options.allowIssuers === undefined ? undefined : new Set(options.allowIssuers)
  const verifierKey = formatVerifierKey(origin, signer.publicKey)

  // Empty store: sign the empty tree so there is always a checkpoint to hand out.
  await store.transaction(async (tx) => {
    if ((await tx.latestCheckpoint()) === undefined) {
      await tx.putCheckpoint(0, await signCheckpoint({ origin, size: 0, rootHash: await rootAt(tx, 0), extensions: [] }, signer))
    }
  })

  const pending: Pending[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let flushing: Promise<void> | undefined
  let closed = false
  /** Signed notes by commitment, reused only while the log size is unchanged (other servers may write). */
  const noteCache = new Map<string, { bytes: Uint8Array[]; until: number; size: number }>()
  /** Bumped on every commit: a note built from reads that a commit overtook is not cached. */
  let commits = 0
  let snapshotCache: { bytes: Uint8Array; until: number; size: number } | undefined
  /** Successions sequenced earlier in the running batch (store reads see them only after putEntries). */
  const batchSuccessors = new Map<string, string>()
  /** Proof reads: the nodes each batch just committed, and hot upper levels, stay in memory. */
  const nodes = new NodeCache(store, 100_000)

  async function authorise(entry: LogEntry, bytes: Uint8Array, auth: { signer: string; sig: Uint8Array } | undefined): Promise<void> {
    if (allow !== undefined && (entry.t === 'reg' || entry.t === 'revoke-key' || entry.t === 'succession')) {
      const by = entry.t === 'revoke-key' ? entry.key : entry.t === 'succession' ? entry.old : auth?.signer
      if (by === undefined || !allow.has(by)) throw refuse('ERR_UNAUTHORIZED', 'this registry accepts registrations only from allow-listed issuers')
      if (entry.t === 'reg' && (auth === undefined || !(await verifyEd25519Concurrent(publicKeyFromDid(auth.signer), domainSeparated(DOMAIN.submission, bytes), auth.sig)))) {
        throw refuse('ERR_UNAUTHORIZED', 'submission signature does not verify')
      }
    }
    let key: Uint8Array | undefined
    if (entry.t === 'reg') key = entry.rev.issuer
    else if (entry.t === 'revoke-key') key = publicKeyFromDid(entry.key)
    else if (entry.t === 'succession') key = publicKeyFromDid(entry.old)
    else {
      const [reg] = await store.entries(entry.i, entry.i + 1)
      if (reg === undefined || reg.kind !== 'reg') throw refuse('ERR_NOT_FOUND', `log index ${entry.i} is not a registration`)
      key = storedRevocationKey(reg.bytes, entry.t === 'withdraw' ? 'holder' : 'issuer')
      if (key === undefined) throw refuse('ERR_UNAUTHORIZED', 'this record has no holder withdrawal key')
    }
    if (!(await checkEntrySignature(entry, key, verifyEd25519Concurrent))) {
      // decodeEntryToVerify left the on-curve check of rev.issuer to this signature check; an
      // off-curve key is still refused as ERR_INVALID_KEY, as decodeEntry would have.
      if (entry.t === 'reg') checkPublicKey(entry.rev.issuer)
      throw refuse('ERR_UNAUTHORIZED', entry.t === 'withdraw' ? 'withdrawal is not signed by the holder\'s key' : `"${entry.t}" is not signed by the authorised key`)
    }
  }

  /** Applies one entry inside the batch transaction; returns its index or a refusal. */
  async function sequenceOne(tx: StoreTx, item: Pending, next: number, batchLeaves: Map<string, number>): Promise<{ index: number; duplicate: boolean; stored?: StoredEntry }> {
    const { entry } = item
    // A `reg` is a duplicate exactly when its commitment and issuer key are logged (identical bytes
    // included), checked below: no leaf-hash lookup for it.
    if (entry.t !== 'reg') {
      const inBatch = batchLeaves.get(bytesKey(item.leafHash))
      if (inBatch !== undefined) return { index: inBatch, duplicate: true }
      const existing = await tx.entryByLeafHash(item.leafHash)
      if (existing !== undefined) return { index: existing.index, duplicate: true }
    }
    const base = { index: next, bytes: item.bytes, leafHash: item.leafHash, kind: entry.t }
    if (entry.t === 'reg') {
      // Same commitment under the same key: a duplicate, whether logged earlier or earlier in this
      // batch (entries are only put at the end of the batch, so tx.registrations cannot see those).
      const regKey = `reg:${bytesKey(entry.c)}${bytesKey(entry.rev.issuer)}`
      const sameInBatch = batchLeaves.get(regKey)
      if (sameInBatch !== undefined) return { index: sameInBatch, duplicate: true }
      const same = (await tx.registrations(entry.c)).find((r) => bytesEqual(storedIssuerKey(r.bytes), entry.rev.issuer))
      if (same !== undefined) return { index: same.index, duplicate: true }
      batchLeaves.set(regKey, next)
      await tx.putStatus({ index: next, state: 0, head: next, reason: 0, since: entry.at })
      return { index: next, duplicate: false, stored: { ...base, commitment: entry.c } }
    }
    if (entry.t === 'revoke-key') {
      // A later declaration may move the compromise earlier (more records fall), never later:
      // raising "from" would rehabilitate records an earlier declaration condemned.
      const prior = await tx.keyRevocation(entry.key)
      if (prior !== undefined && entry.from >= prior.from) {
        throw refuse('ERR_CONFLICT', `key ${entry.key} is already revoked from log index ${prior.from}; a new declaration may only lower "from"`)
      }
      if (entry.from > next) throw refuse('ERR_MALFORMED', `"from" (${entry.from}) is after this entry's own position (${next})`)
      await tx.putKeyRevocation({ did: entry.key, from: entry.from, index: next })
      return { index: next, duplicate: false, stored: { ...base, subjectKey: entry.key } }
    }
    if (entry.t === 'succession') return sequenceSuccession(tx, entry, next, base)
    const status = await tx.status(entry.i)
    if (status === undefined) throw refuse('ERR_NOT_FOUND', `log index ${entry.i} is not a registration`)
    if (entry.prev !== status.head) {
      throw refuse('ERR_CONFLICT', `stale statement: the record's last change is at index ${status.head}, not ${entry.prev}`)
    }
    if (FINAL.has(status.state)) throw refuse('ERR_CONFLICT', `the record is already ${status.state === 2 ? 'revoked' : 'withdrawn'}`)
    if (entry.t === 'reinstate' && status.state !== 1) throw refuse('ERR_CONFLICT', 'only a suspended record can be reinstated')
    if (entry.t === 'suspend' && status.state === 1) throw refuse('ERR_CONFLICT', 'the record is already suspended')
    const row: StatusRow = { index: entry.i, state: STATE_OF[entry.t], head: next, reason: entry.reason, since: entry.at }
    await tx.putStatus(row)
    return { index: next, duplicate: false, stored: { ...base, target: entry.i } }
  }

  /**
   * A key has at most one successor (the first logged wins, so a thief of the old key cannot fork
   * the line), may not hand on after its own revocation point, and may not close a loop.
   */
  async function sequenceSuccession(tx: StoreTx, entry: SuccessionEntry, next: number, base: Omit<StoredEntry, 'subjectKey'>): Promise<{ index: number; duplicate: boolean; stored: StoredEntry }> {
    if (entry.from > next) throw refuse('ERR_MALFORMED', `"from" (${entry.from}) is after this entry's own position (${next})`)
    const successorOf = async (did: string): Promise<string | undefined> => {
      const inBatch = batchSuccessors.get(did)
      if (inBatch !== undefined) return inBatch
      for (const e of await tx.keyEntries(did)) {
        // Stored, so validated on the way in: read without the did:key curve checks.
        const logged = decodeCbor(e.bytes) as { t?: unknown; new?: unknown }
        if (logged.t === 'succession' && typeof logged.new === 'string') return logged.new
      }
      return undefined
    }
    const revoked = await tx.keyRevocation(entry.old)
    if (revoked !== undefined && next >= revoked.from) throw refuse('ERR_KEY_REVOKED', `key ${entry.old} was revoked from log position ${revoked.from}; it can no longer name a successor`)
    const already = await successorOf(entry.old)
    if (already !== undefined) throw refuse('ERR_CONFLICT', `key ${entry.old} already has a successor (${already})`)
    let cursor: string | undefined = entry.new
    for (let hops = 0; cursor !== undefined; hops++) {
      if (cursor === entry.old) throw refuse('ERR_SUCCESSION_LOOP', `${entry.new} already leads back to ${entry.old}: a succession loop`)
      if (hops > MAX_SUCCESSION_CHAIN) break
      cursor = await successorOf(cursor)
    }
    batchSuccessors.set(entry.old, entry.new)
    return { index: next, duplicate: false, stored: { ...base, subjectKey: entry.old } }
  }

  async function flush(): Promise<void> {
    while (pending.length > 0) {
      const arrived = pending.splice(0, batchSize)
      // Signatures were checked concurrently since arrival; sequencing below keeps arrival order.
      const checks = await Promise.all(arrived.map((item) => item.authorised))
      const batch: Pending[] = []
      arrived.forEach((item, i) => {
        const check = checks[i]
        if (check === undefined) batch.push(item)
        else item.reject(check.refusal)
      })
      if (batch.length === 0) continue
      const outcomes: ({ index: number; duplicate: boolean } | { error: unknown })[] = []
      let size = 0
      let checkpoint: string | undefined
      let committedNodes: readonly StoredNodeRow[] = []
      try {
        await store.transaction(async (tx) => {
          outcomes.length = 0
          batchSuccessors.clear()
          const start = await tx.size()
          const stored: StoredEntry[] = []
          const batchLeaves = new Map<string, number>()
          for (const item of batch) {
            try {
              const r = await sequenceOne(tx, item, start + stored.length, batchLeaves)
              if (r.stored !== undefined) {
                stored.push(r.stored)
                if (item.entry.t !== 'reg') batchLeaves.set(bytesKey(item.leafHash), r.index)
              }
              outcomes.push({ index: r.index, duplicate: r.duplicate })
            } catch (e) {
              if (!(e instanceof CounterfoilError) || e.code === 'ERR_STORE') throw e
              outcomes.push({ error: e })
            }
          }
          size = start
          if (stored.length === 0) {
            checkpoint = await tx.latestCheckpoint()
            return
          }
          const { newNodes, newSize, root } = await appendLeaves(tx, start, stored.map((s) => s.leafHash))
          await tx.putEntries(stored)
          await tx.putNodes(newNodes)
          committedNodes = newNodes
          checkpoint = await signCheckpoint({ origin, size: newSize, rootHash: root, extensions: [] }, signer)
          await tx.putCheckpoint(newSize, checkpoint)
          size = newSize
        })
      } catch (e) {
        const err = e instanceof CounterfoilError ? e : new CounterfoilError('ERR_STORE', 'registry store failed; nothing in this batch was stored', { cause: e })
        for (const item of batch) item.reject(err)
        continue
      }
      commits++
      nodes.remember(committedNodes)
      noteCache.clear()
      if (snapshotCache !== undefined && snapshotCache.size !== size) snapshotCache = undefined
      const note = checkpoint
      batch.forEach((item, i) => {
        const o = outcomes[i]!
        if ('error' in o) item.reject(o.error)
        else if (note === undefined) item.reject(refuse('ERR_STORE', 'no checkpoint'))
        else item.resolve({ ...o, checkpoint: note })
      })
    }
  }

  function schedule(): void {
    if (flushing !== undefined || timer !== undefined) return
    const run = (): void => {
      timer = undefined
      flushing = flush().finally(() => {
        flushing = undefined
        if (pending.length > 0) schedule()
      })
    }
    if (pending.length >= batchSize || batchDelayMs <= 0) run()
    else timer = setTimeout(run, batchDelayMs)
  }

  /** A receipt against `checkpoint`: the one signed in the transaction that sequenced (or found) the entry. */
  async function receiptFor({ index, duplicate, checkpoint }: Sequenced, entry: Uint8Array, leafHash: Uint8Array): Promise<Receipt> {
    const size = Number(checkpoint.split('\n', 2)[1])
    if (!(size > index)) throw refuse('ERR_STORE', 'checkpoint does not cover the entry it acknowledges')
    return { index, leafHash, entry, checkpoint, inclusionPath: await inclusionProof(nodes, index, size), duplicate }
  }

  const registry: Registry = {
    origin,
    did: signer.did,
    verifierKey,
    async key() {
      return signer.did
    },
    async size() {
      return store.size()
    },
    async submit(bytes, submitOptions) {
      if (closed) throw refuse('ERR_REGISTRY_UNAVAILABLE', 'registry is closed')
      if (!(bytes instanceof Uint8Array)) throw new TypeError('"entry" expected Uint8Array')
      bytes = ownCopy(bytes)
      const entry = decodeEntryToVerify(bytes)
      let auth: { signer: string; sig: Uint8Array } | undefined
      if (submitOptions?.submitter !== undefined) {
        auth = { signer: submitOptions.submitter.did, sig: await submitOptions.submitter.sign(domainSeparated(DOMAIN.submission, bytes)) }
      }
      return submitWithAuth(bytes, entry, auth)
    },
    async checkpoint() {
      return (await store.latestCheckpoint())!
    },
    async statusNotes(commitment, issuer) {
      if (!(commitment instanceof Uint8Array) || commitment.length !== 32) throw refuse('ERR_MALFORMED', 'commitment must be 32 bytes')
      const cacheKey = `${bytesKey(commitment)}|${issuer ?? ''}`
      const at = now()
      const cached = noteCache.get(cacheKey)
      if (cached !== undefined && cached.until > at && cached.size === (await store.size())) return cached.bytes
      const generation = commits
      const [regs, size, keyRow] = await Promise.all([
        store.registrations(commitment), store.size(), issuer === undefined ? undefined : store.keyRevocation(issuer),
      ])
      const keys = keyRow === undefined ? [] : [keyRow]
      const notes = regs.length === 0
        ? [await signStatusNote({ commitment, keys, size, at, ttl: statusTtl }, signer)]
        : await Promise.all(regs.map(async (r) => {
            const status = await store.status(r.index)
            return signStatusNote({ commitment, ...(status === undefined ? {} : { status }), revocationKey: storedIssuerKey(r.bytes), keys, size, at, ttl: statusTtl }, signer)
          }))
      if (generation !== commits) return notes
      if (noteCache.size > 10_000) noteCache.clear()
      noteCache.set(cacheKey, { bytes: notes, until: at + Math.min(30, statusTtl), size })
      return notes
    },
    async bucket(prefix) {
      if (!(prefix instanceof Uint8Array) || prefix.length < 1 || prefix.length > 4) throw refuse('ERR_MALFORMED', 'bucket prefix must be 1-4 bytes')
      const [regs, keys, size] = await Promise.all([store.registrationsByPrefix(prefix, MAX_BUCKET_ITEMS + 1), store.keyRevocations(), store.size()])
      // A cut-off bucket would say "not registered" for whatever fell off: refuse instead.
      if (regs.length > MAX_BUCKET_ITEMS) throw refuse('ERR_TOO_LARGE', `more than ${MAX_BUCKET_ITEMS} registrations share this prefix; ask with a longer one`)
      const items: BucketItem[] = []
      for (const r of regs) {
        const status = await store.status(r.index)
        if (status !== undefined && r.commitment !== undefined) items.push({ commitment: r.commitment, status, revocationKey: storedIssuerKey(r.bytes) })
      }
      return signBucket(prefix, items, keys, size, now(), statusTtl, signer)
    },
    async snapshot() {
      const at = now()
      const size = await store.size()
      if (snapshotCache !== undefined && snapshotCache.size === size && snapshotCache.until > at) return snapshotCache.bytes
      const [nonValid, keys] = await Promise.all([store.nonValidStatuses(), store.keyRevocations()])
      const { bytes } = await signSnapshot(size, nonValid, keys, at, snapshotTtl, signer)
      snapshotCache = { bytes, size, until: at + Math.min(300, snapshotTtl) }
      return bytes
    },
    async keyHistory(did) {
      publicKeyFromDid(did)
      return (await store.keyEntries(did)).map((e) => ({ index: e.index, entry: e.bytes }))
    },
    async tile(tile) {
      // Nodes at tree level 8L that exist: floor(size / 256^L). Division, not shifts: sizes pass 2^31.
      const available = Math.floor((await store.size()) / TILE_WIDTH ** tile.level)
      const first = tile.index * TILE_WIDTH
      if (first + tile.width > available) throw refuse('ERR_NOT_FOUND', `the tree has no ${tile.kind === 'entries' ? 'entry bundle' : 'tile'} ${tile.level}/${tile.index} of width ${tile.width} yet`)
      if (tile.kind === 'hashes') {
        const hashes = await nodes.getNodes(tileNodeIds(tile))
        const out = new Uint8Array(hashes.length * 32)
        hashes.forEach((h, i) => out.set(h, i * 32))
        return out
      }
      // c2sp.org/tlog-tiles entry bundle: each entry as a big-endian uint16 length, then its bytes.
      const entries = await store.entries(first, first + tile.width)
      const out = new Uint8Array(entries.reduce((n, e) => n + 2 + e.bytes.length, 0))
      let o = 0
      for (const e of entries) {
        out[o] = e.bytes.length >> 8
        out[o + 1] = e.bytes.length & 0xff
        out.set(e.bytes, o + 2)
        o += 2 + e.bytes.length
      }
      return out
    },
    async entry(index) {
      const [e] = await store.entries(index, index + 1)
      if (e === undefined) throw refuse('ERR_NOT_FOUND', `no log entry at index ${index}`)
      return e.bytes
    },
    async inclusionProof(index, size) {
      if (size > (await store.size()) || index >= size) throw refuse('ERR_NOT_FOUND', `no entry ${index} in a tree of size ${size}`)
      return inclusionProof(nodes, index, size)
    },
    async consistencyProof(first, second) {
      if (second > (await store.size()) || first > second) throw refuse('ERR_NOT_FOUND', `no consistency proof from ${first} to ${second}`)
      return consistencyProof(nodes, first, second)
    },
    async close() {
      closed = true
      if (timer !== undefined) {
        clearTimeout(timer)
        timer = undefined
      }
      while (flushing !== undefined || pending.length > 0) {
        if (flushing === undefined) flushing = flush().finally(() => { flushing = undefined })
        await flushing
      }
    },
  }

  async function submitWithAuth(bytes: Uint8Array, entry: LogEntry, auth: { signer: string; sig: Uint8Array } | undefined): Promise<Receipt> {
    // A future-dated statement could claim a time the registry has not reached (a suspension that
    // "began" next year, a registration that sorts after later ones): bounded by the clock skew.
    const limit = now() + maxClockSkew
    if (entry.at > limit) throw refuse('ERR_NOT_YET_VALID', `entry "at" ${entry.at} is more than ${maxClockSkew} s ahead of the registry clock (${limit - maxClockSkew})`)
    if (pending.length >= maxPending) throw refuse('ERR_OVERLOADED', `registry is busy (${pending.length} entries waiting); retry shortly`)
    // Queued now, in arrival order, with its signature check running (on the thread pool in Node);
    // the batch waits for its checks, then sequences in this order (statements with the same
    // "prev": the first to arrive wins, whichever check finishes first).
    const authorised = authorise(entry, bytes, auth).then(() => undefined, (refusal: unknown) => ({ refusal }))
    const leafHash = hashLeaf(bytes)
    const sequenced = await new Promise<Sequenced>((resolve, reject) => {
      pending.push({ bytes, entry, leafHash, authorised, resolve, reject })
      schedule()
    })
    if (!sequenced.duplicate) return receiptFor(sequenced, bytes, leafHash)
    // A duplicate's receipt is for the logged entry (a re-timed `reg` has other bytes).
    const logged = (await store.entries(sequenced.index, sequenced.index + 1))[0]!
    return receiptFor(sequenced, logged.bytes, logged.leafHash)
  }

  internals.set(registry, {
    submitWithAuth: (bytes, auth) => {
      const own = ownCopy(bytes)
      return submitWithAuth(own, decodeEntryToVerify(own), auth)
    },
  })
  return registry
}

/** Lets the HTTP handler pass a submission's detached authentication through. */
const internals = new WeakMap<Registry, { submitWithAuth(bytes: Uint8Array, auth: { signer: string; sig: Uint8Array } | undefined): Promise<Receipt> }>()

/** @internal used by the HTTP handler */
export function submitAuthenticated(registry: Registry, bytes: Uint8Array, auth: { signer: string; sig: Uint8Array } | undefined): Promise<Receipt> {
  const inner = internals.get(registry)
  if (inner === undefined) return registry.submit(bytes)
  return inner.submitWithAuth(bytes, auth)
}

/** Encodes a submission body for HTTP: `{ entry, auth? }`. */
export async function encodeSubmission(entry: Uint8Array, submitter?: Signer): Promise<Uint8Array> {
  if (submitter === undefined) return encodePlain({ entry })
  return encodePlain({ entry, auth: { signer: submitter.did, sig: await submitter.sign(domainSeparated(DOMAIN.submission, entry)) } })
}

/** Decodes a submission body. */
export function decodeSubmission(body: Uint8Array): { entry: Uint8Array; auth?: { signer: string; sig: Uint8Array } } {
  const value = decodeCbor(body, { maxDepth: 3 }) as Record<string, unknown>
  if (typeof value !== 'object' || value === null || !(value.entry instanceof Uint8Array)) throw refuse('ERR_MALFORMED', 'submission must be { entry: bytes, auth? }')
  const extra = Object.keys(value).filter((k) => k !== 'entry' && k !== 'auth')
  if (extra.length > 0) throw refuse('ERR_MALFORMED', `submission has unknown field "${extra[0]}"`)
  if (value.auth === undefined) return { entry: value.entry }
  const auth = value.auth as Record<string, unknown>
  if (typeof auth !== 'object' || auth === null || typeof auth.signer !== 'string' || !(auth.sig instanceof Uint8Array) || auth.sig.length !== 64) {
    throw refuse('ERR_MALFORMED', 'submission "auth" must be { signer: did, sig: 64 bytes }')
  }
  publicKeyFromDid(auth.signer)
  return { entry: value.entry, auth: { signer: auth.signer, sig: auth.sig } }
}
