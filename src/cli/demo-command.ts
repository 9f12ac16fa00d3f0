/**
 * `counterfoil demo` and `counterfoil serve` as commands (their work lives in demo.ts and serve.ts,
 * loaded on use so other commands start without the SQLite and PostgreSQL drivers).
 */
import { parseArgs } from 'node:util'
import { atMost, UsageError, type Command } from './usage.js'

// better-sqlite3 and pg are optional peer dependencies: say which one to install.
async function needsDriver<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (e) {
    const missing = /Cannot find (?:package|module) '(better-sqlite3|pg)'/.exec((e as Error).message)?.[1]
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && missing !== undefined) {
      throw new UsageError(`this needs the optional dependency ${missing}: npm install ${missing}`)
    }
    throw e
  }
}

/** `counterfoil demo`. */
export const demo: Command = {
  name: 'demo',
  summary: 'run the whole loop against an embedded registry on loopback',
  help: `Usage: counterfoil demo

Issue → hold → verify → tamper → register → revoke → re-verify → the customer withdraws a consent,
against an embedded SQLite registry served over HTTP on loopback, printing what each party sees.
Exit code 0 when every step behaved as expected.`,
  async run(argv) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} })
    atMost(positionals, 0)
    const { runDemo } = await needsDriver(() => import('./demo.js'))
    return runDemo()
  },
}

/** `counterfoil serve`. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'run a registry (SQLite by default, PostgreSQL with --postgres)',
  help: `Usage: counterfoil serve [--port N] [--host H] [--db FILE | --postgres URL [--schema NAME]] [--origin NAME] [--key-file FILE]

Runs a registry over HTTP until SIGINT/SIGTERM. Prints its URL, origin and key on start.

  --port N          port (default 8080; 0 picks a free one)
  --host H          interface (default 127.0.0.1)
  --db FILE         SQLite file (default ./counterfoil-registry.db)
  --postgres URL    PostgreSQL instead of SQLite (several servers may share one database)
  --schema NAME     with --postgres: the schema holding the log (default counterfoil)
  --origin NAME     log origin, the checkpoint's first line (default counterfoil.local/log)
  --key-file FILE   registry key (hex seed; "keygen --out" writes one); created on first start
                    (default ./counterfoil-registry.key, mode 0600)`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, postgres: { type: 'string' }, origin: { type: 'string' }, 'key-file': { type: 'string' }, schema: { type: 'string' } },
    })
    atMost(positionals, 0)
    if (values.schema !== undefined && values.postgres === undefined) throw new UsageError('--schema is for --postgres')
    const { runServe } = await import('./serve.js')
    return needsDriver(() => runServe(values))
  },
}
