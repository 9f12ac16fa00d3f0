/**
 * The customer's wallet page: the holder key, the records kept in IndexedDB, and showing one as
 * text and as a QR code for a verifier. A small shop panel stands in for the company that issues.
 */
import { decodeRecord } from 'counterfoil'
import { withdraw } from 'counterfoil/revoke'
import { el } from './dom.js'
import { allRecords, putRecord, type StoredRecord } from './idb.js'
import { describeKey, loadOrCreateKey, type WalletKey } from './keys.js'
import { present } from './present.js'
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
    const show = button('Show to a verifier', 'show', () => showPresentation(stored))
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
  const text = await present(stored, holder.signer)
  el<HTMLTextAreaElement>('presentation-text').value = text
  const { svg, modules } = qrSvg(text)
  const qr = el('qr')
  qr.innerHTML = svg
  qr.dataset.modules = String(modules)
  el<HTMLAnchorElement>('open-verifier').href = `verify.html?${registry.query}#${text}`
  el('presentation').hidden = false
  el('presentation').dataset.id = stored.id
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
  await showRecords()
  document.body.dataset.ready = 'true'
}

main().catch((e: unknown) => say(`The wallet could not start: ${e instanceof Error ? e.message : String(e)}`, true))
