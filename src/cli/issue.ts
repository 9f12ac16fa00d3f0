/**
 * `counterfoil issue`: sign a record for a customer with a key file; optionally register its
 * counterfoil and save the holder's offline registration proof.
 */
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { publicKeyFromDid } from '../keys/did.js'
import { issue as issueRecord, type IssueOptions } from '../record/issue.js'
import { registrationProof } from '../registry/proof.js'
import { register } from '../registry/statements.js'
import { fromUtf8 } from '../codec/bytes.js'
import { readBytes, parseDuration, parseTime } from './input.js'
import { readKeyFile } from './key-file.js'
import { isoSeconds, print, printJson } from './output.js'
import { REGISTRY_HELP, REGISTRY_OPTIONS, registryFrom } from './registry-flags.js'
import { atMost, required, UsageError, type Command } from './usage.js'

async function readClaims(value: string): Promise<unknown> {
  const text = value === '-' || value.startsWith('@') ? fromUtf8(await readBytes(value === '-' ? '-' : value.slice(1))) : value
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw new UsageError(`--claims is not JSON: ${(e as Error).message}`)
  }
}

function didKey(value: string, flag: string): Uint8Array {
  try {
    return publicKeyFromDid(value)
  } catch {
    throw new UsageError(`--${flag} expected an Ed25519 did:key, got "${value}"`)
  }
}

/** `counterfoil issue`. */
export const issue: Command = {
  name: 'issue',
  summary: 'sign a record for a customer (and optionally register it)',
  help: `Usage: counterfoil issue --key FILE --type TYPE --subject DID --claims JSON [options]

Signs a record with the issuer key in FILE and prints it as text (u…) on stdout, or to --out.
The issuer keeps nothing: the revocation key is derived from the key and the record's salt.

  --key FILE             issuer key file (from "counterfoil keygen --out")
  --type TYPE            record type: purchase, warranty, consent, …
  --subject DID          the customer's did:key ("self" for a self-asserted record)
  --claims JSON          what the record says: JSON text, @FILE, or - for stdin
  --expires-in DURATION  lifetime: seconds or 30d, 12h, 2y …
  --valid-until DATE     expiry (ISO 8601 or epoch seconds); exclusive with --expires-in
  --not-before DATE      not valid before
  --registry URL         the registry that will hold the counterfoil (makes the record revocable)
  --holder-key DID       the customer's withdrawal key (lets them withdraw, e.g. a consent)
  --register             also register the counterfoil at --registry now
  --registry-key DID     the registry key you trust (with --register)
  --proof-out FILE       with --register: save the holder's offline registration proof (C2SP tlog-proof)
  --out FILE             write the record here instead of stdout
  --json                 print {"id", "record", "payload", "registration"}

${REGISTRY_HELP}`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        key: { type: 'string' }, type: { type: 'string' }, subject: { type: 'string' }, claims: { type: 'string' },
        'expires-in': { type: 'string' }, 'valid-until': { type: 'string' }, 'not-before': { type: 'string' },
        'holder-key': { type: 'string' }, register: { type: 'boolean' }, 'proof-out': { type: 'string' },
        out: { type: 'string' }, json: { type: 'boolean' }, ...REGISTRY_OPTIONS,
      },
    })
    atMost(positionals, 0)
    const type = required(values.type, 'type')
    const subjectFlag = required(values.subject, 'subject')
    const claims = await readClaims(required(values.claims, 'claims'))
    if (values['expires-in'] !== undefined && values['valid-until'] !== undefined) throw new UsageError('give --expires-in or --valid-until, not both')
    if (values.register === true && values.registry === undefined) throw new UsageError('--register needs --registry URL')
    if (values['proof-out'] !== undefined && values.register !== true) throw new UsageError('--proof-out needs --register')
    if (values['holder-key'] !== undefined && values.registry === undefined) throw new UsageError('--holder-key needs --registry (only a registered record can be withdrawn)')
    const client = values.register === true ? registryFrom(values) : undefined
    const signer = await readKeyFile(required(values.key, 'key'))
    const subject = subjectFlag === 'self' ? signer.did : subjectFlag
    didKey(subject, 'subject')

    const options: IssueOptions = {
      signer, subject, type, claims,
      ...(values['expires-in'] === undefined ? {} : { expiresIn: parseDuration(values['expires-in'], 'expires-in') }),
      ...(values['valid-until'] === undefined ? {} : { validUntil: parseTime(values['valid-until'], 'valid-until') }),
      ...(values['not-before'] === undefined ? {} : { notBefore: parseTime(values['not-before'], 'not-before') }),
      ...(values.registry === undefined ? {} : { registry: values.registry }),
      ...(values['holder-key'] === undefined ? {} : { holderKey: didKey(values['holder-key'], 'holder-key') }),
    }
    const record = await issueRecord(options)
    const text = record.toString()
    const receipt = client === undefined ? undefined : await register({ signer, record, registry: client })
    if (receipt !== undefined && values['proof-out'] !== undefined) await writeFile(values['proof-out'], registrationProof(receipt))
    if (values.out !== undefined) await writeFile(values.out, `${text}\n`)

    if (values.json === true) {
      printJson({
        id: record.id, record: text, payload: record.payload,
        ...(receipt === undefined ? {} : { registration: { index: receipt.index, duplicate: receipt.duplicate, checkpoint: receipt.checkpoint } }),
      })
    } else if (values.out === undefined && receipt === undefined) {
      print(text)
    } else {
      if (values.out === undefined) print(text)
      const p = record.payload
      const err = (line: string) => process.stderr.write(`${line}\n`)
      err(`issued ${p.type} ${record.id}${values.out === undefined ? '' : ` -> ${values.out}`}`)
      if (p.exp !== undefined) err(`  valid until ${isoSeconds(p.exp)}`)
      if (receipt !== undefined) err(`  registered at log index ${receipt.index}${values['proof-out'] === undefined ? '' : `; proof -> ${values['proof-out']}`}`)
    }
    return 0
  },
}
