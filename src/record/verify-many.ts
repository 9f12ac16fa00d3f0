/**
 * The batch behind `verifyMany` (src/record/verify.ts), in a module of its own so that a browser
 * bundle loads it only when a batch is verified.
 *
 * @module
 */
import { batchPoolLimit, concurrentVerifier, verifyEd25519Now } from '../keys/ed25519.js'
import { sharedPublicKeyFromDid } from '../keys/did.js'
import { signingInput, type SignedRecord } from './envelope.js'
import type { VerifyResult } from './result.js'
import {
  afterSignatures,
  decodeInput,
  DEFAULT_CONCURRENCY,
  type ExtraCheck,
  Findings,
  type RecordChecks,
  runRecordChecks,
  settingsFrom,
  signatureVerdicts,
  type VerifyOptions,
  type VerifySignature,
} from './verify.js'

/**
 * @internal `verifyMany`'s implementation; see its documentation.
 */
export async function verifyBatch(
  inputs: Iterable<SignedRecord | Uint8Array | string>,
  options: VerifyOptions & { concurrency?: number } = {},
  extra?: ExtraCheck,
): Promise<VerifyResult[]> {
  const settings = settingsFrom(options)
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`"concurrency" expected a positive integer, got ${concurrency}`)
  }
  const items = [...inputs]
  const verifyCallback = await concurrentVerifier()
  const verifySignature: VerifySignature = (publicKey, message, signature) =>
    new Promise((resolve) => verifyCallback(publicKey, message, signature, resolve))
  // With a backend whose check on this thread costs well under the pool's (libsodium against
  // OpenSSL), this thread verifies too, in short runs between which the pool's answers come in,
  // and the pool gets only a few checks at a time, so that its threads leave this one a core.
  const herePoolLimit = batchPoolLimit()
  const verifyHere = herePoolLimit === undefined ? undefined : verifyEd25519Now
  const poolLimit = herePoolLimit === undefined ? concurrency : Math.min(concurrency, herePoolLimit)
  return new Promise((resolve, reject) => {
    const results = new Array<VerifyResult>(items.length)
    let next = 0
    /** Records on the pool: signature checks there, then their remaining checks. */
    let pooled = 0
    /** Records started and not settled: `pooled`, and those checked here awaiting an async check. */
    let pending = 0
    let finished = 0
    let failed = false
    let hereScheduled = false
    // Records are decoded and their checks started in bursts, topping up to the limit once half
    // have come back: the thread pool keeps a queue of work, and the main thread decodes in runs
    // rather than between every two completions.
    const refillBelow = Math.max(1, poolLimit >> 1)
    const settle = (i: number, findings: Findings, record: SignedRecord | undefined): void => {
      results[i] = findings.result(record)
      if (++finished === items.length) resolve(results)
    }
    const fail = (e: unknown): void => {
      failed = true
      reject(e)
    }
    // A started record is done (`fromPool`: its signature was checked on the pool); start more.
    const done = (i: number, checked: RecordChecks, fromPool: boolean): void => {
      if (fromPool) pooled--
      pending--
      settle(i, checked.findings, checked.record)
      if (verifyHere === undefined) {
        if (pooled < refillBelow) refill()
      } else {
        refill()
        scheduleHere()
      }
    }
    // After the signatures: the remaining checks, at once unless one of them is asynchronous.
    const afterVerdicts = (i: number, record: SignedRecord, findings: Findings, verdicts: readonly boolean[]): void => {
      try {
        const checked = afterSignatures(record, verdicts, settings, findings, extra)
        if (checked instanceof Promise) checked.then((c) => done(i, c, true), fail)
        else done(i, checked, true)
      } catch (e) {
        fail(e)
      }
    }
    const refill = (): void => {
      try {
        while (!failed && pooled < poolLimit && pending < concurrency && next < items.length) {
          const i = next++
          const findings = new Findings()
          const record = decodeInput(items[i], settings, findings)
          if (record === undefined) {
            settle(i, findings, undefined)
            continue
          }
          pooled++
          pending++
          const { signatures } = record
          if (signatures.length === 1) {
            // One callback per record, no promise: most batches are single-signature records.
            const only = signatures[0]!
            verifyCallback(sharedPublicKeyFromDid(only.signer), signingInput(record.cidBytes), only.signature, (ok) => afterVerdicts(i, record, findings, [ok]))
          } else {
            ;(signatureVerdicts(record, verifySignature, undefined) as Promise<boolean[]>).then((v) => afterVerdicts(i, record, findings, v), fail)
          }
        }
      } catch (e) {
        fail(e) // a programmer mistake (an item that is not a record at all): TypeError
      }
    }
    // This thread's share (only with `verifyHere`): a run of records checked here, the pool topped
    // up before and after, then a turn of the event loop for the pool's answers. A record whose
    // checks go asynchronous (a trusted-issuer function, a registry status check) stays pending,
    // so `concurrency` bounds those too.
    const runHere = (): void => {
      hereScheduled = false
      refill()
      try {
        for (let n = 0; n < HERE_RUN && !failed && pending < concurrency && next < items.length; n++) {
          const i = next++
          const checked = runRecordChecks(items[i], settings, verifySignature, extra, verifyHere)
          if (checked instanceof Promise) {
            pending++
            checked.then((c) => done(i, c, false), fail)
          } else {
            settle(i, checked.findings, checked.record)
          }
        }
      } catch (e) {
        fail(e) // a programmer mistake, as above
      }
      refill()
      scheduleHere()
    }
    const scheduleHere = (): void => {
      if (hereScheduled || failed || next >= items.length || pending >= concurrency) return
      hereScheduled = true
      nextTurn(runHere)
    }
    if (items.length === 0) resolve(results)
    else if (verifyHere === undefined) refill()
    else runHere()
  })
}

/**
 * Records the batch's own thread checks between two turns of the event loop (~0.2 ms with
 * libsodium): long enough to amortise the turn, short enough that the pool's answers wait little.
 */
const HERE_RUN = 4

/** Runs `f` after pending I/O callbacks: `setImmediate` where it exists (Node), else a 0 ms timer. */
function nextTurn(f: () => void): void {
  const setImmediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate
  if (setImmediate !== undefined) setImmediate(f)
  else setTimeout(f, 0)
}

