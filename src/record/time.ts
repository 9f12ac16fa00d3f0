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

const twoDigits = (n: number): string => (n < 10 ? '0' : '') + n

/**
 * `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339, UTC, whole seconds) for seconds from 0 to the end of year 9999,
 * by integer arithmetic (H. Hinnant's civil-from-days): about 5× cheaper than `Date#toISOString`,
 * which matters because `verify` writes two of these for every record.
 *
 * @param seconds - integer seconds since the epoch, 0 ≤ seconds ≤ 253402300799
 * @returns the UTC date-time text
 * @example
 * ```ts
 * isoSeconds(1767225600) // '2026-01-01T00:00:00Z'
 * ```
 */
export function isoSeconds(seconds: Seconds): string {
  const days = Math.floor(seconds / 86400)
  const rest = seconds - days * 86400
  const z = days + 719468 // days since 0000-03-01
  const era = Math.floor(z / 146097)
  const dayOfEra = z - era * 146097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153) // month from March = 0
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  const h = Math.floor(rest / 3600)
  const m = Math.floor((rest % 3600) / 60)
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(h)}:${twoDigits(m)}:${twoDigits(rest % 60)}Z`
}
