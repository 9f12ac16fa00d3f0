/**
 * Claim paths for selective disclosure (docs/spec.md §11.2): where a claim sits inside a record's
 * `claims` map. On the wire a path is an array of map keys (strings) and array indices (integers);
 * callers write patterns such as `price`, `address.city`, `items[].price` or `items[0].price`.
 */
import type { CborValue } from '../codec/dag-cbor.js'

/** A concrete claim path: map keys and array indices, outermost first, ending in a map key. */
export type ClaimPath = readonly (string | number)[]

/** Most steps a claim path may have (the DAG-CBOR nesting limit bounds it anyway). */
export const MAX_PATH_STEPS = 32

type Step = { readonly key: string } | { readonly index: number } | { readonly each: true }

const SEGMENT = /^([^.[\]]+)((?:\[\d*\])*)$/

/** A parsed disclosure pattern. */
export interface PathPattern {
  /** The text it was parsed from. */
  readonly text: string
  /** Whether it contains an `[]` wildcard. */
  readonly wildcard: boolean
  readonly steps: readonly Step[]
}

/**
 * Parses a pattern: dot-separated map keys, each optionally followed by `[]` (every element of an
 * array) or `[n]` (element n). The last step must be a map key: array elements are not hidden
 * individually (that would shift the indices of the ones shown), hide a field of them or the array.
 *
 * @param text - e.g. `items[].price`
 * @returns the pattern
 * @throws {TypeError} for a pattern that is not of that form
 * @example
 * ```ts
 * parsePathPattern('items[].price').steps.length // 3
 * ```
 */
export function parsePathPattern(text: string): PathPattern {
  if (typeof text !== 'string' || text.length === 0) throw new TypeError(`claim path expected a non-empty string, got ${JSON.stringify(text)}`)
  const steps: Step[] = []
  for (const segment of text.split('.')) {
    const m = SEGMENT.exec(segment)
    if (m === null) throw new TypeError(`claim path ${JSON.stringify(text)}: bad segment ${JSON.stringify(segment)} (write key, key[] or key[3])`)
    steps.push({ key: m[1]! })
    for (const bracket of m[2]!.match(/\[\d*\]/g) ?? []) {
      const digits = bracket.slice(1, -1)
      steps.push(digits === '' ? { each: true } : { index: Number(digits) })
    }
  }
  if (!('key' in steps[steps.length - 1]!)) throw new TypeError(`claim path ${JSON.stringify(text)} must end in a map key, not an array element`)
  if (steps.length > MAX_PATH_STEPS) throw new TypeError(`claim path ${JSON.stringify(text)} has more than ${MAX_PATH_STEPS} steps`)
  return { text, wildcard: steps.some((s) => 'each' in s), steps }
}

/**
 * Renders a concrete path the way patterns are written: `items[0].price`.
 *
 * @param path - a concrete path
 * @returns its text
 * @example
 * ```ts
 * formatClaimPath(['items', 0, 'price']) // 'items[0].price'
 * ```
 */
export function formatClaimPath(path: ClaimPath): string {
  let out = ''
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out === '' ? step : `.${step}`
  return out
}

/**
 * True when `path` is matched by `pattern` step for step.
 *
 * @example
 * ```ts
 * matchesPattern(['items', 1, 'price'], parsePathPattern('items[].price')) // true
 * ```
 */
export function matchesPattern(path: ClaimPath, pattern: PathPattern): boolean {
  if (path.length !== pattern.steps.length) return false
  return pattern.steps.every((step, i) => {
    const p = path[i]
    if ('key' in step) return p === step.key
    if ('index' in step) return p === step.index
    return typeof p === 'number'
  })
}

/**
 * True when `prefix` is `path` or one of its ancestors.
 *
 * @example
 * ```ts
 * isPrefixOf(['address'], ['address', 'city']) // true
 * ```
 */
export function isPrefixOf(prefix: ClaimPath, path: ClaimPath): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => path[i] === step)
}

/**
 * True for a plain string-keyed map (not an array, bytes or CID).
 *
 * @example
 * ```ts
 * isClaimMap({ a: 1 }) // true; isClaimMap([1]) // false
 * ```
 */
export function isClaimMap(value: unknown): value is Record<string, CborValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) &&
    Object.getPrototypeOf(value) === Object.prototype
}

/**
 * Every concrete path in `claims` that `pattern` matches (wildcards expand over array elements;
 * a key that is absent simply matches nothing).
 *
 * @param claims - the claims
 * @param pattern - a parsed pattern
 * @returns the matching concrete paths
 * @example
 * ```ts
 * expandPattern({ items: [{ price: 1 }, { price: 2 }] }, parsePathPattern('items[].price'))
 * // [['items', 0, 'price'], ['items', 1, 'price']]
 * ```
 */
export function expandPattern(claims: CborValue, pattern: PathPattern): ClaimPath[] {
  let frontier: { path: (string | number)[]; value: CborValue }[] = [{ path: [], value: claims }]
  for (const step of pattern.steps) {
    const next: typeof frontier = []
    for (const { path, value } of frontier) {
      if ('key' in step) {
        if (isClaimMap(value) && Object.hasOwn(value, step.key)) next.push({ path: [...path, step.key], value: value[step.key]! })
      } else if (Array.isArray(value)) {
        const items = value as readonly CborValue[]
        if ('index' in step) {
          if (step.index < items.length) next.push({ path: [...path, step.index], value: items[step.index]! })
        } else {
          items.forEach((item, i) => next.push({ path: [...path, i], value: item }))
        }
      }
    }
    frontier = next
  }
  return frontier.map((f) => f.path)
}

/**
 * Checks a path decoded from the wire: 1–32 steps, map keys as strings, indices as safe
 * non-negative integers, first and last step a map key.
 *
 * @param value - a decoded DAG-CBOR value
 * @returns the path, or undefined when it is not a valid path
 * @example
 * ```ts
 * asClaimPath(['items', 0, 'price']) // the path; asClaimPath([0]) // undefined
 * ```
 */
export function asClaimPath(value: unknown): ClaimPath | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_PATH_STEPS) return undefined
  const steps = value as unknown[]
  const ok = steps.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isSafeInteger(s) && s >= 0))
  if (!ok || typeof steps[0] !== 'string' || typeof steps[steps.length - 1] !== 'string') return undefined
  return steps as ClaimPath
}
