import { describe, expect, it } from 'vitest'
import { CounterfoilError } from '../../src/errors.js'
import { linksOf, linkTo, transfer, verifyChain } from '../../src/holder/links.js'
import { issue } from '../../src/record/issue.js'
import { register, revoke } from '../../src/registry/statements.js'
import { fixture } from '../registry/registry-helpers.js'
import { party, T0 } from '../record/helpers.js'

const YEAR = 365 * 24 * 3600

async function setup() {
  const [maker, alice, bob, carol, mallory] = await Promise.all([party(1), party(2), party(3), party(4), party(5)])
  const warranty = await issue({ signer: maker, subject: alice.did, type: 'warranty', claims: { serial: 'SN-1' }, issuedAt: T0, expiresIn: 2 * YEAR, registry: 'https://registry.example' })
  return { maker, alice, bob, carol, mallory, warranty }
}

const codes = (r: { errors: readonly { code: string }[] }): string[] => r.errors.map((e) => e.code)

describe('transfer and verifyChain', () => {
  it('names the new holder after one and two transfers, in any order', async () => {
    const { maker, alice, bob, carol, warranty } = await setup()
    const t1 = await transfer({ signer: alice, record: warranty, to: bob.did, issuedAt: T0 + 100, claims: { price: 50 } })
    expect(t1.payload).toMatchObject({ type: 'transfer', iss: alice.did, sub: bob.did, exp: warranty.payload.exp })
    expect(linksOf(t1)).toEqual([{ rel: 'transfers', id: warranty.id, cid: warranty.cid }])
    const now = T0 + 1000
    const one = await verifyChain([warranty, t1.toString()], { trustedIssuers: [maker.did], now })
    expect(one).toMatchObject({ valid: true, currentHolder: bob.did, errors: [] })
    expect(one.chain.map((s) => [s.rel, s.holder])).toEqual([[undefined, alice.did], ['transfers', bob.did]])
    const t2 = await transfer({ signer: bob, record: t1, to: carol.did, issuedAt: T0 + 200 })
    const two = await verifyChain([t2, warranty.bytes, t1], { trustedIssuers: [maker.did], now })
    expect(two.currentHolder).toBe(carol.did)
    expect(two.chain.map((s) => s.id)).toEqual([warranty.id, t1.id, t2.id])
  })

  it('refuses to sign a transfer for someone who is not the current holder', async () => {
    const { mallory, bob, warranty } = await setup()
    await expect(transfer({ signer: mallory, record: warranty, to: bob.did })).rejects.toMatchObject({ code: 'ERR_NOT_CURRENT_HOLDER' })
  })

  it('ERR_NOT_CURRENT_HOLDER: a transfer signed by someone else (hand-made with issue)', async () => {
    const { maker, mallory, warranty } = await setup()
    const forged = await issue({ signer: mallory, subject: mallory.did, type: 'transfer', claims: { links: [linkTo('transfers', warranty)] }, issuedAt: T0 + 10 })
    const r = await verifyChain([warranty, forged], { trustedIssuers: [maker.did], now: T0 + 100 })
    expect(r.valid).toBe(false)
    expect(r.currentHolder).toBeUndefined()
    expect(codes(r)).toEqual(['ERR_NOT_CURRENT_HOLDER'])
  })

  it('ERR_NOT_CURRENT_HOLDER: the first owner transfers again after selling', async () => {
    const { maker, alice, bob, carol, warranty } = await setup()
    const t1 = await transfer({ signer: alice, record: warranty, to: bob.did, issuedAt: T0 + 10 })
    const again = await issue({ signer: alice, subject: carol.did, type: 'transfer', claims: { links: [linkTo('transfers', t1)] }, issuedAt: T0 + 20 })
    expect(codes(await verifyChain([warranty, t1, again], { trustedIssuers: [maker.did], now: T0 + 100 }))).toEqual(['ERR_NOT_CURRENT_HOLDER'])
  })

  it('a record transferred twice is a fork; missing links are broken', async () => {
    const { maker, alice, bob, carol, warranty } = await setup()
    const toBob = await transfer({ signer: alice, record: warranty, to: bob.did, issuedAt: T0 + 10 })
    const toCarol = await transfer({ signer: alice, record: warranty, to: carol.did, issuedAt: T0 + 11 })
    const opts = { trustedIssuers: [maker.did], now: T0 + 100 }
    expect(codes(await verifyChain([warranty, toBob, toCarol], opts))).toEqual(['ERR_CHAIN_INVALID'])
    expect(codes(await verifyChain([toBob], opts))).toContain('ERR_BROKEN_LINK')
    const other = await issue({ signer: maker, subject: alice.did, type: 'warranty', claims: {}, issuedAt: T0 })
    expect(codes(await verifyChain([warranty, other], opts))).toEqual(['ERR_BROKEN_LINK'])
    expect(codes(await verifyChain([], opts))).toEqual(['ERR_CHAIN_INVALID'])
  })

  it('the original is checked as verify does: untrusted maker, tampered bytes, revoked warranty', async () => {
    const { maker, alice, bob, mallory, warranty } = await setup()
    const t1 = await transfer({ signer: alice, record: warranty, to: bob.did, issuedAt: T0 + 10 })
    expect(codes(await verifyChain([warranty, t1], { trustedIssuers: [mallory.did], now: T0 + 100 }))).toEqual(['ERR_UNTRUSTED_ISSUER'])
    expect(codes(await verifyChain([warranty, t1], { trustedIssuers: [maker.did], now: T0 + 3 * YEAR }))).toEqual(['ERR_EXPIRED', 'ERR_EXPIRED'])
    const tampered = warranty.bytes.slice()
    tampered[tampered.length - 1]! ^= 1
    expect((await verifyChain([tampered, t1], { trustedIssuers: [maker.did], now: T0 + 100 })).valid).toBe(false)
    const { registry } = await fixture({ batchDelayMs: 0 })
    await register({ signer: maker, record: warranty, registry })
    expect((await verifyChain([warranty, t1], { trustedIssuers: [maker.did], registry })).valid).toBe(true)
    await revoke({ signer: maker, record: warranty, registry, reason: 'fraud' })
    expect(codes(await verifyChain([warranty, t1], { trustedIssuers: [maker.did], registry }))).toEqual(['ERR_REVOKED'])
  })

  it('amendments must come from the original issuer, to the current holder', async () => {
    const { maker, alice, bob, mallory, warranty } = await setup()
    const t1 = await transfer({ signer: alice, record: warranty, to: bob.did, issuedAt: T0 + 10 })
    const extended = await issue({ signer: maker, subject: bob.did, type: 'warranty', claims: { serial: 'SN-1', months: 36, links: [linkTo('amends', t1)] }, issuedAt: T0 + 20 })
    const opts = { trustedIssuers: [maker.did], now: T0 + 100 }
    expect(await verifyChain([warranty, t1, extended], opts)).toMatchObject({ valid: true, currentHolder: bob.did })
    const fake = await issue({ signer: mallory, subject: bob.did, type: 'warranty', claims: { links: [linkTo('supersedes', t1)] }, issuedAt: T0 + 20 })
    expect(codes(await verifyChain([warranty, t1, fake], opts))).toContain('ERR_CHAIN_INVALID')
    const wrongHolder = await issue({ signer: maker, subject: alice.did, type: 'warranty', claims: { links: [linkTo('amends', t1)] }, issuedAt: T0 + 20 })
    expect(codes(await verifyChain([warranty, t1, wrongHolder], opts))).toEqual(['ERR_CHAIN_INVALID'])
  })

  it('linksOf rejects malformed links and ignores claims without them', async () => {
    const { maker, alice } = await setup()
    const plain = await issue({ signer: maker, subject: alice.did, type: 'note', claims: 'just text' })
    expect(linksOf(plain)).toEqual([])
    for (const links of [['x'], [{ rel: 'likes', id: plain.cid }], [{ rel: 'amends', id: plain.id }], [{ rel: 'amends', id: plain.cid, x: 1 }], 'nope']) {
      const bad = await issue({ signer: maker, subject: alice.did, type: 'note', claims: { links } })
      expect(() => linksOf(bad)).toThrow(CounterfoilError)
      expect(codes(await verifyChain([bad]))).toEqual(['ERR_BROKEN_LINK'])
    }
  })
})
