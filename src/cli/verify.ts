/**
 * `counterfoil verify` (one record, or a directory with `--batch`) and `counterfoil inspect`
 * (the record's fields, then the same checks).
 */
import { parseArgs } from 'node:util'
import { verify as verifyRecord } from '../verify.js'
import type { VerifyResult } from '../record/result.js'
import { readRecord } from './input.js'
import { isoSeconds, print, printJson, style } from './output.js'
import { VERIFY_HELP, VERIFY_OPTIONS, verifyOptionsFrom } from './verify-options.js'
import { DEFAULT_CHUNK, printBatchSummary, verifyBatch } from './verify-batch.js'
import { atMost, UsageError, type Command } from './usage.js'

function printResult(result: VerifyResult): void {
  print(result.valid ? style.green('VALID') : style.red(`INVALID: ${result.errors.map((e) => e.code).join(', ')}`))
  for (const c of result.checks) print(`  ${c.ok ? style.green('✓') : style.red('✗')} ${c.name.padEnd(10)} ${c.detail}`)
}

// "Could not find out" is an I/O outcome (exit 2), not a verdict on the record (exit 1).
function exitCode(result: VerifyResult): number {
  if (result.valid) return 0
  return result.errors.every((e) => e.code === 'ERR_STATUS_UNAVAILABLE') ? 2 : 1
}

function resultJson(result: VerifyResult): unknown {
  return { valid: result.valid, id: result.id, payload: result.record?.payload, checks: result.checks, errors: result.errors }
}

/** `counterfoil verify`. */
export const verify: Command = {
  name: 'verify',
  summary: 'verify a record (file or stdin), or a directory of records with --batch',
  help: `Usage: counterfoil verify [FILE|-] [options]
       counterfoil verify --batch DIR [--chunk N] [options]

Checks a record's signatures, validity window, issuer and (with a registry or snapshot) its status.
FILE holds the record as text (u…) or binary; - or no FILE reads stdin.
With --batch, every file in DIR is one record: prints a progress bar (on a terminal, on stderr),
then totals, a count per error code and the throughput.
Exit code: 0 valid (every record, for --batch), 1 invalid, 2 usage or I/O error (including a
registry that could not be reached: status unknown).

  --batch DIR            verify every file in DIR
  --chunk N              records per verifyMany call with --batch (default ${DEFAULT_CHUNK})
${VERIFY_HELP}`,
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...VERIFY_OPTIONS, batch: { type: 'string' }, chunk: { type: 'string' } } })
    const options = await verifyOptionsFrom(values)
    if (values.batch !== undefined) {
      atMost(positionals, 0)
      const chunk = Number(values.chunk ?? DEFAULT_CHUNK)
      if (!Number.isSafeInteger(chunk) || chunk < 1) throw new UsageError(`--chunk expected a positive integer, got "${values.chunk}"`)
      const summary = await verifyBatch(values.batch, options, chunk)
      printBatchSummary(summary, values.json === true)
      return summary.invalid === 0 ? 0 : 1
    }
    if (values.chunk !== undefined) throw new UsageError('--chunk needs --batch')
    atMost(positionals, 1)
    const result = await verifyRecord(await readRecord(positionals[0]), options)
    if (values.json === true) printJson(resultJson(result))
    else printResult(result)
    return exitCode(result)
  },
}

/** `counterfoil inspect`. */
export const inspect: Command = {
  name: 'inspect',
  summary: "pretty-print a record's fields and every check",
  help: `Usage: counterfoil inspect [FILE|-] [options]

Shows what a record says (id, type, issuer, subject, times, claims, revocation keys), then runs
the same checks as "verify". Exit code as for verify.

${VERIFY_HELP}`,
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: VERIFY_OPTIONS })
    atMost(positionals, 1)
    const options = await verifyOptionsFrom(values)
    const result = await verifyRecord(await readRecord(positionals[0]), options)
    if (values.json === true) {
      printJson({ ...(resultJson(result) as object), signatures: result.record?.signatures, bytes: result.record?.bytes.length })
      return exitCode(result)
    }
    const record = result.record
    if (record !== undefined) {
      const p = record.payload
      const row = (label: string, value: string) => print(`${style.bold(label.padEnd(10))}${value}`)
      row('id', record.id)
      row('type', p.type)
      row('issuer', p.iss)
      row('subject', p.sub === p.iss ? `${p.sub} (self-asserted)` : p.sub)
      row('issued', isoSeconds(p.iat))
      if (p.nbf !== undefined) row('not before', isoSeconds(p.nbf))
      row('expires', p.exp === undefined ? 'never' : isoSeconds(p.exp))
      if (p.reg !== undefined) row('registry', p.reg)
      if (p.rev !== undefined) row('revocable', p.rev.holder === undefined ? 'by the issuer' : 'by the issuer; the holder can withdraw it')
      row('signers', record.signatures.map((s) => s.signer).join(', '))
      row('size', `${record.bytes.length} bytes`)
      print(style.bold('claims'))
      print(JSON.stringify(p.claims, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v), 2).replace(/^/gm, '  '))
      print()
    }
    printResult(result)
    return exitCode(result)
  },
}
