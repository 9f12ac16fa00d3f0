/**
 * Turns the README's ```ts blocks into modules that type-check and run against the built package,
 * imported by name. Each block gets a prelude that provides what the README leaves to the reader
 * (`customerDid`, `registryDid`) and an in-process registry answering at https://registry.example
 * (fetch is routed to its `registryHandler`, so no socket is opened). A line `expr // value` whose
 * comment is a plain literal (true, false, a number, a 'string') becomes an assertion.
 */

/** The ```ts blocks of a markdown text, with the line each starts on. */
export function tsBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts') continue
    const start = i + 1
    let end = start
    while (end < lines.length && lines[end]!.trim() !== '```') end++
    blocks.push({ line: start + 1, code: lines.slice(start, end).join('\n') })
    i = end
  }
  return blocks
}

export const PRELUDE = `import * as __keys from 'counterfoil/keys'
import * as __registries from 'counterfoil/registry'
const __registry = await __registries.createRegistry({
  store: __registries.memoryStore(), origin: 'registry.example/log',
  signer: await __keys.signerFromSeed((await __keys.generateKeyPair()).seed),
})
const __handle = __registries.registryHandler(__registry)
const __fetch = globalThis.fetch
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const request = new Request(input, init)
  return new URL(request.url).origin === 'https://registry.example' ? __handle(request) : __fetch(input, init)
}
const customerDid: string = (await __keys.generateKeyPair()).did
const registryDid: string = __registry.did
function __expect(actual: unknown, expected: unknown, where: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(\`README line \${where}: expected \${JSON.stringify(expected)}, got \${JSON.stringify(actual)}\`)
}
`

const DECLARATION = /^\s*(import|export|const|let|var|function|class|type|interface|await\s+(register|revoke|withdraw|suspend|reinstate))\b/
const CHECKED = /^(\s*;?)(.+?)\s*\/\/\s*(true|false|-?\d+(?:\.\d+)?|'[^'…]*')\s*$/

/**
 * The module for one block: the prelude, then the block with its `// literal` lines as assertions.
 *
 * @param block - from {@link tsBlocks}
 * @returns module source (TypeScript) and how many assertions it makes
 */
export function blockModule(block: { line: number; code: string }): { source: string; assertions: number } {
  let assertions = 0
  const body = block.code.split('\n').map((line, i) => {
    const m = CHECKED.exec(line)
    if (m === null || DECLARATION.test(line)) return line
    assertions++
    return `${m[1]}__expect(${m[2]}, ${m[3]}, '${block.line + i}')`
  })
  return { source: `${PRELUDE}\n// README.md line ${block.line}\n${body.join('\n')}\n`, assertions }
}
