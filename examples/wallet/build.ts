/**
 * Builds the wallet with Vite's API: two pages (wallet, verifier) that import `counterfoil/...` by
 * package name, resolved through its `exports` (the built dist, browser conditions). No Node
 * polyfills: any import of a Node built-in fails the build instead of being stubbed out.
 */
import { existsSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'vite'

// This file runs from examples/wallet/ (vitest) or bundled into examples/wallet/dist/ (npm run wallet).
const here = fileURLToPath(new URL('.', import.meta.url))
/** The wallet's source folder (where index.html is). */
export const WALLET_ROOT = existsSync(join(here, 'index.html')) ? here : join(here, '..')

/**
 * A Vite plugin that fails the build on any `node:` import or Node built-in module.
 *
 * @returns the plugin
 * @example
 * ```ts
 * await build({ plugins: [noNodeBuiltins()] })
 * ```
 */
export function noNodeBuiltins(): Plugin {
  const builtins = new Set(builtinModules)
  return {
    name: 'counterfoil:no-node-builtins',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.startsWith('node:') || builtins.has(source.split('/')[0] ?? '')) {
        this.error(`${importer ?? 'an entry'} imports "${source}": the wallet must run in a browser without Node polyfills`)
      }
      return null
    },
  }
}

/**
 * Builds the wallet into `outDir` (emptied first).
 *
 * @param outDir - where the static site goes; default `examples/wallet/dist/www`
 * @returns `outDir`
 * @throws whatever Vite throws, including the no-Node-built-ins error
 * @example
 * ```ts
 * const www = await buildWallet()
 * ```
 */
export async function buildWallet(outDir: string = join(WALLET_ROOT, 'dist', 'www')): Promise<string> {
  await build({
    root: WALLET_ROOT,
    configFile: false,
    logLevel: 'warn',
    base: './', // relative asset URLs: the built pages work from any folder of any static host
    plugins: [noNodeBuiltins()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { index: join(WALLET_ROOT, 'index.html'), verify: join(WALLET_ROOT, 'verify.html') } },
    },
  })
  return outDir
}
