// `counterfoil verify --batch DIR` throughput: the built CLI, spawned as a user runs it, against the
// same work done in-process (read every file, verifyMany) — the baseline measured in the same run.
// The CLI row includes starting Node and loading the package on every call.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { generateKeyPair, signerFromSeed } from 'counterfoil/keys'
import { issue } from 'counterfoil/sign'
import { verifyMany } from 'counterfoil/verify'

const RECORDS = 10_000
const run = promisify(execFile)
const packageJson = fileURLToPath(import.meta.resolve('counterfoil/package.json'))
const cli = join(packageJson, '..', JSON.parse(await readFile(packageJson, 'utf8')).bin.counterfoil)

export default async function cliBench({ measureGroup, target, section, note }) {
  const dir = await mkdtemp(join(tmpdir(), 'counterfoil-bench-batch-'))
  try {
    const shop = await signerFromSeed((await generateKeyPair()).seed)
    const customer = (await generateKeyPair()).did
    const writes = []
    for (let i = 0; i < RECORDS; i++) {
      const r = await issue({ signer: shop, subject: customer, type: 'purchase', claims: { order: i, items: [{ sku: 'KETTLE-2', price: 3990 }] }, expiresIn: 86_400 })
      writes.push(i % 2 === 0 ? writeFile(join(dir, `${i}.txt`), r.toString()) : writeFile(join(dir, `${i}.cbor`), r.bytes))
    }
    await Promise.all(writes)
    const options = { trustedIssuers: [shop.did] }

    const inProcess = async () => {
      const names = await readdir(dir)
      const inputs = await Promise.all(names.map(async (n) => {
        const bytes = new Uint8Array(await readFile(join(dir, n)))
        return n.endsWith('.txt') ? new TextDecoder().decode(bytes).trim() : bytes
      }))
      const results = await verifyMany(inputs, options)
      if (results.some((r) => !r.valid)) throw new Error('a record failed in-process')
    }
    const viaCli = async () => {
      const { stdout } = await run(process.execPath, [cli, 'verify', '--batch', dir, '--json', '--trust', shop.did], { maxBuffer: 64 * 1024 * 1024 })
      const summary = JSON.parse(stdout)
      if (summary.valid !== RECORDS) throw new Error(`CLI found ${summary.valid} valid of ${RECORDS}`)
    }

    section(`counterfoil verify --batch: ${RECORDS.toLocaleString('en-US')} record files (half text, half binary), trusting the issuer`)
    const [base, spawned] = await measureGroup([
      { label: 'in-process: read files + verifyMany', fn: inProcess, opsPerCall: RECORDS, unit: 'records/s' },
      { label: 'CLI: node dist/cli/main.js verify --batch', fn: viaCli, opsPerCall: RECORDS, unit: 'records/s' },
    ])
    note('the CLI row pays a Node start-up and package load per call; chunks of 500 records per verifyMany')
    return { targets: [target('CLI batch vs in-process', spawned, 0.7, base, 'read files + verifyMany in-process')] }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
