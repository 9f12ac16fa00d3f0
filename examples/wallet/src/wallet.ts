/**
 * The customer's wallet page: the holder key, the records kept in IndexedDB, and presenting one to
 * a verifier — signed by the holder's key for the verifier's challenge — as text and as a QR code.
 * A small shop panel stands in for the company that issues.
 */
import { decodeRecord } from 'counterfoil'
import { withdraw } from 'counterfoil/revoke'
import { parseChallenge } from './challenge.js'
import { el } from './dom.js'
import { allRecords, putRecord, type StoredRecord } from './idb.js'
import { describeKey, loadOrCreateKey, type WalletKey } from './keys.js'
import { presentRecord } from './present.js'
import { qrSvg } from './qr.js'
import { registryFromLocation } from './registry-config.js'
import { askConsent, refund, sell } from './shop.js'

function say(message: string, isError = false): void {
  const status = el('status')
  status.textContent = message
  status.dataset.error = String(isError)
}

const registry = registryFromLocation(window.location)
let holder: WalletKey
let shop: WalletKey

async function showRecords(): Promise<void> {
  const list = el<HTMLUListElement>('records')
  list.replaceChildren()
  const records = await allRecords()
  el('record-count').textContent = String(records.length)
  for (const stored of records) {
    const item = document.createElement('li')
    item.dataset.id = stored.id
    const { payload } = decodeRecord(stored.text)
    const title = document.createElement('span')
    title.className = 'record-title'
    title.textContent = `${stored.type} from ${payload.iss.slice(0, 20)}…, issued ${new Date(payload.iat * 1000).toISOString().slice(0, 10)}`
    const id = document.createElement('code')
    id.textContent = stored.id
    const show = button('Show to this verifier', 'show', () => showPresentation(stored))
    item.append(title, document.createElement('br'), id, document.createElement('br'), show)
    if (stored.type === 'purchase') {
      item.append(button('Return it to the shop (refund)', 'refund', async () => {
        await refund(shop.signer, stored.text, registry.client)
        say(`The shop revoked ${stored.id} at the registry.`)
      }))
    }
    if (isHolderKey(payload.rev?.holder)) {
      item.append(button('Withdraw (signed by your key)', 'withdraw', async () => {
        await withdraw({ signer: holder.signer, record: stored.text, registry: registry.client, reason: 'consentWithdrawn' })
        say(`You withdrew ${stored.id} at the registry, signed with your own key.`)
      }))
    }
    list.append(item)
  }
}

function isHolderKey(key: Uint8Array | undefined): boolean {
  const mine = holder.signer.publicKey
  return key !== undefined && key.length === mine.length && key.every((b, i) => b === mine[i])
}

function button(label: string, action: string, onClick: () => Promise<void>): HTMLButtonElement {
  const b = document.createElement('button')
  b.textContent = label
  b.dataset.action = action
  b.addEventListener('click', () => {
    b.disabled = true
    onClick()
      .catch((e: unknown) => say(`${action} failed: ${e instanceof Error ? e.message : String(e)}`, true))
      .finally(() => {
        b.disabled = false
      })
  })
  return b
}

async function showPresentation(stored: StoredRecord): Promise<void> {
  const section = el('presentation')
  section.hidden = true
  delete section.dataset.id
  const challenge = parseChallenge(el<HTMLTextAreaElement>('challenge').value)
  const staple = el<HTMLInputElement>('staple').checked
  const { text, stapled } = await presentRecord({ record: stored, holder: holder.signer, challenge, ...(staple ? { stapleFrom: registry.client } : {}) })
  el<HTMLTextAreaElement>('presentation-text').value = text
  const note = stapled ? ", with the registry's status note attached" : staple ? " (the registry could not be reached for a status note: the verifier will ask it)" : ''
  el('presentation-for').textContent = `For ${challenge.audience}, answering its challenge; valid for five minutes, once${note}.`
  const qr = el('qr')
  try {
    const { svg, modules } = qrSvg(text)
    qr.innerHTML = svg
    qr.dataset.modules = String(modules)
  } catch {
    qr.textContent = 'Too long for a QR code: hand it over as text.'
    qr.dataset.modules = '0'
  }
  section.dataset.id = stored.id
  section.dataset.stapled = String(stapled)
  section.hidden = false
  say(`Signed a presentation of ${stored.id} for ${challenge.audience}.`)
}

async function buy(): Promise<void> {
  const record = await sell(shop.signer, holder.signer.did, registry.client, registry.url)
  await putRecord({ id: record.id, text: record.toString(), type: record.payload.type, addedAt: Date.now() })
  await showRecords()
  say(`The shop issued and registered ${record.id}; the wallet stored it.`)
}

async function consent(): Promise<void> {
  const record = await askConsent(shop.signer, holder.signer.did, holder.signer.publicKey, registry.client, registry.url)
  await putRecord({ id: record.id, text: record.toString(), type: record.payload.type, addedAt: Date.now() })
  await showRecords()
  say(`The shop issued and registered consent ${record.id}; you can withdraw it yourself.`)
}

async function main(): Promise<void> {
  ;[holder, shop] = await Promise.all([loadOrCreateKey('holder'), loadOrCreateKey('shop')])
  el('holder-did').textContent = holder.signer.did
  el('holder-kind').textContent = describeKey(holder.kind)
  el('holder-kind').dataset.kind = holder.kind
  el('registry-url').textContent = registry.url
  el('buy-slot').replaceWith(
    button('Buy a kettle (the shop issues a receipt to this wallet)', 'buy', buy),
    ' ',
    button('Sign up for the newsletter (a consent you can withdraw)', 'consent', consent),
  )
  // The verifier page's "open the wallet" link carries its challenge in the fragment (never sent to a server).
  const fromLink = new URLSearchParams(window.location.hash.slice(1)).get('challenge')
  if (fromLink !== null) el<HTMLTextAreaElement>('challenge').value = fromLink
  await showRecords()
  document.body.dataset.ready = 'true'
}

main().catch((e: unknown) => say(`The wallet could not start: ${e instanceof Error ? e.message : String(e)}`, true))
