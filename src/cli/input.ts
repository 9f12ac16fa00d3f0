/**
 * Reading records, keys and other inputs from files or stdin (`-`).
 */
import { readFile } from 'node:fs/promises'
import { UsageError } from './usage.js'

/**
 * The bytes of a file, or of stdin for `-` (or no path).
 *
 * @param path - a file path, `-` or undefined for stdin
 * @returns the bytes
 * @throws {UsageError} when stdin is a terminal (nothing was piped in)
 */
export async function readBytes(path: string | undefined): Promise<Uint8Array> {
  if (path !== undefined && path !== '-') return new Uint8Array(await readFile(path))
  if (process.stdin.isTTY === true) throw new UsageError('no input: give a FILE, or pipe a record into stdin with "-"')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
}

/**
 * A record as the library takes it: the `u…` text form when the input is text, the raw envelope
 * bytes otherwise (a binary `.cbor` file).
 *
 * @param bytes - file contents
 * @returns trimmed text, or the bytes unchanged
 */
export function recordInput(bytes: Uint8Array): string | Uint8Array {
  // Printable ASCII and whitespace only: the text form. Anything else is the binary envelope.
  for (const b of bytes) {
    if ((b < 0x20 || b > 0x7e) && b !== 0x0a && b !== 0x0d && b !== 0x09) return bytes
  }
  return new TextDecoder().decode(bytes).trim()
}

/**
 * Reads a record from a file or stdin.
 *
 * @param path - a file path, `-` or undefined for stdin
 * @returns what `verify`/`decodeRecord` accept
 */
export async function readRecord(path: string | undefined): Promise<string | Uint8Array> {
  return recordInput(await readBytes(path))
}

/**
 * A date flag: ISO 8601 (`2027-01-01`, `2027-01-01T12:00:00Z`) or integer seconds since the epoch.
 *
 * @param value - the flag value
 * @param flag - its name, for the message
 * @returns seconds since the epoch
 * @throws {UsageError} for anything else
 */
export function parseTime(value: string, flag: string): number {
  if (/^\d+$/.test(value)) return Number(value)
  const ms = Date.parse(value)
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) throw new UsageError(`--${flag} expected an ISO date or epoch seconds, got "${value}"`)
  return Math.floor(ms / 1000)
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 }

/**
 * A duration flag: integer seconds, or a number with a unit `s m h d w y` (`30d`, `2y`).
 *
 * @param value - the flag value
 * @param flag - its name, for the message
 * @returns seconds
 * @throws {UsageError} for anything else
 */
export function parseDuration(value: string, flag: string): number {
  const m = /^(\d+)([smhdwy]?)$/.exec(value)
  const seconds = m === null ? NaN : Number(m[1]) * UNITS[m[2] || 's']!
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new UsageError(`--${flag} expected a positive duration like 3600, 30d or 2y, got "${value}"`)
  return seconds
}
