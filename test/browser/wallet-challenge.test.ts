// The wallet example's challenge text and its plain-words explanation, in Node (no browser): the
// challenge round-trips and refuses anything else; explainPresentation names every check and gives
// each presentation failure its own plain reason, on real verifyPresentation results.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CounterfoilError } from 'counterfoil/errors'
import { memoryNonceStore, present, verifyPresentation } from 'counterfoil/holder'
import { generateKeyPair, signerFromSeed, type Signer } from 'counterfoil/keys'
import { issue, type SignedRecord } from 'counterfoil/sign'
import { createChallenge, formatChallenge, parseChallenge } from '../../examples/wallet/src/challenge.js'
import { explainPresentation, plainReason } from '../../examples/wallet/src/explain.js'
import { VALID_TITLES } from './wallet-titles.js'

function codeOf(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    if (e instanceof CounterfoilError) return e.code
    throw e
  }
  throw new Error('did not throw')
}

describe('the verifier challenge', () => {
  it('round-trips any audience and nonce of 1–2048 characters through its text form', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 2048, unit: 'grapheme' }), fc.string({ minLength: 1, maxLength: 64 }), (audience, nonce) => {
        fc.pre(audience.length <= 2048)
        const text = formatChallenge({ audience, nonce })
        expect(text).not.toMatch(/\s.*\s/) // one line, one space: pastes and scans cleanly
        expect(parseChallenge(`\n  ${text}  \n`)).toEqual({ audience, nonce })
      }),
    )
  })

  it('makes a fresh 16-byte nonce every time, for the audience given', () => {
    const a = createChallenge('https://desk.example')
    const b = createChallenge('https://desk.example')
    expect(a.audience).toBe('https://desk.example')
    expect(a.nonce).toMatch(/^u[A-Za-z0-9_-]{22}$/)
    expect(a.nonce).not.toBe(b.nonce)
    expect(() => createChallenge('')).toThrow(RangeError)
    expect(() => createChallenge('x'.repeat(2049))).toThrow(RangeError)
  })

  it.each([
    ['empty', ''],
    ['a record pasted instead', 'uomlzaWduYXR1cmVz'],
    ['no fields', 'counterfoil-challenge '],
    ['prefix without a space', 'counterfoil-challengeaud=a&nonce=b'],
    ['no nonce', 'counterfoil-challenge aud=https%3A%2F%2Fdesk.example'],
    ['no audience', 'counterfoil-challenge nonce=uAbc'],
    ['an extra field', 'counterfoil-challenge aud=a&nonce=b&exp=1'],
    ['a repeated field', 'counterfoil-challenge aud=a&aud=c&nonce=b'],
    ['an empty audience', 'counterfoil-challenge aud=&nonce=b'],
    ['an empty nonce', 'counterfoil-challenge aud=a&nonce='],
    ['an audience over 2048 characters', `counterfoil-challenge aud=${'a'.repeat(2049)}&nonce=b`],
  ])('refuses %s with ERR_MALFORMED', (_name, text) => {
    expect(codeOf(() => parseChallenge(text))).toBe('ERR_MALFORMED')
  })
})

describe('explainPresentation', () => {
  async function setup(): Promise<{ shop: Signer; customer: Signer; receipt: SignedRecord }> {
    const shop = await signerFromSeed((await generateKeyPair()).seed)
    const customer = await signerFromSeed((await generateKeyPair()).seed)
    const receipt = await issue({ signer: shop, subject: customer.did, type: 'purchase', claims: { sku: 'KETTLE-2' } })
    return { shop, customer, receipt }
  }

  it('names the presentation checks, then the record checks, in plain words; a replay is refused in plain words', async () => {
    const { customer, receipt } = await setup()
    const { audience, nonce } = createChallenge('https://desk.example')
    const nonceStore = memoryNonceStore()
    const text = (await present({ holder: customer, records: [receipt], audience, nonce })).toString()
    const valid = explainPresentation(await verifyPresentation(text, { audience, nonce, nonceStore }))
    expect(valid.verdict).toMatch(/^Valid/)
    expect(valid.checks.map((c) => c.title)).toEqual(VALID_TITLES)
    expect(valid.checks.every((c) => c.ok)).toBe(true)
    const replay = explainPresentation(await verifyPresentation(text, { audience, nonce, nonceStore }))
    expect(replay.verdict).toBe('Not valid: it was already shown here once: a copy cannot be shown again (ERR_REPLAYED)')
    expect(replay.checks.at(-1)).toMatchObject({ ok: false, title: 'Shown here for the first time (not a replay)' })
  })

  it('gives each presentation failure its own reason', async () => {
    const { shop, customer, receipt } = await setup()
    const { audience, nonce } = createChallenge('https://desk.example')
    const verdict = async (holder: Signer, aud: string, n: string, extra: { issuedAt?: number; trustedIssuers?: string[] } = {}): Promise<string> => {
      const p = await present({ holder, records: [receipt], audience: aud, nonce: n, ...(extra.issuedAt === undefined ? {} : { issuedAt: extra.issuedAt }) })
      const options = { audience, nonce, nonceStore: memoryNonceStore(), ...(extra.trustedIssuers === undefined ? {} : { trustedIssuers: extra.trustedIssuers }) }
      return explainPresentation(await verifyPresentation(p.toString(), options)).verdict
    }
    expect(await verdict(customer, 'https://elsewhere.example', nonce)).toBe('Not valid: it was made for another verifier (ERR_WRONG_AUDIENCE)')
    expect(await verdict(customer, audience, 'uOther')).toBe("Not valid: it answers another challenge than this page's (ERR_NONCE_MISMATCH)")
    expect(await verdict(shop, audience, nonce)).toBe('Not valid: the person showing it is not the customer it was issued to (ERR_HOLDER_NOT_SUBJECT)')
    expect(await verdict(customer, audience, nonce, { issuedAt: Math.floor(Date.now() / 1000) - 3600 })).toBe('Not valid: it is too old: ask the customer to present again (ERR_PRESENTATION_EXPIRED)')
    // A code without plain words of its own falls back to the library's message, still with its code.
    const untrusted = await verdict(customer, audience, nonce, { trustedIssuers: [customer.did] })
    expect(untrusted).toMatch(/^Not valid: record 0 \(bafy\w+\): .+ \(ERR_UNTRUSTED_ISSUER\)$/)
    expect(explainPresentation(await verifyPresentation('not a presentation', { audience, nonce })).verdict).toBe('Not valid: the text is not a readable presentation (ERR_MALFORMED)')
  })

  it('strips the library prefix from a message it falls back to', () => {
    expect(plainReason({ code: 'ERR_CONFLICT', message: 'counterfoil: already registered' })).toBe('already registered (ERR_CONFLICT)')
  })
})
