// Sustained append rate of the registry stores: each transaction reads the size, then writes a
// batch of 256 entries (with 32-byte leaf hashes and commitments), 9 tree nodes, 256 status rows
// and one checkpoint — the shape of one sequencing round of the registry.
//
//   node bench/stores.mjs [--batches 200] [--store sqlite|postgres|all]
//
// The stores are bundled from src/ with esbuild (no build step needed). PostgreSQL runs when
// COUNTERFOIL_PG_URL is set (scripts/postgres.sh prints one), in a throwaway schema.
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: { batches: { type: 'string', default: '200' }, store: { type: 'string', default: 'all' } },
})
const BATCHES = Number(args.batches)
const BATCH = 256
const repo = fileURLToPath(new URL('../', import.meta.url))

const work = mkdtempSync(join(tmpdir(), 'counterfoil-bench-stores-'))
symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'), 'dir')
const { build } = await import('esbuild')
await build({
  entryPoints: { sqlite: join(repo, 'src/node/sqlite-store.ts'), postgres: join(repo, 'src/node/postgres-store.ts') },
  bundle: true, platform: 'node', format: 'esm', packages: 'external', outdir: work, outExtension: { '.js': '.mjs' }, logLevel: 'warning',
})
const { sqliteStore } = await import(join(work, 'sqlite.mjs'))
const { postgresStore } = await import(join(work, 'postgres.mjs'))

const sha256 = (...parts) => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return new Uint8Array(h.digest())
}

/** Every batch, generated before timing starts. */
function makeBatches() {
  const out = []
  for (let b = 0; b < BATCHES; b++) {
    const entries = []
    const statuses = []
    for (let k = 0; k < BATCH; k++) {
      const index = b * BATCH + k
      const commitment = sha256(`commitment ${index}`)
      // ~150 bytes: about the size of a `reg` entry with two revocation keys.
      const bytes = new Uint8Array(150)
      bytes.set(commitment, 8)
      bytes.set(sha256(`key ${index}`), 44)
      bytes.set(sha256(`key2 ${index}`), 80)
      new DataView(bytes.buffer).setUint32(0, index)
      entries.push({ index, bytes, leafHash: sha256(Uint8Array.of(0), bytes), kind: 'reg', commitment })
      statuses.push({ index, state: 0, head: index, reason: 0, since: 1_760_000_000 + index })
    }
    const nodes = Array.from({ length: 9 }, (_, l) => ({ id: { level: 8 + l, index: b >> l }, hash: sha256(`node ${b} ${l}`) }))
    out.push({ entries, statuses, nodes, size: (b + 1) * BATCH })
  }
  return out
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

async function run(name, store) {
  const batches = makeBatches()
  const latencies = []
  const start = performance.now()
  for (const batch of batches) {
    const t = performance.now()
    await store.transaction(async (tx) => {
      const size = await tx.size()
      if (size !== batch.size - BATCH) throw new Error(`unexpected size ${size}`)
      await tx.putEntries(batch.entries)
      await tx.putNodes(batch.nodes)
      for (const s of batch.statuses) await tx.putStatus(s)
      await tx.putCheckpoint(batch.size, `bench checkpoint ${batch.size}`)
    })
    latencies.push(performance.now() - t)
  }
  const seconds = (performance.now() - start) / 1000
  latencies.sort((a, b) => a - b)
  const entries = BATCHES * BATCH
  console.log(`${name.padEnd(10)} ${String(Math.round(entries / seconds)).padStart(7)} entries/s  ` +
    `${(BATCHES / seconds).toFixed(1).padStart(6)} tx/s  commit p50 ${pct(latencies, 50).toFixed(1)} ms  p99 ${pct(latencies, 99).toFixed(1)} ms  ` +
    `(${BATCHES} × ${BATCH} entries, log ends at ${entries})`)
  // A proof-shaped read, to be sure what was written is there.
  await store.getNodes([{ level: 8, index: 0 }, { level: 8, index: BATCHES - 1 }])
}

console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`)
try {
  if (args.store === 'all' || args.store === 'sqlite') {
    const store = await sqliteStore(join(work, 'bench.db'))
    try { await run('sqlite', store) } finally { await store.close() }
  }
  if (args.store === 'all' || args.store === 'postgres') {
    const url = process.env.COUNTERFOIL_PG_URL
    if (!url) {
      console.log('postgres   skipped: set COUNTERFOIL_PG_URL (export "$(scripts/postgres.sh)")')
    } else {
      const schema = `cf_bench_${Date.now().toString(36)}`
      const store = await postgresStore(url, { schema })
      try { await run('postgres', store) } finally {
        await store.close()
        const pg = (await import('pg')).default
        const admin = new pg.Client({ connectionString: url })
        await admin.connect()
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
        await admin.end()
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
