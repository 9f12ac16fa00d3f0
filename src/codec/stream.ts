import { CounterfoilError } from '../errors.js'
import { concat } from './bytes.js'

/**
 * Reads a byte stream to the end, refusing to buffer more than `limit` bytes: the stream is
 * cancelled as soon as it goes over, so a huge request body or a gzip bomb costs at most `limit`.
 *
 * @param stream - the bytes
 * @param limit - most bytes accepted
 * @param what - what the bytes are, for the error message (`request body`, `status list`)
 * @returns every byte, in one array
 * @throws {CounterfoilError} `ERR_TOO_LARGE` past `limit`
 * @example
 * ```ts
 * const body = await readStreamCapped(request.body, 8192, 'request body')
 * ```
 */
export async function readStreamCapped(stream: ReadableStream<Uint8Array>, limit: number, what: string): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > limit) {
      await reader.cancel()
      throw new CounterfoilError('ERR_TOO_LARGE', `${what} is larger than ${limit} bytes`)
    }
    chunks.push(value)
  }
  return concat(chunks)
}
