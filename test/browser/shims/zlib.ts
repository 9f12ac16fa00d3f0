// `node:zlib` for the tests in the browser: status.test.ts cross-checks the registry's snapshots
// with an independent gzip/gunzip. In Chromium that independent implementation is fflate (pure JS);
// the registry code under test keeps using the browser's own CompressionStream.
import { gunzipSync as fflateGunzip, gzipSync as fflateGzip } from 'fflate'

export function gzipSync(data: Uint8Array, options: { level?: number } = {}): Uint8Array {
  const level = options.level ?? 6
  if (!Number.isInteger(level) || level < 0 || level > 9) throw new RangeError(`"level" expected 0-9, got ${level}`)
  return fflateGzip(data, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 })
}

export function gunzipSync(data: Uint8Array): Uint8Array {
  return fflateGunzip(data)
}
