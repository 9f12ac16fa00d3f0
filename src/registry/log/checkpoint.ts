/**
 * C2SP `tlog-checkpoint` note text (c2sp.org/tlog-checkpoint): the body a log signs as a signed
 * note. Three or more non-empty lines, each ending in a newline:
 *
 * ```
 * <origin>
 * <tree size, decimal, no leading zeroes>
 * <root hash, standard padded base64 of 32 bytes>
 * [<extension line>…]
 * ```
 *
 * Parsing is strict: exactly one text per checkpoint, so `formatCheckpoint(parseCheckpoint(t)) === t`.
 * Tree sizes above 2^53 − 1 are refused (this library's limit; see `tree-math.ts`).
 *
 * @module
 */
import { assertBytes } from '../../codec/bytes.js'
import { CounterfoilError } from '../../errors.js'
import { fromBase64, isWellFormedText, toBase64 } from './encoding.js'
import { HASH_LENGTH } from './merkle.js'
import { MAX_TREE_SIZE } from './tree-math.js'

/** A parsed checkpoint body. */
export interface Checkpoint {
  /** The log's identity, e.g. `example.com/log42`. Non-empty; no newline or control character. */
  readonly origin: string
  /** Number of leaves in the tree. */
  readonly size: number
  /** RFC 9162 root hash at `size` (32 bytes). */
  readonly rootHash: Uint8Array
  /** Optional opaque extension lines (C2SP: NOT RECOMMENDED). Each non-empty, without newline. */
  readonly extensions: readonly string[]
}

// Control characters other than newline are banned by c2sp.org/signed-note.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/
const DECIMAL = /^(?:0|[1-9][0-9]*)$/

function lineProblem(line: string): string | undefined {
  if (line.length === 0) return 'is empty'
  if (CONTROL.test(line)) return 'contains a control character'
  if (!isWellFormedText(line)) return 'is not well-formed Unicode'
  return undefined
}

/**
 * Formats a checkpoint body (the signed note's text).
 *
 * @param checkpoint - origin, size, root hash and optional extension lines
 * @returns the note text, ending in a newline
 * @throws TypeError/RangeError if a field is invalid (empty or multi-line origin, size not a
 *   safe non-negative integer, root hash not 32 bytes, bad extension line)
 * @example
 * ```ts
 * formatCheckpoint({ origin: 'example.com/log', size: 3, rootHash, extensions: [] })
 * // 'example.com/log\n3\n<base64>\n'
 * ```
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint ?? {}
  if (typeof origin !== 'string') throw new TypeError('"origin" expected a string')
  const problem = lineProblem(origin)
  if (problem !== undefined) throw new RangeError(`"origin" ${problem}`)
  if (typeof size !== 'number') throw new TypeError('"size" expected a number')
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(`"size" expected an integer in [0, 2^53 - 1], got ${String(size)}`)
  }
  assertBytes(rootHash, 'rootHash', HASH_LENGTH)
  if (!Array.isArray(extensions)) throw new TypeError('"extensions" expected an array of strings')
  extensions.forEach((line, i) => {
    if (typeof line !== 'string') throw new TypeError(`"extensions[${i}]" expected a string`)
    const p = lineProblem(line)
    if (p !== undefined) throw new RangeError(`"extensions[${i}]" ${p}`)
  })
  return [origin, String(size), toBase64(rootHash), ...extensions].map((l) => `${l}\n`).join('')
}

/**
 * Parses a checkpoint body strictly. Pass the text of a signed note *after* its signature was
 * verified (see `openCheckpoint`); a checkpoint is not to be trusted on its own.
 *
 * @param text - the note text, ending in a newline
 * @returns the checkpoint
 * @throws CounterfoilError `ERR_CHECKPOINT_INVALID` for anything but a well-formed body: missing
 *   final newline, fewer than three lines, an empty line, a control character, a size with a sign,
 *   leading zeroes or above 2^53 − 1, a root hash that is not canonical padded base64 of 32 bytes;
 *   TypeError if `text` is not a string
 * @example
 * ```ts
 * const { origin, size, rootHash } = parseCheckpoint('example.com/log\n3\n' + b64 + '\n')
 * ```
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string') throw new TypeError('"text" expected a string')
  const fail = (why: string): never => {
    throw new CounterfoilError('ERR_CHECKPOINT_INVALID', `checkpoint ${why}`)
  }
  if (!text.endsWith('\n')) fail('does not end with a newline')
  const lines = text.slice(0, -1).split('\n')
  if (lines.length < 3) fail(`has ${lines.length} lines, expected at least 3`)
  lines.forEach((line, i) => {
    const p = lineProblem(line)
    if (p !== undefined) fail(`line ${i + 1} ${p}`)
  })
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]]
  if (!DECIMAL.test(sizeText)) fail('tree size is not a decimal without leading zeroes')
  const size = Number(sizeText)
  if (!(size <= MAX_TREE_SIZE) || String(size) !== sizeText) fail('tree size is above 2^53 - 1')
  const rootHash = fromBase64(rootText)
  if (rootHash === undefined) fail('root hash is not canonical padded base64')
  if (rootHash!.length !== HASH_LENGTH) fail(`root hash has ${rootHash!.length} bytes, expected ${HASH_LENGTH}`)
  return { origin, size, rootHash: rootHash!, extensions }
}
