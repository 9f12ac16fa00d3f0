// The wallet example's Node side without a browser: the build refuses Node built-ins, and the
// static handler serves only the built files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { noNodeBuiltins } from '../../examples/wallet/build.js'
import { staticFiles } from '../../examples/wallet/server.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'counterfoil-wallet-server-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the wallet build', () => {
  it.each([
    ["import { readFileSync } from 'node:fs'; console.log(readFileSync)", 'node:fs'],
    ["import { Buffer } from 'buffer'; console.log(Buffer)", 'buffer'],
    ["import path from 'path'; console.log(path)", 'path'],
  ])('fails on %s', async (code, name) => {
    const root = join(dir, `app-${name.replace(/\W/g, '')}`)
    await mkdir(root, { recursive: true })
    await writeFile(join(root, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>')
    await writeFile(join(root, 'main.js'), code)
    await expect(
      build({ root, configFile: false, logLevel: 'silent', plugins: [noNodeBuiltins()], build: { outDir: join(root, 'out'), write: false } }),
    ).rejects.toThrow(`imports "${name}": the wallet must run in a browser without Node polyfills`)
  })
})

describe('staticFiles', () => {
  let files: (request: Request) => Promise<Response>
  beforeAll(async () => {
    const www = join(dir, 'www')
    await mkdir(join(www, 'assets'), { recursive: true })
    await writeFile(join(www, 'index.html'), '<p>wallet</p>')
    await writeFile(join(www, 'assets', 'a.js'), 'export {}')
    await writeFile(join(dir, 'secret.txt'), 'not for the web')
    files = staticFiles(www)
  })

  it('serves index.html for / and files with their content type', async () => {
    const index = await files(new Request('http://127.0.0.1/'))
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await index.text()).toBe('<p>wallet</p>')
    const script = await files(new Request('http://127.0.0.1/assets/a.js'))
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('export {}')
  })

  it('never serves outside its folder, and only GET and HEAD', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/missing.js']) {
      const res = await files(new Request(`http://127.0.0.1${path}`))
      expect(res.status, path).toBe(404)
    }
    expect((await files(new Request('http://127.0.0.1/%E0%A4%A'))).status).toBe(400)
    expect((await files(new Request('http://127.0.0.1/', { method: 'POST', body: 'x' }))).status).toBe(405)
    const head = await files(new Request('http://127.0.0.1/', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})
