/**
 * `counterfoil keygen`: a fresh Ed25519 key, saved to a key file (mode 0600) or printed.
 */
import { parseArgs } from 'node:util'
import { toHex } from '../codec/bytes.js'
import { generateKeyPair } from '../keys/index.js'
import { writeKeyFile } from './key-file.js'
import { print, printJson } from './output.js'
import { atMost, type Command } from './usage.js'

/** `counterfoil keygen`. */
export const keygen: Command = {
  name: 'keygen',
  summary: 'make an Ed25519 key and save it to a key file (mode 0600)',
  help: `Usage: counterfoil keygen [--out FILE] [--json]

Makes a fresh Ed25519 key. With --out, writes the secret seed (hex, one line) to FILE with mode 0600
and prints only the public did:key; never overwrites a file. Without --out, prints the seed too.
The key file works for "issue --key", "revoke --key", "withdraw --key" and "serve --key-file".

  --out FILE   write the key file here
  --json       print {"did", "publicKeyHex", "keyFile"} (or "seedHex" without --out)`,
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, json: { type: 'boolean' } } })
    atMost(positionals, 0)
    const keyPair = await generateKeyPair()
    if (values.out !== undefined) await writeKeyFile(values.out, keyPair)
    if (values.json === true) {
      printJson({ did: keyPair.did, publicKeyHex: toHex(keyPair.publicKey), ...(values.out === undefined ? { seedHex: toHex(keyPair.seed) } : { keyFile: values.out }) })
    } else if (values.out !== undefined) {
      print(`did:  ${keyPair.did}\nkey:  ${values.out} (secret, mode 0600)`)
    } else {
      print(`did:  ${keyPair.did}\nseed: ${toHex(keyPair.seed)}   (secret: keep it safe)`)
    }
    return 0
  },
}
