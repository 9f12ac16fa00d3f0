import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateKeyPair, signerFromSeed } from '../../src/keys/index.js'
import { issue } from '../../src/record/issue.js'
import { CLI, json, runCli } from './run-cli.js'

// 2,000 records: 1,880 good, 60 forged (a claim byte changed after signing), 50 expired,
// 10 garbage files. Good ones are split between the text and the binary form.
const GOOD = 1880
const FORGED = 60
const EXPIRED = 50
const GARBAGE = 10
const TOTAL = GOOD + FORGED + EXPIRED + GARBAGE

interface Summary {
  total: number
  valid: number
  invalid: number
  errors: Record<string, number>
  seconds: number
  recordsPerSecond: number
  invalidFiles: { file: string; errors: string[] }[]
}

let dir: string
let shopDid: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'counterfoil-batch-'))
  const shop = await signerFromSeed((await generateKeyPair()).seed)
  shopDid = shop.did
  const customer = (await generateKeyPair()).did
  const now = Math.floor(Date.now() / 1000)
  const files: [string, string | Uint8Array][] = []
  for (let i = 0; i < GOOD + FORGED; i++) {
    const r = await issue({ signer: shop, subject: customer, type: 'purchase', claims: { order: `ORDER-${String(i).padStart(6, '0')}` }, expiresIn: 86_400 })
    if (i >= GOOD) {
      const bytes = r.bytes.slice()
      // A digit after "ORDER-" (searched as the whole marker: a lone '-' byte can also occur in the
      // salt or a signature, where flipping it may break the structure instead of the signature).
      const marker = new TextEncoder().encode('ORDER-')
      const at = bytes.findIndex((_, k) => marker.every((m, j) => bytes[k + j] === m))
      expect(at).toBeGreaterThan(0)
      bytes[at + marker.length]! ^= 0x01
      files.push([`forged-${i}.cbor`, bytes])
    } else {
      files.push(i % 2 === 0 ? [`good-${i}.txt`, `${r.toString()}\n`] : [`good-${i}.cbor`, r.bytes])
    }
  }
  for (let i = 0; i < EXPIRED; i++) {
    const r = await issue({ signer: shop, subject: customer, type: 'purchase', claims: { i }, issuedAt: now - 10 * 86_400, expiresIn: 86_400 })
    files.push([`expired-${i}.txt`, r.toString()])
  }
  for (let i = 0; i < GARBAGE; i++) files.push([`garbage-${i}.txt`, `not a record ${i}`])
  await Promise.all(files.map(([name, data]) => writeFile(join(dir, name), data)))
  await mkdir(join(dir, 'nested')) // not a record file: skipped
  await writeFile(join(dir, '.DS_Store'), 'x') // dotfiles skipped
}, 120_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('counterfoil verify --batch DIR', () => {
  it('verifies 2,000 records and counts every outcome by error code (exit 1: some invalid)', async () => {
    const run = await runCli(['verify', '--batch', dir, '--json', '--trust', shopDid])
    expect(run.code).toBe(1)
    const summary = json<Summary>(run)
    expect(summary.total).toBe(TOTAL)
    expect(summary.valid).toBe(GOOD)
    expect(summary.invalid).toBe(FORGED + EXPIRED + GARBAGE)
    expect(summary.errors).toEqual({ ERR_SIGNATURE_INVALID: FORGED, ERR_EXPIRED: EXPIRED, ERR_MALFORMED: GARBAGE })
    expect(summary.invalidFiles).toHaveLength(FORGED + EXPIRED + GARBAGE)
    expect(summary.invalidFiles.filter((f) => f.file.startsWith('good-'))).toEqual([])
    expect(summary.invalidFiles.find((f) => f.file.startsWith('expired-'))?.errors).toEqual(['ERR_EXPIRED'])
    expect(summary.recordsPerSecond).toBeGreaterThan(0)
    expect(summary.seconds).toBeGreaterThan(0)
    // No progress bar when stderr is not a terminal.
    expect(run.stderr).toBe('')
    console.log(`CLI batch verify: ${summary.total} records in ${summary.seconds} s = ${summary.recordsPerSecond} records/s (loaded shared machine)`)
  })

  it('prints a human summary, and the chunk size does not change the answer', async () => {
    const run = await runCli(['verify', '--batch', dir, '--chunk', '7', '--trust', shopDid])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(new RegExp(`^${TOTAL} records: ${GOOD} valid, ${TOTAL - GOOD} invalid$`, 'm'))
    expect(run.stdout).toMatch(new RegExp(`^  ERR_SIGNATURE_INVALID\\s+${FORGED}$`, 'm'))
    expect(run.stdout).toMatch(/records\/s$/m)
    expect(run.stdout).toMatch(/and \d+ more \(--json lists them all\)/)
  })

  it('exits 0 when every record is valid, 1 when the issuer is not trusted, 2 for an empty or missing directory', async () => {
    const good = await mkdtemp(join(tmpdir(), 'counterfoil-batch-good-'))
    try {
      const shop = await signerFromSeed((await generateKeyPair()).seed)
      for (let i = 0; i < 5; i++) await writeFile(join(good, `${i}.txt`), (await issue({ signer: shop, subject: shop.did, type: 't', claims: i })).toString())
      const ok = await runCli(['verify', '--batch', good, '--json'])
      expect(ok.code).toBe(0)
      expect(json<Summary>(ok)).toMatchObject({ total: 5, valid: 5, invalid: 0, errors: {} })
      const untrusted = await runCli(['verify', '--batch', good, '--json', '--trust', shopDid])
      expect(untrusted.code).toBe(1)
      expect(json<Summary>(untrusted).errors).toEqual({ ERR_UNTRUSTED_ISSUER: 5 })
      const empty = join(good, 'empty')
      await mkdir(empty)
      expect((await runCli(['verify', '--batch', empty])).code).toBe(2)
      expect((await runCli(['verify', '--batch', join(good, 'missing')])).code).toBe(2)
    } finally {
      await rm(good, { recursive: true, force: true })
    }
  })

  // util-linux `script` gives the CLI a real pseudo-terminal (stdout and stderr both on it).
  const hasScript = spawnSync('script', ['--version']).status === 0
  it.runIf(hasScript)('draws a progress bar on a terminal, then clears it before the summary', () => {
    const tty = spawnSync('script', ['-qec', `${process.execPath} ${CLI} verify --batch ${dir} --chunk 100`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    expect(tty.stdout).toMatch(/\r\[#+-*\] \d+\/2000 \d+% \d+ records\/s/)
    expect(tty.stdout).toMatch(/\[#{30}\] 2000\/2000 100%/)
    expect(tty.stdout).toMatch(/\r\x1b\[2K2000 records: 1880 valid, 120 invalid/)
  })
})
