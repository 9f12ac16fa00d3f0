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
import { decodePresentation, present as presentFromNode } from 'counterfoil/holder'
import { generateKeyPair, signerFromSeed } from 'counterfoil/keys'
import { remoteRegistry } from 'counterfoil/registry'
import { verify } from 'counterfoil/verify'
import { buildWallet } from '../../examples/wallet/build.js'
import { parseChallenge, type Challenge } from '../../examples/wallet/src/challenge.js'
import { qrSvg } from '../../examples/wallet/src/qr.js'
import { startWalletServer, type WalletServer } from '../../examples/wallet/server.js'
import { launchChromium } from './chromium.js'
import { VALID_TITLES } from './wallet-titles.js'

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
async function openPage(context: BrowserContext, url: string, errors: string[]): Promise<Page> {
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

/**
 * Runs `body` in a fresh browser context and closes it afterwards. Pages come from `openPage`, which
 * records every uncaught error, console error and HTTP error of the page; the test fails on any of
 * them except those matching `expected` (a failure the test provokes on purpose).
 */
async function inFreshContext(
  body: (open: (url: string) => Promise<Page>) => Promise<void>,
  options: { initScript?: string; expected?: RegExp } = {},
): Promise<void> {
  const errors: string[] = []
  const context = await browser.newContext()
  try {
    if (options.initScript !== undefined) await context.addInitScript(options.initScript)
    await body((url) => openPage(context, url, errors))
    expect(errors.filter((e) => options.expected === undefined || !options.expected.test(e))).toEqual([])
  } finally {
    await context.close()
  }
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

/** The challenge the verifier page shows now, as text and parsed. */
async function challengeOf(verifier: Page): Promise<{ text: string; challenge: Challenge }> {
  const text = await verifier.locator('#challenge').inputValue()
  return { text, challenge: parseChallenge(text) }
}

/** Presses "New challenge" and returns the new one (a different nonce). */
async function newChallenge(verifier: Page): Promise<string> {
  const before = await verifier.locator('#challenge').getAttribute('data-nonce')
  await verifier.click('#new-challenge')
  await verifier.waitForFunction((old) => document.getElementById('challenge')?.dataset.nonce !== old, before)
  return (await challengeOf(verifier)).text
}

/** The wallet signs a presentation of record `id` for the pasted challenge; returns its text. */
async function present(wallet: Page, id: string, challenge: string, options: { staple?: boolean } = {}): Promise<string> {
  await wallet.fill('#challenge', challenge)
  await wallet.setChecked('#staple', options.staple ?? true)
  await wallet.click(`#records li[data-id="${id}"] button[data-action="show"]`)
  await wallet.waitForFunction((rid) => document.querySelector(`#presentation[data-id="${rid}"]:not([hidden])`) !== null || document.querySelector('#status[data-error="true"]') !== null, id)
  const status = await walletStatus(wallet)
  expect(status.error, status.text).toBe(false)
  expect(await wallet.locator('#presentation').getAttribute('data-stapled')).toBe(String(options.staple ?? true))
  return wallet.locator('#presentation-text').inputValue()
}

type Checked = { valid: string | null; codes: string; verdict: string; checks: { ok: string | null; title: string; text: string }[] }

async function check(verifier: Page, text: string): Promise<Checked> {
  await verifier.fill('#text', text)
  await verifier.click('#verify')
  await verifier.waitForSelector('#verdict[data-state="done"]')
  const verdict = verifier.locator('#verdict')
  const items = verifier.locator('#checks li')
  const checks: Checked['checks'] = []
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i)
    checks.push({ ok: await item.getAttribute('data-ok'), title: (await item.locator('.check-title').textContent()) ?? '', text: (await item.textContent()) ?? '' })
  }
  return { valid: await verdict.getAttribute('data-valid'), codes: (await verdict.getAttribute('data-codes')) ?? '', verdict: (await verdict.textContent()) ?? '', checks }
}

/** The titles of the checks that ran, in order. */
function titles(result: Checked): string[] {
  return result.checks.map((c) => c.title)
}

describe('the wallet example in Chromium', () => {
  it('issue → store → reload → challenge → present → verify (valid) → replay refused → revoke → new challenge → verify (revoked)', async () => {
    await inFreshContext(async (open) => {
      const wallet = await open(server.walletUrl)
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

      // the verifier makes a challenge: its origin as audience, a fresh nonce, as text and QR
      const verifier = await open(server.verifierUrl)
      const { text: challengeText, challenge } = await challengeOf(verifier)
      expect(challenge.audience).toBe(server.url)
      expect(challenge.nonce).toMatch(/^u[A-Za-z0-9_-]{22}$/)
      expect(await verifier.locator('#challenge-qr svg').count()).toBe(1)
      const link = (await verifier.locator('#open-wallet').getAttribute('href')) ?? ''
      expect(link).toContain(`#challenge=${encodeURIComponent(challengeText)}`)
      // the link opens the wallet with the challenge already pasted (it travels in the fragment)
      const linked = await open(new URL(link, server.verifierUrl).href)
      expect(await linked.locator('#challenge').inputValue()).toBe(challengeText)
      await linked.close()

      // the wallet presents: signed by the holder's key for that audience and nonce, status stapled
      const text = await present(wallet, id, challengeText)
      const presentation = decodePresentation(text)
      expect(presentation.payload.holder).toBe(did)
      expect(presentation.payload.aud).toBe(challenge.audience)
      expect(presentation.payload.nonce).toBe(challenge.nonce)
      expect(presentation.payload.exp - presentation.payload.iat).toBe(300)
      expect(presentation.payload.records).toHaveLength(1)
      const record = decodeRecord(presentation.payload.records[0]!)
      expect(record.id).toBe(id)
      expect(record.payload.sub).toBe(did)
      expect(record.payload.type).toBe('purchase')
      expect(presentation.payload.staples?.[0]).toBeInstanceOf(Uint8Array)
      // The QR code on screen carries exactly the presented text: same modules as encoding it here.
      const expectedQr = qrSvg(text)
      expect(Number(await wallet.locator('#qr').getAttribute('data-modules'))).toBe(expectedQr.modules)
      expect(expectedQr.modules).toBeGreaterThanOrEqual(21)
      expect(await wallet.locator('#qr svg path').getAttribute('d')).toBe(/ d="([^"]+)"/.exec(expectedQr.svg)![1])

      // verify: valid, every check passed and named in plain words, status from the stapled note
      const first = await check(verifier, text)
      expect(first.valid, first.verdict).toBe('true')
      expect(first.verdict).toMatch(/^Valid/)
      expect(titles(first).slice(0, VALID_TITLES.length)).toEqual(VALID_TITLES)
      expect(titles(first).slice(VALID_TITLES.length)).toEqual(["Record: Not revoked, suspended or withdrawn (the registry's signed note, stapled by the customer)"])
      expect(first.checks.every((c) => c.ok === 'true')).toBe(true)
      expect(await verifier.locator('#summary').textContent()).toContain(`shown by ${did}`)
      await verifier.screenshot({ path: join(ARTIFACTS, 'verifier-valid.png'), fullPage: true })

      // the same presentation again: refused as a replay, and nothing after the replay check runs
      const replayed = await check(verifier, text)
      expect(replayed.valid).toBe('false')
      expect(replayed.codes).toBe('ERR_REPLAYED')
      expect(replayed.verdict).toMatch(/^Not valid: it was already shown here once/)
      expect(replayed.checks.at(-1)).toMatchObject({ ok: 'false', title: 'Shown here for the first time (not a replay)' })
      await verifier.screenshot({ path: join(ARTIFACTS, 'verifier-replayed.png'), fullPage: true })

      // revoke: the customer returns the item, the shop revokes at the registry
      await wallet.click(`#records li[data-id="${id}"] button[data-action="refund"]`)
      await wallet.waitForFunction(() => /revoked|failed/.test(document.getElementById('status')?.textContent ?? ''))
      const refunded = await walletStatus(wallet)
      expect(refunded.error, refunded.text).toBe(false)
      const fromNode = await verify(record, { registry: remoteRegistry(server.url, { key: server.registry.did }) })
      expect(fromNode.errors.map((e) => e.code)).toEqual(['ERR_REVOKED'])

      // a new challenge, a new presentation (stapling the registry's new note): revoked
      const second = await check(verifier, await present(wallet, id, await newChallenge(verifier)))
      expect(second.valid).toBe('false')
      expect(second.codes).toBe('ERR_REVOKED')
      expect(second.verdict).toMatch(/^Not valid: the record was revoked by its issuer \(ERR_REVOKED\)$/)
      expect(second.checks.filter((c) => c.ok === 'false').map((c) => c.title)).toEqual(['Every record in it valid', "Record: Not revoked, suspended or withdrawn (the registry's signed note, stapled by the customer)"])
      expect(second.checks.at(-1)?.text).toMatch(/revoked by its issuer since/)
      await wallet.screenshot({ path: join(ARTIFACTS, 'wallet.png'), fullPage: true })
      await verifier.screenshot({ path: join(ARTIFACTS, 'verifier-revoked.png'), fullPage: true })

      // without a staple the verifier asks the registry itself: revoked as well
      const asked = await check(verifier, await present(wallet, id, await newChallenge(verifier), { staple: false }))
      expect(asked.codes).toBe('ERR_REVOKED')
      expect(asked.checks.filter((c) => c.ok === 'false').map((c) => c.title)).toEqual(['Every record in it valid', 'Record: Not revoked, suspended or withdrawn (asked the registry)'])

    })
  }, FLOW_MS)

  it('the holder withdraws a consent with its own non-extractable key; the verifier sees it withdrawn', async () => {
    await inFreshContext(async (open) => {
      const wallet = await open(server.walletUrl)
      const did = (await wallet.locator('#holder-did').textContent()) ?? ''
      const id = await buy(wallet, 1, 'consent')
      const verifier = await open(server.verifierUrl)
      const text = await present(wallet, id, (await challengeOf(verifier)).text, { staple: false })
      const presentation = decodePresentation(text)
      expect(presentation.payload.staples).toBeUndefined()
      const record = decodeRecord(presentation.payload.records[0]!)
      expect(record.payload.type).toBe('consent')
      expect(record.payload.sub).toBe(did)
      expect(record.payload.rev?.holder).toBeInstanceOf(Uint8Array)
      expect(await wallet.locator(`#records li[data-id="${id}"] button[data-action="refund"]`).count()).toBe(0)
      const before = await check(verifier, text)
      expect(before.valid, before.verdict).toBe('true')
      expect(before.checks.at(-1)?.title).toBe('Record: Not revoked, suspended or withdrawn (asked the registry)')

      await wallet.click(`#records li[data-id="${id}"] button[data-action="withdraw"]`)
      await wallet.waitForFunction(() => /withdrew|failed/.test(document.getElementById('status')?.textContent ?? ''))
      const status = await walletStatus(wallet)
      expect(status.error, status.text).toBe(false)
      const after = await check(verifier, await present(wallet, id, await newChallenge(verifier), { staple: false }))
      expect(after.valid).toBe('false')
      expect(after.codes).toBe('ERR_WITHDRAWN')
      expect(after.verdict).toMatch(/withdrawn by its holder/)
      await wallet.screenshot({ path: join(ARTIFACTS, 'wallet-consent.png'), fullPage: true })
    })
  }, FLOW_MS)

  it('the verifier refuses tampered text, another audience, an old challenge and a stranger presenting, each with its code', async () => {
    await inFreshContext(async (open) => {
      const wallet = await open(server.walletUrl)
      const id = await buy(wallet, 1)
      const verifier = await open(server.verifierUrl)
      const { text: challengeText, challenge } = await challengeOf(verifier)

      // Flip one character in the middle of the base64url text: decoding or the signature must fail.
      const text = await present(wallet, id, challengeText)
      const at = Math.floor(text.length / 2)
      const tampered = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)
      const forged = await check(verifier, tampered)
      expect(forged.valid).toBe('false')
      expect(forged.codes).toMatch(/^ERR_(SIGNATURE_INVALID|MALFORMED|NON_CANONICAL)$/)
      const garbled = await check(verifier, 'not a presentation')
      expect(garbled.valid).toBe('false')
      expect(garbled.codes).toBe('ERR_MALFORMED')
      expect(garbled.verdict).toMatch(/not a readable presentation/)
      // A record pasted as it is (the old way) is not a presentation.
      const bare = await check(verifier, decodeRecord(decodePresentation(text).payload.records[0]!).toString())
      expect(bare.valid).toBe('false')
      expect(bare.codes).toMatch(/^ERR_/)

      // Made for another verifier (same nonce): wrong audience.
      const elsewhere = `counterfoil-challenge ${new URLSearchParams({ aud: 'https://elsewhere.example', nonce: challenge.nonce }).toString()}`
      const wrongAudience = await check(verifier, await present(wallet, id, elsewhere))
      expect(wrongAudience.codes).toBe('ERR_WRONG_AUDIENCE')
      expect(wrongAudience.verdict).toMatch(/made for another verifier/)

      // Someone else's key presenting the customer's record: holder is not the subject.
      const stranger = await signerFromSeed((await generateKeyPair()).seed)
      const record = decodePresentation(text).payload.records[0]!
      const stolen = await presentFromNode({ holder: stranger, records: [record], audience: challenge.audience, nonce: challenge.nonce })
      const notSubject = await check(verifier, stolen.toString())
      expect(notSubject.codes).toBe('ERR_HOLDER_NOT_SUBJECT')
      expect(notSubject.verdict).toMatch(/not the customer it was issued to/)

      // Signed for the challenge before "New challenge": another nonce.
      const old = await present(wallet, id, challengeText)
      await newChallenge(verifier)
      const oldNonce = await check(verifier, old)
      expect(oldNonce.codes).toBe('ERR_NONCE_MISMATCH')
      expect(oldNonce.verdict).toMatch(/answers another challenge/)

      // The wallet refuses to sign for something that is not a challenge, and says why.
      await wallet.fill('#challenge', text)
      await wallet.click(`#records li[data-id="${id}"] button[data-action="show"]`)
      await wallet.waitForSelector('#status[data-error="true"]')
      expect(await wallet.locator('#status').textContent()).toMatch(/paste the verifier's challenge/)
      expect(await wallet.locator('#presentation').isHidden()).toBe(true)
    })
  }, FLOW_MS)

  it('a wallet that cannot reach the registry still presents, without a staple; the verifier asks the registry', async () => {
    await inFreshContext(async (open) => {
      const wallet = await open(server.walletUrl)
      const id = await buy(wallet, 1)
      const verifier = await open(server.verifierUrl)
      // Only the wallet's page loses the registry's status route; the verifier's page keeps it.
      await wallet.route('**/v1/status/**', (route) => route.abort('connectionrefused'))
      await wallet.fill('#challenge', (await challengeOf(verifier)).text)
      await wallet.click(`#records li[data-id="${id}"] button[data-action="show"]`)
      await wallet.waitForSelector(`#presentation[data-id="${id}"]:not([hidden])`)
      expect(await wallet.locator('#presentation').getAttribute('data-stapled')).toBe('false')
      expect(await wallet.locator('#presentation-for').textContent()).toMatch(/could not be reached/)
      const text = await wallet.locator('#presentation-text').inputValue()
      expect(decodePresentation(text).payload.staples).toBeUndefined()
      const result = await check(verifier, text)
      expect(result.valid, result.verdict).toBe('true')
      expect(result.checks.at(-1)?.title).toBe('Record: Not revoked, suspended or withdrawn (asked the registry)')
      // The refused connection (on either page) is the one failure expected.
    }, { expected: /\/v1\/status\/.*ERR_CONNECTION_REFUSED|ERR_CONNECTION_REFUSED.*\/v1\/status\// })
  }, FLOW_MS)

  it('falls back to a noble-signed seed key where Web Crypto has no Ed25519, and still presents', async () => {
    await inFreshContext(async (open) => {
      const wallet = await open(server.walletUrl)
      expect(await wallet.locator('#holder-kind').getAttribute('data-kind')).toBe('seed')
      const id = await buy(wallet, 1)
      const verifier = await open(server.verifierUrl)
      const text = await present(wallet, id, (await challengeOf(verifier)).text)
      expect(decodePresentation(text).payload.holder).toBe(await wallet.locator('#holder-did').textContent())
      const result = await check(verifier, text)
      expect(result.valid, result.verdict).toBe('true')
      expect((await check(verifier, text)).codes).toBe('ERR_REPLAYED')
    }, { initScript: NO_WEBCRYPTO_ED25519 })
  }, FLOW_MS)
})
