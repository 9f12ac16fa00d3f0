// Test helpers: hex, and reference implementations written straight from the RFC 9162 recursive
// definitions over an in-memory list of leaf hashes (independent of src/registry/log/node-ids.ts).
import { sha256 } from '@noble/hashes/sha2.js'

export function hex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(2 * i, 2 * i + 2), 16)
  return out
}

export function toHex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
}

function h(...parts: Uint8Array[]): Uint8Array {
  const len = parts.reduce((n, p) => n + p.length, 0)
  const buf = new Uint8Array(len)
  let o = 0
  for (const p of parts) {
    buf.set(p, o)
    o += p.length
  }
  return sha256(buf)
}

export function refLeaf(data: Uint8Array): Uint8Array {
  return h(Uint8Array.of(0), data)
}

function k(n: number): number {
  let p = 1
  while (p * 2 < n) p *= 2
  return p
}

// Memoised per leaf list and range, so the exhaustive tests stay fast; the recursion is the RFC's.
const memo = new WeakMap<readonly Uint8Array[], Map<string, Uint8Array>>()

function mth(d: readonly Uint8Array[], a: number, b: number): Uint8Array {
  let m = memo.get(d)
  if (m === undefined) memo.set(d, (m = new Map()))
  const key = `${a}:${b}`
  const hit = m.get(key)
  if (hit !== undefined) return hit
  let out: Uint8Array
  if (b - a === 0) out = sha256(new Uint8Array(0))
  else if (b - a === 1) out = d[a]!
  else {
    const s = k(b - a)
    out = h(Uint8Array.of(1), mth(d, a, a + s), mth(d, a + s, b))
  }
  m.set(key, out)
  return out
}

// RFC 9162 §2.1.1 MTH(D[n])
export function refMth(d: readonly Uint8Array[], n = d.length): Uint8Array {
  return mth(d, 0, n)
}

// RFC 9162 §2.1.3.1 PATH(m, D[a:b])
export function refPath(m: number, d: readonly Uint8Array[], a = 0, b = d.length): Uint8Array[] {
  if (b - a === 1) return []
  const s = k(b - a)
  return m < s
    ? [...refPath(m, d, a, a + s), mth(d, a + s, b)]
    : [...refPath(m - s, d, a + s, b), mth(d, a, a + s)]
}

// RFC 9162 §2.1.4.1 PROOF(m, D[a:b]) = SUBPROOF(m, D[a:b], true)
export function refProof(m: number, d: readonly Uint8Array[], a = 0, b = d.length): Uint8Array[] {
  return subproof(m, d, a, b, true)
}

function subproof(m: number, d: readonly Uint8Array[], a: number, b: number, flag: boolean): Uint8Array[] {
  if (m === b - a) return flag ? [] : [mth(d, a, b)]
  const s = k(b - a)
  return m <= s
    ? [...subproof(m, d, a, a + s, flag), mth(d, a + s, b)]
    : [...subproof(m - s, d, a + s, b, false), mth(d, a, a + s)]
}

export function flipBit(b: Uint8Array, bit: number): Uint8Array {
  const c = b.slice()
  c[Math.floor(bit / 8) % c.length]! ^= 1 << (bit % 8)
  return c
}
