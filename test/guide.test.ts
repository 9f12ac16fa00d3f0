// Runs every `js` block of docs/guide.md that starts with `// guide: <name>` against the built
// package (dist/; scripts/test.sh builds first), so the guide cannot drift from the code.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = fileURLToPath(new URL('..', import.meta.url))
const guide = readFileSync(`${root}docs/guide.md`, 'utf8')
const blocks = [...guide.matchAll(/```js\n(\/\/ guide: ([\w-]+)\n[\s\S]*?)```/g)].map((m) => ({ name: m[2]!, code: m[1]! }))
// Inside the package directory, so `counterfoil/...` resolves to this package (self-reference).
const dir = mkdtempSync(`${root}.guide-`)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What a block must print, where the guide states it. */
const EXPECT: Record<string, RegExp> = {
  'key-continuity': /chain: 2 keys\nold receipts valid, successor trusted, retired key refused/,
  transfers: /original → transfers → transfers → amends\nrefused: ERR_NOT_CURRENT_HOLDER/,
  wallet: /\d+ bytes: 2 records, 1 proof, 1 link\ndamaged file refused: ERR_WALLET_INVALID/,
}

describe('docs/guide.md examples', () => {
  it('has the holder sections\' examples', () => {
    expect(blocks.map((b) => b.name)).toEqual(expect.arrayContaining(['presentations', 'selective-disclosure', 'agreements', 'pairwise', 'key-continuity', 'transfers', 'wallet']))
  })

  it.each(blocks)('$name runs and exits 0', async ({ name, code }) => {
    const file = `${dir}/${name}.mjs`
    writeFileSync(file, code)
    const { stdout } = await run(process.execPath, [file], { cwd: root, timeout: 20_000 })
    expect(stdout.length).toBeGreaterThan(0) // each example exits non-zero when its own checks fail
    if (EXPECT[name] !== undefined) expect(stdout).toMatch(EXPECT[name])
  })
})
