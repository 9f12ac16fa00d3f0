#!/usr/bin/env node
// A manufacturer issues a warranty with disclosable claims; the customer later shows a repair shop
// only the serial number and the expiry date, in a presentation bound to the shop and its nonce.
// Run after a build: `npx tsup && node examples/repair-shop-warranty.mjs`
import { generateKeyPair, signerFromSeed } from 'counterfoil/keys'
import { issue } from 'counterfoil/sign'
import { createNonce, disclose, memoryNonceStore, present, verifyPresentation } from 'counterfoil/holder'

// --- the manufacturer (company view) ---------------------------------------------------------------
const maker = await signerFromSeed((await generateKeyPair()).seed)
const customerKeys = await generateKeyPair() // in real life: the customer's wallet
const customer = await signerFromSeed(customerKeys.seed)

const warranty = await issue({
  signer: maker, subject: customer.did, type: 'warranty', expiresIn: 2 * 365 * 24 * 3600,
  claims: {
    serial: 'KTL-2-0042917', model: 'Kettle 2', expires: '2028-11-23',
    buyer: { name: 'Ada Lovelace', email: 'ada@example.org' }, price: { amount: 3990, currency: 'EUR' },
  },
  // Everything but the model is disclosable: the customer decides who sees what.
  disclosable: ['serial', 'expires', 'buyer', 'price'],
})
const walletCopy = warranty.toString() // the customer stores this: the record plus every disclosure
console.log(`manufacturer issued warranty ${warranty.id}`)

// --- the repair shop asks for proof (verifier view) ----------------------------------------------
const shop = 'https://repair.example'
const nonce = createNonce()
const nonceStore = memoryNonceStore({ ttl: 600 })

// --- the customer shows only serial + expiry (holder view) ---------------------------------------
const shown = disclose(walletCopy, ['serial', 'expires'])
const presentation = await present({ holder: customer, records: [shown], audience: shop, nonce, expiresIn: 120 })
const sent = presentation.toString()
console.log(`customer presents ${shown.paths.join(' + ')} (${sent.length} characters)`)

// --- the repair shop verifies -------------------------------------------------------------------
const result = await verifyPresentation(sent, { audience: shop, nonce, nonceStore, trustedIssuers: [maker.did] })
if (!result.valid) {
  console.error('presentation rejected:', result.errors)
  process.exit(1)
}
const [record] = result.records
console.log(`shop verified: valid=${result.valid}, holder is the subject, issuer trusted`)
console.log(`shop sees claims: ${JSON.stringify(record.disclosure.claims)}`)
console.log(`shop knows withheld: ${[...record.disclosure.withheld].sort().join(', ')}`)
if (sent.includes('Lovelace') || JSON.stringify(record.disclosure.claims).includes('Ada')) process.exit(2)

// A second use of the same presentation is a replay.
const again = await verifyPresentation(sent, { audience: shop, nonce, nonceStore, trustedIssuers: [maker.did] })
console.log(`replayed presentation: valid=${again.valid} (${again.errors.map((e) => e.code).join(', ')})`)
if (again.valid) process.exit(3)
