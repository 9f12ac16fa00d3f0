/**
 * Key files: one line, the 32-byte Ed25519 seed in hex — the same format `counterfoil serve
 * --key-file` reads, so a `keygen` key can be a registry key too. Written with mode 0600 and never
 * over an existing file.
 */
import { readFile, stat, writeFile } from 'node:fs/promises'
import { toHex } from '../codec/bytes.js'
import { fromHex } from '../registry/log/encoding.js'
import { signerFromSeed, type KeyPair, type Signer } from '../keys/index.js'
import { SEED_LENGTH } from '../keys/strict.js'
import { UsageError } from './usage.js'

/**
 * Writes a key file (mode 0600, refusing to overwrite).
 *
 * @param path - where
 * @param keyPair - the key to save
 * @throws {UsageError} when the file already exists
 */
export async function writeKeyFile(path: string, keyPair: KeyPair): Promise<void> {
  try {
    await writeFile(path, `${toHex(keyPair.seed)}\n`, { mode: 0o600, flag: 'wx' })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${path} already exists; not overwriting a key`)
    throw e
  }
}

/**
 * Reads a key file and makes a signer from it. Warns on stderr when others can read the file.
 *
 * @param path - the key file
 * @returns a signer for the key
 * @throws {UsageError} when the file does not hold a 32-byte hex seed
 */
export async function readKeyFile(path: string): Promise<Signer> {
  const text = (await readFile(path, 'utf8')).trim()
  const seed = fromHex(text.toLowerCase())
  if (seed === undefined || seed.length !== SEED_LENGTH) throw new UsageError(`${path} is not a key file (expected a ${SEED_LENGTH}-byte seed in hex)`)
  if (process.platform !== 'win32' && ((await stat(path)).mode & 0o077) !== 0) {
    process.stderr.write(`counterfoil: warning: ${path} is readable by others; chmod 600 it\n`)
  }
  return signerFromSeed(seed)
}
