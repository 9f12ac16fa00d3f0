#!/usr/bin/env node
/**
 * The `counterfoil` command: dispatches to one module per command.
 * Exit codes: 0 valid / success, 1 invalid / refused, 2 usage or I/O error.
 */
import { CounterfoilError, type ErrorCode } from '../errors.js'
import { demo, serveCommand } from './demo-command.js'
import { issue } from './issue.js'
import { keygen } from './keygen.js'
import { printJson } from './output.js'
import { snapshot } from './snapshot.js'
import { statusCommands } from './status-change.js'
import { EXIT, UsageError, type Command } from './usage.js'
import { inspect, verify } from './verify.js'

const COMMANDS: readonly Command[] = [demo, keygen, issue, verify, inspect, ...statusCommands, snapshot, serveCommand]

const HELP = `counterfoil — customer-held signed records; the company keeps only a counterfoil

Usage: counterfoil COMMAND [options]      counterfoil COMMAND --help for its options

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Every command takes --json for machine output (except demo and serve).
Colour only on a terminal, and never with NO_COLOR set.
Exit codes: 0 valid / success, 1 invalid / refused, 2 usage or I/O error.`

/** Registry answers that mean "could not reach it", not "it said no". */
const IO_CODES: readonly ErrorCode[] = ['ERR_REGISTRY_UNAVAILABLE', 'ERR_OVERLOADED', 'ERR_STORE']

function exitCodeOf(e: unknown): number {
  if (e instanceof CounterfoilError) return IO_CODES.includes(e.code) ? EXIT.usage : EXIT.invalid
  return EXIT.usage
}

function describe(e: unknown, command: string | undefined): { code: string; message: string } {
  if (e instanceof CounterfoilError) return { code: e.code, message: e.message }
  const err = e as NodeJS.ErrnoException
  if (typeof err?.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) {
    return { code: 'ERR_USAGE', message: `${err.message}${command === undefined ? '' : ` (see counterfoil ${command} --help)`}` }
  }
  // runServe and the library report bad flag values (a port out of range) as RangeError.
  if (e instanceof UsageError || e instanceof RangeError) return { code: 'ERR_USAGE', message: `${e.message}${command === undefined ? '' : ` (see counterfoil ${command} --help)`}` }
  if (typeof err?.code === 'string' && typeof err.syscall === 'string') return { code: 'ERR_IO', message: `${err.message}` }
  return { code: 'ERR_INTERNAL', message: err instanceof Error ? err.message : String(e) }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined
    process.stdout.write(`${topic?.help ?? HELP}\n`)
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    // Bundled into dist/cli/main.js, so package.json is two levels up.
    const { createRequire } = await import('node:module')
    process.stdout.write(`${(createRequire(import.meta.url)('../../package.json') as { version: string }).version}\n`)
    return EXIT.ok
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined) throw new UsageError(`unknown command "${name}"; try counterfoil --help`)
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`)
    return EXIT.ok
  }
  return command.run(rest)
}

const argv = process.argv.slice(2)
main(argv).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    const known = COMMANDS.some((c) => c.name === argv[0]) ? argv[0] : undefined
    const { code, message } = describe(e, known)
    if (argv.includes('--json')) printJson({ ok: false, error: { code, message } })
    process.stderr.write(`${message.startsWith('counterfoil:') ? message : `counterfoil: ${message}`}${code.startsWith('ERR_') && !message.includes(code) && e instanceof CounterfoilError ? ` [${code}]` : ''}\n`)
    if (code === 'ERR_INTERNAL' && process.env.COUNTERFOIL_DEBUG !== undefined) console.error(e)
    process.exitCode = exitCodeOf(e)
  },
)
