// Runs every example the way its header says (one command each), so they cannot rot. They import
// the package by name, which resolves to this checkout's dist/ (package self-reference).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(`${root}dist/index.js`)) throw new Error('dist/ is missing: run "npx tsup" (npm test builds it)')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input)
  })
}

describe('examples', () => {
  it('shop: issues and registers five records and keeps only its key', async () => {
    const r = await run(['examples/shop/shop.mjs'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout.match(/^sold to /gm)).toHaveLength(5)
    expect(r.stdout).toMatch(/^What the shop kept: shop\.key {2}\(1 file/m)
    expect(r.stdout).toMatch(/^What the registry holds: 5 log entries/m)
    expect(r.stdout).toMatch(/carol shows her warranty: VALID/)
  })

  it('call-centre: the walk-through explains a valid, a truncated, an untrusted and a revoked record', async () => {
    const r = await run(['examples/call-centre.mjs'])
    expect(r.code).toBe(0)
    const calls = r.stdout.split(/\n(?=Call \d)/)
    expect(calls).toHaveLength(4)
    expect(calls[0]).toMatch(/=> The record is genuine and valid/)
    expect(calls[1]).toMatch(/NO +Is it a well-formed record\?[\s\S]*paste it again/)
    expect(calls[2]).toMatch(/NO +Is the issuer one we trust\?/)
    expect(calls[3]).toMatch(/NO +What does the registry say\? revoked/)
  })

  it('call-centre: a pasted record from stdin; a tampered one exits 1 and says why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'counterfoil-call-centre-'))
    const key = join(dir, 'shop.key')
    expect((await run(['dist/cli/main.js', 'keygen', '--out', key])).code).toBe(0)
    const issued = await run(['dist/cli/main.js', 'issue', '--key', key, '--type', 'warranty', '--subject', 'self', '--claims', '{"serial":"SN-9"}'])
    await rm(dir, { recursive: true, force: true })
    expect(issued.code).toBe(0)
    const text = issued.stdout.trim()
    const ok = await run(['examples/call-centre.mjs', '-'], { input: text })
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/It says: \{"serial":"SN-9"\}/)
    const bytes = Buffer.from(text.slice(1), 'base64url')
    bytes[bytes.indexOf('SN-9') + 3] = 0x38 // SN-9 → SN-8
    const forged = await run(['examples/call-centre.mjs', `u${bytes.toString('base64url')}`])
    expect(forged.code).toBe(1)
    expect(forged.stdout).toMatch(/changed after it was signed, or forged/)
  })

  it('operator-sqlite: serve, submit, checkpoint, inclusion proof, clean stop', async () => {
    const r = await run(['examples/operator-sqlite.mjs'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/serve \| counterfoil registry listening on http:\/\/127\.0\.0\.1:\d+/)
    expect(r.stdout).toMatch(/^ {3}\| operator\.example\/log\n {3}\| 3\n/m)
    expect(r.stdout).toMatch(/included: true/)
    expect(r.stdout).toMatch(/exited with 0/)
  })

  it('operator-postgres: the same over PostgreSQL (COUNTERFOIL_PG_URL)', async () => {
    const url = process.env['COUNTERFOIL_PG_URL']
    if (url === undefined) {
      throw new Error('COUNTERFOIL_PG_URL is not set: run through `npm test` (scripts/test.sh starts PostgreSQL), or `eval "$(bash scripts/postgres.sh | sed s/^/export\\ /)"` first')
    }
    const r = await run(['examples/operator-postgres.mjs'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Start a registry on PostgreSQL/)
    expect(r.stdout).toMatch(/included: true/)
    expect(r.stdout).toMatch(/exited with 0/)
  })

  it('operator-postgres without COUNTERFOIL_PG_URL says what to set and exits 2', async () => {
    const r = await run(['examples/operator-postgres.mjs'], { env: { COUNTERFOIL_PG_URL: '' } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/COUNTERFOIL_PG_URL/)
  })
})
