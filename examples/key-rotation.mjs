#!/usr/bin/env node
// A shop rotates its signing key through the registry: the old key signs a succession statement
// naming the new one and is retired (revoke-key) right after it. Receipts signed before the rotation
// keep verifying, receipts from the new key are trusted by verifiers that only know the old key,
// and anything registered under the old key afterwards fails.
// Run after a build: `npx tsup && node examples/key-rotation.mjs`
import { generateKeyPair, signerFromSeed } from 'counterfoil/keys'
import { issue } from 'counterfoil/sign'
import { verify } from 'counterfoil/verify'
import { register } from 'counterfoil/revoke'
import { createRegistry, memoryStore } from 'counterfoil/registry'
import { rotateKey } from 'counterfoil/holder'

const newSigner = async () => signerFromSeed((await generateKeyPair()).seed)
const [registryKey, oldKey, newKey, customer] = [await newSigner(), await newSigner(), await newSigner(), await newSigner()]
const registry = await createRegistry({ store: memoryStore(), signer: registryKey, origin: 'registry.example/log' })

async function receipt(signer, total) {
  const record = await issue({ signer, subject: customer.did, type: 'receipt', claims: { total, currency: 'EUR' }, registry: 'https://registry.example' })
  const { index } = await register({ signer, record, registry })
  return { record, index }
}
async function check(label, record) {
  const r = await verify(record, { trustedIssuers: [oldKey.did], registry }) // the verifier only ever learned the old key
  console.log(`${label}: valid=${r.valid}${r.valid ? '' : ` (${r.errors.map((e) => e.code).join(', ')})`}`)
  return r.valid
}

// --- before the rotation ----------------------------------------------------------------------------
const before = await receipt(oldKey, 3990)
console.log(`old key issued receipt at log index ${before.index}`)

// --- the shop rotates: succession signed by the old key, then the old key is retired -----------------
const { succession, revocation } = await rotateKey({ signer: oldKey, successor: newKey.did, registry, retire: true })
console.log(`succession logged at ${succession.index}, old key revoked from log position ${revocation.index}`)

// --- after the rotation -----------------------------------------------------------------------------
const after = await receipt(newKey, 1290)
const stolen = await receipt(oldKey, 99999) // someone still holding the old key

const ok1 = await check('old receipt (before rotation)', before.record)
const ok2 = await check('new receipt (successor key)', after.record)
const ok3 = await check('old key after its revocation', stolen.record)
await registry.close()
if (!ok1 || !ok2 || ok3) process.exit(1)
