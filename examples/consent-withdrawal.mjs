#!/usr/bin/env node
// A customer gives a shop a newsletter consent, later withdraws it in the registry without asking
// the shop, and the shop's next check fails.
// Run after a build: `npx tsup && node examples/consent-withdrawal.mjs`
import { generateKeyPair, signerFromSeed } from 'counterfoil/keys'
import { issue } from 'counterfoil/sign'
import { verify } from 'counterfoil/verify'
import { register, withdraw } from 'counterfoil/revoke'
import { createRegistry, memoryStore } from 'counterfoil/registry'

const registryKey = await signerFromSeed((await generateKeyPair()).seed)
const registry = await createRegistry({ store: memoryStore(), signer: registryKey, origin: 'registry.example/log' })
const shop = await signerFromSeed((await generateKeyPair()).seed)
const customer = await signerFromSeed((await generateKeyPair()).seed)

// --- the shop records the consent; the customer's key can withdraw it ---------------------------
const consent = await issue({
  signer: shop, subject: customer.did, type: 'consent', registry: 'https://registry.example',
  claims: { purpose: 'newsletter', channel: 'email', given: '2026-11-23' },
  holderKey: customer.publicKey, // lets the customer withdraw without the shop
})
await register({ signer: shop, record: consent, registry })
console.log(`shop registered consent ${consent.id}`)

// --- before mailing, the shop checks the consent -------------------------------------------------
const before = await verify(consent, { registry, requireRegistration: true })
console.log(`shop checks consent: valid=${before.valid}`)
if (!before.valid) process.exit(1)

// --- the customer withdraws (holder view) ---------------------------------------------------------
await withdraw({ signer: customer, record: consent, registry, reason: 'consentWithdrawn' })
console.log('customer withdrew the consent')

// --- the shop's next check fails -------------------------------------------------------------------
const after = await verify(consent, { registry, requireRegistration: true })
console.log(`shop checks consent again: valid=${after.valid} (${after.errors.map((e) => e.code).join(', ')})`)
if (after.valid || after.errors[0]?.code !== 'ERR_WITHDRAWN') process.exit(2)
await registry.close()
