// Acceptance crash test (issue #3): a real registry server process on loopback, a sustained
// concurrent append load over HTTP, SIGKILL mid-load, restart on the same database. Afterwards every
// acknowledged entry must be at its acknowledged index (inclusion proof against the new checkpoint)
// and the new checkpoint must be consistent (RFC 9162 §2.1.4 proof) with EVERY checkpoint handed
// out before the crash, whether in a receipt or from GET /v1/checkpoint.
//
// PostgreSQL: COUNTERFOIL_PG_URL as for stores.test.ts (fresh schema per run, dropped afterwards);
// without it the PostgreSQL case FAILS, COUNTERFOIL_SKIP_PG=1 skips it explicitly.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toHex } from '../../src/codec/bytes.js'
import { signerFromSeed } from '../../src/keys/signer.js'
import type { Receipt } from '../../src/registry/client.js'
import { signEntry, type RegEntry } from '../../src/registry/entries.js'
import type { Checkpoint } from '../../src/registry/log/checkpoint.js'
import { verifyConsistency, verifyInclusion } from '../../src/registry/log/merkle.js'
import { noteVerifier } from '../../src/registry/log/note.js'
import { openCheckpoint } from '../../src/registry/log/signed-checkpoint.js'
import { remoteRegistry } from '../../src/registry/remote.js'
import { publicKeyFromSeed } from '../../src/keys/ed25519.js'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const ORIGIN = 'crash.example/log'
const REGISTRY_SEED = new Uint8Array(32).fill(0x5c)
const WORKERS = 48
/** Kill once this many appends were acknowledged (the load keeps going until the kill). */
const KILL_AFTER_ACKS = 800
const ENTRIES = 2500

const work = mkdtempSync(join(tmpdir(), 'counterfoil-crash-'))
const children = new Set<ChildProcess>()
let serverScript = ''

beforeAll(async () => {
  symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'), 'dir')
  serverScript = join(work, 'crash-server.mjs')
  await build({
    entryPoints: [join(repo, 'test/registry/fixtures/crash-server.ts')], bundle: true, platform: 'node', format: 'esm',
    packages: 'external', outfile: serverScript, logLevel: 'silent',
    plugins: [{
      name: 'platform',
      setup(b) {
        b.onResolve({ filter: /^#ed25519-platform$/ }, () => ({ path: join(repo, 'src/node/platform.ts') }))
      },
    }],
  })
})

afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
})

/** Starts the server; resolves with its URL once it listens. */
function start(args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [serverScript, toHex(REGISTRY_SEED), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let out = ''
  let err = ''
  child.stderr!.on('data', (d: Buffer) => { err += d.toString() })
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m !== null) resolve({ child, url: m[1]! })
    })
    child.once('exit', (code, signal) => reject(new Error(`server exited early (${String(code ?? signal)}): ${out}${err}`)))
  })
}

function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGKILL')
  return exited
}

/** `count` distinct signed `reg` entries under 16 revocation keys (signing is the slow part: do it up front). */
async function regEntries(count: number): Promise<Uint8Array[]> {
  const seeds = Array.from({ length: 16 }, () => new Uint8Array(randomBytes(32)))
  const keys = await Promise.all(seeds.map((s) => publicKeyFromSeed(s)))
  const at = Math.floor(Date.now() / 1000)
  return Promise.all(Array.from({ length: count }, (_, i) => {
    const c = new Uint8Array(randomBytes(32))
    return signEntry<RegEntry>({ t: 'reg', c, rev: { issuer: keys[i % 16]! }, at }, seeds[i % 16]!)
  }))
}

async function crashAndRecover(args: readonly string[]): Promise<void> {
  const registryKey = await signerFromSeed(REGISTRY_SEED)
  const verifiers = [noteVerifier(ORIGIN, registryKey.publicKey)]
  const open = async (note: string): Promise<Checkpoint> => (await openCheckpoint(note, verifiers, { origin: ORIGIN })).checkpoint
  const entries = await regEntries(ENTRIES)

  const first = await start(args)
  const client = remoteRegistry(first.url, { timeoutMs: 10_000 })
  const acked: Receipt[] = []
  const handedOut = new Set<string>()
  let inFlightAtKill = 0
  let inFlight = 0
  let killed: Promise<void> | undefined
  let next = 0

  const worker = async (): Promise<void> => {
    while (killed === undefined && next < entries.length) {
      const bytes = entries[next++]!
      inFlight++
      try {
        const receipt = await client.submit(bytes)
        if (killed !== undefined) continue // answered after the kill was sent: not counted either way
        acked.push(receipt)
        handedOut.add(receipt.checkpoint)
        if (acked.length >= KILL_AFTER_ACKS && killed === undefined) {
          inFlightAtKill = inFlight - 1
          killed = kill(first.child)
        }
      } catch {
        // refused or cut off by the kill: never acknowledged, so nothing is owed
      } finally {
        inFlight--
      }
    }
  }
  const poller = async (): Promise<void> => {
    while (killed === undefined) {
      try {
        const note = await client.checkpoint()
        if (killed === undefined) handedOut.add(note)
      } catch {
        // the server is gone
      }
    }
  }
  await Promise.all([...Array.from({ length: WORKERS }, worker), poller()])
  await killed
  expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS)
  expect(inFlightAtKill).toBeGreaterThan(0) // killed mid-load, with appends in flight

  const second = await start(args)
  const after = remoteRegistry(second.url, { timeoutMs: 10_000 })
  // One more append after the restart: the log continues and its checkpoint covers the old ones.
  const fresh = await after.submit((await regEntries(1))[0]!)
  const latest = await open(fresh.checkpoint)
  expect(fresh.index).toBeGreaterThanOrEqual(Math.max(...acked.map((r) => r.index)) + 1)

  const inParallel = async <T>(items: readonly T[], check: (item: T) => Promise<void>): Promise<void> => {
    for (let i = 0; i < items.length; i += 32) await Promise.all(items.slice(i, i + 32).map(check))
  }
  await inParallel(acked, async (r) => {
    const proof = await after.inclusionProof(r.index, latest.size)
    expect(verifyInclusion(r.leafHash, r.index, latest.size, proof, latest.rootHash), `acknowledged entry ${r.index}`).toBe(true)
  })
  const before = await Promise.all([...handedOut].map(open))
  expect(before.length).toBeGreaterThan(1)
  await inParallel(before, async (cp) => {
    expect(cp.size).toBeLessThanOrEqual(latest.size)
    const proof = await after.consistencyProof(cp.size, latest.size)
    expect(verifyConsistency(cp.size, latest.size, cp.rootHash, latest.rootHash, proof), `checkpoint of size ${cp.size}`).toBe(true)
  })
  // And the check itself can fail: a leaf hash that was not acknowledged does not verify.
  const bogus = new Uint8Array(randomBytes(32))
  expect(verifyInclusion(bogus, acked[0]!.index, latest.size, await after.inclusionProof(acked[0]!.index, latest.size), latest.rootHash)).toBe(false)
  await kill(second.child)
}

describe('registry crash test (SIGKILL under sustained HTTP append load)', () => {
  it('SQLite: every acknowledged entry survives at its index; the new checkpoint is consistent with every one handed out', async () => {
    await crashAndRecover(['sqlite', join(work, 'registry.db')])
  }, 60_000)

  const PG_URL = process.env['COUNTERFOIL_PG_URL']
  if (PG_URL !== undefined && PG_URL !== '') {
    const schema = `cf_crash_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
    afterAll(async () => {
      const admin = new pg.Client({ connectionString: PG_URL })
      await admin.connect()
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      } finally {
        await admin.end()
      }
    })
    it('PostgreSQL: every acknowledged entry survives at its index; the new checkpoint is consistent with every one handed out', async () => {
      await crashAndRecover(['postgres', PG_URL, schema])
    }, 60_000)
  } else if (process.env['COUNTERFOIL_SKIP_PG'] === '1') {
    it.skip('PostgreSQL (skipped: COUNTERFOIL_SKIP_PG=1)', () => {})
  } else {
    it('PostgreSQL: needs COUNTERFOIL_PG_URL (export "$(scripts/postgres.sh)"), or COUNTERFOIL_SKIP_PG=1 to skip', () => {
      throw new Error('COUNTERFOIL_PG_URL is not set, so the PostgreSQL crash test cannot run')
    })
  }
})
