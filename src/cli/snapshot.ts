/**
 * `counterfoil snapshot`: fetch a registry's signed status snapshot (or open a saved one), check
 * its signature, print what it says, and save it for offline verification.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { openSnapshot, snapshotStatus, type StatusSnapshot } from '../registry/status/answers.js'
import { isoSeconds, print, printJson } from './output.js'
import { REGISTRY_HELP, REGISTRY_OPTIONS, registryFrom } from './registry-flags.js'
import { atMost, UsageError, type Command } from './usage.js'

// Only registrations can be flagged; every other log index (status entries) reads as 0, "valid".
function flagged(snapshot: StatusSnapshot): Record<string, number> {
  const out: Record<string, number> = { suspended: 0, revoked: 0, withdrawn: 0 }
  for (let i = 0; i < snapshot.logSize; i++) {
    const state = snapshotStatus(snapshot, i).state
    if (state in out) out[state]! += 1
  }
  return out
}

/** `counterfoil snapshot`. */
export const snapshot: Command = {
  name: 'snapshot',
  summary: "fetch, check, print and save a registry's signed status snapshot",
  help: `Usage: counterfoil snapshot --registry URL [--registry-key DID] [--out FILE] [--json]
       counterfoil snapshot --in FILE --registry-key DID [--json]

Fetches the registry's signed status snapshot (a 2-bit status per log index, W3C Bitstring Status
List compatible), checks its signature, prints the log size, lifetime and how many records are suspended,
revoked or withdrawn, and with --out saves it for "verify --snapshot FILE --proof PROOF" (offline
status checks).

${REGISTRY_HELP}
  --out FILE             save the snapshot bytes here
  --in FILE              open a saved snapshot instead of fetching one (needs --registry-key)
  --json                 machine output`,
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...REGISTRY_OPTIONS, out: { type: 'string' }, in: { type: 'string' }, json: { type: 'boolean' } } })
    atMost(positionals, 0)
    if ((values.in === undefined) === (values.registry === undefined)) throw new UsageError('give --registry URL or --in FILE')
    let bytes: Uint8Array
    let trusted: string
    if (values.in !== undefined) {
      if (values['registry-key'] === undefined) throw new UsageError('--in needs --registry-key DID (whose signature to trust)')
      bytes = new Uint8Array(await readFile(values.in))
      trusted = values['registry-key']
    } else {
      const client = registryFrom(values)!
      trusted = await client.key()
      bytes = await client.snapshot()
    }
    const opened = await openSnapshot(bytes, [trusted])
    if (values.out !== undefined) await writeFile(values.out, bytes)
    const byState = flagged(opened)
    const now = Math.floor(Date.now() / 1000)
    if (values.json === true) {
      printJson({
        registry: opened.registry, logSize: opened.logSize, issuedAt: opened.issuedAt, expiresAt: opened.expiresAt, expired: now >= opened.expiresAt,
        listEntries: opened.list.length * 4, flagged: byState, revokedKeys: opened.revokedKeys, bytes: bytes.length, ...(values.out === undefined ? {} : { savedTo: values.out }),
      })
    } else {
      print(`snapshot signed by ${opened.registry}`)
      print(`  log size   ${opened.logSize} (list of ${opened.list.length * 4} entries, ${bytes.length} bytes signed and compressed)`)
      print(`  made       ${isoSeconds(opened.issuedAt)}`)
      print(`  expires    ${isoSeconds(opened.expiresAt)}${now >= opened.expiresAt ? ' (EXPIRED)' : ''}`)
      print(`  flagged    ${Object.entries(byState).map(([s, n]) => `${s} ${n}`).join(', ')}`)
      print(`  revoked issuer keys ${opened.revokedKeys.length === 0 ? 'none' : opened.revokedKeys.map((k) => `${k.did} from ${k.from}`).join(', ')}`)
      if (values.out !== undefined) print(`  saved to   ${values.out}`)
    }
    return 0
  },
}
