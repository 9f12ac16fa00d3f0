/**
 * The registry part of `verify`: find the record's status from a stapled note, a registration
 * proof plus snapshot (offline), a k-anonymous bucket, or an online status note — then check
 * freshness, state and issuer-key revocation.
 */
import { bytesEqual } from '../codec/bytes.js'
import { fromBase64url } from '../codec/multibase.js'
import { CounterfoilError, type ErrorCode } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import type { SignedRecord } from '../record/envelope.js'
import type { ExtraCheck, Findings } from '../record/verify.js'
import type { RegistryClient } from './client.js'
import { commitmentOf, decodeEntry } from './entries.js'
import { hashLeaf } from './log/merkle.js'
import { noteVerifier } from './log/note.js'
import { parseProofFile, verifyProofFile } from './log/proof-file.js'
import { wantsStatus } from './status-options.js'
import { lookupStatus } from './statements.js'
import { openBucket, openSnapshot, openStatusNote, snapshotStatus, type RecordStatus } from './status/answers.js'

/** Options `verify` takes for registry status. */
export interface StatusOptions {
  /** Ask this registry (online status note, or a bucket with `statusPrivacy: 'bucket'`). */
  readonly registry?: RegistryClient
  /** A status note the holder fetched and stapled (bytes or `u…` text). Checked offline. */
  readonly staple?: Uint8Array | string
  /** A signed status snapshot (offline) with the holder's registration proof (C2SP tlog-proof text). */
  readonly snapshot?: { readonly bytes: Uint8Array; readonly proof: string; readonly origin: string }
  /** Registry keys (did:key) trusted for staples and snapshots; a `registry` client's key is added. */
  readonly registryKeys?: readonly string[]
  /** `bucket`: ask for every registration sharing a 2-byte commitment prefix, never the commitment. */
  readonly statusPrivacy?: 'online' | 'bucket'
  /** Fail unless the record is registered (and so revocable). */
  readonly requireRegistration?: boolean
  /** Oldest acceptable status answer, seconds. Default: the answer's own expiry. */
  readonly maxStatusAge?: number
}

const STATE_ERRORS: Partial<Record<RecordStatus['state'], [ErrorCode, string]>> = {
  revoked: ['ERR_REVOKED', 'revoked by its issuer'],
  suspended: ['ERR_SUSPENDED', 'suspended by its issuer'],
  withdrawn: ['ERR_WITHDRAWN', 'withdrawn by its holder'],
}

function matches(record: SignedRecord, status: RecordStatus): boolean {
  return status.revocationKey !== undefined && record.payload.rev !== undefined && bytesEqual(status.revocationKey, record.payload.rev.issuer)
}

async function fetchStatus(record: SignedRecord, o: StatusOptions, trusted: string[]): Promise<RecordStatus | undefined> {
  const commitment = commitmentOf(record.cid)
  if (o.staple !== undefined) {
    const bytes = typeof o.staple === 'string' ? fromBase64url(o.staple) : o.staple
    const { commitment: c, status } = await openStatusNote(bytes, trusted, 'staple')
    if (!bytesEqual(c, commitment)) throw new CounterfoilError('ERR_MALFORMED', 'the stapled status note is about another record')
    if (status.state !== 'unregistered' && !matches(record, status)) throw new CounterfoilError('ERR_MALFORMED', 'the stapled status note is about another registration')
    return status
  }
  if (o.snapshot !== undefined) {
    const snapshot = await openSnapshot(o.snapshot.bytes, trusted)
    const verifiers = trusted.map((did) => noteVerifier(o.snapshot!.origin, publicKeyFromDid(did)))
    const parsed = parseProofFile(o.snapshot.proof)
    if (parsed.extra === undefined) throw new CounterfoilError('ERR_MALFORMED', 'registration proof lacks the registration entry')
    const entry = decodeEntry(parsed.extra)
    if (entry.t !== 'reg' || !bytesEqual(entry.c, commitment) || record.payload.rev === undefined || !bytesEqual(entry.rev.issuer, record.payload.rev.issuer)) {
      throw new CounterfoilError('ERR_PROOF_INVALID', 'registration proof is for another record')
    }
    const proven = await verifyProofFile(parsed, { leafHash: hashLeaf(parsed.extra), verifiers, origin: o.snapshot.origin })
    return snapshotStatus(snapshot, proven.index)
  }
  if (o.registry !== undefined) {
    if (o.statusPrivacy === 'bucket') {
      const { matches: found, template } = await openBucket(await o.registry.bucket(commitment.subarray(0, 2)), trusted, commitment)
      return found.find((s) => matches(record, s)) ?? template
    }
    return lookupStatus(record, o.registry)
  }
  return undefined
}

function ago(now: number, then: number): string {
  const s = Math.max(0, now - then)
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`
}

/**
 * Builds the status check `verify` runs after the core checks.
 *
 * @param o - see {@link StatusOptions}
 * @returns the check, or `undefined` when no status option was given
 * @throws {TypeError | RangeError} for bad options
 */
export function statusCheck(o: StatusOptions): ExtraCheck | undefined {
  if (!wantsStatus(o)) return undefined
  if (o.maxStatusAge !== undefined && (!Number.isSafeInteger(o.maxStatusAge) || o.maxStatusAge < 0)) throw new RangeError('"maxStatusAge" expected non-negative integer seconds')
  const pinned = [...(o.registryKeys ?? [])]
  pinned.forEach((d) => publicKeyFromDid(d))
  if ((o.staple !== undefined || o.snapshot !== undefined) && pinned.length === 0 && o.registry === undefined) {
    throw new TypeError('a staple or snapshot needs "registryKeys" (or a "registry") to say whose signature to trust')
  }
  return async (record: SignedRecord, now: number, skew: number, findings: Findings): Promise<void> => {
    if (record.payload.rev === undefined) {
      if (o.requireRegistration === true) findings.fail('status', 'ERR_NOT_REGISTERED', 'the record is not revocable, so it cannot be registered')
      return
    }
    let status: RecordStatus | undefined
    try {
      const trusted = o.registry === undefined ? pinned : [...pinned, await o.registry.key()]
      status = await fetchStatus(record, o, trusted)
    } catch (e) {
      if (!(e instanceof CounterfoilError)) throw e
      const code: ErrorCode = e.code === 'ERR_REGISTRY_UNAVAILABLE' || e.code === 'ERR_OVERLOADED' ? 'ERR_STATUS_UNAVAILABLE' : e.code
      findings.fail('status', code, `status unavailable: ${e.message.replace(/^counterfoil: /, '')}`)
      return
    }
    if (status === undefined) {
      if (o.requireRegistration === true) findings.fail('status', 'ERR_STATUS_UNAVAILABLE', 'no status source given, and registration is required')
      return
    }
    const age = `${status.source} answer from ${status.registry.slice(0, 20)}…, made ${ago(now, status.issuedAt)}`
    if (now - skew >= status.expiresAt) return findings.fail('status', 'ERR_STATUS_STALE', `${age}, expired ${ago(now, status.expiresAt)}`)
    if (o.maxStatusAge !== undefined && now - status.issuedAt > o.maxStatusAge) {
      return findings.fail('status', 'ERR_STATUS_STALE', `${age}: older than the ${o.maxStatusAge} s allowed`)
    }
    const keyRevoked = status.revokedKeys.find((k) => k.did === record.payload.iss)
    if (keyRevoked !== undefined && (status.index === undefined || status.index >= keyRevoked.from)) {
      return findings.fail('status', 'ERR_KEY_REVOKED', `the issuer's key was revoked from log position ${keyRevoked.from}, and this record ${status.index === undefined ? 'is not registered before it' : `was registered at ${status.index}`}`)
    }
    if (status.state === 'unregistered') {
      if (o.requireRegistration === true) findings.fail('status', 'ERR_NOT_REGISTERED', `not registered (${age})`)
      else findings.pass('status', `not registered (${age})`)
      return
    }
    const bad = STATE_ERRORS[status.state]
    if (bad !== undefined) return findings.fail('status', bad[0], `${bad[1]} since ${new Date(status.since * 1000).toISOString()} (${age})`)
    findings.pass('status', `registered at log index ${status.index}, valid (${age})`)
  }
}
