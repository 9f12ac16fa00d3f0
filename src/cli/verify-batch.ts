/**
 * `counterfoil verify --batch DIR`: every file in DIR is one record (text or binary). Files are
 * read and verified in chunks with `verifyMany`, so memory stays flat for any number of records;
 * prints a summary with per-error-code counts and the throughput.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { verifyMany, type VerifyOptions } from '../verify.js'
import { recordInput } from './input.js'
import { print, printJson, style } from './output.js'
import { progressBar } from './progress.js'
import { UsageError } from './usage.js'

/** What a batch found. */
export interface BatchSummary {
  readonly total: number
  readonly valid: number
  readonly invalid: number
  /** For every error code seen, how many records reported it (a record may report several). */
  readonly errors: Record<string, number>
  readonly seconds: number
  readonly recordsPerSecond: number
  /** Every invalid file with its error codes. */
  readonly invalidFiles: readonly { readonly file: string; readonly errors: readonly string[] }[]
}

/** Default records per `verifyMany` call. */
export const DEFAULT_CHUNK = 500

/**
 * Verifies every regular file in `dir`.
 *
 * @param dir - the directory
 * @param options - `verify` options
 * @param chunk - records per `verifyMany` call
 * @returns the summary
 * @throws {UsageError} when the directory holds no files
 */
export async function verifyBatch(dir: string, options: VerifyOptions, chunk = DEFAULT_CHUNK): Promise<BatchSummary> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isFile() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()
  if (files.length === 0) throw new UsageError(`no record files in ${dir}`)
  const bar = progressBar(files.length)
  const errors: Record<string, number> = {}
  const invalidFiles: { file: string; errors: string[] }[] = []
  let valid = 0
  const start = performance.now()
  const read = (names: readonly string[]) => {
    const reading = Promise.all(names.map(async (name) => recordInput(new Uint8Array(await readFile(join(dir, name))))))
    reading.catch(() => {}) // a read error surfaces where the chunk is awaited, not as an unhandled rejection
    return reading
  }
  // The next chunk's files are read while this chunk verifies.
  let next = read(files.slice(0, chunk))
  for (let at = 0; at < files.length; at += chunk) {
    const names = files.slice(at, at + chunk)
    const inputs = await next
    if (at + chunk < files.length) next = read(files.slice(at + chunk, at + 2 * chunk))
    const results = await verifyMany(inputs, options)
    results.forEach((result, i) => {
      if (result.valid) {
        valid++
        return
      }
      const codes = [...new Set(result.errors.map((e) => e.code))]
      for (const code of codes) errors[code] = (errors[code] ?? 0) + 1
      invalidFiles.push({ file: names[i]!, errors: codes })
    })
    bar.update(at + names.length)
  }
  bar.finish()
  const seconds = (performance.now() - start) / 1000
  return { total: files.length, valid, invalid: files.length - valid, errors, seconds, recordsPerSecond: files.length / seconds, invalidFiles }
}

/**
 * Prints a batch summary.
 *
 * @param summary - from {@link verifyBatch}
 * @param json - machine output
 */
export function printBatchSummary(summary: BatchSummary, json: boolean): void {
  if (json) {
    printJson({ ...summary, seconds: Number(summary.seconds.toFixed(3)), recordsPerSecond: Math.round(summary.recordsPerSecond) })
    return
  }
  print(`${summary.total} records: ${style.green(`${summary.valid} valid`)}, ${summary.invalid === 0 ? '0 invalid' : style.red(`${summary.invalid} invalid`)}`)
  for (const [code, n] of Object.entries(summary.errors).sort((a, b) => b[1] - a[1])) print(`  ${code.padEnd(24)} ${n}`)
  print(`${summary.seconds.toFixed(2)} s, ${Math.round(summary.recordsPerSecond).toLocaleString('en-US')} records/s`)
  const shown = summary.invalidFiles.slice(0, 20)
  if (shown.length > 0) {
    print(style.dim('invalid files:'))
    for (const f of shown) print(style.dim(`  ${f.file}: ${f.errors.join(', ')}`))
    if (summary.invalidFiles.length > shown.length) print(style.dim(`  … and ${summary.invalidFiles.length - shown.length} more (--json lists them all)`))
  }
}
