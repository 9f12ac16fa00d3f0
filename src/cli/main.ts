#!/usr/bin/env node
/**
 * The `counterfoil` command. Exit codes: 0 success/valid, 1 invalid, 2 usage or I/O error.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { runDemo } from './demo.js'
import { runServe } from './serve.js'
import { verify } from '../verify.js'
import { remoteRegistry } from '../registry/remote.js'
import { generateKeyPair } from '../keys/index.js'
import { toHex } from '../codec/bytes.js'
import { CounterfoilError } from '../errors.js'

const HELP = `counterfoil — customer-held signed records; the company keeps only a counterfoil

Usage:
  counterfoil demo                      run the whole loop against an embedded registry
  counterfoil keygen [--json]           make an Ed25519 key (seed hex and did:key)
  counterfoil verify [FILE|-] [--registry URL --registry-key DID] [--trust DID]... [--json]
  counterfoil inspect [FILE|-] [--json] show a record's fields and checks
  counterfoil serve [--port N] [--host H] [--db FILE | --postgres URL] [--origin NAME] [--key-file FILE]
  counterfoil --help

Exit codes: 0 valid/success, 1 invalid, 2 usage or I/O error.`

async function readInput(path: string | undefined): Promise<string> {
  if (path === undefined || path === '-') {
    const chunks: Buffer[] = []
    for await (const c of process.stdin) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  return readFile(path, 'utf8')
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' }, registry: { type: 'string' }, 'registry-key': { type: 'string' }, trust: { type: 'string', multiple: true },
      port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, postgres: { type: 'string' }, origin: { type: 'string' },
      'key-file': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  })
  if (command === undefined || command === '--help' || command === '-h' || command === 'help' || values.help === true) {
    console.log(HELP)
    return command === undefined ? 2 : 0
  }
  switch (command) {
    case 'demo':
      return runDemo()
    case 'keygen': {
      const kp = await generateKeyPair()
      if (values.json === true) console.log(JSON.stringify({ did: kp.did, seed: toHex(kp.seed) }))
      else console.log(`did:  ${kp.did}\nseed: ${toHex(kp.seed)}   (secret: keep it safe)`)
      return 0
    }
    case 'verify':
    case 'inspect': {
      const text = await readInput(positionals[0])
      const registry = values.registry === undefined ? undefined : remoteRegistry(values.registry, values['registry-key'] === undefined ? {} : { key: values['registry-key'] })
      const result = await verify(text.trim(), {
        ...(values.trust === undefined ? {} : { trustedIssuers: values.trust }),
        ...(registry === undefined ? {} : { registry }),
      })
      if (values.json === true) {
        console.log(JSON.stringify({ valid: result.valid, id: result.id, payload: result.record?.payload, checks: result.checks, errors: result.errors },
          (_k, v: unknown) => (v instanceof Uint8Array ? toHex(v) : typeof v === 'bigint' ? v.toString() : v), 2))
      } else {
        if (command === 'inspect' && result.record !== undefined) {
          const p = result.record.payload
          console.log(`id       ${result.id}\ntype     ${p.type}\nissuer   ${p.iss}\nsubject  ${p.sub}\nissued   ${new Date(p.iat * 1000).toISOString()}`)
          if (p.exp !== undefined) console.log(`expires  ${new Date(p.exp * 1000).toISOString()}`)
          console.log(`claims   ${JSON.stringify(p.claims, (_k, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v))}`)
        }
        console.log(result.valid ? 'VALID' : `INVALID: ${result.errors.map((e) => `${e.code} (${e.message})`).join('; ')}`)
        for (const c of result.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`)
      }
      return result.valid ? 0 : 1
    }
    case 'serve':
      return runServe(values)
    default:
      console.error(`counterfoil: unknown command "${command}"\n\n${HELP}`)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(e instanceof CounterfoilError ? `${e.message} [${e.code}]` : e instanceof Error ? `counterfoil: ${e.message}` : e)
    process.exitCode = 2
  },
)

