import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    errors: 'src/errors.ts',
    keys: 'src/keys/index.ts',
    sign: 'src/sign.ts',
    verify: 'src/verify.ts',
    revoke: 'src/revoke.ts',
    registry: 'src/registry/index.ts',
    'registry/sqlite': 'src/node/sqlite-store.ts',
    'registry/postgres': 'src/node/postgres-store.ts',
    // Picked at run time through package.json "imports" (#ed25519-platform): node vs everything else.
    'platform/node': 'src/node/platform.ts',
    'platform/web': 'src/keys/platform-web.ts',
    // Same, for SHA-256 (#sha256-platform): node:crypto in Node, @noble/hashes elsewhere.
    'platform/sha256-node': 'src/node/sha256.ts',
    'platform/sha256-web': 'src/codec/sha256-web.ts',
    // Same, for base64url decoding (#base64-platform): Buffer in Node, Uint8Array.fromBase64 elsewhere.
    'platform/base64-node': 'src/node/base64.ts',
    'platform/base64-web': 'src/codec/base64-web.ts',
    'cli/main': 'src/cli/main.ts',
    holder: 'src/holder/index.ts',
  },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  dts: {
    entry: {
      index: 'src/index.ts', errors: 'src/errors.ts', keys: 'src/keys/index.ts', sign: 'src/sign.ts', verify: 'src/verify.ts',
      revoke: 'src/revoke.ts', registry: 'src/registry/index.ts', 'registry/sqlite': 'src/node/sqlite-store.ts', 'registry/postgres': 'src/node/postgres-store.ts',
      holder: 'src/holder/index.ts',
    },
  },
  splitting: true,
  treeshake: true,
  clean: true,
  sourcemap: false,
  external: ['#ed25519-platform', '#sha256-platform', '#base64-platform', /^node:/, 'better-sqlite3', 'pg', 'sodium-native'],
})
