// The wallet example in a real browser: Vite builds it against the built dist, one loopback server
// carries the registry and the pages, Debian's Chromium runs them. Every assertion is on what the
// page shows, cross-checked where it matters against the registry from Node.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeRecord } from 'counterfoil'
import { remoteRegistry } from 'counterfoil/registry'
import { verify } from 'counterfoil/verify'
import { buildWallet } from '../../examples/wallet/build.js'
import { qrSvg } from '../../examples/wallet/src/qr.js'
import { startWalletServer, type WalletServer } from '../../examples/wallet/server.js'
import { launchChromium } from './chromium.js'

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url))
const STEP_MS = 20_000
/** A whole flow, bounded; generous because the machine may be busy (each step has STEP_MS). */
const FLOW_MS = 120_000

// Wallets without Web Crypto Ed25519: make every Ed25519 use of crypto.subtle fail as it does there.
const NO_WEBCRYPTO_ED25519 = `(() => {
  const subtle = crypto.subtle
  const isEd = (a) => a === 'Ed25519' || (a && a.name === 'Ed25519')
  for (const m of ['generateKey', 'importKey', 'sign', 'verify']) {
    const real = subtle[m].bind(subtle)
    subtle[m] = (...args) => (isEd(m === 'importKey' ? args[2] : args[0]) ? Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError')) : real(...args))
  }
})()`

let dir: string
let server: WalletServer
let browser: Browser

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'counterfoil-wallet-'))
  server = await startWalletServer(await buildWallet(join(dir, 'www')))
  browser = await launchChromium()
  await mkdir(ARTIFACTS, { recursive: true })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

/** A page that records every uncaught error and console error, to assert none happened. */
async function open(context: BrowserContext, url: string, errors: string[]): Promise<Page> {
  const page = await context.newPage()
  page.setDefaultTimeout(STEP_MS)
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} ${m.location().url}`)
  })
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`)
  })
  await page.goto(url)
  await page.waitForSelector('body[data-ready="true"]')
  return page
}

async function walletStatus(page: Page): Promise<{ text: string; error: boolean }> {
  const status = page.locator('#status')
  return { text: (await status.textContent()) ?? '', error: (await status.getAttribute('data-error')) === 'true' }
}

async function buy(wallet: Page, expectedCount: number, action: 'buy' | 'consent' = 'buy'): Promise<string> {
  await wallet.click(`button[data-action="${action}"]`)
  await wallet.waitForFunction((n) => document.querySelectorAll('#records li').length === n || document.querySelector('#status[data-error="true"]') !== null, expectedCount)
  const status = await walletStatus(wallet)
  expect(status.error, status.text).toBe(false)
  const id = await wallet.locator('#records li').last().getAttribute('data-id')
  expect(id).toMatch(/^bafy/)
  return id!
}

async function present(wallet: Page, id: string): Promise<string> {
  await wallet.click(`#records li[data-id="${id}"] button[data-action="show"]`)
  await wallet.waitForSelector(`#presentation[data-id="${id}"]:not([hidden])`)
  return wallet.locator('#presentation-text').inputValue()
}

async function check(verifier: Page, text: string): Promise<{ valid: string | null; codes: string; verdict: string; checks: { ok: string | null; text: string }[] }> {
  await verifier.fill('#text', text)
  await verifier.click('#verify')
  await verifier.waitForSelector('#verdict[data-state="done"]')
  const verdict = verifier.locator('#verdict')
  const items = verifier.locator('#checks li')
  const checks: { ok: string | null; text: string }[] = []
  for (let i = 0; i < (await items.count()); i++) checks.push({ ok: await items.nth(i).getAttribute('data-ok'), text: (await items.nth(i).textContent()) ?? '' })
  return { valid: await verdict.getAttribute('data-valid'), codes: (await verdict.getAttribute('data-codes')) ?? '', verdict: (await verdict.textContent()) ?? '', checks }
}

describe('the wallet example in Chromium', () => {
  it('issue → store → reload → present → verify (valid) → revoke → verify (revoked)', async () => {
    const errors: string[] = []
    const context = await browser.newContext()
    try {
      const wallet = await open(context, server.walletUrl, errors)
      expect(await wallet.locator('#holder-kind').getAttribute('data-kind')).toBe('webcrypto')
      const did = (await wallet.locator('#holder-did').textContent()) ?? ''
      expect(did).toMatch(/^did:key:z6Mk/)

      // issue + store
      const id = await buy(wallet, 1)

      // reload: the record and the key are still there (IndexedDB)
      await wallet.reload()
      await wallet.waitForSelector('body[data-ready="true"]')
      expect(await wallet.locator('#records li').count()).toBe(1)
      expect(await wallet.locator('#records li').first().getAttribute('data-id')).toBe(id)
      expect(await wallet.locator('#holder-did').textContent()).toBe(did)

      // present: text and QR
      const text = await present(wallet, id)
      const record = decodeRecord(text)
      expect(record.id).toBe(id)
      expect(record.payload.sub).toBe(did)
      expect(record.payload.type).toBe('purchase')
      // The QR code on screen carries exactly the presented text: same modules as encoding it here.
      const expectedQr = qrSvg(text)
      expect(Number(await wallet.locator('#qr').getAttribute('data-modules'))).toBe(expectedQr.modules)
      expect(expectedQr.modules).toBeGreaterThanOrEqual(21)
      expect(await wallet.locator('#qr svg path').getAttribute('d')).toBe(/ d="([^"]+)"/.exec(expectedQr.svg)![1])
      // the verifier link carries the record in the fragment (never sent to a server)
      expect(await wallet.locator('#open-verifier').getAttribute('href')).toContain(`#${text}`)

      // verify: valid, every check passed, status asked at the registry
      const verifier = await open(context, server.verifierUrl, errors)
      const first = await check(verifier, text)
      expect(first.valid, first.verdict).toBe('true')
      expect(first.verdict).toMatch(/^Valid/)
      expect(first.checks.length).toBeGreaterThanOrEqual(4)
      expect(first.checks.every((c) => c.ok === 'true')).toBe(true)
      expect(first.checks.some((c) => c.text.includes('asked the registry'))).toBe(true)
      await verifier.screenshot({ path: join(ARTIFACTS, 'verifier-valid.png'), fullPage: true })

      // revoke: the customer returns the item, the shop revokes at the registry
      await wallet.click(`#records li[data-id="${id}"] button[data-action="refund"]`)
      await wallet.waitForFunction(() => /revoked|failed/.test(document.getElementById('status')?.textContent ?? ''))
      const refunded = await walletStatus(wallet)
      expect(refunded.error, refunded.text).toBe(false)
      const fromNode = await verify(text, { registry: remoteRegistry(server.url, { key: server.registry.did }) })
      expect(fromNode.errors.map((e) => e.code)).toEqual(['ERR_REVOKED'])

      // verify again: revoked, and the status line says so
      const second = await check(verifier, text)
      expect(second.valid).toBe('false')
      expect(second.codes).toBe('ERR_REVOKED')
      expect(second.verdict).toMatch(/^Not valid: .*revoked/)
      expect(second.checks.filter((c) => c.ok === 'false').map((c) => c.text)).toEqual([expect.stringContaining('asked the registry')])
      await wallet.screenshot({ path: join(ARTIFACTS, 'wallet.png'), fullPage: true })
      await verifier.screenshot({ path: join(ARTIFACTS, 'verifier-revoked.png'), fullPage: true })

      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  }, FLOW_MS)

  it('the holder withdraws a consent with its own non-extractable key; the verifier sees it withdrawn', async () => {
    const errors: string[] = []
    const context = await browser.newContext()
    try {
      const wallet = await open(context, server.walletUrl, errors)
      const did = (await wallet.locator('#holder-did').textContent()) ?? ''
      const id = await buy(wallet, 1, 'consent')
      const text = await present(wallet, id)
      const record = decodeRecord(text)
      expect(record.payload.type).toBe('consent')
      expect(record.payload.sub).toBe(did)
      expect(record.payload.rev?.holder).toBeInstanceOf(Uint8Array)
      expect(await wallet.locator(`#records li[data-id="${id}"] button[data-action="refund"]`).count()).toBe(0)
      const verifier = await open(context, server.verifierUrl, errors)
      expect((await check(verifier, text)).valid).toBe('true')

      await wallet.click(`#records li[data-id="${id}"] button[data-action="withdraw"]`)
      await wallet.waitForFunction(() => /withdrew|failed/.test(document.getElementById('status')?.textContent ?? ''))
      const status = await walletStatus(wallet)
      expect(status.error, status.text).toBe(false)
      const after = await check(verifier, text)
      expect(after.valid).toBe('false')
      expect(after.codes).toBe('ERR_WITHDRAWN')
      expect(after.verdict).toMatch(/withdrawn by its holder/)
      await wallet.screenshot({ path: join(ARTIFACTS, 'wallet-consent.png'), fullPage: true })
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  }, FLOW_MS)

  it('the verifier reports a tampered or garbled text as not valid, with its code', async () => {
    const errors: string[] = []
    const context = await browser.newContext()
    try {
      const wallet = await open(context, server.walletUrl, errors)
      const text = await present(wallet, await buy(wallet, 1))
      const verifier = await open(context, server.verifierUrl, errors)
      // Flip one character in the middle of the base64url text: decoding or the signature must fail.
      const at = Math.floor(text.length / 2)
      const tampered = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)
      const forged = await check(verifier, tampered)
      expect(forged.valid).toBe('false')
      expect(forged.codes).toMatch(/ERR_(SIGNATURE_INVALID|MALFORMED|NON_CANONICAL)/)
      const garbled = await check(verifier, 'not a record')
      expect(garbled.valid).toBe('false')
      expect(garbled.codes).toMatch(/^ERR_/)
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  }, FLOW_MS)

  it('falls back to a noble-signed seed key where Web Crypto has no Ed25519, and still works', async () => {
    const errors: string[] = []
    const context = await browser.newContext()
    await context.addInitScript(NO_WEBCRYPTO_ED25519)
    try {
      const wallet = await open(context, server.walletUrl, errors)
      expect(await wallet.locator('#holder-kind').getAttribute('data-kind')).toBe('seed')
      const text = await present(wallet, await buy(wallet, 1))
      const verifier = await open(context, server.verifierUrl, errors)
      const result = await check(verifier, text)
      expect(result.valid, result.verdict).toBe('true')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  }, FLOW_MS)
})
