/**
 * `counterfoil demo`: the whole loop, end to end, against an embedded registry (SQLite in a temp
 * directory) served over real HTTP on loopback — issue, hold, verify, tamper, register, revoke,
 * withdraw — printing what each party sees.
 */
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair, signerFromSeed } from '../keys/index.js'
import { issue } from '../record/issue.js'
import { createRegistry } from '../registry/registry.js'
import { registryHandler } from '../registry/http.js'
import { remoteRegistry } from '../registry/remote.js'
import { register, revoke, withdraw } from '../registry/statements.js'
import { sqliteStore } from '../node/sqlite-store.js'
import { serve } from '../node/serve.js'
import { verify } from '../verify.js'
import type { VerifyResult } from '../record/result.js'

type Out = (line: string) => void

function show(out: Out, label: string, result: VerifyResult): void {
  out(`  ${label}: ${result.valid ? 'VALID' : `INVALID (${result.errors.map((e) => e.code).join(', ')})`}`)
  for (const c of result.checks) out(`    ${c.ok ? '✓' : '✗'} ${c.name.padEnd(10)} ${c.detail}`)
}

/**
 * Runs the demo. Returns the exit code: 0 when every step behaved as expected.
 *
 * @param out - where to print
 * @returns exit code
 */
export async function runDemo(out: Out = console.log): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'counterfoil-demo-'))
  const store = await sqliteStore(join(dir, 'registry.db'))
  const registryKey = await signerFromSeed((await generateKeyPair()).seed)
  const registry = await createRegistry({ store, signer: registryKey, origin: 'demo.counterfoil.local/log' })
  const server = await serve(registryHandler(registry), { port: 0 })
  const expectations: boolean[] = []
  try {
    const shop = await signerFromSeed((await generateKeyPair()).seed)
    const customer = await signerFromSeed((await generateKeyPair()).seed)
    const client = remoteRegistry(server.url, { key: registry.did })
    out(`Registry   ${server.url}  (SQLite ${join(dir, 'registry.db')})`)
    out(`Shop       ${shop.did}`)
    out(`Customer   ${customer.did}\n`)

    out('1. The shop issues a purchase receipt to the customer and keeps nothing.')
    const receipt = await issue({
      signer: shop, subject: customer.did, type: 'purchase', registry: server.url,
      claims: { items: [{ sku: 'KETTLE-2', name: 'Electric kettle', qty: 1, price: 3990 }], currency: 'EUR', store: 'Main St.' },
      expiresIn: 2 * 365 * 24 * 3600,
    })
    const file = join(dir, 'receipt.txt')
    await writeFile(file, receipt.toString())
    out(`   record id ${receipt.id}`)
    out(`   ${receipt.bytes.length} bytes; the customer saves it as text (${receipt.toString().length} chars) in ${file}\n`)

    out('2. The shop registers the counterfoil: a salted hash and revocation keys, no content.')
    const reg = await register({ signer: shop, record: receipt, registry: client })
    out(`   log index ${reg.index}, covered by a signed checkpoint of size ${reg.checkpoint.split('\n')[1]}\n`)

    out('3. A repair centre verifies the text the customer shows, checking status online.')
    const text = await readFile(file, 'utf8')
    const first = await verify(text, { trustedIssuers: [shop.did], registry: client })
    show(out, 'result', first)
    expectations.push(first.valid)

    out('\n4. Someone edits the price in the saved text and tries again.')
    const bytes = receipt.bytes.slice()
    const at = bytes.indexOf(0x19, bytes.length - 40) // the CBOR uint16 header of a price
    bytes[at >= 0 ? at + 2 : bytes.length - 1]! ^= 0x01
    const tampered = await verify(bytes, { trustedIssuers: [shop.did], registry: client })
    show(out, 'result', tampered)
    expectations.push(!tampered.valid && tampered.errors.some((e) => e.code === 'ERR_SIGNATURE_INVALID' || e.code === 'ERR_MALFORMED'))

    out('\n5. The shop revokes the receipt (refund); the same check now fails.')
    await revoke({ signer: shop, record: receipt, registry: client, reason: 'superseded' })
    const revoked = await verify(text, { trustedIssuers: [shop.did], registry: client })
    show(out, 'result', revoked)
    expectations.push(revoked.errors.some((e) => e.code === 'ERR_REVOKED'))

    out('\n6. The customer gives marketing consent, with its own withdrawal key, then withdraws it alone.')
    const consent = await issue({
      signer: shop, subject: customer.did, type: 'consent', registry: server.url, holderKey: customer.publicKey,
      claims: { purpose: 'newsletter', terms: 'use my e-mail only for the newsletter; delete within 30 days of withdrawal' },
    })
    await register({ signer: shop, record: consent, registry: client })
    const before = await verify(consent, { registry: client })
    show(out, 'before', before)
    await withdraw({ signer: customer, record: consent, registry: client, reason: 'consentWithdrawn' })
    const after = await verify(consent, { registry: client })
    show(out, 'after ', after)
    expectations.push(before.valid, after.errors.some((e) => e.code === 'ERR_WITHDRAWN'))

    const ok = expectations.every(Boolean)
    out(`\n${ok ? 'Demo complete: every step behaved as expected.' : 'Demo FAILED: a step did not behave as expected.'}`)
    out(`The registry holds ${await registry.size()} log entries and no personal data.`)
    return ok ? 0 : 1
  } finally {
    await server.close()
    await registry.close()
    await store.close()
    await rm(dir, { recursive: true, force: true })
  }
}
