#!/usr/bin/env node
// Packaging checks (`npm run pack-check`, run by .ci/run after the build):
//   1. publint: the package.json fields and the exports map point at files that exist, in the right format;
//   2. arethetypeswrong (`attw --pack --profile esm-only`): every subpath's types resolve for TypeScript
//      under node16 / bundler resolution (ESM-only package, so the CJS-require column is out of scope);
//   3. `npm pack --dry-run --json`: the tarball holds only dist/*.js + dist/*.d.ts, README.md, LICENSE,
//      package.json and the documents named in "files" — no sources, tests, benches, maps, databases, keys;
//   4. the real tarball, unpacked into node_modules/ of a temp project, imports by name in Node for every
//      subpath of the exports map, and its bin runs. Declared dependencies and the optional peers are
//      linked from this checkout's node_modules (no network); only what package.json declares is linked,
//      so an undeclared runtime dependency fails here. With the tarball installed, `auto` must pick
//      libsodium while sodium-native is linked and node:crypto once it is removed, verifying either way.
// Exits 1 on any problem. Needs `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const problems = []
const say = (line) => console.log(line)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('pack-check: dist/ is missing; run npm run build first')
  process.exit(1)
}

// 1. publint — errors and warnings fail; suggestions are printed only.
{
  const { messages } = await publint({ pkgDir: root, level: 'suggestion', strict: false })
  for (const m of messages) {
    const line = `publint ${m.type}: ${formatMessage(m, pkg)}`
    if (m.type === 'suggestion') say(line)
    else problems.push(line)
  }
  say(`publint: ${messages.filter((m) => m.type !== 'suggestion').length} errors/warnings, ${messages.filter((m) => m.type === 'suggestion').length} suggestions`)
}

// 2. arethetypeswrong on the packed tarball.
{
  const attw = spawnSync(join(root, 'node_modules/.bin/attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped', '--no-color', '--no-emoji'], { cwd: root, encoding: 'utf8' })
  say(attw.stdout.trim())
  if (attw.status !== 0) problems.push(`attw failed (exit ${attw.status}): ${attw.stderr.trim()}`)
}

// 3. What npm would publish.
const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^dist\/.+\.(js|d\.ts)$/, ...pkg.files.filter((f) => f.startsWith('docs/')).map((f) => new RegExp(`^${f.replace(/[.]/g, '\\.')}$`))]
const forbidden = /(^|\/)(src|test|bench|examples|scripts|node_modules)\/|\.map$|\.db(-wal|-shm)?$|\.key$|\.tgz$|\.env$/
{
  const [report] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
  const paths = report.files.map((f) => f.path)
  for (const p of paths) {
    if (forbidden.test(p) || !allowed.some((re) => re.test(p))) problems.push(`npm pack would publish ${p}`)
  }
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', pkg.bin.counterfoil.replace(/^\.\//, '')]) {
    if (!paths.includes(needed)) problems.push(`npm pack is missing ${needed}`)
  }
  say(`npm pack: ${paths.length} files, ${(report.size / 1024).toFixed(1)} kB packed, ${(report.unpackedSize / 1024).toFixed(1)} kB unpacked`)
}

// 4. Install the real tarball in a temp project and import every subpath by name.
const work = mkdtempSync(join(tmpdir(), 'counterfoil-pack-'))
try {
  const [packed] = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
  const project = join(work, 'project')
  const installed = join(project, 'node_modules', 'counterfoil')
  mkdirSync(installed, { recursive: true })
  execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', installed, '--strip-components=1'])
  for (const dep of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]) {
    const target = join(project, 'node_modules', dep)
    mkdirSync(dirname(target), { recursive: true })
    symlinkSync(join(root, 'node_modules', dep), target, 'dir')
  }
  execFileSync('node', ['-e', "require('fs').writeFileSync('package.json', JSON.stringify({ name: 'pack-check', private: true, type: 'module' }))"], { cwd: project })
  const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json')
  for (const subpath of subpaths) {
    const name = subpath === '.' ? 'counterfoil' : `counterfoil/${subpath.slice(2)}`
    const run = spawnSync('node', ['--input-type=module', '-e', `const m = await import(${JSON.stringify(name)}); const n = Object.keys(m).length; if (n === 0) throw new Error('no exports'); console.log(n)`], { cwd: project, encoding: 'utf8' })
    if (run.status !== 0) problems.push(`import '${name}' failed from the installed tarball: ${run.stderr.trim().split('\n').slice(0, 4).join(' | ')}`)
    else say(`import '${name}': ${run.stdout.trim()} exports`)
  }
  const bin = spawnSync('node', [join(installed, pkg.bin.counterfoil), '--help'], { cwd: project, encoding: 'utf8' })
  if (bin.status !== 0 || !bin.stdout.includes('Usage: counterfoil')) problems.push(`the installed bin does not run: ${bin.stderr.trim()}`)
  else say('bin counterfoil --help: ok')
  // The Ed25519 backend `auto` picks from a real install, and a record it verifies: libsodium with
  // the optional sodium-native linked, node:crypto once it is gone.
  const verifyWithAuto = `
    const { selectBackend, generateKeyPair, signerFromSeed } = await import('counterfoil/keys')
    const { issue } = await import('counterfoil/sign')
    const { verify } = await import('counterfoil/verify')
    const name = (await selectBackend('auto')).name
    const signer = await signerFromSeed((await generateKeyPair()).seed)
    const record = await issue({ signer, subject: signer.did, type: 'note', claims: { n: 1 } })
    const result = await verify(record.toString(), { trustedIssuers: [signer.did] })
    if (!result.valid) throw new Error(JSON.stringify(result.errors))
    console.log(name)`
  for (const [expected, when] of [['sodium', 'with sodium-native'], ['node', 'without sodium-native']]) {
    if (expected === 'node') rmSync(join(project, 'node_modules', 'sodium-native'))
    const run = spawnSync('node', ['--input-type=module', '-e', verifyWithAuto], { cwd: project, encoding: 'utf8' })
    const picked = run.stdout.trim()
    if (run.status !== 0 || picked !== expected) problems.push(`${when}, auto should verify with ${expected}: got ${picked || run.stderr.trim().split('\n').slice(0, 4).join(' | ')}`)
    else say(`${when}: auto picks ${picked} and verifies a record`)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

if (problems.length > 0) {
  console.error(`\npack-check: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  process.exit(1)
}
say('pack-check: ok')
