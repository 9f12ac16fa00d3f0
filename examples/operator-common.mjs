// Shared by operator-sqlite.mjs and operator-postgres.mjs: start `counterfoil serve` as an operator
// would, submit a registration through the HTTP API, fetch the signed checkpoint and an inclusion
// proof, check both, and stop the server.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateKeyPair, publicKeyFromDid, signerFromSeed } from 'counterfoil/keys'
import { issue } from 'counterfoil/sign'
import { register } from 'counterfoil/revoke'
import { hashLeaf, noteVerifier, openCheckpoint, remoteRegistry, verifyInclusion } from 'counterfoil/registry'

// The `counterfoil` bin of the installed package (`npx counterfoil` does the same).
const packageJson = fileURLToPath(import.meta.resolve('counterfoil/package.json'))
const bin = join(packageJson, '..', JSON.parse(await readFile(packageJson, 'utf8')).bin.counterfoil)

/** Starts `counterfoil serve ...storeArgs` on a free loopback port; resolves once it listens. */
function startRegistry(args) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk
      for (const line of chunk.split('\n').filter(Boolean)) console.log(`  serve | ${line}`)
      const url = /listening on (\S+)/.exec(out)?.[1]
      const key = /\bkey\s+(did:key:\S+)/.exec(out)?.[1]
      if (url && key) resolve({ url, key, child })
    })
    child.once('exit', (code) => reject(new Error(`counterfoil serve exited with ${code}`)))
  })
}

/**
 * Runs the operator walk-through against a store.
 *
 * @param label - 'SQLite' or 'PostgreSQL'
 * @param storeArgs - (dir) => flags for `counterfoil serve`
 * @returns exit code
 */
export async function runOperator(label, storeArgs) {
  const dir = await mkdtemp(join(tmpdir(), 'counterfoil-operator-'))
  const origin = 'operator.example/log'
  console.log(`1. Start a registry on ${label}.`)
  const { url, key, child } = await startRegistry(['--origin', origin, '--key-file', join(dir, 'registry.key'), ...storeArgs(dir)])
  try {
    // A client pins the registry key it was given out of band (here: read from the start-up lines).
    const registry = remoteRegistry(url, { key })

    console.log('\n2. A shop submits three registrations over HTTP.')
    const shop = await signerFromSeed((await generateKeyPair()).seed)
    let receipt
    for (const total of [1299, 450, 8900]) {
      const record = await issue({ signer: shop, subject: (await generateKeyPair()).did, type: 'purchase', registry: url, claims: { total, currency: 'EUR' } })
      receipt = await register({ signer: shop, record, registry })
    }
    console.log(`   log index ${receipt.index}, leaf hash ${Buffer.from(receipt.leafHash).toString('hex').slice(0, 16)}…`)

    console.log('\n3. Anyone fetches the signed checkpoint (C2SP tlog-checkpoint as a signed note) and checks its signature.')
    const note = await registry.checkpoint()
    const { checkpoint } = await openCheckpoint(note, [noteVerifier(origin, publicKeyFromDid(key))], { origin })
    console.log(note.trimEnd().replace(/^/gm, '   | '))

    console.log(`\n4. ... and an RFC 9162 inclusion proof of entry ${receipt.index} in the tree of size ${checkpoint.size}, checked against the root hash.`)
    const proof = await registry.inclusionProof(receipt.index, checkpoint.size)
    const included = await verifyInclusion(hashLeaf(receipt.entry), receipt.index, checkpoint.size, proof, checkpoint.rootHash)
    console.log(`   ${proof.length} hashes; included: ${included}`)

    console.log('\n5. Stop the registry (SIGTERM: it flushes and closes the store).')
    child.kill('SIGTERM')
    const code = await new Promise((resolve) => child.once('exit', resolve))
    console.log(`   exited with ${code}`)
    return included && code === 0 && receipt.duplicate === false ? 0 : 1
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  }
}
