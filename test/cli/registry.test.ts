import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, runCli, startServe } from './run-cli.js'

interface Result { valid: boolean; errors: { code: string }[]; checks: { name: string; ok: boolean; detail: string }[] }

let dir: string
let server: Awaited<ReturnType<typeof startServe>>
let shopKey: string
let customerKey: string
let customerDid: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'counterfoil-cli-reg-'))
  server = await startServe(['--db', join(dir, 'registry.db'), '--key-file', join(dir, 'registry.key'), '--origin', 'test.counterfoil.local/log'], dir)
  shopKey = join(dir, 'shop.key')
  customerKey = join(dir, 'customer.key')
  await runCli(['keygen', '--out', shopKey])
  customerDid = json<{ did: string }>(await runCli(['keygen', '--out', customerKey, '--json'])).did
}, 60_000)

afterAll(async () => {
  expect(await server.stop()).toBe(0) // serve shuts down cleanly on SIGTERM
  await rm(dir, { recursive: true, force: true })
})

describe('counterfoil against a running registry (counterfoil serve)', () => {
  it('issue --register → verify (0) → revoke → verify (1, ERR_REVOKED); revoking twice is refused (1)', async () => {
    const reg = ['--registry', server.url, '--registry-key', server.key]
    const issued = await runCli(['issue', '--key', shopKey, '--type', 'warranty', '--subject', customerDid, '--claims', '{"serial":"SN-1"}', '--expires-in', '2y', '--register', ...reg, '--json'])
    expect(issued.code).toBe(0)
    const { record, registration } = json<{ record: string; registration: { index: number; checkpoint: string } }>(issued)
    expect(registration.index).toBe(0)
    expect(registration.checkpoint.split('\n')[0]).toBe('test.counterfoil.local/log')

    const before = await runCli(['verify', '-', ...reg, '--json', '--require-registration'], { input: record })
    expect(before.code).toBe(0)
    expect(json<Result>(before).checks.find((c) => c.name === 'status')?.ok).toBe(true)

    const revoked = await runCli(['revoke', '-', '--key', shopKey, ...reg, '--reason', 'fraud', '--json'], { input: record })
    expect(revoked.code).toBe(0)
    expect(json<{ action: string; index: number }>(revoked)).toMatchObject({ action: 'revoke', index: 1 })

    const after = await runCli(['verify', '-', ...reg, '--json'], { input: record })
    expect(after.code).toBe(1)
    expect(json<Result>(after).errors.map((e) => e.code)).toEqual(['ERR_REVOKED'])
    const bucket = await runCli(['verify', '-', ...reg, '--bucket', '--json'], { input: record })
    expect(json<Result>(bucket).errors.map((e) => e.code)).toEqual(['ERR_REVOKED'])

    const again = await runCli(['revoke', '-', '--key', shopKey, ...reg, '--json'], { input: record })
    expect(again.code).toBe(1)
    expect(json<{ error: { code: string } }>(again).error.code).toBe('ERR_CONFLICT')
  })

  it('only the issuer revokes; only the holder key withdraws; register is idempotent', async () => {
    const reg = ['--registry', server.url]
    const issued = json<{ record: string }>(await runCli(['issue', '--key', shopKey, '--type', 'consent', '--subject', customerDid, '--holder-key', customerDid, '--claims', '{"purpose":"newsletter"}', ...reg, '--json']))
    const first = await runCli(['register', '-', '--key', shopKey, ...reg, '--json'], { input: issued.record })
    expect(first.code).toBe(0)
    const second = json<{ duplicate: boolean; index: number }>(await runCli(['register', '-', '--key', shopKey, ...reg, '--json'], { input: issued.record }))
    expect(second).toMatchObject({ duplicate: true, index: json<{ index: number }>(first).index })

    const notIssuer = await runCli(['revoke', '-', '--key', customerKey, ...reg, '--json'], { input: issued.record })
    expect(notIssuer.code).toBe(1)
    expect(json<{ error: { code: string } }>(notIssuer).error.code).toBe('ERR_UNAUTHORIZED')
    const notHolder = await runCli(['withdraw', '-', '--key', shopKey, ...reg, '--json'], { input: issued.record })
    expect(notHolder.code).toBe(1)
    expect(json<{ error: { code: string } }>(notHolder).error.code).toBe('ERR_UNAUTHORIZED')

    const withdrawn = await runCli(['withdraw', '-', '--key', customerKey, ...reg, '--reason', 'consentWithdrawn'], { input: issued.record })
    expect(withdrawn.code).toBe(0)
    expect(withdrawn.stdout).toMatch(/^withdrawn bafy/)
    const after = await runCli(['verify', '-', ...reg, '--json'], { input: issued.record })
    expect(json<Result>(after).errors.map((e) => e.code)).toEqual(['ERR_WITHDRAWN'])
  })

  it('suspend then reinstate', async () => {
    const reg = ['--registry', server.url, '--registry-key', server.key]
    const { record } = json<{ record: string }>(await runCli(['issue', '--key', shopKey, '--type', 'loyalty', '--subject', customerDid, '--claims', '{}', '--register', ...reg, '--json']))
    expect((await runCli(['suspend', '-', '--key', shopKey, ...reg, '--reason', 'onHold'], { input: record })).code).toBe(0)
    expect(json<Result>(await runCli(['verify', '-', ...reg, '--json'], { input: record })).errors.map((e) => e.code)).toEqual(['ERR_SUSPENDED'])
    expect((await runCli(['reinstate', '-', '--key', shopKey, ...reg], { input: record })).code).toBe(0)
    expect((await runCli(['verify', '-', ...reg], { input: record })).code).toBe(0)
  })

  it('snapshot: fetch, save, reopen; offline verify with the saved snapshot and the registration proof', async () => {
    const reg = ['--registry', server.url, '--registry-key', server.key]
    const recordFile = join(dir, 'offline.txt')
    const proofFile = join(dir, 'offline.proof')
    expect((await runCli(['issue', '--key', shopKey, '--type', 'warranty', '--subject', customerDid, '--claims', '{}', '--register', '--proof-out', proofFile, '--out', recordFile, ...reg])).code).toBe(0)
    expect(await readFile(proofFile, 'utf8')).toMatch(/^c2sp\.org\/tlog-proof@v1\n/)

    const snapFile = join(dir, 'snapshot.bin')
    const fetched = await runCli(['snapshot', ...reg, '--out', snapFile, '--json'])
    expect(fetched.code).toBe(0)
    const snap = json<{ registry: string; logSize: number; listEntries: number; flagged: Record<string, number>; expired: boolean }>(fetched)
    expect(snap.registry).toBe(server.key)
    expect(snap.listEntries).toBeGreaterThanOrEqual(131_072)
    expect(snap.flagged).toMatchObject({ revoked: 1, withdrawn: 1, suspended: 0 })
    expect(snap.expired).toBe(false)
    const reopened = json<{ logSize: number }>(await runCli(['snapshot', '--in', snapFile, '--registry-key', server.key, '--json']))
    expect(reopened.logSize).toBe(snap.logSize)

    const offline = ['--snapshot', snapFile, '--proof', proofFile, '--registry-key', server.key, '--json']
    const ok = await runCli(['verify', recordFile, ...offline])
    expect(ok.code).toBe(0)
    expect(json<Result>(ok).checks.find((c) => c.name === 'status')?.detail).toMatch(/snapshot answer/)

    // Revoke it; the old snapshot still says valid, a fresh one says revoked.
    expect((await runCli(['revoke', recordFile, '--key', shopKey, ...reg])).code).toBe(0)
    expect((await runCli(['snapshot', ...reg, '--out', snapFile])).code).toBe(0)
    const revoked = await runCli(['verify', recordFile, ...offline])
    expect(revoked.code).toBe(1)
    expect(json<Result>(revoked).errors.map((e) => e.code)).toEqual(['ERR_REVOKED'])

    // A snapshot checked against another registry key is refused (exit 1), with no output file.
    const other = json<{ did: string }>(await runCli(['keygen', '--json'])).did
    const wrongKey = await runCli(['snapshot', '--in', snapFile, '--registry-key', other, '--json'])
    expect(wrongKey.code).toBe(1)
  })

  it('a registry that does not answer is an I/O error: exit 2', async () => {
    const { record } = json<{ record: string }>(await runCli(['issue', '--key', shopKey, '--type', 't', '--subject', customerDid, '--claims', '{}', '--registry', 'http://127.0.0.1:9', '--json']))
    const verified = await runCli(['verify', '-', '--registry', 'http://127.0.0.1:9', '--json'], { input: record })
    expect(verified.code).toBe(2)
    expect(json<Result>(verified).errors.map((e) => e.code)).toEqual(['ERR_STATUS_UNAVAILABLE'])
    const revoked = await runCli(['revoke', '-', '--key', shopKey, '--registry', 'http://127.0.0.1:9', '--json'], { input: record })
    expect(revoked.code).toBe(2)
    expect(json<{ error: { code: string } }>(revoked).error.code).toBe('ERR_REGISTRY_UNAVAILABLE')
  })
})
