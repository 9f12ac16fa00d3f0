/** Seconds since the Unix epoch, the only time unit on the wire. */
export type Seconds = number

/** Numbers above this are almost certainly milliseconds passed where seconds were meant (year 5138). */
const MAX_PLAUSIBLE_SECONDS = 1e11

/**
 * Converts a `Date` or integer seconds to integer seconds, refusing millisecond mix-ups.
 *
 * @param value - a Date, or integer seconds since the epoch
 * @param name - parameter name for the error message
 * @returns integer seconds
 * @throws {TypeError | RangeError} for anything else
 * @example
 * ```ts
 * toSeconds(new Date('2026-01-01T00:00:00Z'), 'now') // 1767225600
 * ```
 */
export function toSeconds(value: Date | number, name: string): Seconds {
  if (value instanceof Date) {
    const ms = value.getTime()
    if (Number.isNaN(ms)) throw new RangeError(`"${name}" is an invalid Date`)
    return Math.floor(ms / 1000)
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`"${name}" expected a Date or non-negative integer seconds, got ${String(value)}`)
  }
  if (value > MAX_PLAUSIBLE_SECONDS) {
    throw new RangeError(`"${name}" expected seconds since the epoch, got ${value} (milliseconds?)`)
  }
  return value
}

/** The current time in integer seconds. */
export function nowSeconds(): Seconds {
  return Math.floor(Date.now() / 1000)
}
