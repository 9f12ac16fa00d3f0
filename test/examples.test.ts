// Runs every example in examples/ against the built package (dist/, `npx tsup` first: scripts/test.sh
// builds before testing), so the examples cannot rot.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = fileURLToPath(new URL('..', import.meta.url))

async function example(name: string): Promise<string> {
  expect(existsSync(`${root}dist/holder.js`), 'build first: npx tsup').toBe(true)
  const { stdout } = await run(process.execPath, [`examples/${name}`], { cwd: root, timeout: 20_000 })
  return stdout
}

describe('examples', () => {
  it('repair-shop-warranty.mjs: the shop sees only serial and expiry, and a replay fails', async () => {
    const out = await example('repair-shop-warranty.mjs')
    expect(out).toMatch(/customer presents serial \+ expires/)
    expect(out).toMatch(/shop verified: valid=true/)
    expect(out).toMatch(/shop sees claims: \{"model":"Kettle 2","serial":"KTL-2-0042917","expires":"2028-11-23"\}/)
    expect(out).toMatch(/shop knows withheld: buyer, price/)
    expect(out).toMatch(/replayed presentation: valid=false \(ERR_REPLAYED\)/)
    expect(out).not.toMatch(/Lovelace/)
  })

  it('consent-withdrawal.mjs: valid before, ERR_WITHDRAWN after the customer withdraws', async () => {
    const out = await example('consent-withdrawal.mjs')
    expect(out).toMatch(/shop checks consent: valid=true/)
    expect(out).toMatch(/customer withdrew the consent/)
    expect(out).toMatch(/shop checks consent again: valid=false \(ERR_WITHDRAWN\)/)
  })
})

describe('examples: transfers and key rotation', () => {
  it('warranty-transfer.mjs: verifyChain names the second owner; a forged transfer fails', async () => {
    const out = await example('warranty-transfer.mjs')
    expect(out).toMatch(/buyer's wallet: 2 records, 1 link \(transfers\)/)
    expect(out).toMatch(/shop verified chain: valid=true, 2 steps/)
    expect(out).toMatch(/current holder is the buyer: true/)
    expect(out).toMatch(/forged transfer: valid=false \(ERR_NOT_CURRENT_HOLDER\)/)
  })

  it('key-rotation.mjs: old receipts and successor receipts verify; old key after revocation fails', async () => {
    const out = await example('key-rotation.mjs')
    expect(out).toMatch(/succession logged at 1, old key revoked from log position 2/)
    expect(out).toMatch(/old receipt \(before rotation\): valid=true/)
    expect(out).toMatch(/new receipt \(successor key\): valid=true/)
    expect(out).toMatch(/old key after its revocation: valid=false \(ERR_KEY_REVOKED\)/)
  })
})
