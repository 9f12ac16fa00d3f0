import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, json, runCli } from './run-cli.js'

const COMMANDS = ['demo', 'keygen', 'issue', 'verify', 'inspect', 'register', 'revoke', 'suspend', 'reinstate', 'withdraw', 'snapshot', 'serve']

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'counterfoil-cli-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('counterfoil: help and usage errors (exit 2)', () => {
  it('lists every command in --help (exit 0) and prints it with exit 2 when called bare', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    for (const c of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${c} `, 'm'))
    const bare = await runCli([])
    expect(bare.code).toBe(2)
    expect(bare.stdout).toBe(help.stdout)
  })

  it('COMMAND --help prints its own usage and exits 0, for every command', async () => {
    const runs = await Promise.all(COMMANDS.map((name) => runCli([name, '--help'])))
    runs.forEach((run, i) => {
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(new RegExp(`^Usage: counterfoil ${COMMANDS[i]}`))
    })
  })

  it('help COMMAND is the same as COMMAND --help', async () => {
    expect((await runCli(['help', 'issue'])).stdout).toBe((await runCli(['issue', '--help'])).stdout)
  })

  it('an unknown command or flag exits 2, with a JSON error under --json', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2)
    const flag = await runCli(['verify', '--frobnicate', '--json'])
    expect(flag.code).toBe(2)
    expect(json<{ ok: boolean; error: { code: string } }>(flag)).toMatchObject({ ok: false, error: { code: 'ERR_USAGE' } })
    expect(flag.stderr).toMatch(/counterfoil verify --help/)
  })

  it('a missing required flag, an extra argument or a bad value exits 2', async () => {
    expect((await runCli(['issue', '--type', 'x', '--subject', 'self', '--claims', '{}'])).code).toBe(2) // no --key
    expect((await runCli(['keygen', 'extra'])).code).toBe(2)
    expect((await runCli(['verify', 'a', 'b'])).code).toBe(2)
    expect((await runCli(['verify', '--batch', dir, '--chunk', '0'])).code).toBe(2)
    expect((await runCli(['verify', '--registry', 'ftp://x'])).code).toBe(2)
    expect((await runCli(['revoke', '--key', 'k', '--registry', 'http://127.0.0.1:1', '--reason', 'because'], { input: 'u' })).code).toBe(2)
    expect((await runCli(['snapshot'])).code).toBe(2)
  })

  it('a file that does not exist is an I/O error: exit 2, code ERR_IO', async () => {
    const run = await runCli(['verify', join(dir, 'nope.txt'), '--json'])
    expect(run.code).toBe(2)
    expect(json<{ error: { code: string } }>(run).error.code).toBe('ERR_IO')
  })
})

describe('counterfoil keygen', () => {
  it('writes a key file with mode 0600 and prints the matching did; never overwrites', async () => {
    const file = join(dir, 'shop.key')
    const run = await runCli(['keygen', '--out', file, '--json'])
    expect(run.code).toBe(0)
    const out = json<{ did: string; keyFile: string; seedHex?: string }>(run)
    expect(out.did).toMatch(/^did:key:z6Mk/)
    expect(out.seedHex).toBeUndefined() // the secret stays in the file
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await readFile(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/)
    const again = await runCli(['keygen', '--out', file])
    expect(again.code).toBe(2)
    expect(await readFile(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/)
    // The key file signs as that did.
    const issued = await runCli(['issue', '--key', file, '--type', 't', '--subject', 'self', '--claims', '{}', '--json'])
    expect(json<{ payload: { iss: string } }>(issued).payload.iss).toBe(out.did)
  })

  it('prints a fresh seed without --out', async () => {
    const a = json<{ did: string; seedHex: string }>(await runCli(['keygen', '--json']))
    const b = json<{ did: string; seedHex: string }>(await runCli(['keygen', '--json']))
    expect(a.seedHex).toMatch(/^[0-9a-f]{64}$/)
    expect(a.did).not.toBe(b.did)
  })

  it('refuses a file that is not a key (exit 2) and warns when others can read a key', async () => {
    const bad = join(dir, 'bad.key')
    await writeFile(bad, 'not hex\n')
    expect((await runCli(['issue', '--key', bad, '--type', 't', '--subject', 'self', '--claims', '{}'])).code).toBe(2)
    const open = join(dir, 'open.key')
    await writeFile(open, `${'11'.repeat(32)}\n`, { mode: 0o644 })
    const run = await runCli(['issue', '--key', open, '--type', 't', '--subject', 'self', '--claims', '{}'])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/readable by others/)
  })
})

describe('counterfoil issue → verify / inspect (offline)', () => {
  let key: string
  let did: string
  let customer: string
  beforeAll(async () => {
    key = join(dir, 'issuer.key')
    did = json<{ did: string }>(await runCli(['keygen', '--out', key, '--json'])).did
    customer = json<{ did: string }>(await runCli(['keygen', '--json'])).did
  })

  it('issues to stdout; verify reads it from stdin (-) and from a file; --trust decides the issuer check', async () => {
    const issued = await runCli(['issue', '--key', key, '--type', 'warranty', '--subject', customer, '--claims', '{"serial":"SN-1"}', '--expires-in', '30d'])
    expect(issued.code).toBe(0)
    const text = issued.stdout.trim()
    expect(text).toMatch(/^u[A-Za-z0-9_-]+$/)
    const fromStdin = await runCli(['verify', '-', '--json', '--trust', did], { input: `${text}\n` })
    expect(fromStdin.code).toBe(0)
    const result = json<{ valid: boolean; payload: { sub: string; exp: number; iat: number; claims: unknown }; checks: { name: string; ok: boolean }[] }>(fromStdin)
    expect(result.valid).toBe(true)
    expect(result.payload.sub).toBe(customer)
    expect(result.payload.exp - result.payload.iat).toBe(30 * 86_400)
    expect(result.payload.claims).toEqual({ serial: 'SN-1' })
    expect(result.checks.map((c) => c.name)).toEqual(['decode', 'signatures', 'validity', 'issuer'])
    const file = join(dir, 'w.txt')
    await writeFile(file, text)
    expect((await runCli(['verify', file])).code).toBe(0)
    const untrusted = await runCli(['verify', file, '--trust', customer, '--json'])
    expect(untrusted.code).toBe(1)
    expect(json<{ errors: { code: string }[] }>(untrusted).errors.map((e) => e.code)).toEqual(['ERR_UNTRUSTED_ISSUER'])
  })

  it('reads claims from @FILE and writes the record with --out; --valid-until and --now decide expiry', async () => {
    const claims = join(dir, 'claims.json')
    await writeFile(claims, JSON.stringify({ items: [{ sku: 'KETTLE-2', price: 3990 }] }))
    const out = join(dir, 'r.txt')
    const run = await runCli(['issue', '--key', key, '--type', 'purchase', '--subject', customer, '--claims', `@${claims}`, '--valid-until', '2030-01-01T00:00:00Z', '--out', out])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/issued purchase bafy/)
    expect((await runCli(['verify', out, '--now', '2029-12-31'])).code).toBe(0)
    const late = await runCli(['verify', out, '--now', '2030-01-02', '--json'])
    expect(late.code).toBe(1)
    expect(json<{ errors: { code: string }[] }>(late).errors[0]!.code).toBe('ERR_EXPIRED')
  })

  it('verifies the binary envelope as well as the text form', async () => {
    const issued = json<{ record: string }>(await runCli(['issue', '--key', key, '--type', 't', '--subject', 'self', '--claims', '[1,2]', '--json']))
    const bytes = Buffer.from(issued.record.slice(1), 'base64url')
    const file = join(dir, 'r.cbor')
    await writeFile(file, bytes)
    const run = await runCli(['verify', file, '--json'])
    expect(run.code).toBe(0)
    expect(json<{ valid: boolean }>(run).valid).toBe(true)
  })

  it('a tampered record is invalid (exit 1) and names the forgery; garbage is malformed', async () => {
    const { record } = json<{ record: string }>(await runCli(['issue', '--key', key, '--type', 't', '--subject', 'self', '--claims', '{"amount":100}', '--expires-in', '60', '--json']))
    const bytes = Buffer.from(record.slice(1), 'base64url')
    bytes[bytes.indexOf('amount') + 7]! ^= 1 // 100 → 101 inside the signed payload
    const forged = await runCli(['verify', '-', '--json', '--now', '2099-01-01'], { input: `u${bytes.toString('base64url')}` })
    expect(forged.code).toBe(1)
    expect(json<{ errors: { code: string }[] }>(forged).errors.map((e) => e.code)).toEqual(['ERR_SIGNATURE_INVALID']) // forged, not "expired"
    const garbage = await runCli(['verify', '-', '--json'], { input: 'hello' })
    expect(garbage.code).toBe(1)
    expect(json<{ errors: { code: string }[] }>(garbage).errors[0]!.code).toBe('ERR_MALFORMED')
  })

  it('rejects bad issue flags with exit 2 and prints nothing on stdout', async () => {
    const base = ['issue', '--key', key, '--type', 't', '--subject', customer]
    for (const extra of [
      ['--claims', '{not json'],
      ['--claims', '{}', '--expires-in', '10x'],
      ['--claims', '{}', '--expires-in', '1d', '--valid-until', '2030-01-01'],
      ['--claims', '{}', '--register'],
      ['--claims', '{}', '--holder-key', customer],
      ['--claims', '{}', '--not-before', 'tomorrow'],
    ]) {
      const run = await runCli([...base, ...extra])
      expect(run.code, extra.join(' ')).toBe(2)
      expect(run.stdout).toBe('')
    }
    expect((await runCli(['issue', '--key', key, '--type', 't', '--subject', 'did:key:nope', '--claims', '{}'])).code).toBe(2)
  })

  it('inspect shows the fields, then the checks', async () => {
    const { record } = json<{ record: string }>(await runCli(['issue', '--key', key, '--type', 'loyalty', '--subject', customer, '--claims', '{"tier":"gold"}', '--json']))
    const run = await runCli(['inspect', '-'], { input: record })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^id\s+bafy/m)
    expect(run.stdout).toMatch(/^type\s+loyalty$/m)
    expect(run.stdout).toMatch(new RegExp(`^issuer\\s+${did}$`, 'm'))
    expect(run.stdout).toMatch(/^expires\s+never$/m)
    expect(run.stdout).toMatch(/"tier": "gold"/)
    expect(run.stdout).toMatch(/^VALID$/m)
    const inspected = json<{ signatures: { signer: string }[]; bytes: number }>(await runCli(['inspect', '-', '--json'], { input: record }))
    expect(inspected.signatures[0]!.signer).toBe(did)
    expect(inspected.bytes).toBeGreaterThan(100)
  })
})

describe('colour', () => {
  it('plain text when stdout is not a terminal', async () => {
    const run = await runCli(['verify', '-'], { input: 'hello' })
    expect(run.stdout).not.toMatch(/\x1b\[/)
  })

  // util-linux `script` gives the CLI a real pseudo-terminal.
  const hasScript = spawnSync('script', ['--version']).status === 0
  it.runIf(hasScript)('colour on a terminal, none on a terminal with NO_COLOR set', () => {
    const line = `echo hello | ${process.execPath} ${CLI} verify -`
    const tty = spawnSync('script', ['-qec', line, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', TERM: 'xterm' } })
    expect(tty.stdout).toMatch(/\x1b\[31mINVALID/)
    const noColour = spawnSync('script', ['-qec', line, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' } })
    expect(noColour.stdout).toMatch(/INVALID/)
    expect(noColour.stdout).not.toMatch(/\x1b\[/)
  })
})
