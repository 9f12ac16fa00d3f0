/**
 * A progress bar on stderr, drawn only when stderr is a terminal (so logs and pipes stay clean),
 * redrawn at most every 100 ms.
 */

/** Something that shows how far a batch has got. */
export interface Progress {
  update(done: number): void
  finish(): void
}

const WIDTH = 30

/**
 * A progress bar for `total` items.
 *
 * @param total - how many items
 * @param stream - where to draw; default stderr
 * @returns the bar (a no-op when `stream` is not a TTY)
 */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true || total === 0) return { update() {}, finish() {} }
  const start = performance.now()
  let last = 0
  const draw = (done: number): void => {
    const filled = Math.round((done / total) * WIDTH)
    const rate = done / Math.max((performance.now() - start) / 1000, 1e-3)
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} ${Math.floor((done / total) * 100)}% ${Math.round(rate)} records/s`)
  }
  return {
    update(done) {
      const now = performance.now()
      if (now - last < 100 && done < total) return
      last = now
      draw(done)
    },
    finish() {
      stream.write('\r\x1b[2K')
    },
  }
}
