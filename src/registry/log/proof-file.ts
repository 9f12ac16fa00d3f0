/**
 * Offline proof files in the C2SP `tlog-proof` format (c2sp.org/tlog-proof): a holder keeps one
 * beside a record, and anyone holding the log's public key and origin checks, without network
 * access, that the record's log entry is in a tree the log signed.
 *
 * ```
 * c2sp.org/tlog-proof@v1
 * extra <base64>            (optional, unauthenticated)
 * index <decimal>
 * <base64 hash>             (zero or more: the inclusion path, leaf's sibling first)
 *
 * <signed checkpoint note, verbatim>
 * ```
 *
 * Files should be stored with the extension `.tlog-proof`. Parsing is strict (canonical padded
 * base64, no leading zeroes, 32-byte hashes, at most 63 path hashes, newline line endings).
 *
 * @module
 */
import { CounterfoilError } from '../../errors.js'
import type { Checkpoint } from './checkpoint.js'
import { fromBase64, fromUtf8, isWellFormedText, toBase64 } from './encoding.js'
import { assertBytes } from '../../codec/bytes.js'
import { HASH_LENGTH, verifyInclusion } from './merkle.js'
import type { NoteSignature, NoteVerifier, OpenNoteOptions } from './note.js'
import { openCheckpoint } from './signed-checkpoint.js'
import { MAX_TREE_SIZE } from './tree-math.js'

/** The first line of every proof file. */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1'

/** Longest inclusion path accepted: a tree of 2^63 leaves needs 63 hashes. */
export const MAX_PROOF_HASHES = 63

/** Default cap on the size of a proof file in {@link parseProofFile}, in UTF-8 bytes. */
export const DEFAULT_MAX_PROOF_FILE_BYTES = 1024 * 1024

/** The parts of a proof file. */
export interface TlogProof {
  /** Zero-based index of the entry in the log. */
  readonly index: number
  /** The RFC 9162 inclusion path for `index` in the checkpoint's tree, leaf's sibling first. */
  readonly inclusionPath: readonly Uint8Array[]
  /** The signed checkpoint note, verbatim (its own blank line and signature lines included). */
  readonly checkpoint: string
  /** Optional opaque application data. Not authenticated: never trust it implicitly. */
  readonly extra?: Uint8Array
}

/** Options for {@link verifyProofFile}. */
export interface VerifyProofFileOptions extends OpenNoteOptions {
  /** The RFC 9162 leaf hash of the entry the proof is about (`hashLeaf(entryBytes)`). */
  readonly leafHash: Uint8Array
  /** The log's trusted note keys. */
  readonly verifiers: readonly NoteVerifier[]
  /** The log's expected origin line. */
  readonly origin: string
}

/** A proof file that verified. */
export interface VerifiedProof {
  /** The entry index. */
  readonly index: number
  /** The checkpoint the entry is included in. */
  readonly checkpoint: Checkpoint
  /** The trusted keys that signed the checkpoint. */
  readonly verifiedBy: readonly NoteVerifier[]
  /** Other signatures on the checkpoint (e.g. witness cosignatures), for a policy layer. */
  readonly unverified: readonly NoteSignature[]
  /** The unauthenticated extra data, if present. */
  readonly extra?: Uint8Array
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/

/**
 * Formats a proof file.
 *
 * @param proof - index, inclusion path, signed checkpoint note and optional extra data
 * @returns the proof file text
 * @throws TypeError/RangeError for an invalid index, a hash that is not 32 bytes, more than 63
 *   hashes, empty extra data, or a checkpoint that does not end with a newline
 * @example
 * ```ts
 * const file = formatProofFile({ index, inclusionPath: await inclusionProof(store, index, size), checkpoint: note })
 * ```
 */
export function formatProofFile(proof: TlogProof): string {
  const { index, inclusionPath, checkpoint, extra } = proof ?? {}
  if (typeof index !== 'number') throw new TypeError('"index" expected a number')
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`"index" expected an integer in [0, 2^53 - 1], got ${String(index)}`)
  if (!Array.isArray(inclusionPath)) throw new TypeError('"inclusionPath" expected an array of Uint8Array')
  if (inclusionPath.length > MAX_PROOF_HASHES) throw new RangeError(`"inclusionPath" has more than ${MAX_PROOF_HASHES} hashes`)
  inclusionPath.forEach((h, i) => {
    assertBytes(h, `inclusionPath[${i}]`)
    if (h.length !== HASH_LENGTH) throw new RangeError(`"inclusionPath[${i}]" expected Uint8Array of length ${HASH_LENGTH}, got length=${h.length}`)
  })
  if (typeof checkpoint !== 'string') throw new TypeError('"checkpoint" expected a string')
  if (!checkpoint.endsWith('\n') || checkpoint.startsWith('\n')) {
    throw new RangeError('"checkpoint" expected a signed note (non-empty first line, final newline)')
  }
  let out = `${TLOG_PROOF_HEADER}\n`
  if (extra !== undefined) {
    assertBytes(extra, 'extra')
    if (extra.length === 0) throw new RangeError('"extra" must be omitted rather than empty')
    out += `extra ${toBase64(extra)}\n`
  }
  out += `index ${index}\n`
  for (const h of inclusionPath) out += `${toBase64(h)}\n`
  return `${out}\n${checkpoint}`
}

/**
 * Parses a proof file strictly. The checkpoint is returned verbatim and not checked here; use
 * {@link verifyProofFile} to check everything.
 *
 * @param file - the proof file, as a string or UTF-8 bytes
 * @param maxBytes - the largest file accepted (default 1 MiB)
 * @returns the parts
 * @throws CounterfoilError `ERR_MALFORMED` for anything but a well-formed proof file; TypeError if
 *   `file` is neither a string nor bytes
 * @example
 * ```ts
 * const { index, inclusionPath, checkpoint } = parseProofFile(await file.text())
 * ```
 */
export function parseProofFile(file: string | Uint8Array, maxBytes: number = DEFAULT_MAX_PROOF_FILE_BYTES): TlogProof {
  const fail = (why: string): never => {
    throw new CounterfoilError('ERR_MALFORMED', `tlog-proof: ${why}`)
  }
  let text: string
  if (file instanceof Uint8Array) {
    if (file.length > maxBytes) fail(`file is larger than ${maxBytes} bytes`)
    const decoded = fromUtf8(file)
    if (decoded === undefined) fail('file is not valid UTF-8')
    text = decoded!
  } else if (typeof file === 'string') {
    if (!isWellFormedText(file)) fail('file is not well-formed Unicode')
    if (file.length > maxBytes) fail(`file is larger than ${maxBytes} bytes`)
    text = file
  } else {
    throw new TypeError('"file" expected a string or Uint8Array')
  }

  let pos = 0
  const nextLine = (): string => {
    const end = text.indexOf('\n', pos)
    if (end < 0) fail('unexpected end of file')
    const line = text.slice(pos, end)
    pos = end + 1
    return line
  }

  if (nextLine() !== TLOG_PROOF_HEADER) fail(`first line is not ${TLOG_PROOF_HEADER}`)
  let line = nextLine()
  let extra: Uint8Array | undefined
  if (line.startsWith('extra ')) {
    extra = fromBase64(line.slice('extra '.length))
    if (extra === undefined || extra.length === 0) fail('extra data is not non-empty canonical padded base64')
    line = nextLine()
  }
  if (!line.startsWith('index ')) fail('missing index line')
  const indexText = line.slice('index '.length)
  if (!DECIMAL.test(indexText)) fail('index is not a decimal without leading zeroes')
  const index = Number(indexText)
  if (!(index <= MAX_TREE_SIZE) || String(index) !== indexText) fail('index is above 2^53 - 1')

  const inclusionPath: Uint8Array[] = []
  for (line = nextLine(); line !== ''; line = nextLine()) {
    if (inclusionPath.length === MAX_PROOF_HASHES) fail(`more than ${MAX_PROOF_HASHES} proof hashes`)
    const h = fromBase64(line)
    if (h === undefined || h.length !== HASH_LENGTH) fail('proof line is not canonical padded base64 of a 32-byte hash')
    inclusionPath.push(h!)
  }
  const checkpoint = text.slice(pos)
  if (checkpoint === '' || checkpoint.startsWith('\n') || !checkpoint.endsWith('\n')) {
    fail('checkpoint is missing or does not end with a newline')
  }
  return extra === undefined ? { index, inclusionPath, checkpoint } : { index, inclusionPath, checkpoint, extra }
}

/**
 * Verifies a proof file offline: the checkpoint must be signed by a trusted log key and carry the
 * expected origin, and the inclusion path must lead from `leafHash` at `index` to the
 * checkpoint's root (RFC 9162 §2.1.3.2).
 *
 * @param file - the proof file (text or bytes), or its parsed parts
 * @param options - the leaf hash, the log's trusted keys and origin, and note limits
 * @returns the index, the checkpoint, and who signed it
 * @throws CounterfoilError `ERR_MALFORMED` (file or note syntax), `ERR_SIGNATURE_INVALID`
 *   (checkpoint not signed by a trusted key, or a trusted key's signature fails),
 *   `ERR_CHECKPOINT_INVALID` (bad body or another origin), `ERR_PROOF_INVALID` (index not in the
 *   tree, or the path does not lead to the root); TypeError/RangeError for bad options
 * @example
 * ```ts
 * const { checkpoint } = await verifyProofFile(file, { leafHash: hashLeaf(entry), verifiers: [logKey], origin: 'example.com/log' })
 * ```
 */
export async function verifyProofFile(file: string | Uint8Array | TlogProof, options: VerifyProofFileOptions): Promise<VerifiedProof> {
  const { leafHash, verifiers, origin, ...noteOptions } = options ?? ({} as VerifyProofFileOptions)
  assertBytes(leafHash, 'leafHash')
  if (leafHash.length !== HASH_LENGTH) throw new RangeError(`"leafHash" expected Uint8Array of length ${HASH_LENGTH}, got length=${leafHash.length}`)
  const proof = typeof file === 'string' || file instanceof Uint8Array ? parseProofFile(file, noteOptions.maxBytes) : file
  const opened = await openCheckpoint(proof.checkpoint, verifiers, { ...noteOptions, origin })
  const { checkpoint } = opened
  if (proof.index >= checkpoint.size) {
    throw new CounterfoilError('ERR_PROOF_INVALID', `tlog-proof: index ${proof.index} is not in a tree of ${checkpoint.size}`)
  }
  if (!verifyInclusion(leafHash, proof.index, checkpoint.size, proof.inclusionPath, checkpoint.rootHash)) {
    throw new CounterfoilError('ERR_PROOF_INVALID', 'tlog-proof: inclusion proof does not lead to the checkpoint root')
  }
  const result = { index: proof.index, checkpoint, verifiedBy: opened.verifiedBy, unverified: opened.unverified }
  return proof.extra === undefined ? result : { ...result, extra: proof.extra }
}
