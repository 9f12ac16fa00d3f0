/**
 * The flags every registry-talking command shares: `--registry URL` and `--registry-key DID`.
 */
import { remoteRegistry } from '../registry/remote.js'
import type { RegistryClient } from '../registry/client.js'
import { UsageError } from './usage.js'

/** parseArgs options for a registry. */
export const REGISTRY_OPTIONS = {
  registry: { type: 'string' },
  'registry-key': { type: 'string' },
} as const

/** Help lines for {@link REGISTRY_OPTIONS}. */
export const REGISTRY_HELP = `  --registry URL         the registry (as served by "counterfoil serve")
  --registry-key DID     the registry key you trust (did:key); without it, trust on first use`

/**
 * A client for `--registry`, pinned to `--registry-key` when given.
 *
 * @param values - parsed flags
 * @returns the client, or undefined without `--registry`
 * @throws {UsageError} for a URL that is not http(s) or a key that is not a did:key
 */
export function registryFrom(values: { registry?: string | undefined; 'registry-key'?: string | undefined }): (RegistryClient & { readonly url: string }) | undefined {
  if (values.registry === undefined) return undefined
  try {
    return remoteRegistry(values.registry, values['registry-key'] === undefined ? {} : { key: values['registry-key'] })
  } catch (e) {
    throw new UsageError(`--registry/--registry-key: ${(e as Error).message.replace(/^counterfoil: /, '')}`)
  }
}
