// A registry operator's setup on SQLite (the embedded default: one file, no server to run).
//   node examples/operator-sqlite.mjs
import { join } from 'node:path'
import { runOperator } from './operator-common.mjs'

process.exitCode = await runOperator('SQLite', (dir) => ['--db', join(dir, 'registry.db')])
