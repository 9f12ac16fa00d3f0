#!/usr/bin/env node
// A manufacturer's warranty changes hands: the first owner sells the kettle and transfers the
// warranty to the buyer; a repair shop checks the chain and learns who holds it now. A transfer
// signed by someone who does not hold the warranty is refused.
// Run after a build: `npx tsup && node examples/warranty-transfer.mjs`
import { generateKeyPair, signerFromSeed } from 'counterfoil/keys'
import { issue } from 'counterfoil/sign'
import { exportWallet, importWallet, linkTo, transfer, verifyChain } from 'counterfoil/holder'

const newSigner = async () => signerFromSeed((await generateKeyPair()).seed)
const [maker, alice, bob, mallory] = [await newSigner(), await newSigner(), await newSigner(), await newSigner()]

// --- the manufacturer issues the warranty to its first owner (company view) ----------------------
const warranty = await issue({
  signer: maker, subject: alice.did, type: 'warranty', expiresIn: 2 * 365 * 24 * 3600,
  claims: { serial: 'KTL-2-0042917', model: 'Kettle 2' },
})
console.log(`manufacturer issued warranty ${warranty.id} to the first owner`)

// --- the first owner sells the kettle and passes the warranty on (holder view) -------------------
const handover = await transfer({ signer: alice, record: warranty, to: bob.did, claims: { note: 'sold second-hand' } })
console.log(`first owner signed transfer ${handover.id}`)

// The buyer keeps both in one wallet file and takes it to another app.
const file = await exportWallet({ records: [warranty, handover] })
const wallet = await importWallet(file)
console.log(`buyer's wallet: ${wallet.records.length} records, ${wallet.links.length} link (${wallet.links[0].rel}), ${file.length} bytes`)

// --- the repair shop checks the chain (verifier view) ----------------------------------------------
const chain = await verifyChain(wallet.records, { trustedIssuers: [maker.did] })
if (!chain.valid) {
  console.error('chain rejected:', chain.errors)
  process.exit(1)
}
console.log(`shop verified chain: valid=${chain.valid}, ${chain.chain.length} steps`)
console.log(`current holder is the buyer: ${chain.currentHolder === bob.did}`)

// --- someone who never held the warranty tries to pass it on -----------------------------------------
const forged = await issue({ signer: mallory, subject: mallory.did, type: 'transfer', claims: { links: [linkTo('transfers', warranty)] } })
const bad = await verifyChain([warranty, forged], { trustedIssuers: [maker.did] })
console.log(`forged transfer: valid=${bad.valid} (${bad.errors.map((e) => e.code).join(', ')})`)
if (bad.valid) process.exit(2)
