/**
 * `counterfoil register | revoke | suspend | reinstate | withdraw`: sign a log entry about a record
 * with a key file and submit it to a registry.
 */
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { decodeRecord } from '../record/envelope.js'
import { REASONS, type Reason } from '../registry/entries.js'
import { registrationProof } from '../registry/proof.js'
import { register, reinstate, revoke, suspend, withdraw, type StatusChangeOptions } from '../registry/statements.js'
import type { Receipt } from '../registry/client.js'
import { readRecord } from './input.js'
import { readKeyFile } from './key-file.js'
import { print, printJson, style } from './output.js'
import { REGISTRY_HELP, REGISTRY_OPTIONS, registryFrom } from './registry-flags.js'
import { atMost, required, UsageError, type Command } from './usage.js'

const REASON_NAMES = Object.keys(REASONS).join(', ')

function parseReason(value: string | undefined): Reason | undefined {
  if (value === undefined) return undefined
  if (value in REASONS) return value as keyof typeof REASONS
  const n = Number(value)
  if (/^\d+$/.test(value) && n <= 255) return n
  throw new UsageError(`--reason expected one of ${REASON_NAMES} or a code 0-255, got "${value}"`)
}

type Verb = 'register' | 'revoke' | 'suspend' | 'reinstate' | 'withdraw'

const ACTIONS: Record<Exclude<Verb, 'register'>, (o: StatusChangeOptions) => Promise<Receipt>> = { revoke, suspend, reinstate, withdraw }

const WHAT: Record<Verb, { summary: string; who: string; done: string }> = {
  register: { summary: "register a record's counterfoil (salted hash + revocation keys)", who: 'issuer key file', done: 'registered' },
  revoke: { summary: 'revoke a registered record for good (issuer)', who: 'issuer key file', done: 'revoked' },
  suspend: { summary: 'suspend a registered record until reinstated (issuer)', who: 'issuer key file', done: 'suspended' },
  reinstate: { summary: 'lift a suspension (issuer)', who: 'issuer key file', done: 'reinstated' },
  withdraw: { summary: "withdraw a record with the holder's own key (e.g. a consent)", who: "holder's withdrawal key file (its did was --holder-key at issue)", done: 'withdrawn' },
}

function statusCommand(verb: Verb): Command {
  const what = WHAT[verb]
  return {
    name: verb,
    summary: what.summary,
    help: `Usage: counterfoil ${verb} [FILE|-] --key FILE --registry URL [options]

${what.summary[0]!.toUpperCase()}${what.summary.slice(1)}. The record is read from FILE or stdin.
Exit code: 0 done, 1 refused by the registry (not registered, not yours, already revoked…), 2 usage or I/O.

  --key FILE             ${what.who}
${REGISTRY_HELP}
${verb === 'register' ? '  --proof-out FILE       save the holder\'s offline registration proof (C2SP tlog-proof)' : `  --reason R             ${REASON_NAMES} or a code 0-255`}
  --json                 print the receipt {"index", "duplicate", "checkpoint"}`,
    async run(argv) {
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { key: { type: 'string' }, ...REGISTRY_OPTIONS, json: { type: 'boolean' }, 'proof-out': { type: 'string' }, reason: { type: 'string' } },
      })
      atMost(positionals, 1)
      if (verb === 'register' && values.reason !== undefined) throw new UsageError('register takes no --reason')
      if (verb !== 'register' && values['proof-out'] !== undefined) throw new UsageError('--proof-out is for register and issue --register')
      const registry = registryFrom({ registry: required(values.registry, 'registry'), 'registry-key': values['registry-key'] })!
      const reason = parseReason(values.reason)
      const keyFile = required(values.key, 'key')
      const input = await readRecord(positionals[0])
      let record
      try {
        record = decodeRecord(input)
      } catch (e) {
        throw new UsageError(`not a record: ${(e as Error).message.replace(/^counterfoil: /, '')}`)
      }
      const signer = await readKeyFile(keyFile)
      const receipt = verb === 'register'
        ? await register({ signer, record, registry })
        : await ACTIONS[verb]({ signer, record, registry, ...(reason === undefined ? {} : { reason }) })
      const proofOut = values['proof-out']
      if (proofOut !== undefined) await writeFile(proofOut, registrationProof(receipt))
      if (values.json === true) {
        printJson({ id: record.id, action: verb, index: receipt.index, duplicate: receipt.duplicate, checkpoint: receipt.checkpoint })
      } else {
        print(`${style.green(what.done)} ${record.id} at ${registry.url} (log index ${receipt.index}${receipt.duplicate ? ', already there' : ''})`)
      }
      return 0
    },
  }
}

/** The five log-writing commands. */
export const statusCommands: readonly Command[] = (['register', 'revoke', 'suspend', 'reinstate', 'withdraw'] as const).map(statusCommand)
