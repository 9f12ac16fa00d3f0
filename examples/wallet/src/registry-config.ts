/**
 * Which registry the pages talk to: `?registry=URL` (default: the page's own origin, where
 * `npm run wallet` serves one) and, optionally, its pinned key `?key=did:key:…` (without it the key
 * is taken from the registry on first use).
 */
import { remoteRegistry, type RegistryClient } from 'counterfoil/registry'

/** The registry a page uses, with the query string that hands it on to another page. */
export interface RegistryConfig {
  readonly url: string
  readonly key: string | undefined
  readonly client: RegistryClient
  /** `registry=…&key=…`, for links between the wallet and the verifier. */
  readonly query: string
}

/**
 * The registry named by a page's query string.
 *
 * @param location - the page's location (`window.location`)
 * @param url - overrides `?registry=` (the verifier page's input field)
 * @returns the registry client and its settings
 * @throws {TypeError} for a registry URL that is not http(s)
 * @example
 * ```ts
 * const { client } = registryFromLocation(window.location)
 * ```
 */
export function registryFromLocation(location: Location, url?: string): RegistryConfig {
  const params = new URLSearchParams(location.search)
  const registryUrl = url ?? params.get('registry') ?? location.origin
  const key = params.get('key') ?? undefined
  const client = remoteRegistry(registryUrl, key === undefined ? {} : { key })
  const query = new URLSearchParams(key === undefined ? { registry: registryUrl } : { registry: registryUrl, key }).toString()
  return { url: registryUrl, key, client, query }
}
