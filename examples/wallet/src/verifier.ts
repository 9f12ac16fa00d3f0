/**
 * The verifier's page: make a challenge (audience = this page's origin, a fresh nonce), take the
 * presentation the customer's wallet signs for it, check it against a registry, and read every
 * check in plain words. Used nonces are remembered in this page's memory (a real verifier shares a
 * `NonceStore` between its servers), so a presentation shown twice is refused as replayed.
 */
import { memoryNonceStore, type PresentationResult } from 'counterfoil/holder'
import { createChallenge, formatChallenge, type Challenge } from './challenge.js'
import { el } from './dom.js'
import { explainPresentation } from './explain.js'
import { checkPresentation } from './present.js'
import { qrSvg } from './qr.js'
import { registryFromLocation } from './registry-config.js'

const nonceStore = memoryNonceStore()
let challenge: Challenge

function newChallenge(): void {
  challenge = createChallenge(window.location.origin)
  const text = formatChallenge(challenge)
  el<HTMLTextAreaElement>('challenge').value = text
  el('challenge').dataset.nonce = challenge.nonce
  el('challenge-qr').innerHTML = qrSvg(text).svg
  const registry = registryFromLocation(window.location, el<HTMLInputElement>('registry').value.trim())
  el<HTMLAnchorElement>('open-wallet').href = `index.html?${registry.query}#challenge=${encodeURIComponent(text)}`
}

function render(result: PresentationResult): void {
  const { verdict, checks } = explainPresentation(result)
  const out = el('verdict')
  out.textContent = verdict
  out.dataset.valid = String(result.valid)
  out.dataset.codes = result.errors.map((e) => e.code).join(' ')
  el<HTMLUListElement>('checks').replaceChildren(
    ...checks.map((c) => {
      const item = document.createElement('li')
      item.dataset.ok = String(c.ok)
      const title = document.createElement('span')
      title.className = 'check-title'
      title.textContent = c.title
      item.append(`${c.ok ? '✓' : '✗'} `, title, `: ${c.detail}`)
      return item
    }),
  )
  const p = result.records[0]?.record?.payload
  el('summary').textContent = p === undefined
    ? ''
    : `${p.type} record ${result.records[0]?.id ?? ''}\nshown by ${result.holder ?? ''}\nissuer   ${p.iss}\nsubject  ${p.sub}\nclaims   ${JSON.stringify(p.claims, null, 2)}`
}

async function check(): Promise<void> {
  const out = el('verdict')
  out.dataset.state = 'checking'
  out.textContent = 'Checking…'
  try {
    const registry = registryFromLocation(window.location, el<HTMLInputElement>('registry').value.trim())
    render(await checkPresentation(el<HTMLTextAreaElement>('text').value, challenge, nonceStore, registry.client))
  } catch (e) {
    // verifyPresentation never throws on bad data; this is a bad registry URL or a programming error.
    out.textContent = `Could not check: ${e instanceof Error ? e.message : String(e)}`
    out.dataset.valid = 'false'
    out.dataset.codes = ''
    el('checks').replaceChildren()
  }
  out.dataset.state = 'done'
}

el<HTMLInputElement>('registry').value = registryFromLocation(window.location).url
newChallenge()
el('new-challenge').addEventListener('click', () => {
  newChallenge()
  el<HTMLTextAreaElement>('text').value = ''
  el('verdict').textContent = ''
  delete el('verdict').dataset.state
  el('checks').replaceChildren()
  el('summary').textContent = ''
})
el('verify').addEventListener('click', () => void check())
document.body.dataset.ready = 'true'
