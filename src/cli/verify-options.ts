/**
 * Status and trust flags shared by `verify` and `inspect`, turned into `verify` options.
 */
import { readFile } from 'node:fs/promises'
import type { VerifyOptions } from '../verify.js'
import { parseProofFile } from '../registry/log/proof-file.js'
import { parseTime } from './input.js'
import { REGISTRY_HELP, REGISTRY_OPTIONS, registryFrom } from './registry-flags.js'
import { UsageError } from './usage.js'

/** parseArgs options for verification. */
export const VERIFY_OPTIONS = {
  ...REGISTRY_OPTIONS,
  trust: { type: 'string', multiple: true },
  bucket: { type: 'boolean' },
  snapshot: { type: 'string' },
  proof: { type: 'string' },
  origin: { type: 'string' },
  'require-registration': { type: 'boolean' },
  now: { type: 'string' },
  json: { type: 'boolean' },
} as const

/** Help lines for {@link VERIFY_OPTIONS}. */
export const VERIFY_HELP = `  --trust DID            trust this issuer (repeatable); without it any correct signature passes
${REGISTRY_HELP}
  --bucket               ask for a padded bucket, never the record (the registry cannot tell which)
  --snapshot FILE        offline status: a snapshot saved by "counterfoil snapshot --out"
  --proof FILE           with --snapshot: the record's registration proof ("issue --proof-out")
  --origin NAME          with --snapshot: the log origin (default: the proof's checkpoint origin)
  --require-registration fail unless the record is registered
  --now DATE             verify at this time (ISO 8601 or epoch seconds) instead of now
  --json                 machine output`

interface Flags {
  registry?: string | undefined
  'registry-key'?: string | undefined
  trust?: string[] | undefined
  bucket?: boolean | undefined
  snapshot?: string | undefined
  proof?: string | undefined
  origin?: string | undefined
  'require-registration'?: boolean | undefined
  now?: string | undefined
}

/**
 * Builds `verify` options from the flags (reading the snapshot and proof files).
 *
 * @param values - parsed flags
 * @returns the options
 * @throws {UsageError} for inconsistent flags
 */
export async function verifyOptionsFrom(values: Flags): Promise<VerifyOptions> {
  const registry = registryFrom(values)
  if (values.bucket === true && registry === undefined) throw new UsageError('--bucket needs --registry')
  if ((values.snapshot === undefined) !== (values.proof === undefined)) throw new UsageError('--snapshot and --proof go together')
  let snapshot: VerifyOptions['snapshot']
  if (values.snapshot !== undefined && values.proof !== undefined) {
    if (values['registry-key'] === undefined && registry === undefined) throw new UsageError('--snapshot needs --registry-key DID (whose signature to trust)')
    const proof = await readFile(values.proof, 'utf8')
    let origin = values.origin
    if (origin === undefined) {
      try {
        origin = parseProofFile(proof).checkpoint.split('\n')[0]!
      } catch (e) {
        throw new UsageError(`--proof ${values.proof}: ${(e as Error).message.replace(/^counterfoil: /, '')}`)
      }
    }
    snapshot = { bytes: new Uint8Array(await readFile(values.snapshot)), proof, origin }
  }
  return {
    ...(values.trust === undefined ? {} : { trustedIssuers: values.trust }),
    ...(registry === undefined ? {} : { registry }),
    ...(values.bucket === true ? { statusPrivacy: 'bucket' as const } : {}),
    ...(snapshot === undefined ? {} : { snapshot }),
    ...(values['registry-key'] === undefined ? {} : { registryKeys: [values['registry-key']] }),
    ...(values['require-registration'] === true ? { requireRegistration: true } : {}),
    ...(values.now === undefined ? {} : { now: parseTime(values.now, 'now') }),
  }
}
