/**
 * `npm run wallet`: builds the wallet, serves it with a registry on loopback, prints the URLs, and
 * runs until Ctrl-C. `PORT` picks the port (default 5173).
 */
import { buildWallet } from './build.js'
import { startWalletServer } from './server.js'

const server = await startWalletServer(await buildWallet(), { port: Number(process.env.PORT ?? 5173) })
console.log(`counterfoil wallet   ${server.walletUrl}`)
console.log(`verifier page        ${server.verifierUrl}`)
console.log(`registry key         ${server.registry.did} (memory store: gone when this stops)`)
console.log('Ctrl-C to stop.')
const stop = (): void => {
  void server.close().then(() => process.exit(0))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
