import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // In Node the package's `imports` map picks the node:crypto backend; mirror that for sources.
    alias: {
      '#ed25519-platform': fileURLToPath(new URL('./src/node/platform.ts', import.meta.url)),
      '#sha256-platform': fileURLToPath(new URL('./src/node/sha256.ts', import.meta.url)),
      '#base64-platform': fileURLToPath(new URL('./src/node/base64.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
