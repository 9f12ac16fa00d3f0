// A registry operator's setup on PostgreSQL (several stateless `counterfoil serve` processes may
// share one database).   COUNTERFOIL_PG_URL=postgres://user:pass@host:5432/db node examples/operator-postgres.mjs
// (`bash scripts/postgres.sh` starts a local server and prints that line.)
import { runOperator } from './operator-common.mjs'

const url = process.env.COUNTERFOIL_PG_URL
if (url === undefined || url === '') {
  console.error('Set COUNTERFOIL_PG_URL to a PostgreSQL connection string (bash scripts/postgres.sh prints one).')
  process.exit(2)
}
process.exitCode = await runOperator('PostgreSQL', () => ['--postgres', url, '--schema', 'counterfoil_operator_example'])
