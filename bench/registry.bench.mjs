// Registry benchmarks (issue #3). Run through run.mjs (`npm run bench`, or `node run.mjs registry`).
//
//   1. sustained appends/s through the registry (createRegistry + submit: decode, signature check,
//      pooling, one store transaction per batch, signed checkpoint, receipt with inclusion proof) on
//      SQLite and PostgreSQL. Target ≥ 2,000/s on SQLite.
//   2. status lookups/s over HTTP on loopback: `counterfoil serve` (dist/cli/main.js, SQLite) in a
//      child process vs a bare node:http server returning a constant in another, the same keep-alive
//      client and concurrency for both, windows interleaved. Target ≥ 0.5×.
//   3. inclusion proof generation at 1,000,000 entries, from an SQLite store whose tree is built
//      directly through the tree API (appendLeaves + putNodes in batches; no entries rows, which
//      proofs never read). Target < 1 ms, i.e. ≥ 1,000 proofs/s one at a time.
//   4. snapshot bytes per revoked record at 1% revocation of 1,000,000 records (informative).
//
// In-process parts are bundled from src/ with esbuild (internals such as appendLeaves are not
// package exports), like stores.mjs. PostgreSQL runs when COUNTERFOIL_PG_URL is set; otherwise it
// says skipped and why. Machine noise: see README.md; numbers on a shared machine drift.
//
// Environment: BENCH_APPENDS (entries per append run, default 20,000), BENCH_PROOF_SIZE (1,000,000).
import { spawn } from 'node:child_process'
import { createHash, createPrivateKey, randomBytes, sign as nodeSign } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('../', import.meta.url))
const APPENDS = Number(process.env.BENCH_APPENDS ?? 20_000)
const PROOF_SIZE = Number(process.env.BENCH_PROOF_SIZE ?? 1_000_000)
/** How the proof rows name the log size: `1M` for the default, the exact count otherwise. */
const PROOF_LABEL = PROOF_SIZE === 1_000_000 ? '1M' : PROOF_SIZE.toLocaleString('en-US')
const IN_FLIGHT = 1024
const ORIGIN = 'bench.example/log'

async function bundle(work) {
  symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'), 'dir')
  const { build } = await import('esbuild')
  const out = join(work, 'registry-internals.mjs')
  await build({
    stdin: {
      contents: `
        export { createRegistry } from './src/registry/registry.ts'
        export { statementInput } from './src/registry/entries.ts'
        export { encodeCbor } from './src/codec/dag-cbor.ts'
        export { appendLeaves, inclusionProof, rootAt } from './src/registry/log/tree.ts'
        export { hashLeaf, verifyInclusion } from './src/registry/log/merkle.ts'
        export { signSnapshot } from './src/registry/status/answers.ts'
        export { signerFromSeed } from './src/keys/signer.ts'
        export { sqliteStore } from './src/node/sqlite-store.ts'
        export { postgresStore } from './src/node/postgres-store.ts'
      `,
      resolveDir: repo, loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'warning',
    plugins: [{ name: 'platform', setup(b) { b.onResolve({ filter: /^#ed25519-platform$/ }, () => ({ path: join(repo, 'src/node/platform.ts') })) } }],
  })
  return import(out)
}

/**
 * `count` distinct signed `reg` entries, `{ bytes, commitment }`. Signed with node:crypto directly over the registry's own
 * statement input (signEntry's generic path costs ~0.3 ms each; this is setup, not measured).
 */
function regEntries(lib, count) {
  const keys = Array.from({ length: 8 }, () => {
    const seed = randomBytes(32)
    const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' })
    return { key, pub: new Uint8Array(Buffer.from(key.export({ format: 'jwk' }).x, 'base64url')) }
  })
  const at = Math.floor(Date.now() / 1000)
  return Array.from({ length: count }, (_, i) => {
    const { key, pub } = keys[i % keys.length]
    const fields = { t: 'reg', c: new Uint8Array(randomBytes(32)), rev: { issuer: pub }, at }
    const sig = new Uint8Array(nodeSign(null, lib.statementInput(fields), key))
    return { bytes: lib.encodeCbor({ ...fields, sig }), commitment: fields.c }
  })
}

/** Submits every entry with `IN_FLIGHT` callers; returns entries/s and ack latency percentiles. */
async function sustainedAppends(registry, entries) {
  let next = 0
  const latencies = []
  const start = performance.now()
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < entries.length) {
      const { bytes } = entries[next++]
      const t = performance.now()
      const receipt = await registry.submit(bytes)
      if (receipt.duplicate) throw new Error('registry bench: unexpected duplicate')
      latencies.push(performance.now() - t)
    }
  }))
  const seconds = (performance.now() - start) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]
  return { rate: entries.length / seconds, p50: pct(50), p99: pct(99) }
}

function startChild(args, pattern) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d.toString()
      const m = pattern.exec(out)
      if (m !== null) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`child exited (${code}): ${out}`)))
  })
  return { child, ready }
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  return exited
}

/** GET with a keep-alive agent; resolves when the whole body has arrived. */
function get(agent, url) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      let n = 0
      res.on('data', (d) => { n += d.length })
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: HTTP ${res.statusCode}`))))
      res.on('error', reject)
    }).on('error', reject)
  })
}

export default async function registryBench({ measureGroup, measure, target, section, note, formatRate }) {
  const work = mkdtempSync(join(tmpdir(), 'counterfoil-bench-registry-'))
  const children = []
  const targets = []
  try {
    const lib = await bundle(work)
    const signer = await lib.signerFromSeed(new Uint8Array(32).fill(0x42))

    // --- 1. sustained appends through the registry --------------------------------------------
    section(`sustained appends through the registry (createRegistry + submit, ${APPENDS.toLocaleString('en-US')} reg entries per run, ${IN_FLIGHT} in flight, default batching: 512 per transaction, 5 ms)`)
    const appendRun = async (label, open) => {
      const rates = []
      for (let run = 1; run <= 2; run++) {
        const entries = regEntries(lib, APPENDS)
        const store = await open(run)
        const registry = await lib.createRegistry({ store, signer, origin: ORIGIN })
        try {
          const r = await sustainedAppends(registry, entries)
          rates.push(r.rate)
          note(`${label} run ${run}: ${formatRate(r.rate).padStart(7)} entries/s  (ack latency p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms; log ends at ${await registry.size()})`)
        } finally {
          await registry.close()
          await store.close()
        }
      }
      return Math.min(...rates)
    }
    const sqliteRate = await appendRun('sqlite  ', (run) => lib.sqliteStore(join(work, `appends-${run}.db`)))
    targets.push(target('registry appends/s on SQLite (slower of 2 runs)', sqliteRate, 1, 2000, 'the 2,000/s target'))
    const pgUrl = process.env.COUNTERFOIL_PG_URL
    if (pgUrl) {
      const schemas = []
      try {
        const pgRate = await appendRun('postgres', () => {
          const schema = `cf_bench_registry_${Date.now().toString(36)}_${schemas.length}`
          schemas.push(schema)
          return lib.postgresStore(pgUrl, { schema })
        })
        note(`postgres (slower of 2 runs): ${formatRate(pgRate)} entries/s (no target; one server, one database on the same machine)`)
      } finally {
        const pg = (await import('pg')).default
        const admin = new pg.Client({ connectionString: pgUrl })
        await admin.connect()
        for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`)
        await admin.end()
      }
    } else {
      note('postgres skipped: COUNTERFOIL_PG_URL is not set (export "$(scripts/postgres.sh)" starts a local server and prints it)')
    }

    // --- 2. status lookups over HTTP vs a bare node:http handler ---------------------------------
    const cli = join(repo, 'dist/cli/main.js')
    if (!existsSync(cli)) throw new Error('registry bench: dist/cli/main.js is missing; build first (npm run bench does)')
    const served = startChild([cli, 'serve', '--port', '0', '--db', join(work, 'served.db'), '--key-file', join(work, 'served.key'), '--origin', ORIGIN], /listening on (http:\/\/\S+)/)
    const bare = startChild(['-e', `
      const server = require('node:http').createServer((req, res) => { res.setHeader('content-type', 'text/plain'); res.end('ok') })
      server.keepAliveTimeout = 5000
      server.listen(0, '127.0.0.1', () => console.log('bare http://127.0.0.1:' + server.address().port))`], /bare (http:\/\/\S+)/)
    children.push(served.child, bare.child)
    const [servedUrl, bareUrl] = await Promise.all([served.ready, bare.ready])
    const { remoteRegistry } = await import('counterfoil/registry')
    const remote = remoteRegistry(servedUrl)
    const commitments = []
    for (const { bytes, commitment } of regEntries(lib, 1000)) {
      await remote.submit(bytes)
      commitments.push(Buffer.from(commitment).toString('hex'))
    }
    const sample = await get(new http.Agent({ keepAlive: true }), `${servedUrl}/v1/status/${commitments[0]}`)
    if (!(sample > 100)) throw new Error('registry bench: status answer is suspiciously small')
    const CONCURRENCY = 32
    const agents = [new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }), new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })]
    let k = 0
    section(`status lookups over HTTP on loopback (keep-alive node:http client, ${CONCURRENCY} in flight, windows interleaved; servers in their own processes)`)
    note(`registry: counterfoil serve (SQLite), GET /v1/status/<commitment> over ${commitments.length} registered records (signed status notes, ${sample} bytes; the registry reuses a note while the log size is unchanged)`)
    const [statusRow, bareRow] = await measureGroup([
      { label: 'GET /v1/status/<commitment> (counterfoil serve)', fn: () => get(agents[0], `${servedUrl}/v1/status/${commitments[k++ % commitments.length]}`), concurrency: CONCURRENCY, unit: 'req/s' },
      { label: 'bare node:http returning a constant', fn: () => get(agents[1], `${bareUrl}/`), concurrency: CONCURRENCY, unit: 'req/s' },
    ])
    targets.push(target('HTTP status lookups vs bare node:http', statusRow, 0.5, bareRow, 'bare node:http'))
    for (const a of agents) a.destroy()
    await Promise.all([stop(served.child), stop(bare.child)])

    // --- 3. inclusion proofs at 1,000,000 entries ------------------------------------------------
    section(`inclusion proof generation at ${PROOF_SIZE.toLocaleString('en-US')} entries (SQLite store, tree built through appendLeaves in batches of 65,536)`)
    const proofStore = await lib.sqliteStore(join(work, 'proofs.db'))
    try {
      const buildStart = performance.now()
      const BATCH = 65_536
      let root
      for (let start = 0; start < PROOF_SIZE; start += BATCH) {
        const end = Math.min(PROOF_SIZE, start + BATCH)
        const leaves = []
        for (let i = start; i < end; i++) leaves.push(new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(`entry ${i}`).digest()))
        await proofStore.transaction(async (tx) => {
          const result = await lib.appendLeaves(tx, start, leaves)
          await tx.putNodes(result.newNodes)
          await tx.putCheckpoint(result.newSize, `bench ${result.newSize}`)
          root = result.root
        })
      }
      note(`built in ${((performance.now() - buildStart) / 1000).toFixed(1)} s`)
      const leafOf = (i) => new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(`entry ${i}`).digest())
      for (const i of [0, 123_457 % PROOF_SIZE, PROOF_SIZE - 1]) {
        if (!lib.verifyInclusion(leafOf(i), i, PROOF_SIZE, await lib.inclusionProof(proofStore, i, PROOF_SIZE), root)) throw new Error(`registry bench: proof for ${i} does not verify`)
      }
      let seed = 1
      const randomIndex = () => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed % PROOF_SIZE }
      const proofsPerSecond = await measure(`inclusionProof(store, random index, ${PROOF_LABEL}), one at a time`, () => lib.inclusionProof(proofStore, randomIndex(), PROOF_SIZE))
      note(`= ${(1000 / proofsPerSecond).toFixed(3)} ms per proof (reads ${Math.ceil(Math.log2(PROOF_SIZE))} or fewer stored nodes in one query)`)
      targets.push(target(`inclusion proof at ${PROOF_LABEL} entries under 1 ms`, proofsPerSecond, 1, 1000, '1,000 proofs/s (= 1 ms each)'))
    } finally {
      await proofStore.close()
    }

    // --- 4. snapshot size --------------------------------------------------------------------------
    const records = 1_000_000
    const revoked = records / 100
    section(`snapshot size at 1% revocation of ${records.toLocaleString('en-US')} records (2-bit list, gzip, signed)`)
    const chosen = new Set()
    while (chosen.size < revoked) chosen.add(Math.floor(Math.random() * records))
    const rows = [...chosen].sort((a, b) => a - b).map((index) => ({ index, state: 2, head: index, reason: 0, since: 1_767_225_600 }))
    const at = Math.floor(Date.now() / 1000)
    const empty = await lib.signSnapshot(records, [], [], at, 86_400, signer)
    const snap = await lib.signSnapshot(records, rows, [], at, 86_400, signer)
    note(`snapshot ${snap.bytes.length.toLocaleString('en-US')} bytes (gzipped list ${snap.listBytes.toLocaleString('en-US')}); with no revocations ${empty.bytes.length.toLocaleString('en-US')} bytes`)
    note(`= ${(snap.bytes.length / revoked).toFixed(2)} bytes per revoked record (${((snap.bytes.length - empty.bytes.length) / revoked).toFixed(2)} above the empty list; uniformly random positions, the worst case for gzip)`)
    return { targets }
  } finally {
    await Promise.all(children.map(stop))
    rmSync(work, { recursive: true, force: true })
  }
}
