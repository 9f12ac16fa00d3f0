/**
 * `counterfoil/registry`: the only central part — a tamper-evident log of counterfoils with signed
 * status answers, its HTTP handler and its HTTP client. Browser-safe; SQL stores live under
 * `counterfoil/registry/sqlite` and `counterfoil/registry/postgres`.
 *
 * @example
 * ```ts
 * import { createRegistry, memoryStore, registryHandler } from 'counterfoil/registry'
 * const registry = await createRegistry({ store: memoryStore(), signer, origin: 'registry.example/log' })
 * const handle = registryHandler(registry)
 * ```
 * @module
 */
export { createRegistry, type Registry, type RegistryOptions } from './registry.js'
export { memoryStore } from './store/memory.js'
export type { Store, StoreReader, StoreTx, StoredEntry, StatusRow, KeyRevocationRow, StoredNodeRow, EntryKind } from './store/interface.js'
export type { Receipt, RegistryClient, SubmitOptions } from './client.js'
export { registryHandler, errorResponse, MAX_SUBMISSION_BYTES, type HandlerOptions } from './http.js'
export { remoteRegistry, type RemoteRegistryOptions } from './remote.js'
export { commitmentOf, decodeEntry, REASONS, MAX_ENTRY_BYTES, type LogEntry, type RegEntry, type StatusEntry, type RevokeKeyEntry, type SuccessionEntry, type Reason, type StatementKind } from './entries.js'
export { lookupStatus, register, type RegisterOptions } from './statements.js'
export { openStatusNote, openBucket, openSnapshot, snapshotStatus, type RecordStatus, type StatusSnapshot, type StatusState, type StatusSourceKind } from './status/answers.js'
export { MIN_STATUS_ENTRIES } from './status/bitstring.js'
export { registrationProof } from './proof.js'
export { formatCheckpoint, parseCheckpoint, type Checkpoint } from './log/checkpoint.js'
export { signCheckpoint, openCheckpoint, type VerifiedCheckpoint } from './log/signed-checkpoint.js'
export { formatVerifierKey, parseVerifierKey, noteVerifier, signNote, openNote, type NoteVerifier } from './log/note.js'
export { hashLeaf, hashChildren, verifyInclusion, verifyConsistency } from './log/merkle.js'
export { formatProofFile, parseProofFile, verifyProofFile, type TlogProof } from './log/proof-file.js'
// Types named by the exports above, and the helper decodeEntry's docs point to (so the API docs resolve).
export { checkEntrySignature } from './entries.js'
export type { NodeId } from './log/node-ids.js'
export type { ParsedTilePath, TileCoord } from './log/tiles.js'
export { DEFAULT_MAX_NOTE_BYTES, DEFAULT_MAX_SIGNATURES, type NoteSignature, type OpenedNote, type OpenNoteOptions } from './log/note.js'
export type { OpenCheckpointOptions } from './log/signed-checkpoint.js'
export type { VerifiedProof, VerifyProofFileOptions } from './log/proof-file.js'
