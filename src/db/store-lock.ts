import { closeSync, openSync, readFileSync, rmSync, writeSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { StoreLockedError } from '../errors.js'

export interface StoreLockInfo {
  pid: number
  url: string | null
  since: string
}

export interface StoreLock {
  readonly file: string
  release(): void
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Reads the lock file; null when there is none or its process is gone. */
export function readStoreLock(dataDir: string): StoreLockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path.join(dataDir, 'store.lock'), 'utf8')) as StoreLockInfo
    return isAlive(info.pid) && info.pid !== process.pid ? info : null
  } catch {
    return null
  }
}

/**
 * Takes the embedded store for this process, or throws `store_locked` naming the holder.
 * PGlite is single-process: a second opener would corrupt the data directory.
 */
export function acquireStoreLock(dataDir: string, url: string | null = null): StoreLock {
  mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, 'store.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      const info: StoreLockInfo = { pid: process.pid, url, since: new Date().toISOString() }
      writeSync(fd, JSON.stringify(info))
      closeSync(fd)
      return {
        file,
        release: () => {
          const held = readHolder(file)
          if (held?.pid === process.pid) rmSync(file, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readHolder(file)
      if (holder && isAlive(holder.pid) && holder.pid !== process.pid) {
        const where = holder.url ? ` serving ${holder.url}` : ''
        throw new StoreLockedError(
          `the embedded store in ${dataDir} is held by process ${holder.pid}${where}; ` +
            `stop it, or run the command against it with --server ${holder.url ?? 'URL'} --key KEY`,
        )
      }
      // The holder is gone: the lock is stale.
      rmSync(file, { force: true })
    }
  }
  throw new StoreLockedError(`could not take the store lock in ${dataDir}`)
}

/** Records the URL a server is listening on, so other processes can name it. */
export function updateStoreLockUrl(lock: StoreLock, url: string): void {
  const holder = readHolder(lock.file)
  if (holder?.pid !== process.pid) return
  const fd = openSync(lock.file, 'w', 0o600)
  writeSync(fd, JSON.stringify({ ...holder, url }))
  closeSync(fd)
}

function readHolder(file: string): StoreLockInfo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoreLockInfo
  } catch {
    return null
  }
}
