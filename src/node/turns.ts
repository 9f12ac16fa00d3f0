/**
 * One-at-a-time execution for a store's write transactions: each call starts after the previous
 * one settled (fulfilled or rejected), so a failed transaction never blocks the next.
 *
 * @example
 * ```ts
 * const turns = new Turns()
 * const result = await turns.take(() => runTransaction(fn))
 * await turns.idle() // before closing: every queued transaction has settled
 * ```
 */
export class Turns {
  #tail: Promise<unknown> = Promise.resolve()

  /**
   * Runs `task` after every task taken before it has settled.
   *
   * @param task - the work to run in turn
   * @returns what `task` resolves to
   */
  take<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task)
    this.#tail = result.catch(() => undefined)
    return result
  }

  /** Resolves once every task taken so far has settled. */
  async idle(): Promise<void> {
    await this.#tail
  }
}
