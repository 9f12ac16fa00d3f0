/**
 * Base64url decoding outside Node: the platform's native decoder (`Uint8Array.fromBase64`, in
 * current browsers) where there is one, checked for canonical form by re-encoding. What
 * `#base64-platform` resolves to outside Node; `src/node/base64.ts` is the Node one. Where neither
 * exists, `fromBase64url` in `multibase.ts` decodes by table.
 *
 * @module
 */

interface NativeBase64 {
  fromBase64(text: string, options: { alphabet: 'base64url'; lastChunkHandling: 'loose' }): Uint8Array
}
interface NativeBase64Bytes {
  toBase64(options: { alphabet: 'base64url'; omitPadding: true }): string
}

const native = (Uint8Array as unknown as Partial<NativeBase64>).fromBase64

/**
 * Decodes the characters after the `u` of multibase base64url text with the platform's decoder,
 * or says they are not canonical; `undefined` itself where the platform has no decoder. The native
 * decoder accepts white space and padding, so the text is accepted exactly when re-encoding its
 * bytes (RFC 4648 §5, no padding) gives it back: the one canonical form (§3.2, §3.5).
 *
 * @param text - `u…` text (the prefix is checked by the caller and skipped here)
 * @returns the bytes, or `undefined` when the text is not canonical base64url
 * @example
 * ```ts
 * fastFromBase64url?.('uAQID') // Uint8Array [1, 2, 3] where the browser has fromBase64
 * ```
 */
export const fastFromBase64url: ((text: string) => Uint8Array | undefined) | undefined = native === undefined
  ? undefined
  : (text) => {
      if ((text.length & 3) === 2) return undefined // a lone sixth of a byte (length − 1 ≡ 1 mod 4)
      const body = text.slice(1)
      let out: Uint8Array
      try {
        out = native(body, { alphabet: 'base64url', lastChunkHandling: 'loose' })
      } catch {
        return undefined
      }
      return (out as unknown as NativeBase64Bytes).toBase64({ alphabet: 'base64url', omitPadding: true }) === body ? out : undefined
    }
