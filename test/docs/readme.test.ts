import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { transform } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blockModule, tsBlocks } from './readme-blocks.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const readme = await readFile(join(root, 'README.md'), 'utf8')
const blocks = tsBlocks(readme)

let dir: string
beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.d.ts'))) throw new Error('dist/ is missing: run "npx tsup" (npm test builds it)')
  dir = await mkdtemp(join(tmpdir(), 'counterfoil-readme-'))
  // The package "installed" by name: node_modules/counterfoil -> this checkout (exports map -> dist/).
  await mkdir(join(dir, 'node_modules'))
  await symlink(root, join(dir, 'node_modules', 'counterfoil'), 'dir')
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'readme-check', private: true, type: 'module' }))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('README.md code blocks', () => {
  it('has ts blocks, and the checks inside them are assertions', () => {
    expect(blocks.length).toBeGreaterThan(0)
    expect(blocks.reduce((n, b) => n + blockModule(b).assertions, 0)).toBeGreaterThanOrEqual(2)
  })

  it('every ts block type-checks against the built package (strict, NodeNext resolution)', async () => {
    const files = await Promise.all(blocks.map(async (b, i) => {
      const file = `block-${i}.mts`
      await writeFile(join(dir, file), blockModule(b).source)
      return file
    }))
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], noEmit: true, skipLibCheck: true },
      files,
    }))
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' })
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.status).toBe(0)
  }, 120_000)

  it.each(blocks.map((b, i) => [b.line, i] as const))('the block at line %i runs and its assertions hold', async (_line, i) => {
    const { source } = blockModule(blocks[i]!)
    const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' })
    const file = join(dir, `run-${i}.mjs`)
    await writeFile(file, code)
    const out = execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    expect(out).toBeDefined()
  }, 60_000)

  it('a README claim that is false makes the run fail (the harness can fail)', async () => {
    const block = blocks.find((b) => /\/\/ true\s*$/m.test(b.code))!
    const { source } = blockModule({ ...block, code: block.code.replace(/\/\/ true\s*$/m, '// false') })
    const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' })
    const file = join(dir, 'false-claim.mjs')
    await writeFile(file, code)
    const run = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' })
    expect(run.status).not.toBe(0)
    expect(run.stderr).toMatch(/README line \d+: expected false, got true/)
  }, 60_000)
})
