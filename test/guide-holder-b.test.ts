// Runs the key-continuity, transfer and wallet examples of docs/guide.md (the `js` blocks starting
// `// guide: <name>`) against the built package (dist/; scripts/test.sh builds first).
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = fileURLToPath(new URL('..', import.meta.url))
const guide = readFileSync(`${root}docs/guide.md`, 'utf8')
const OURS = ['key-continuity', 'transfers', 'wallet']
const blocks = [...guide.matchAll(/```js\n(\/\/ guide: ([\w-]+)\n[\s\S]*?)```/g)].map((m) => ({ name: m[2]!, code: m[1]! })).filter((b) => OURS.includes(b.name))
const dir = mkdtempSync(`${root}.guide-b-`)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const EXPECT: Record<string, RegExp> = {
  'key-continuity': /chain: 2 keys\nold receipts valid, successor trusted, retired key refused/,
  transfers: /original → transfers → transfers → amends\nrefused: ERR_NOT_CURRENT_HOLDER/,
  wallet: /\d+ bytes: 2 records, 1 proof, 1 link\ndamaged file refused: ERR_WALLET_INVALID/,
}

describe('docs/guide.md: key continuity, transfers, wallet', () => {
  it('has all three examples', () => {
    expect(blocks.map((b) => b.name).sort()).toEqual([...OURS].sort())
  })

  it.each(blocks)('$name runs, exits 0 and prints what the guide says', async ({ name, code }) => {
    const file = `${dir}/${name}.mjs`
    writeFileSync(file, code)
    const { stdout } = await run(process.execPath, [file], { cwd: root, timeout: 20_000 })
    expect(stdout).toMatch(EXPECT[name]!)
  })
})
