import { beforeAll, describe, expect, it } from 'vitest'
import { accept, agreementOf, propose, verifyAgreement } from '../../src/holder/agreement.js'
import type { Signer } from '../../src/keys/interface.js'
import { issue } from '../../src/record/issue.js'
import { verify } from '../../src/verify.js'
import { party, T0 } from '../record/helpers.js'

let customer: Signer
let vendor: Signer
let stranger: Signer
beforeAll(async () => {
  customer = await party(2)
  vendor = await party(5)
  stranger = await party(6)
})

const TERMS = { purpose: ['order-fulfilment'], retentionDays: 30, thirdParties: 'none', marketing: false }
const codes = (r: { errors: readonly { code: string }[] }): string[] => r.errors.map((e) => e.code)
const at = { now: T0 + 10 }

describe('two-party agreements', () => {
  it('customer proposes, vendor accepts; both hold the same record id and it needs both signatures', async () => {
    const proposal = await propose({ signer: customer, counterparty: vendor.did, terms: TERMS, issuedAt: T0, expiresIn: 86400 })
    expect(proposal.payload).toMatchObject({ type: 'agreement', iss: customer.did, sub: customer.did })
    expect(agreementOf(proposal)).toEqual({ proposer: customer.did, counterparty: vendor.did, terms: TERMS })
    expect(codes(await verifyAgreement(proposal, at))).toEqual(['ERR_MISSING_SIGNER'])
    const agreed = await accept(proposal.toString(), vendor, at)
    expect(agreed.id).toBe(proposal.id)
    expect(agreed.signatures.map((s) => s.signer)).toEqual([customer.did, vendor.did])
    expect((await verifyAgreement(agreed.toString(), at)).valid).toBe(true)
    expect((await verify(agreed, { ...at, requiredSigners: [customer.did, vendor.did] })).valid).toBe(true)
  })

  it('someone other than the named counterparty cannot accept: ERR_NOT_COUNTERPARTY', async () => {
    const proposal = await propose({ signer: customer, counterparty: vendor.did, terms: TERMS, issuedAt: T0 })
    await expect(accept(proposal, stranger, at)).rejects.toThrow(expect.objectContaining({ code: 'ERR_NOT_COUNTERPARTY' }))
    await expect(propose({ signer: customer, counterparty: customer.did, terms: TERMS })).rejects.toThrow(expect.objectContaining({ code: 'ERR_NOT_COUNTERPARTY' }))
  })

  it('a stranger co-signing anyway does not make a valid agreement', async () => {
    const { cosign } = await import('../../src/record/issue.js')
    const proposal = await propose({ signer: customer, counterparty: vendor.did, terms: TERMS, issuedAt: T0 })
    expect(codes(await verifyAgreement(await cosign(proposal, stranger), at))).toEqual(['ERR_MISSING_SIGNER'])
  })

  it('an expired or forged proposal is refused with its verify code; accepting twice is a conflict', async () => {
    const expired = await propose({ signer: customer, counterparty: vendor.did, terms: TERMS, issuedAt: T0 - 7200, expiresIn: 3600 })
    await expect(accept(expired, vendor, at)).rejects.toThrow(expect.objectContaining({ code: 'ERR_EXPIRED' }))
    const proposal = await propose({ signer: customer, counterparty: vendor.did, terms: TERMS, issuedAt: T0 })
    const bytes = proposal.bytes.slice()
    bytes[bytes.length - 3]! ^= 1
    await expect(accept(bytes, vendor, at)).rejects.toThrow(expect.objectContaining({ code: 'ERR_SIGNATURE_INVALID' }))
    const agreed = await accept(proposal, vendor, at)
    await expect(accept(agreed, vendor, at)).rejects.toThrow(expect.objectContaining({ code: 'ERR_CONFLICT' }))
  })

  it('a record that is not an agreement is refused by accept and verifyAgreement', async () => {
    const receipt = await issue({ signer: customer, subject: customer.did, type: 'note', claims: { counterparty: vendor.did }, issuedAt: T0 })
    expect(agreementOf(receipt)).toBeUndefined()
    await expect(accept(receipt, vendor, at)).rejects.toThrow(expect.objectContaining({ code: 'ERR_MALFORMED' }))
    expect(codes(await verifyAgreement(receipt, at))).toEqual(['ERR_MALFORMED'])
    expect(codes(await verifyAgreement('uAAAA', at))).toEqual(['ERR_MALFORMED'])
  })
})
