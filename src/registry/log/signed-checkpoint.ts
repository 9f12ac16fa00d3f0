/**
 * Checkpoints as signed notes: a log signs its `tlog-checkpoint` body with its Ed25519 note key,
 * and a client opens it against the log's trusted key and expected origin. Witness cosignatures
 * on the same note are kept as `unverified` signatures for a policy layer to check.
 *
 * @module
 */
import { CounterfoilError } from '../../errors.js'
import type { Signer } from '../../keys/interface.js'
import { type Checkpoint, formatCheckpoint, parseCheckpoint } from './checkpoint.js'
import { type NoteSignature, type NoteVerifier, type OpenNoteOptions, openNote, signNote } from './note.js'

/** Options for {@link openCheckpoint}. */
export interface OpenCheckpointOptions extends OpenNoteOptions {
  /** The log's origin line the caller expects. Required: a checkpoint of another log is refused. */
  readonly origin: string
}

/** A checkpoint whose signature verified. */
export interface VerifiedCheckpoint {
  /** The parsed body. */
  readonly checkpoint: Checkpoint
  /** The note text that was signed (the checkpoint body). */
  readonly text: string
  /** The trusted keys that signed it. */
  readonly verifiedBy: readonly NoteVerifier[]
  /** Other signatures on the note (e.g. witness cosignatures), not verified here. */
  readonly unverified: readonly NoteSignature[]
}

/**
 * Formats and signs a checkpoint. C2SP tlog-checkpoint: the key name SHOULD be the origin, which
 * is the default.
 *
 * @param checkpoint - origin, size, root hash, optional extension lines
 * @param signer - the log's Ed25519 signer
 * @param name - the note key name (default: the origin)
 * @returns the signed checkpoint note
 * @throws TypeError/RangeError for an invalid checkpoint or name; CounterfoilError
 *   `ERR_SIGNER_FAILED` if the signer fails
 * @example
 * ```ts
 * const note = await signCheckpoint({ origin: 'example.com/log', size, rootHash: root, extensions: [] }, signer)
 * ```
 */
export async function signCheckpoint(checkpoint: Checkpoint, signer: Signer, name: string = checkpoint.origin): Promise<string> {
  return signNote(formatCheckpoint(checkpoint), signer, name)
}

/**
 * Opens a signed checkpoint: verifies the note against the trusted keys, parses the body
 * strictly and checks the origin.
 *
 * @param note - the signed checkpoint note (string or UTF-8 bytes)
 * @param verifiers - the log's trusted note keys
 * @param options - the expected `origin`, and note limits
 * @returns the checkpoint with the keys that verified it
 * @throws CounterfoilError `ERR_MALFORMED` (note syntax), `ERR_SIGNATURE_INVALID` (no trusted or
 *   a failing trusted signature), `ERR_CHECKPOINT_INVALID` (bad body or another origin);
 *   TypeError for bad arguments
 * @example
 * ```ts
 * const { checkpoint } = await openCheckpoint(text, [parseVerifierKey(LOG_KEY)], { origin: 'example.com/log' })
 * ```
 */
export async function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: OpenCheckpointOptions,
): Promise<VerifiedCheckpoint> {
  if (typeof options?.origin !== 'string') throw new TypeError('"options.origin" expected a string')
  const opened = await openNote(note, verifiers, options)
  const checkpoint = parseCheckpoint(opened.text)
  if (checkpoint.origin !== options.origin) {
    throw new CounterfoilError(
      'ERR_CHECKPOINT_INVALID',
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not the expected ${JSON.stringify(options.origin)}`,
    )
  }
  return { checkpoint, text: opened.text, verifiedBy: opened.verifiedBy, unverified: opened.unverified }
}
