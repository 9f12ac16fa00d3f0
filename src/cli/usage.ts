/**
 * What every CLI command is, and the one error that means "you called it wrong" (exit code 2).
 */

/** Exit codes: 0 valid / success, 1 invalid / refused, 2 usage or I/O error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const

/** A mistake in how the command was called: unknown flag, missing argument, bad value. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** One `counterfoil` sub-command. */
export interface Command {
  /** What follows `counterfoil`. */
  readonly name: string
  /** One line for the command list. */
  readonly summary: string
  /** The full `--help` text. */
  readonly help: string
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: string[]): Promise<number>
}

/**
 * A flag that must be there.
 *
 * @param value - the parsed flag
 * @param flag - its name, for the message
 * @returns the value
 * @throws {UsageError} when it is missing
 */
export function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined) throw new UsageError(`missing --${flag}`)
  return value
}

/**
 * At most `n` positional arguments.
 *
 * @param positionals - what parseArgs left over
 * @param n - how many are allowed
 * @throws {UsageError} for extra arguments
 */
export function atMost(positionals: readonly string[], n: number): void {
  if (positionals.length > n) throw new UsageError(`unexpected argument "${positionals[n]}"`)
}
