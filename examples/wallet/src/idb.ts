/**
 * The wallet's IndexedDB: one database, two object stores. `keys` holds the holder key (and the
 * demo shop's key) as structured clones — a non-extractable CryptoKey stays non-extractable there;
 * `records` holds each record's text form by id. A promise wrapper around the callback API, no more.
 */

const DB_NAME = 'counterfoil-wallet'
const DB_VERSION = 1

/** A record as the wallet keeps it. */
export interface StoredRecord {
  /** Record id (`bafy…`). */
  readonly id: string
  /** The record's text form (`u…`), exactly as received. */
  readonly text: string
  /** Record type, e.g. `purchase`. */
  readonly type: string
  /** When the wallet stored it, ms since the epoch. */
  readonly addedAt: number
}

let opened: Promise<IDBDatabase> | undefined

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION)
    req.onupgradeneeded = () => {
      req.result.createObjectStore('keys')
      req.result.createObjectStore('records', { keyPath: 'id' })
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('cannot open IndexedDB'))
  })
  return opened
}

async function store(name: 'keys' | 'records', mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await database()).transaction(name, mode).objectStore(name)
}

/**
 * Reads a stored key by name.
 *
 * @param name - e.g. `holder`
 * @returns what was stored, or undefined
 * @example
 * ```ts
 * const stored = await getKey<StoredKey>('holder')
 * ```
 */
export async function getKey<T>(name: string): Promise<T | undefined> {
  return request((await store('keys', 'readonly')).get(name) as IDBRequest<T | undefined>)
}

/**
 * Stores a key under a name unless one is there already; returns whichever is stored, so two tabs
 * creating a key at once end up with the same one.
 *
 * @param name - e.g. `holder`
 * @param value - a structured-cloneable value (a CryptoKey is)
 * @returns the stored value
 * @example
 * ```ts
 * const kept = await addKey('holder', { kind: 'webcrypto', privateKey, publicKey })
 * ```
 */
export async function addKey<T>(name: string, value: T): Promise<T> {
  try {
    await request((await store('keys', 'readwrite')).add(value, name))
    return value
  } catch (e) {
    if (e instanceof DOMException && e.name === 'ConstraintError') return (await getKey<T>(name)) as T
    throw e
  }
}

/**
 * Saves a record (replacing one with the same id).
 *
 * @param record - the record to keep
 * @example
 * ```ts
 * await putRecord({ id: record.id, text: record.toString(), type: 'purchase', addedAt: Date.now() })
 * ```
 */
export async function putRecord(record: StoredRecord): Promise<void> {
  await request((await store('records', 'readwrite')).put(record))
}

/**
 * Every stored record, oldest first.
 *
 * @returns the records
 * @example
 * ```ts
 * for (const r of await allRecords()) console.log(r.id)
 * ```
 */
export async function allRecords(): Promise<StoredRecord[]> {
  const records = await request((await store('records', 'readonly')).getAll() as IDBRequest<StoredRecord[]>)
  return records.sort((a, b) => a.addedAt - b.addedAt)
}
