/** A progress bar on stderr, drawn only when stderr is a terminal; silent otherwise. */
export function progressBar(total: number, label: string): { tick(done: number): void; done(): void } {
  const tty = process.stderr.isTTY === true
  let last = 0
  const draw = (done: number) => {
    const width = 30
    const filled = total === 0 ? width : Math.round((done / total) * width)
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`)
  }
  return {
    tick(done) {
      if (!tty) return
      const now = Date.now()
      if (now - last < 100 && done < total) return
      last = now
      draw(done)
    },
    done() {
      if (tty) process.stderr.write('\n')
    },
  }
}
