/**
 * The verifier's page: paste what a customer shows (or open a wallet's link), check it against a
 * registry, and read every check in plain words.
 */
import type { VerifyResult } from 'counterfoil/verify'
import { el } from './dom.js'
import { explain } from './explain.js'
import { checkPresentation } from './present.js'
import { registryFromLocation } from './registry-config.js'

function render(result: VerifyResult): void {
  const { verdict, checks } = explain(result)
  const out = el('verdict')
  out.textContent = verdict
  out.dataset.valid = String(result.valid)
  out.dataset.codes = result.errors.map((e) => e.code).join(' ')
  const list = el<HTMLUListElement>('checks')
  list.replaceChildren(
    ...checks.map((c) => {
      const item = document.createElement('li')
      item.dataset.ok = String(c.ok)
      item.textContent = `${c.ok ? '✓' : '✗'} ${c.title}: ${c.detail}`
      return item
    }),
  )
  const summary = el('summary')
  const p = result.record?.payload
  summary.textContent = p === undefined
    ? ''
    : `${p.type} record ${result.id ?? ''}\nissuer  ${p.iss}\nsubject ${p.sub}\nclaims  ${JSON.stringify(p.claims, null, 2)}`
}

async function check(): Promise<void> {
  const out = el('verdict')
  out.dataset.state = 'checking'
  out.textContent = 'Checking…'
  try {
    const registry = registryFromLocation(window.location, el<HTMLInputElement>('registry').value.trim())
    render(await checkPresentation(el<HTMLTextAreaElement>('text').value, registry.client))
  } catch (e) {
    // verify never throws on bad data; this is a bad registry URL or a programming error.
    out.textContent = `Could not check: ${e instanceof Error ? e.message : String(e)}`
    out.dataset.valid = 'false'
  }
  out.dataset.state = 'done'
}

const initial = registryFromLocation(window.location)
el<HTMLInputElement>('registry').value = initial.url
if (window.location.hash.length > 1) el<HTMLTextAreaElement>('text').value = decodeURIComponent(window.location.hash.slice(1))
el('verify').addEventListener('click', () => void check())
document.body.dataset.ready = 'true'
