// Runs the Store contract suite against every store, plus what only a real database can show:
// SQLite durability across reopen and SIGKILL, PostgreSQL with two "servers" (two pools) on one log.
//
// PostgreSQL: set COUNTERFOIL_PG_URL (scripts/postgres.sh starts a local server and prints it).
// Without it these tests FAIL, on purpose; COUNTERFOIL_SKIP_PG=1 skips them explicitly.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { build } from 'esbuild'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresStore } from '../../src/node/postgres-store.js'
import { sqliteStore } from '../../src/node/sqlite-store.js'
import type { Store } from '../../src/registry/store/interface.js'
import { memoryStore } from '../../src/registry/store/memory.js'
import { append, commitmentWithPrefix, describeStore, makeEntry, regs } from './store-suite.js'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const storeError = { name: 'CounterfoilError', code: 'ERR_STORE' }

describeStore('memoryStore', async () => memoryStore())

// ---------------------------------------------------------------------------------------- SQLite

const sqliteDir = mkdtempSync(join(tmpdir(), 'counterfoil-stores-test-'))
afterAll(() => rmSync(sqliteDir, { recursive: true, force: true }))
let sqliteFiles = 0
const sqlitePath = (): string => join(sqliteDir, `store-${++sqliteFiles}.db`)

describeStore('sqliteStore', () => sqliteStore(sqlitePath()))
describeStore("sqliteStore(':memory:')", () => sqliteStore(':memory:'))

describe('sqliteStore on disk', () => {
  it('keeps committed data across close and reopen', async () => {
    const path = sqlitePath()
    const first = await sqliteStore(path)
    await append(first, regs(0, 3))
    await first.transaction(async (tx) => {
      await tx.putStatus({ index: 1, state: 2, head: 2, reason: 1, since: 1_700_000_000 })
      await tx.putKeyRevocation({ did: 'did:key:z6MkGone', from: 2, index: 2 })
      await tx.putNodes([{ id: { level: 1, index: 0 }, hash: new Uint8Array(32).fill(7) }])
    })
    await first.close()
    const again = await sqliteStore(path)
    expect(await again.size()).toBe(3)
    expect(await again.latestCheckpoint()).toBe('checkpoint 3')
    expect(await again.entries(0, 10)).toEqual(regs(0, 3))
    expect(await again.status(1)).toEqual({ index: 1, state: 2, head: 2, reason: 1, since: 1_700_000_000 })
    expect(await again.keyRevocation('did:key:z6MkGone')).toEqual({ did: 'did:key:z6MkGone', from: 2, index: 2 })
    expect(await again.getNodes([{ level: 1, index: 0 }])).toEqual([new Uint8Array(32).fill(7)])
    await append(again, [makeEntry(3)])
    await again.close()
    const third = await sqliteStore(path)
    expect(await third.size()).toBe(4)
    await third.close()
  })

  it('keeps what a transaction committed, and nothing of an open one, when the process is SIGKILLed', async () => {
    const work = mkdtempSync(join(sqliteDir, 'kill-'))
    symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'), 'dir')
    await build({
      entryPoints: [join(repo, 'src/node/sqlite-store.ts')], bundle: true, platform: 'node', format: 'esm',
      packages: 'external', outfile: join(work, 'sqlite-store.mjs'), logLevel: 'silent',
    })
    writeFileSync(join(work, 'child.mjs'), `
      import { createHash } from 'node:crypto'
      import { sqliteStore } from './sqlite-store.mjs'
      const entry = (i) => {
        const bytes = new TextEncoder().encode('entry ' + i)
        const leafHash = createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest()
        return { index: i, bytes, leafHash, kind: 'reg', commitment: createHash('sha256').update('c' + i).digest() }
      }
      const range = (a, b) => Array.from({ length: b - a }, (_, k) => entry(a + k))
      const store = await sqliteStore(process.argv[2])
      await store.transaction(async (tx) => { await tx.putEntries(range(0, 100)); await tx.putCheckpoint(100, 'committed') })
      console.log('committed')
      void store.transaction(async (tx) => {
        await tx.putEntries(range(100, 200))
        await tx.putCheckpoint(200, 'never committed')
        console.log('open')
        await new Promise(() => {})
      })
    `)
    const path = join(work, 'registry.db')
    const child = spawn(process.execPath, [join(work, 'child.mjs'), path], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        if (out.includes('open')) resolve()
      })
      child.on('exit', (code) => reject(new Error(`child exited early (${String(code)}): ${out}`)))
    })
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited
    const store = await sqliteStore(path)
    expect(await store.size()).toBe(100)
    expect(await store.latestCheckpoint()).toBe('committed')
    expect((await store.entries(0, 1000)).map((e) => e.index)).toEqual(Array.from({ length: 100 }, (_, i) => i))
    await append(store, [makeEntry(100)])
    expect(await store.size()).toBe(101)
    await store.close()
  })

  it('refuses a SQLite file that is not a counterfoil registry, without touching it', async () => {
    const path = sqlitePath()
    const other = new Database(path)
    other.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)')
    other.close()
    await expect(sqliteStore(path)).rejects.toMatchObject(storeError)
    const again = new Database(path, { readonly: true })
    expect(again.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all()).toEqual([{ name: 'accounts' }])
    again.close()
  })

  it('refuses a registry file with a newer schema version', async () => {
    const path = sqlitePath()
    await (await sqliteStore(path)).close()
    const db = new Database(path)
    db.pragma('user_version = 99')
    db.close()
    await expect(sqliteStore(path)).rejects.toMatchObject(storeError)
  })

  it('keeps the transaction usable after a failed write (the failed call changes nothing)', async () => {
    const store = await sqliteStore(sqlitePath())
    await append(store, regs(0, 1))
    await store.transaction(async (tx) => {
      const duplicate = { ...makeEntry(1), leafHash: makeEntry(0).leafHash }
      await expect(tx.putEntries([duplicate])).rejects.toMatchObject(storeError)
      await tx.putEntries([makeEntry(1)])
      await tx.putCheckpoint(2, 'checkpoint 2')
    })
    expect(await store.entries(0, 10)).toEqual(regs(0, 2))
    await store.close()
  })

  it('rejects calls on a finished transaction and on a closed store', async () => {
    const store = await sqliteStore(sqlitePath())
    let leaked: Parameters<Parameters<Store['transaction']>[0]>[0] | undefined
    await store.transaction(async (tx) => { leaked = tx })
    await expect(leaked!.putEntries([makeEntry(0)])).rejects.toMatchObject(storeError)
    await expect(leaked!.size()).rejects.toMatchObject(storeError)
    await store.close()
    await store.close() // idempotent
    await expect(store.size()).rejects.toMatchObject(storeError)
    await expect(store.transaction(async () => 1)).rejects.toMatchObject(storeError)
  })
})

// ------------------------------------------------------------------------------------ PostgreSQL

const PG_URL = process.env['COUNTERFOIL_PG_URL']
const SKIP_PG = process.env['COUNTERFOIL_SKIP_PG'] === '1'

if (PG_URL !== undefined && PG_URL !== '') {
  const runId = `cf_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const schemas: string[] = []
  const freshSchema = (): string => {
    const name = `${runId}_${schemas.length + 1}`
    schemas.push(name)
    return name
  }
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    try {
      for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`)
    } finally {
      await admin.end()
    }
  })

  describeStore('postgresStore', () => postgresStore(PG_URL, { schema: freshSchema() }))

  describe('postgresStore on a server', () => {
    it('two servers (two pools) appending concurrently make one gap-free, duplicate-free log of 100 entries', async () => {
      const schema = freshSchema()
      // Both open at once: the migration runs once, under the advisory lock.
      const servers = await Promise.all([postgresStore(PG_URL, { schema }), postgresStore(PG_URL, { schema })])
      try {
        await Promise.all(servers.map((server, s) => Promise.all(Array.from({ length: 50 }, (_, k) => server.transaction(async (tx) => {
          const n = await tx.size()
          await new Promise((r) => setTimeout(r, k % 2))
          await tx.putEntries([makeEntry(n, 'reg', { commitment: commitmentWithPrefix([s], `server ${s} append ${k}`) })])
          await tx.putCheckpoint(n + 1, `checkpoint ${n + 1}`)
        })))))
        for (const server of servers) {
          expect(await server.size()).toBe(100)
          const log = await server.entries(0, 1000)
          expect(log.map((e) => e.index)).toEqual(Array.from({ length: 100 }, (_, i) => i))
          expect(new Set(log.map((e) => Buffer.from(e.leafHash).toString('hex'))).size).toBe(100)
          expect(log.filter((e) => e.commitment![0] === 0).length).toBe(50)
          expect(log.filter((e) => e.commitment![0] === 1).length).toBe(50)
        }
      } finally {
        await Promise.all(servers.map((s) => s.close()))
      }
    })

    it('reopens an existing schema without migrating it again, keeping its data', async () => {
      const schema = freshSchema()
      const first = await postgresStore(PG_URL, { schema })
      await append(first, regs(0, 2))
      await first.close()
      const again = await postgresStore({ connectionString: PG_URL, max: 2 }, { schema })
      expect(await again.entries(0, 10)).toEqual(regs(0, 2))
      await again.close()
    })

    it('rolls back with ERR_STORE when fn swallows a database error (PostgreSQL aborted the transaction)', async () => {
      const store = await postgresStore(PG_URL, { schema: freshSchema() })
      try {
        await append(store, regs(0, 1))
        const swallowed = store.transaction(async (tx) => {
          const duplicate = { ...makeEntry(1), leafHash: makeEntry(0).leafHash }
          await tx.putEntries([duplicate]).catch(() => undefined)
          await expect(tx.putCheckpoint(2, 'checkpoint 2')).rejects.toMatchObject(storeError)
          return 'fn thinks it succeeded'
        })
        await expect(swallowed).rejects.toMatchObject(storeError)
        expect(await store.size()).toBe(1)
        await append(store, [makeEntry(1)])
        expect(await store.size()).toBe(2)
      } finally {
        await store.close()
      }
    })

    it('refuses BIGINT values beyond 2^53 - 1 with ERR_STORE instead of rounding them', async () => {
      const schema = freshSchema()
      const store = await postgresStore(PG_URL, { schema })
      const admin = new pg.Client({ connectionString: PG_URL })
      await admin.connect()
      try {
        await admin.query(`INSERT INTO "${schema}".checkpoints (size, note) VALUES (9007199254740993, 'too big')`)
        await expect(store.size()).rejects.toMatchObject(storeError)
      } finally {
        await admin.end()
        await store.close()
      }
    })

    it('rejects a bad schema name and an unreachable server', async () => {
      await expect(postgresStore(PG_URL, { schema: 'Robert"; DROP TABLE x; --' })).rejects.toBeInstanceOf(TypeError)
      await expect(postgresStore({ connectionString: 'postgres://nobody:x@127.0.0.1:1/none', connectionTimeoutMillis: 2000 }, { schema: freshSchema() }))
        .rejects.toMatchObject(storeError)
    })
  })
} else if (SKIP_PG) {
  describe.skip('postgresStore (skipped: COUNTERFOIL_SKIP_PG=1)', () => {
    it('runs the Store contract against PostgreSQL', () => {})
  })
} else {
  describe('postgresStore', () => {
    it('needs a PostgreSQL server: set COUNTERFOIL_PG_URL', () => {
      throw new Error([
        'COUNTERFOIL_PG_URL is not set, so the PostgreSQL store cannot be tested.',
        'Start a local server (installs PostgreSQL with apt-get if needed, creates role and database "counterfoil"):',
        '    export "$(scripts/postgres.sh)"',
        'then run the tests again in that shell. Or point COUNTERFOIL_PG_URL at any PostgreSQL 12+ database',
        'where the user may create schemas (postgres://user:password@host:port/database).',
        'To skip these tests on purpose, set COUNTERFOIL_SKIP_PG=1.',
      ].join('\n'))
    })
  })
}
