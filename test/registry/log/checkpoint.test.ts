import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isCounterfoilError } from '../../../src/errors.js'
import { publicKeyFromSeed, signEd25519 } from '../../../src/keys/ed25519.js'
import type { Signer } from '../../../src/keys/interface.js'
import { type Checkpoint, formatCheckpoint, parseCheckpoint } from '../../../src/registry/log/checkpoint.js'
import { fromBase64, toBase64 } from '../../../src/registry/log/encoding.js'
import { noteVerifier, parseVerifierKey } from '../../../src/registry/log/note.js'
import { openCheckpoint, signCheckpoint } from '../../../src/registry/log/signed-checkpoint.js'
import c2sp from '../../vectors/c2sp/examples.json' with { type: 'json' }
import sumdb from '../../vectors/golang-sumdb-note/sum-golang-org-checkpoint.json' with { type: 'json' }

const ROOT = new Uint8Array(32).map((_, i) => i)
const R64 = toBase64(ROOT)

function invalid(text: string): void {
  expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow(expect.objectContaining({ code: 'ERR_CHECKPOINT_INVALID' }))
}

describe('tlog-checkpoint body', () => {
  it('parses the C2SP example and round trips it', () => {
    const body = c2sp.checkpointNote.slice(0, c2sp.checkpointNote.indexOf('\n\n') + 1)
    const cp = parseCheckpoint(body)
    expect(cp.origin).toBe(c2sp.checkpoint.origin)
    expect(cp.size).toBe(c2sp.checkpoint.size)
    expect(toBase64(cp.rootHash)).toBe(c2sp.checkpoint.rootHash)
    expect(cp.extensions).toEqual([])
    expect(formatCheckpoint(cp)).toBe(body)
  })

  it('formats size 0, extension lines and large sizes', () => {
    expect(formatCheckpoint({ origin: 'o', size: 0, rootHash: ROOT, extensions: [] })).toBe(`o\n0\n${R64}\n`)
    const withExt = `o\n${2 ** 53 - 1}\n${R64}\next one\nα β\n`
    expect(parseCheckpoint(withExt).extensions).toEqual(['ext one', 'α β'])
    expect(formatCheckpoint(parseCheckpoint(withExt))).toBe(withExt)
  })

  it('rejects malformed bodies', () => {
    for (const text of [
      '',
      `o\n1\n${R64}`, // no final newline
      `o\n1\n`,
      `\n1\n${R64}\n`, // empty origin
      `o\n\n${R64}\n`,
      `o\n01\n${R64}\n`, // leading zero
      `o\n-1\n${R64}\n`,
      `o\n+1\n${R64}\n`,
      `o\n1.0\n${R64}\n`,
      `o\n1e3\n${R64}\n`,
      `o\n 1\n${R64}\n`,
      `o\n0x10\n${R64}\n`,
      `o\n${2 ** 53}\n${R64}\n`, // above 2^53 - 1
      `o\n18446744073709551615\n${R64}\n`,
      `o\n1\n${R64.slice(0, -1)}\n`, // unpadded
      `o\n1\n${toBase64(ROOT.slice(1))}\n`, // 31 bytes
      `o\n1\n${toBase64(new Uint8Array(33))}\n`,
      `o\n1\n-${R64.slice(1)}\n`, // URL alphabet
      `o\n1\n${toBase64(new Uint8Array(32).fill(0xfb)).replace(/[+/]/g, '_')}\n`,
      `o\n1\n${R64}\n\n`, // empty extension line
      `o\n1\n${R64}\next\n\n`,
      `o\r\n1\n${R64}\n`, // CR
      `o\t\n1\n${R64}\n`,
      `\ud800\n1\n${R64}\n`,
    ]) invalid(text)
  })

  it('rejects programmer mistakes in formatCheckpoint', () => {
    const ok: Checkpoint = { origin: 'o', size: 1, rootHash: ROOT, extensions: [] }
    expect(() => formatCheckpoint({ ...ok, origin: '' })).toThrow(RangeError)
    expect(() => formatCheckpoint({ ...ok, origin: 'a\nb' })).toThrow(RangeError)
    expect(() => formatCheckpoint({ ...ok, size: -1 })).toThrow(RangeError)
    expect(() => formatCheckpoint({ ...ok, size: 2 ** 53 })).toThrow(RangeError)
    expect(() => formatCheckpoint({ ...ok, rootHash: new Uint8Array(31) })).toThrow(RangeError)
    expect(() => formatCheckpoint({ ...ok, extensions: [''] })).toThrow(RangeError)
    expect(() => parseCheckpoint(5 as unknown as string)).toThrow(TypeError)
  })

  it('property: format/parse round trip', () => {
    const line = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s) && !/[\ud800-\udfff]/.test(s))
    fc.assert(
      fc.property(line, fc.maxSafeNat(), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.array(line, { maxLength: 3 }), (origin, size, rootHash, extensions) => {
        const text = formatCheckpoint({ origin, size, rootHash, extensions })
        const cp = parseCheckpoint(text)
        expect(cp).toEqual({ origin, size, rootHash, extensions })
        expect(formatCheckpoint(cp)).toBe(text)
      }),
    )
  })

  it('property: parse accepts only texts that format back identically', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        try {
          expect(formatCheckpoint(parseCheckpoint(text))).toBe(text)
        } catch (e) {
          expect(isCounterfoilError(e, 'ERR_CHECKPOINT_INVALID')).toBe(true)
        }
      }),
    )
  })
})

describe('signed checkpoints', () => {
  it('opens the real sum.golang.org tree head', async () => {
    const { checkpoint } = await openCheckpoint(sumdb.note, [parseVerifierKey(sumdb.verifierKey)], { origin: sumdb.origin })
    expect(checkpoint.size).toBe(sumdb.size)
    expect(checkpoint.rootHash).toEqual(fromBase64(sumdb.rootHash))
  })

  it('signs, opens, and refuses another origin', async () => {
    const seed = new Uint8Array(32).fill(9)
    const signer: Signer = { did: 'did:key:x', publicKey: await publicKeyFromSeed(seed), sign: (m) => signEd25519(seed, m) }
    const cp: Checkpoint = { origin: 'example.com/log', size: 42, rootHash: ROOT, extensions: [] }
    const note = await signCheckpoint(cp, signer)
    const v = noteVerifier('example.com/log', signer.publicKey)
    expect((await openCheckpoint(note, [v], { origin: 'example.com/log' })).checkpoint).toEqual(cp)
    await expect(openCheckpoint(note, [v], { origin: 'example.com/other' })).rejects.toSatisfy((e) =>
      isCounterfoilError(e, 'ERR_CHECKPOINT_INVALID'),
    )
    // A correctly signed note whose body is not a checkpoint.
    const { signNote } = await import('../../../src/registry/log/note.js')
    const notCp = await signNote('example.com/log\nnot a size\n', signer, 'example.com/log')
    await expect(openCheckpoint(notCp, [v], { origin: 'example.com/log' })).rejects.toSatisfy((e) =>
      isCounterfoilError(e, 'ERR_CHECKPOINT_INVALID'),
    )
  })
})
