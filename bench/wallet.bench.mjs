// Holder-side benchmarks: importing a wallet file and verifying a transfer chain, each against the
// least work it must do, measured in the same run. Run through run.mjs.
//
// Targets (see README.md):
//   1. importWallet (200 records) ≥ 0.75 × decoding the same 200 records and checking their signatures one by one
//   2. verifyChain (original + 2 transfers) ≥ 0.75 × verify on the same 3 records one after another
import { decodeRecord, exportWallet, importWallet, issue, signerFromSeed, signingInput, transfer, verify, verifyChain, verifyEd25519, publicKeyFromDid } from 'counterfoil'

const RECORDS = 200
const IAT = 1_767_225_600
const NOW = IAT + 86_400

function seedOf(tag) {
  return Uint8Array.from({ length: 32 }, (_, i) => (tag * 31 + i * 7 + 1) & 0xff)
}

function check(ok, message) {
  if (!ok) throw new Error(`bench setup: ${message}`)
}

export default async function wallet({ measureGroup, target, section }) {
  const [shop, alice, bob, carol] = await Promise.all([1, 2, 3, 4].map((t) => signerFromSeed(seedOf(t))))
  const records = []
  for (let i = 0; i < RECORDS; i++) {
    records.push(await issue({ signer: shop, subject: alice.did, type: 'receipt', claims: { order: `ORD-${i}`, total: 1000 + i, items: [{ sku: 'KETTLE-2', qty: 1 }] }, issuedAt: IAT }))
  }
  const file = await exportWallet({ records })
  const envelopes = records.map((r) => r.bytes)
  check((await importWallet(file)).records.length === RECORDS, 'wallet does not import')

  const decodeAndCheck = async () => {
    for (const bytes of envelopes) {
      const r = decodeRecord(bytes)
      const input = signingInput(r.cid)
      for (const s of r.signatures) check(await verifyEd25519(publicKeyFromDid(s.signer), input, s.signature), 'bad signature')
    }
  }

  section(`wallet import (${RECORDS} receipts, ${file.length.toLocaleString('en-US')} bytes; windows interleaved)`)
  const [importRow, baseRow] = await measureGroup([
    { label: `importWallet (${RECORDS} records)`, fn: () => importWallet(file) },
    { label: `decodeRecord + signature check × ${RECORDS}`, fn: decodeAndCheck },
  ])

  const warranty = await issue({ signer: shop, subject: alice.did, type: 'warranty', claims: { serial: 'SN-1' }, issuedAt: IAT, expiresIn: 730 * 86400 })
  const t1 = await transfer({ signer: alice, record: warranty, to: bob.did, issuedAt: IAT + 10 })
  const t2 = await transfer({ signer: bob, record: t1, to: carol.did, issuedAt: IAT + 20 })
  const chain = [warranty.toString(), t1.toString(), t2.toString()]
  const options = { trustedIssuers: [shop.did], now: NOW }
  check((await verifyChain(chain, options)).currentHolder === carol.did, 'chain does not verify')

  section('transfer chain (original + 2 transfers, text in; windows interleaved)')
  const [chainRow, verifyRow] = await measureGroup([
    { label: 'verifyChain', fn: () => verifyChain(chain, options) },
    { label: 'verify × 3', fn: async () => { for (const t of chain) await verify(t, options) } },
  ])

  return {
    targets: [
      target('importWallet vs decode + signature checks', importRow, 0.75, baseRow, 'decode + check'),
      target('verifyChain vs verify × 3', chainRow, 0.75, verifyRow, 'verify × 3'),
    ],
  }
}
