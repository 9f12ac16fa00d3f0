import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isCounterfoilError } from '../../../src/errors.js'
import type { Signer } from '../../../src/keys/interface.js'
import { publicKeyFromSeed, signEd25519 } from '../../../src/keys/ed25519.js'
import {
  type NoteVerifier,
  formatSignerKey,
  formatVerifierKey,
  noteKeyId,
  noteVerifier,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from '../../../src/registry/log/note.js'
import c2sp from '../../vectors/c2sp/examples.json' with { type: 'json' }
import go from '../../vectors/golang-sumdb-note/vectors.json' with { type: 'json' }
import sumdb from '../../vectors/golang-sumdb-note/sum-golang-org-checkpoint.json' with { type: 'json' }
import { hex } from './helpers.js'

async function signerFromSeed(seed: Uint8Array): Promise<Signer> {
  const publicKey = await publicKeyFromSeed(seed)
  return { did: 'did:key:test', publicKey, sign: (m) => signEd25519(seed, m) }
}

const peter = parseVerifierKey(go.peter.verifierKey)
const enoch = parseVerifierKey(go.enoch.verifierKey)

async function rejects(p: Promise<unknown>, code: 'ERR_MALFORMED' | 'ERR_SIGNATURE_INVALID'): Promise<void> {
  await expect(p).rejects.toSatisfy((e) => isCounterfoilError(e, code))
}

describe('golang.org/x/mod/sumdb/note vectors', () => {
  it('parses the PeterNeumann verifier key and recomputes its key ID', () => {
    expect(peter.name).toBe('PeterNeumann')
    expect(peter.keyId.toString(16).padStart(8, '0')).toBe(go.peter.keyId)
    expect(noteKeyId(peter.name, peter.publicKey)).toBe(peter.keyId)
    expect(formatVerifierKey(peter.name, peter.publicKey)).toBe(go.peter.verifierKey)
    expect(enoch.keyId.toString(16)).toBe(go.enoch.keyId)
  })

  it('parses the signer key; signing reproduces Go\'s signature byte for byte', async () => {
    const { name, keyId, seed } = parseSignerKey(go.peter.signerKey)
    expect(name).toBe('PeterNeumann')
    expect(keyId).toBe(peter.keyId)
    const signer = await signerFromSeed(seed)
    expect(noteKeyId(name, signer.publicKey)).toBe(keyId)
    expect(formatSignerKey(name, seed, signer.publicKey)).toBe(go.peter.signerKey)
    expect(await signNote(go.text, signer, name)).toBe(go.signedByPeter)
  })

  it('opens the signed note; unknown signatures are ignored and returned', async () => {
    const one = await openNote(go.signedByPeter, [peter])
    expect(one.text).toBe(go.text)
    expect(one.verifiedBy.map((v) => v.name)).toEqual(['PeterNeumann'])
    const both = await openNote(go.signedByPeterAndEnoch, [peter])
    expect(both.verifiedBy.map((v) => v.name)).toEqual(['PeterNeumann'])
    expect(both.unverified.map((s) => s.name)).toEqual(['EnochRoot'])
    const all = await openNote(go.signedByPeterAndEnoch, [peter, enoch])
    expect(all.verifiedBy.map((v) => v.name)).toEqual(['PeterNeumann', 'EnochRoot'])
    const bytes = await openNote(new TextEncoder().encode(go.signedByPeter), [peter])
    expect(bytes.text).toBe(go.text)
  })

  it('rejects a note no trusted key signed', async () => {
    await rejects(openNote(go.signedByPeterAndEnoch, []), 'ERR_SIGNATURE_INVALID')
    await rejects(openNote(go.signedByPeter, [enoch]), 'ERR_SIGNATURE_INVALID')
  })

  it('rejects a known key with a bad signature, even next to a good one', async () => {
    await rejects(openNote(go.invalidSignature.note, [peter]), 'ERR_SIGNATURE_INVALID')
    const badEnoch = go.enochSignatureLine.slice(0, 60) + 'ABCD' + go.enochSignatureLine.slice(60)
    await rejects(openNote(go.text + '\n' + go.peterSignatureLine + badEnoch, [peter, enoch]), 'ERR_SIGNATURE_INVALID')
  })

  for (const m of go.malformedNotes) {
    it(`rejects malformed note: ${m.why}`, async () => {
      const note = 'note_hex' in m ? hex(m.note_hex as string) : (m.note as string)
      await rejects(openNote(note, [peter]), 'ERR_MALFORMED')
    })
  }

  for (const k of go.badVerifierKeys) {
    it(`rejects bad verifier key: ${k.why}`, () => {
      expect(() => parseVerifierKey(k.key)).toThrow(expect.objectContaining({ code: 'ERR_MALFORMED' }))
    })
  }

  it('rejects every truncation and single-character change of the verifier key', () => {
    const key = go.peter.verifierKey
    for (let i = 0; i < key.length; i++) {
      for (const j of [i + 1, key.length - 1]) {
        if (j > i && (i !== 0 || j !== key.length)) {
          expect(() => parseVerifierKey(key.slice(i, j))).toThrow()
        }
      }
      const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1)
      expect(() => parseVerifierKey(changed)).toThrow()
    }
  })
})

describe('sum.golang.org signed tree head', () => {
  it('verifies under the published sum.golang.org key (key base64 contains "+")', async () => {
    const key = parseVerifierKey(sumdb.verifierKey)
    expect(key.name).toBe('sum.golang.org')
    const { text } = await openNote(sumdb.note, [key])
    expect(text).toBe(`${sumdb.origin}\n${sumdb.size}\n${sumdb.rootHash}\n`)
  })
})

describe('C2SP signed-note example', () => {
  it('parses but is unverified without its key', async () => {
    await rejects(openNote(c2sp.signedNote, []), 'ERR_SIGNATURE_INVALID')
    await rejects(openNote(c2sp.checkpointNote, [peter]), 'ERR_SIGNATURE_INVALID')
  })

  it('a known name with a different key ID is ignored, not an error', async () => {
    const seed = new Uint8Array(32).fill(7)
    const signer = await signerFromSeed(seed)
    const sameName = noteVerifier('quasimodo.example/salvatore', signer.publicKey)
    await rejects(openNote(c2sp.signedNote, [sameName]), 'ERR_SIGNATURE_INVALID')
    // Co-signing the example with that key: the unknown original signature is then ignored.
    const cosigned = await signNote(c2sp.signedNoteText, signer, 'quasimodo.example/salvatore')
    const merged = cosigned + c2sp.signedNote.slice(c2sp.signedNoteText.length + 1)
    const opened = await openNote(merged, [sameName])
    expect(opened.text).toBe(c2sp.signedNoteText)
    expect(opened.unverified).toHaveLength(1)
  })
})

describe('strict parsing', () => {
  let signer: Signer
  let v: NoteVerifier
  const text = 'hello\n\nworld\n'
  const ready = (async () => {
    signer = await signerFromSeed(new Uint8Array(32).fill(1))
    v = noteVerifier('example.com/log', signer.publicKey)
  })()

  it('round trips a text with blank lines inside (split at the last blank line)', async () => {
    await ready
    const note = await signNote(text, signer, 'example.com/log')
    expect((await openNote(note, [v])).text).toBe(text)
  })

  it('rejects each malformation', async () => {
    await ready
    const note = await signNote(text, signer, 'example.com/log')
    const [body, sigLine] = [note.slice(0, note.lastIndexOf('\n\n') + 1), note.slice(note.lastIndexOf('\n\n') + 2)]
    const bad: [string, string][] = [
      ['missing blank line', body + sigLine],
      ['hyphen instead of em dash', body + '\n' + sigLine.replace('\u2014', '-')],
      ['en dash', body + '\n' + sigLine.replace('\u2014', '\u2013')],
      ['two spaces', body + '\n' + sigLine.replace('\u2014 ', '\u2014  ')],
      ['tab after name', body + '\n' + sigLine.replace('log ', 'log\t')],
      ['bad base64', body + '\n' + sigLine.replace(/.\n$/, '!\n')],
      ['unpadded base64', body + '\n' + sigLine.replace(/=+\n$/, '\n')],
      ['url-safe base64', body + '\n' + sigLine.replace(/[+/]/g, '-').replace(/=*\n$/, '==\n')],
      ['trailing space', body + '\n' + sigLine.replace(/\n$/, ' \n')],
      ['CRLF', body + '\n' + sigLine.replace(/\n$/, '\r\n')],
      ['duplicate signature line', body + '\n' + sigLine + sigLine],
      ['trailing junk', body + '\n' + sigLine + 'junk\n'],
      ['trailing blank line', body + '\n' + sigLine + '\n'],
      ['short signature', body + '\n' + '\u2014 example.com/log AAAAAA==\n'],
      ['plus in key name', body + '\n' + sigLine.replace('example.com/log', 'example.com+log')],
      ['NBSP in key name', body + '\n' + sigLine.replace('example.com/log', 'example.com\u00a0log')],
      ['control character in text', 'a\u0007' + note],
      ['lone surrogate', '\ud800' + note],
    ]
    for (const [why, n] of bad) {
      await expect(openNote(n, [v]), why).rejects.toSatisfy((e) => isCounterfoilError(e))
    }
    // Bad base64 of a *known* key's line is malformed, not an ignored unknown signature.
    await rejects(openNote(body + '\n' + sigLine.replace(/=\n$/, '\n'), [v]), 'ERR_MALFORMED')
  })

  it('enforces the signature-count and size limits', async () => {
    await ready
    const note = await signNote(text, signer, 'example.com/log')
    const others = Array.from({ length: 20 }, (_, i) => `\u2014 other${i}.example AAAAAAAA\n`).join('')
    await expect(openNote(note + others, [v])).resolves.toBeDefined()
    await rejects(openNote(note + others, [v], { maxSignatures: 16 }), 'ERR_MALFORMED')
    await rejects(openNote(note, [v], { maxBytes: 50 }), 'ERR_MALFORMED')
    await rejects(openNote(new TextEncoder().encode(note), [v], { maxBytes: 50 }), 'ERR_MALFORMED')
  })

  it('throws TypeError for programmer mistakes', async () => {
    await ready
    await expect(signNote('no newline', signer, 'n')).rejects.toThrow(TypeError)
    await expect(signNote('a\r\n', signer, 'n')).rejects.toThrow(TypeError)
    await expect(signNote('ok\n', signer, 'bad name')).rejects.toThrow(TypeError)
    await expect(signNote('ok\n', signer, 'bad+name')).rejects.toThrow(TypeError)
    await expect(openNote('x', [v, v])).rejects.toThrow(TypeError)
    await expect(openNote('x', [{ ...v, keyId: v.keyId ^ 1 }])).rejects.toThrow(TypeError)
    await expect(openNote(42 as unknown as string, [v])).rejects.toThrow(TypeError)
  })

  it('reports a failing signer as ERR_SIGNER_FAILED', async () => {
    await ready
    const broken: Signer = { ...signer, sign: async () => new Uint8Array(10) }
    await expect(signNote('ok\n', broken, 'n')).rejects.toSatisfy((e) => isCounterfoilError(e, 'ERR_SIGNER_FAILED'))
    const throwing: Signer = { ...signer, sign: async () => Promise.reject(new Error('kms down')) }
    await expect(signNote('ok\n', throwing, 'n')).rejects.toSatisfy((e) => isCounterfoilError(e, 'ERR_SIGNER_FAILED'))
  })

  it('property: any valid text and name round trips through sign/open', async () => {
    await ready
    const line = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s))
    const textArb = fc.array(line, { minLength: 1, maxLength: 5 }).map((ls) => ls.join('\n') + '\n')
    const nameArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
      .filter((s) => !/[\s+\u0000-\u001f\u007f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(s))
    await fc.assert(
      fc.asyncProperty(textArb, nameArb, async (t, name) => {
        const note = await signNote(t, signer, name)
        const opened = await openNote(note, [noteVerifier(name, signer.publicKey)])
        expect(opened.text).toBe(t)
      }),
      { numRuns: 200 },
    )
  })

  it('property: arbitrary strings never crash openNote, only typed errors', async () => {
    await ready
    const note = await signNote(text, signer, 'example.com/log')
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.nat(note.length), async (junk, at) => {
        const mutated = note.slice(0, at) + junk + note.slice(at)
        try {
          const r = await openNote(mutated, [v])
          expect(r.verifiedBy).toHaveLength(1)
          expect(r.text).toBe(text)
        } catch (e) {
          expect(isCounterfoilError(e)).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })
})
