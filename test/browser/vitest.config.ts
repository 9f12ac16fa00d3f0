// The core test suite inside Chromium: vitest browser mode, driving Debian's Chromium through
// playwright (executablePath; nothing is downloaded). `npm run test:browser`, and scripts/test.sh.
import { fileURLToPath } from 'node:url'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js'

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

/** Whole files that stay in Node, and why. */
const NODE_ONLY_FILES = {
  'test/record/vectors.test.ts': 'cross-checks with node:crypto (OpenSSL) and reads vectors and docs/spec.md from disk; test/browser/vectors.browser.ts runs the vectors here',
  'test/registry/e2e.test.ts': 'the registry over node:http with the SQLite store (Node adapters)',
  'test/registry/stores.test.ts': 'the SQLite and PostgreSQL stores (Node adapters)',
  'test/registry/log/encoding.test.ts': "compares base64 against Node's Buffer and scans source files on disk",
  'test/registry/crash.test.ts': 'spawns and SIGKILLs a registry server process over SQLite and PostgreSQL (Node adapters)',
  'test/registry/serve.test.ts': 'the node:http adapter (src/node/serve.ts)',
  'test/keys/sodium.test.ts': 'libsodium through sodium-native, a Node addon',
  'test/codec/sha256.test.ts': "checks the browser SHA-256 (src/codec/sha256-web.ts) against node:crypto; that same file is what runs here, and the vector tests in Chromium hash through it",
}

/** Single tests that stay in Node, and why (matched on the full test name). */
const NODE_ONLY_TESTS = {
  'backend selection auto picks libsodium in Node when sodium-native is installed (it passes the probe)': 'asserts the Node choice; test/browser/vectors.browser.ts asserts Web Crypto is picked here',
  'auto passes over a sodium backend that fails the probe and takes node:crypto': 'needs the node:crypto backend (src/node/platform.ts) to fall back to',
  'entry decoder properties the registry refuses mutated entries and its log does not move': 'uses Buffer to print hex',
  'domain separation between signed artefacts a status note is not a checkpoint, and a checkpoint is not a status note': 'uses Buffer to build a note',
  'base64url through fromBase64url encodes as Node does and decodes back': "Node's Buffer is the independent base64url reference",
  'base64url through fromBase64url accepts a mutated text exactly when it is the canonical text of some bytes': "Node's Buffer is the independent base64url reference",
  'base64url through table encodes as Node does and decodes back': "Node's Buffer is the independent base64url reference",
  'base64url through table accepts a mutated text exactly when it is the canonical text of some bytes': "Node's Buffer is the independent base64url reference",
  'base64url through Uint8Array.fromBase64 encodes as Node does and decodes back': "Node's Buffer is the independent base64url reference",
  'base64url through Uint8Array.fromBase64 accepts a mutated text exactly when it is the canonical text of some bytes': "Node's Buffer is the independent base64url reference",
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export default defineConfig({
  root: here('../..'),
  resolve: {
    alias: [
      // What a bundler picks for browsers from package.json "imports": the Web Crypto backend.
      { find: '#ed25519-platform', replacement: here('../../src/keys/platform-web.ts') },
      // The keys tests' backend list, without node:crypto.
      { find: /^\.\/backends\.js$/, replacement: here('./shims/backends.ts') },
      // status.test.ts's independent gzip/gunzip.
      { find: /^node:zlib$/, replacement: here('./shims/zlib.ts') },
    ],
  },
  test: {
    include: ['test/codec/**/*.test.ts', 'test/keys/**/*.test.ts', 'test/record/**/*.test.ts', 'test/registry/**/*.test.ts', 'test/browser/**/*.browser.ts'],
    exclude: Object.keys(NODE_ONLY_FILES),
    testNamePattern: new RegExp(`^(?!(${Object.keys(NODE_ONLY_TESTS).map(escape).join('|')})$)`),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
      instances: [{ browser: 'chromium' }],
    },
  },
})
