/**
 * The transparency-log layer: RFC 9162 Merkle trees over a node store, and the C2SP text formats
 * (signed-note, tlog-checkpoint, tlog-proof, tlog-tiles). Pure: no I/O, no Node APIs.
 *
 * @module
 */
export {
  HASH_LENGTH,
  emptyRoot,
  hashChildren,
  hashLeaf,
  rootFromInclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js'
export { MAX_TREE_SIZE } from './tree-math.js'
export {
  type LeafRange,
  type NodeId,
  consistencyProofNodeIds,
  consistencyProofRanges,
  inclusionProofNodeIds,
  inclusionProofRanges,
  nodeRange,
  rootNodeIds,
  subtreeNodeIds,
} from './node-ids.js'
export {
  type AppendResult,
  type NodeReader,
  type StoredNode,
  appendLeaves,
  consistencyProof,
  inclusionProof,
  rootAt,
} from './tree.js'
export { MemoryNodeStore } from './memory-node-store.js'
export { type Checkpoint, formatCheckpoint, parseCheckpoint } from './checkpoint.js'
export {
  DEFAULT_MAX_NOTE_BYTES,
  DEFAULT_MAX_SIGNATURES,
  NOTE_ED25519,
  type NoteSignature,
  type NoteVerifier,
  type OpenNoteOptions,
  type OpenedNote,
  formatSignerKey,
  formatVerifierKey,
  isValidKeyName,
  noteKeyId,
  noteVerifier,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from './note.js'
export {
  type OpenCheckpointOptions,
  type VerifiedCheckpoint,
  openCheckpoint,
  signCheckpoint,
} from './signed-checkpoint.js'
export {
  MAX_PROOF_HASHES,
  TLOG_PROOF_HEADER,
  type TlogProof,
  type VerifiedProof,
  type VerifyProofFileOptions,
  formatProofFile,
  parseProofFile,
  verifyProofFile,
} from './proof-file.js'
export {
  TILE_HEIGHT,
  TILE_WIDTH,
  type ParsedTilePath,
  type TileCoord,
  changedTiles,
  entriesPath,
  formatTileIndex,
  parseTilePath,
  partialTileWidth,
  tileNodeIds,
  tilePath,
} from './tiles.js'
