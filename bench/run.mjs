// Runs every `*.bench.mjs` file in this folder (alphabetical order) and prints one summary.
//
//   npm run bench                      # from the repository root: build, install bench deps, run all
//   node run.mjs                       # from bench/, against the current dist/
//   node run.mjs core                  # only files whose name starts with "core"
//
// A bench file exports `default async function (harness)` and returns `{ targets }`; see README.md.
// Every measurement is taken the same way (`measureGroup` below): a warm-up, then fixed wall-clock
// windows, reporting the median window's rate; rows measured as a group have their windows
// interleaved, so ratios between them hold up on a machine whose load drifts.
//
// Environment: BENCH_WARMUP_MS (default 1000), BENCH_WINDOW_MS (1000), BENCH_WINDOWS (7, at least 5),
// BENCH_LEAD_IN_MS (250: the same row, untimed, right before each of its windows),
// BENCH_STRICT=1 to exit 1 when a target fails (off by default: shared machines are noisy).
import { readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

function intEnv(name, fallback, min) {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${name} expected an integer ≥ ${min}, got ${raw}`)
  return n
}

const settings = {
  warmupMs: intEnv('BENCH_WARMUP_MS', 1000, 0),
  windowMs: intEnv('BENCH_WINDOW_MS', 1000, 50),
  windows: intEnv('BENCH_WINDOWS', 7, 5),
  leadInMs: intEnv('BENCH_LEAD_IN_MS', 250, 0),
  strict: process.env.BENCH_STRICT === '1',
}

function median(sorted) {
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** `1234567.8` → `1,234,568`; small rates keep one decimal. */
function formatRate(n) {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)
}

/**
 * Runs `fn` for `ms` of wall-clock time with `concurrency` callers, each awaiting its previous call
 * before making the next. Returns the operations completed and the time actually taken (a window
 * ends when the last in-flight call returns, so it may overrun; the rate uses the real time).
 */
async function runFor(fn, ms, concurrency, opsPerCall) {
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  const deadline = start + ms
  let calls = 0
  const worker = async () => {
    while (performance.now() < deadline) {
      await fn()
      calls++
    }
  }
  if (concurrency === 1) await worker()
  else await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsedMs = performance.now() - start
  const cpu = process.cpuUsage(cpuStart)
  return { ops: calls * opsPerCall, elapsedMs, cpuMicros: cpu.user + cpu.system }
}

/**
 * Measures several rows together, their windows interleaved round-robin (the order rotating each
 * round), so that rows compared by a target see the same machine load even when it drifts. Each row
 * gets its own warm-up first. Prints every row and returns, in order, `{ rate, cpuMicrosPerOp }`:
 * the median window's operations per wall-clock second, and the median process CPU time (all
 * threads, so the thread pool's work counts) per operation, which a busy machine disturbs less.
 *
 * @param specs - `{ label, fn, concurrency = 1, opsPerCall = 1, unit = 'ops/s', setup }` per row:
 *   `fn` is one call (sync or async, awaited), `concurrency` callers are kept in flight, `opsPerCall`
 *   counts items per call (a batch of 10,000 → 10_000), `setup` (optional, awaited, untimed) runs
 *   before each of the row's runs, e.g. to select the Ed25519 backend the row is about
 */
async function measureGroup(specs) {
  const rows = specs.map(({ label, fn, concurrency = 1, opsPerCall = 1, unit = 'ops/s', setup = async () => {} }) => ({ label, fn, concurrency, opsPerCall, unit, setup, rates: [], cpu: [] }))
  for (const r of rows) {
    await r.setup()
    if (settings.warmupMs > 0) await runFor(r.fn, settings.warmupMs, r.concurrency, r.opsPerCall)
  }
  for (let w = 0; w < settings.windows; w++) {
    for (let k = 0; k < rows.length; k++) {
      const r = rows[(w + k) % rows.length]
      await r.setup()
      // A lead-in of the same row, untimed, before each window: the row before it (jose's, noble's)
      // leaves garbage and a heap sized for its own work; the lead-in pays that debt and lets the
      // heap settle to this row's steady state, so no row is charged for its neighbour.
      if (settings.leadInMs > 0) await runFor(r.fn, settings.leadInMs, r.concurrency, r.opsPerCall)
      const { ops, elapsedMs, cpuMicros } = await runFor(r.fn, settings.windowMs, r.concurrency, r.opsPerCall)
      r.rates.push((ops * 1000) / elapsedMs)
      r.cpu.push(cpuMicros / ops)
    }
  }
  return rows.map((r) => {
    const sorted = [...r.rates].sort((a, b) => a - b)
    const med = median(sorted)
    const spread = med > 0 ? ((sorted.at(-1) - sorted[0]) / med) * 100 : 0
    const cpu = median([...r.cpu].sort((a, b) => a - b))
    console.log(`  ${r.label.padEnd(48)} ${formatRate(med).padStart(10)} ${r.unit.padEnd(9)} ${cpu.toFixed(1).padStart(8)} µs CPU/op  (min ${formatRate(sorted[0])}, max ${formatRate(sorted.at(-1))}, spread ${spread.toFixed(0)}%)`)
    return { rate: med, cpuMicrosPerOp: cpu, rates: r.rates }
  })
}

/**
 * The median over rounds of `a`'s rate divided by `b`'s in the same round, for two rows of one
 * {@link measureGroup}: a round's windows run back to back, so a change of machine load between
 * rounds cancels out of each round's ratio, where a ratio of the two medians would take it in.
 */
function pairedRatio(a, b) {
  const ratios = a.rates.map((rate, w) => (b.rates[w] > 0 ? rate / b.rates[w] : Infinity))
  return median(ratios.sort((x, y) => x - y))
}

/** {@link measureGroup} for one row; returns its median rate. */
async function measure(label, fn, options = {}) {
  return (await measureGroup([{ label, fn, ...options }]))[0].rate
}

/**
 * A target line: `actual ≥ factor × baseline`. Printed now, collected for the summary. `actual`
 * and `baseline` are rates, or two rows of one {@link measureGroup}, which are compared by
 * {@link pairedRatio} (the line also shows the ratio of their medians).
 */
function target(name, actual, factor, baseline, baselineLabel) {
  const paired = typeof actual === 'object' && typeof baseline === 'object'
  const [a, b] = paired ? [actual.rate, baseline.rate] : [actual, baseline]
  const ratio = paired ? pairedRatio(actual, baseline) : b > 0 ? a / b : Infinity
  const pass = ratio >= factor
  const t = { name, actual: a, factor, baseline: b, baselineLabel, ratio, pass }
  const how = paired ? `median of ${actual.rates.length} rounds' ratios; medians ${formatRate(a)} vs ${formatRate(b)}, ${(b > 0 ? a / b : Infinity).toFixed(2)}×` : `${formatRate(a)} vs ${formatRate(b)}`
  console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${name}: ${ratio.toFixed(2)}× ${baselineLabel} (need ≥ ${factor}×; ${how})`)
  return t
}

function section(title) {
  console.log(`\n${title}`)
}

function note(text) {
  console.log(`  ${text}`)
}

function machineInfo() {
  const cpus = os.cpus()
  const pkg = (p) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'))
  let jose = '?'
  let counterfoil = '?'
  try { jose = pkg('./node_modules/jose/package.json').version } catch { /* not installed */ }
  try { counterfoil = pkg('../package.json').version } catch { /* not found */ }
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ')
  console.log('counterfoil benchmarks')
  console.log(`  cpu        ${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length} (available parallelism ${os.availableParallelism()})`)
  console.log(`  node       ${process.version} (V8 ${process.versions.v8}, OpenSSL ${process.versions.openssl}, ${os.platform()}-${os.arch()})`)
  console.log(`  memory     ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${load}`)
  console.log(`  threadpool UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`)
  console.log(`  packages   counterfoil ${counterfoil} (../dist), jose ${jose}`)
  console.log(`  method     warm-up ${settings.warmupMs} ms, then median of ${settings.windows} windows × ${settings.windowMs} ms, each after a ${settings.leadInMs} ms untimed lead-in of the same row`)
}

async function main() {
  const filters = process.argv.slice(2)
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.mjs'))
    .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
    .sort()
  if (files.length === 0) throw new Error(`no *.bench.mjs file matches ${filters.join(', ') || '(any)'} in ${here}`)
  machineInfo()
  const harness = Object.freeze({ measure, measureGroup, target, pairedRatio, section, note, formatRate, settings })
  const targets = []
  for (const file of files) {
    console.log(`\n=== ${file} ===`)
    const started = performance.now()
    const mod = await import(pathToFileURL(here + file).href)
    if (typeof mod.default !== 'function') throw new TypeError(`${file} must export a default async function (harness)`)
    const result = await mod.default(harness)
    for (const t of result?.targets ?? []) targets.push({ file, ...t })
    console.log(`  (${file} took ${((performance.now() - started) / 1000).toFixed(0)} s)`)
  }
  console.log('\n=== summary ===')
  for (const t of targets) {
    console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  [${t.file}] ${t.name}: ${t.ratio.toFixed(2)}× (need ≥ ${t.factor}×)`)
  }
  const failed = targets.filter((t) => !t.pass).length
  console.log(`  ${targets.length - failed}/${targets.length} targets met${failed > 0 && !settings.strict ? ' (BENCH_STRICT=1 makes a miss fail the run)' : ''}`)
  if (failed > 0 && settings.strict) process.exitCode = 1
}

await main()
