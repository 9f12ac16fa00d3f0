// A call-centre agent verifies what a customer pastes and reads every check out in plain words.
//
//   node examples/call-centre.mjs                 # a walk-through with sample records
//   node examples/call-centre.mjs 'u…'            # check a pasted record (offline: signature, dates)
//   pbpaste | node examples/call-centre.mjs -     # … or from stdin
//   … --registry URL --registry-key DID           # also ask the registry whether it was revoked
//   … --trust DID                                 # and insist it comes from this issuer
//
// Exit code 0 when every record checked is valid, 1 otherwise.
import { parseArgs } from 'node:util'
import { generateKeyPair, signerFromSeed } from 'counterfoil/keys'
import { issue } from 'counterfoil/sign'
import { verify } from 'counterfoil/verify'
import { register, revoke } from 'counterfoil/revoke'
import { createRegistry, memoryStore, remoteRegistry } from 'counterfoil/registry'

const WORDS = {
  decode: 'Is it a well-formed record?',
  signatures: 'Did the issuer sign exactly this?',
  validity: 'Is it within its dates?',
  issuer: 'Is the issuer one we trust?',
  signers: 'Did everyone who had to sign, sign?',
  status: 'What does the registry say?',
}

const ADVICE = {
  ERR_SIGNATURE_INVALID: 'The record was changed after it was signed, or forged. Do not accept it.',
  ERR_MALFORMED: 'This is not a complete record. Ask the customer to paste it again, all of it.',
  ERR_NON_CANONICAL: 'This record was re-encoded by some tool. Ask for the original.',
  ERR_EXPIRED: 'The record has expired. Explain the end date to the customer.',
  ERR_NOT_YET_VALID: 'The record is not valid yet.',
  ERR_UNTRUSTED_ISSUER: 'Signed correctly, but not by a company we accept records from.',
  ERR_REVOKED: 'The issuer revoked this record (refund, replacement or fraud).',
  ERR_SUSPENDED: 'The issuer has put this record on hold.',
  ERR_WITHDRAWN: 'The customer withdrew this record.',
  ERR_STATUS_UNAVAILABLE: 'The registry could not be reached; try again or escalate.',
}

/** Prints the agent's view of one pasted record; returns whether it is valid. */
async function explain(pasted, options = {}) {
  const result = await verify(pasted.trim(), options)
  if (result.record !== undefined) {
    const p = result.record.payload
    console.log(`  A "${p.type}" record, issued ${new Date(p.iat * 1000).toDateString()} by ${p.iss.slice(0, 24)}…`)
    console.log(`  It says: ${JSON.stringify(p.claims)}`)
  }
  for (const check of result.checks) console.log(`  ${check.ok ? 'yes' : 'NO '}  ${WORDS[check.name]} ${check.detail}`)
  console.log(result.valid ? '  => The record is genuine and valid. Go ahead.' : `  => Not valid. ${result.errors.map((e) => ADVICE[e.code] ?? e.message).join(' ')}`)
  return result.valid
}

async function walkThrough() {
  const registry = await createRegistry({ store: memoryStore(), signer: await signerFromSeed((await generateKeyPair()).seed), origin: 'registry.example/log' })
  const shop = await signerFromSeed((await generateKeyPair()).seed)
  const customer = (await generateKeyPair()).did
  const warranty = await issue({ signer: shop, subject: customer, type: 'warranty', registry: 'https://registry.example', claims: { serial: 'KT2-000117', product: 'Electric kettle' }, expiresIn: 2 * 365 * 86_400 })
  await register({ signer: shop, record: warranty, registry })
  const text = warranty.toString()
  const options = { trustedIssuers: [shop.did], registry }
  const outcomes = []

  console.log('Call 1: a customer pastes a warranty.')
  outcomes.push(await explain(text, options) === true)

  console.log('\nCall 2: someone pastes half of it.')
  outcomes.push(await explain(text.slice(0, 120), options) === false)

  console.log('\nCall 3: a record signed by a shop we do not work with.')
  const stranger = await signerFromSeed((await generateKeyPair()).seed)
  outcomes.push(await explain((await issue({ signer: stranger, subject: customer, type: 'warranty', claims: { serial: 'FAKE-1' } })).toString(), options) === false)

  console.log('\nCall 4: the same warranty, after the shop refunded the kettle.')
  await revoke({ signer: shop, record: warranty, registry, reason: 'superseded' })
  outcomes.push(await explain(text, options) === false)

  await registry.close()
  return outcomes.every(Boolean)
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { registry: { type: 'string' }, 'registry-key': { type: 'string' }, trust: { type: 'string', multiple: true } } })
  if (positionals.length === 0) return walkThrough()
  let pasted = positionals[0]
  if (pasted === '-') {
    pasted = ''
    for await (const chunk of process.stdin) pasted += chunk
  }
  const options = {
    ...(values.trust === undefined ? {} : { trustedIssuers: values.trust }),
    ...(values.registry === undefined ? {} : { registry: remoteRegistry(values.registry, values['registry-key'] === undefined ? {} : { key: values['registry-key'] }) }),
  }
  return explain(pasted, options)
}

process.exitCode = (await main()) ? 0 : 1
