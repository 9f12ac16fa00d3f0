// Holder-side benchmarks: what selective disclosure and presentations cost a verifier, measured
// against plain `verify` of a record with the same claims in the same run. Run through run.mjs.
//
// Targets (see README.md):
//   1. verify of a disclosed record (2 of 6 claims shown, 4 named withheld, 8 digests) ≥ 0.4 × plain verify
//   2. verifyPresentation of one disclosed record (2 signatures, nonce store) ≥ 0.2 × plain verify
import { createNonce, disclose, issue, memoryNonceStore, present, signerFromSeed, verify, verifyPresentation } from 'counterfoil'

const IAT = 1_767_225_600
const NOW = IAT + 86_400
const AUDIENCE = 'https://repair.example'

function seedOf(tag) {
  return Uint8Array.from({ length: 32 }, (_, i) => (tag * 31 + i * 7 + 1) & 0xff)
}

const CLAIMS = Object.freeze({
  serial: 'KTL-2-0042917',
  model: 'Kettle 2',
  expires: '2028-11-23',
  buyer: { name: 'Ada Lovelace', email: 'ada@example.org', city: 'Paris' },
  price: { amount: 3990, currency: 'EUR' },
  store: 'Kettle & Co, 12 Rue de la Paix',
})

function check(condition, message) {
  if (!condition) throw new Error(`holder bench setup: ${message}`)
}

export default async function holder({ measureGroup, target, section, note }) {
  const maker = await signerFromSeed(seedOf(1))
  const customer = await signerFromSeed(seedOf(2))
  const base = { signer: maker, subject: customer.did, type: 'warranty', claims: CLAIMS, issuedAt: IAT, expiresIn: 2 * 365 * 86400 }
  const plain = (await issue(base)).toString()
  const full = await issue({ ...base, disclosable: ['serial', 'expires', 'buyer', 'price', 'store', 'model'] })
  const shown = disclose(full, ['serial', 'expires']).toString()
  const options = { trustedIssuers: [maker.did], now: NOW }
  check((await verify(plain, options)).valid, 'plain record does not verify')
  const d = await verify(shown, options)
  check(d.valid && d.disclosure.disclosed.length === 2 && d.disclosure.withheld.length === 4, 'disclosed record does not verify as expected')

  // Each presentation needs a fresh nonce; make enough up front so signing is not measured.
  let nonceStore = memoryNonceStore({ ttl: 600, maxEntries: 1_000_000 })
  const pool = []
  for (let i = 0; i < 20_000; i++) {
    const nonce = createNonce()
    pool.push({ nonce, text: (await present({ holder: customer, records: [shown], audience: AUDIENCE, nonce, issuedAt: NOW - 10 })).toString() })
  }
  let next = 0
  const onePresentation = async () => {
    // Every call is an accepted presentation: when the pool comes round again, a new nonce store
    // (its nonces would now be replays, which are refused before the signatures are checked; an
    // earlier version of this bench measured those once the pool ran out, a window spread of 79%).
    if (next % pool.length === 0) nonceStore = memoryNonceStore({ ttl: 600, maxEntries: 1_000_000 })
    const { nonce, text } = pool[next++ % pool.length]
    return verifyPresentation(text, { audience: AUDIENCE, nonce, nonceStore, ...options })
  }
  check((await onePresentation()).valid, 'presentation does not verify')

  section(`verifier cost of selective disclosure and presentations (windows interleaved; ${shown.length}-character disclosed record vs ${plain.length}-character plain record)`)
  const [plainRow, disclosedRow, presentationRow] = await measureGroup([
    { label: 'verify plain record (text)', fn: () => verify(plain, options) },
    { label: 'verify disclosed record (2 shown, 4 named withheld)', fn: () => verify(shown, options) },
    { label: 'verifyPresentation (1 disclosed record)', fn: onePresentation },
  ])
  section('targets')
  note('baseline: plain verify of the same claims, measured in the same run')
  note(`CPU-cost ratios (informative): plain/disclosed ${(plainRow.cpuMicrosPerOp / disclosedRow.cpuMicrosPerOp).toFixed(2)}, plain/presentation ${(plainRow.cpuMicrosPerOp / presentationRow.cpuMicrosPerOp).toFixed(2)}`)
  const targets = [
    target('disclosed verify vs plain verify', disclosedRow, 0.4, plainRow, 'plain verify'),
    target('verifyPresentation vs plain verify', presentationRow, 0.2, plainRow, 'plain verify'),
  ]
  return { targets }
}
