/**
 * Printing: colour only when stdout is a terminal and NO_COLOR is unset (https://no-color.org),
 * JSON with bytes as hex and bigints as strings.
 */
import { toHex } from '../codec/bytes.js'

/** True when colour may be used on stdout. */
export function useColour(): boolean {
  return process.stdout.isTTY === true && (process.env.NO_COLOR ?? '') === '' && process.env.TERM !== 'dumb'
}

function paint(code: number): (text: string) => string {
  return (text) => (useColour() ? `\x1b[${code}m${text}\x1b[0m` : text)
}

/** ANSI styles that fall back to plain text. */
export const style = { green: paint(32), red: paint(31), yellow: paint(33), dim: paint(2), bold: paint(1) }

/**
 * The JSON replacer the CLI uses everywhere: bytes as lower-case hex, bigints as decimal strings.
 *
 * @param _key - unused
 * @param value - any value
 * @returns a JSON-safe value
 */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value)
  if (typeof value === 'bigint') return value.toString()
  return value
}

/** Prints one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`)
}

/** Prints a line on stdout. */
export function print(line = ''): void {
  process.stdout.write(`${line}\n`)
}

/** `2026-11-23T14:00:00Z` from seconds. */
export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}
