// Bytes that behave as a Node Buffer does where it matters here: `slice` returns a view of the
// same memory instead of a copy. Runs in Node and in Chromium alike; code that keeps a "private
// copy" of caller bytes with `.slice()` fails the tests that use it.

/** A Uint8Array whose `slice` shares memory, as `Buffer.prototype.slice` does. */
export class AliasingBytes extends Uint8Array {
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    return this.subarray(start, end) as Uint8Array<ArrayBuffer>
  }
}

/** `bytes` copied into an {@link AliasingBytes}. */
export function aliasing(bytes: Uint8Array): AliasingBytes {
  const out = new AliasingBytes(bytes.length)
  out.set(bytes)
  return out
}
