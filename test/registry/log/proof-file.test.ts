import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { type ErrorCode, isCounterfoilError } from '../../../src/errors.js'
import { publicKeyFromSeed, signEd25519 } from '../../../src/keys/ed25519.js'
import type { Signer } from '../../../src/keys/interface.js'
import { toBase64 } from '../../../src/registry/log/encoding.js'
import { MemoryNodeStore } from '../../../src/registry/log/memory-node-store.js'
import { hashLeaf } from '../../../src/registry/log/merkle.js'
import { type NoteVerifier, noteVerifier } from '../../../src/registry/log/note.js'
import { formatProofFile, parseProofFile, verifyProofFile } from '../../../src/registry/log/proof-file.js'
import { signCheckpoint } from '../../../src/registry/log/signed-checkpoint.js'
import { appendLeaves, inclusionProof } from '../../../src/registry/log/tree.js'
import c2sp from '../../vectors/c2sp/examples.json' with { type: 'json' }
import { flipBit } from './helpers.js'

const ORIGIN = 'registry.example/log'
const N = 37
const entry = (i: number) => new TextEncoder().encode(`entry ${i}`)

async function signerFromSeed(fill: number): Promise<Signer> {
  const seed = new Uint8Array(32).fill(fill)
  return { did: 'did:key:x', publicKey: await publicKeyFromSeed(seed), sign: (m) => signEd25519(seed, m) }
}

let signer: Signer
let logKey: NoteVerifier
let note: string
const store = new MemoryNodeStore()

beforeAll(async () => {
  signer = await signerFromSeed(3)
  logKey = noteVerifier(ORIGIN, signer.publicKey)
  const res = await appendLeaves(store, 0, Array.from({ length: N }, (_, i) => hashLeaf(entry(i))))
  store.putNodes(res.newNodes)
  note = await signCheckpoint({ origin: ORIGIN, size: N, rootHash: res.root, extensions: [] }, signer)
})

async function fileFor(index: number, extra?: Uint8Array): Promise<string> {
  const inclusionPath = await inclusionProof(store, index, N)
  return formatProofFile(extra === undefined ? { index, inclusionPath, checkpoint: note } : { index, inclusionPath, checkpoint: note, extra })
}

async function fails(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(p).rejects.toSatisfy((e) => isCounterfoilError(e, code))
}

describe('tlog-proof files', () => {
  it('verifies a proof for every entry, from text and from bytes', async () => {
    for (let i = 0; i < N; i++) {
      const file = await fileFor(i)
      const opts = { leafHash: hashLeaf(entry(i)), verifiers: [logKey], origin: ORIGIN }
      const r = await verifyProofFile(file, opts)
      expect(r.index).toBe(i)
      expect(r.checkpoint.size).toBe(N)
      await verifyProofFile(new TextEncoder().encode(file), opts)
      await verifyProofFile(parseProofFile(file), opts)
    }
  })

  it('has the C2SP layout and round trips, extra included', async () => {
    const extra = new TextEncoder().encode('age-v1.2.1-darwin-arm64.tar.gz')
    const file = await fileFor(5, extra)
    const lines = file.split('\n')
    expect(lines[0]).toBe('c2sp.org/tlog-proof@v1')
    expect(lines[1]).toBe(`extra ${toBase64(extra)}`)
    expect(lines[2]).toBe('index 5')
    const parsed = parseProofFile(file)
    expect(parsed.extra).toEqual(extra)
    expect(parsed.checkpoint).toBe(note)
    expect(formatProofFile(parsed)).toBe(file)
    const r = await verifyProofFile(file, { leafHash: hashLeaf(entry(5)), verifiers: [logKey], origin: ORIGIN })
    expect(r.extra).toEqual(extra)
  })

  it('parses the header, extra, index and path lines of the C2SP example', () => {
    const ex = c2sp.proofExample
    const file = [
      'c2sp.org/tlog-proof@v1',
      `extra ${ex.extra}`,
      `index ${ex.index}`,
      ...ex.inclusionPath,
      '',
      c2sp.checkpointNote,
    ].join('\n')
    const p = parseProofFile(file)
    expect(p.index).toBe(ex.index)
    expect(p.inclusionPath.map(toBase64)).toEqual(ex.inclusionPath)
    expect(p.checkpoint).toBe(c2sp.checkpointNote)
    expect(formatProofFile(p)).toBe(file)
  })

  it('rejects tampering with typed errors', async () => {
    const file = await fileFor(9)
    const opts = { leafHash: hashLeaf(entry(9)), verifiers: [logKey], origin: ORIGIN }
    await fails(verifyProofFile(file, { ...opts, leafHash: hashLeaf(entry(10)) }), 'ERR_PROOF_INVALID')
    await fails(verifyProofFile(file.replace('index 9', 'index 8'), opts), 'ERR_PROOF_INVALID')
    await fails(verifyProofFile(file.replace('index 9', `index ${N}`), opts), 'ERR_PROOF_INVALID')
    const p = parseProofFile(file)
    for (let i = 0; i < p.inclusionPath.length; i++) {
      const path = p.inclusionPath.map((h, j) => (i === j ? flipBit(h, 17) : h))
      await fails(verifyProofFile({ ...p, inclusionPath: path }, opts), 'ERR_PROOF_INVALID')
    }
    await fails(verifyProofFile({ ...p, inclusionPath: p.inclusionPath.slice(1) }, opts), 'ERR_PROOF_INVALID')
    await fails(verifyProofFile({ ...p, inclusionPath: [...p.inclusionPath, p.inclusionPath[0]!] }, opts), 'ERR_PROOF_INVALID')
    await fails(verifyProofFile(file, { ...opts, origin: 'other.example/log' }), 'ERR_CHECKPOINT_INVALID')
    const stranger = await signerFromSeed(4)
    await fails(verifyProofFile(file, { ...opts, verifiers: [noteVerifier(ORIGIN, stranger.publicKey)] }), 'ERR_SIGNATURE_INVALID')
    // A checkpoint body changed after signing: the log's signature fails.
    await fails(verifyProofFile(file.replace(`\n${N}\n`, `\n${N + 1}\n`), opts), 'ERR_SIGNATURE_INVALID')
  })

  it('rejects malformed files', () => {
    const bad = [
      '',
      'c2sp.org/tlog-proof@v2\nindex 0\n\n' + 'x\n',
      'c2sp.org/tlog-proof@v1\n',
      'c2sp.org/tlog-proof@v1\nindex 01\n\ncp\n',
      'c2sp.org/tlog-proof@v1\nindex -1\n\ncp\n',
      'c2sp.org/tlog-proof@v1\nindex 9007199254740992\n\ncp\n',
      'c2sp.org/tlog-proof@v1\nindex 0\n!!notbase64!!\n\ncp\n',
      `c2sp.org/tlog-proof@v1\nindex 0\n${toBase64(new Uint8Array(64))}\n\ncp\n`,
      'c2sp.org/tlog-proof@v1\nextra !!\nindex 0\n\ncp\n',
      'c2sp.org/tlog-proof@v1\nextra \nindex 0\n\ncp\n',
      'c2sp.org/tlog-proof@v1\nindex 0\n\n',
      'c2sp.org/tlog-proof@v1\nindex 0\n\ncp',
      'c2sp.org/tlog-proof@v1\nindex 0\n\n\ncp\n',
      'c2sp.org/tlog-proof@v1\r\nindex 0\n\ncp\n',
      'c2sp.org/tlog-proof@v1\nindex 0\nextra AA==\n\ncp\n',
      `c2sp.org/tlog-proof@v1\nindex 0\n${`${toBase64(new Uint8Array(32))}\n`.repeat(64)}\ncp\n`,
    ]
    for (const f of bad) expect(() => parseProofFile(f), JSON.stringify(f)).toThrow(expect.objectContaining({ code: 'ERR_MALFORMED' }))
    expect(() => parseProofFile(Uint8Array.of(0xff))).toThrow(expect.objectContaining({ code: 'ERR_MALFORMED' }))
    expect(() => parseProofFile('x'.repeat(100), 50)).toThrow(expect.objectContaining({ code: 'ERR_MALFORMED' }))
  })

  it('formatProofFile rejects programmer mistakes', () => {
    const ok = { index: 0, inclusionPath: [], checkpoint: 'cp\n' }
    expect(() => formatProofFile({ ...ok, index: -1 })).toThrow(RangeError)
    expect(() => formatProofFile({ ...ok, inclusionPath: [new Uint8Array(31)] })).toThrow(RangeError)
    expect(() => formatProofFile({ ...ok, checkpoint: 'cp' })).toThrow(RangeError)
    expect(() => formatProofFile({ ...ok, extra: new Uint8Array(0) })).toThrow(RangeError)
  })

  it('property: format/parse round trip', () => {
    const cpLine = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\n'))
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 63 }),
        fc.array(fc.oneof(cpLine, fc.constant('')), { minLength: 1, maxLength: 6 }).filter((ls) => ls[0] !== ''),
        fc.option(fc.uint8Array({ minLength: 1, maxLength: 40 }), { nil: undefined }),
        (index, inclusionPath, cpLines, extra) => {
          const checkpoint = cpLines.join('\n') + '\n'
          const proof = extra === undefined ? { index, inclusionPath, checkpoint } : { index, inclusionPath, checkpoint, extra }
          const file = formatProofFile(proof)
          expect(parseProofFile(file)).toEqual(proof)
        },
      ),
    )
  })

  it('property: junk never crashes the verifier, only typed errors', async () => {
    const file = await fileFor(3)
    const opts = { leafHash: hashLeaf(entry(3)), verifiers: [logKey], origin: ORIGIN }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.nat(file.length), fc.nat(40), async (junk, at, cut) => {
        const mutated = file.slice(0, at) + junk + file.slice(Math.min(file.length, at + cut))
        try {
          const r = await verifyProofFile(mutated, opts)
          expect(r.index).toBe(3)
        } catch (e) {
          expect(isCounterfoilError(e)).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })
})
