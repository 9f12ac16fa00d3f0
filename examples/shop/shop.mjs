// A shop that issues receipts and warranties, registers their counterfoils, and keeps nothing
// but its key.   Run: node examples/shop/shop.mjs
//
// The shop's whole state is one directory. After selling to three customers it holds exactly one
// file, its key. The customers hold their records; the registry holds salted hashes and statuses.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair, signerFromSeed } from 'counterfoil/keys'
import { issue } from 'counterfoil/sign'
import { register } from 'counterfoil/revoke'
import { createRegistry, memoryStore } from 'counterfoil/registry'
import { verify } from 'counterfoil/verify'

const toHex = (bytes) => Buffer.from(bytes).toString('hex')
const work = await mkdtemp(join(tmpdir(), 'counterfoil-shop-'))
const shopDir = join(work, 'shop')          // everything the shop keeps
const walletsDir = join(work, 'customers')  // what the customers take home
await Promise.all([mkdir(shopDir), mkdir(walletsDir)])

try {
  // The registry (in-process here; `counterfoil serve` in production) never sees content.
  const registry = await createRegistry({ store: memoryStore(), signer: await signerFromSeed((await generateKeyPair()).seed), origin: 'registry.example/log' })

  // Day one: the shop makes its key. This file is the shop's only state.
  const keyFile = join(shopDir, 'shop.key')
  await writeFile(keyFile, `${toHex((await generateKeyPair()).seed)}\n`, { mode: 0o600 })

  const sales = [
    { customer: 'alice', items: [{ sku: 'KETTLE-2', name: 'Electric kettle', price: 3990 }], warranty: { serial: 'KT2-000117', years: 2 } },
    { customer: 'bob', items: [{ sku: 'MUG-6', name: 'Mug, set of 6', price: 2400 }] },
    { customer: 'carol', items: [{ sku: 'TOAST-4', name: 'Toaster', price: 5490 }], warranty: { serial: 'TS4-004411', years: 3 } },
  ]
  for (const sale of sales) {
    // Each sale: read the key, sign, register, hand over, forget.
    const shop = await signerFromSeed(Uint8Array.from(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'hex')))
    const customerDid = (await generateKeyPair()).did // the customer's wallet key, shown at the till
    const total = sale.items.reduce((sum, item) => sum + item.price, 0)
    const records = [await issue({
      signer: shop, subject: customerDid, type: 'purchase', registry: 'https://registry.example',
      claims: { items: sale.items, total, currency: 'EUR', store: 'Main St.' }, expiresIn: 7 * 365 * 86_400,
    })]
    if (sale.warranty !== undefined) {
      records.push(await issue({
        signer: shop, subject: customerDid, type: 'warranty', registry: 'https://registry.example',
        claims: { serial: sale.warranty.serial, product: sale.items[0].name }, expiresIn: sale.warranty.years * 365 * 86_400,
      }))
    }
    for (const record of records) {
      const receipt = await register({ signer: shop, record, registry })
      await writeFile(join(walletsDir, `${sale.customer}-${record.payload.type}.txt`), record.toString())
      console.log(`sold to ${sale.customer.padEnd(5)}  ${record.payload.type.padEnd(8)}  ${record.id}  registered at log index ${receipt.index}`)
    }
  }

  // A customer comes back with a warranty claim: the shop checks the record it no longer has.
  const shop = await signerFromSeed(Uint8Array.from(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'hex')))
  const shown = await readFile(join(walletsDir, 'carol-warranty.txt'), 'utf8')
  const check = await verify(shown, { trustedIssuers: [shop.did], registry })
  console.log(`\ncarol shows her warranty: ${check.valid ? 'VALID' : 'INVALID'} (${check.record.payload.claims.serial})`)

  const kept = await readdir(shopDir)
  console.log(`\nWhat the shop kept: ${kept.join(', ')}  (${kept.length} file: its key, nothing about any customer)`)
  console.log(`What the customers hold: ${(await readdir(walletsDir)).length} records`)
  console.log(`What the registry holds: ${await registry.size()} log entries — salted hashes and revocation keys, no content`)
  if (kept.length !== 1 || kept[0] !== 'shop.key' || !check.valid) process.exitCode = 1
  await registry.close()
} finally {
  await rm(work, { recursive: true, force: true })
}
