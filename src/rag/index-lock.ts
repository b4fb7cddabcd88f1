// One writer per RAG index at a time, across processes: `cordon rag ingest` runs replace a document's
// chunks (delete, then add) and create the table on first use, and LanceDB gives no transaction over
// those steps, so two ingests into one index could lose chunks or fail on "table exists". The lock
// is a file `<index>.lock` beside the table, created with O_EXCL (one creator wins) and holding the
// owner's pid and a random token; it is removed by its owner only (token checked). A lock whose pid
// no longer runs on this host is stale and is taken over. Shared folders across hosts (NFS) are not
// covered: there the pid says nothing; use one ingesting host per workspace.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomId } from '../crypto/random.js';
import { CordonError } from '../errors.js';

export interface IndexLockOptions {
  /** Milliseconds to wait for another writer before giving up (default 120 000). */
  readonly timeoutMs?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new CordonError('ERR_IO', `cannot create the index lock: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
  try {
    writeSync(fd, `${process.pid} ${token}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes a lock whose owner is gone (its pid no longer runs); true when it did. */
function clearStale(path: string): boolean {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch {
    return true; // released meanwhile: try again
  }
  const pid = Number(content.split(' ')[0]);
  // A lock being written (empty for an instant) or held by a live process is not stale.
  if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) return false;
  try {
    // Only the content we judged stale is removed: re-read right before unlinking.
    if (readFileSync(path, 'utf8') === content) unlinkSync(path);
  } catch { /* someone else cleared it */ }
  return true;
}

/**
 * Runs `work` holding the index's write lock in `dir`.
 *
 * @example
 * await withIndexLock(join(home, 'rag'), 'kb', () => table.add(rows));
 */
export async function withIndexLock<T>(dir: string, index: string, work: () => Promise<T>, options: IndexLockOptions = {}): Promise<T> {
  const path = join(dir, `${index}.lock`);
  const token = randomId();
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (let wait = 10; !tryCreate(path, token); wait = Math.min(wait * 2, 250)) {
    if (clearStale(path)) continue;
    if (Date.now() > deadline) throw new CordonError('ERR_STORE_UNAVAILABLE', `index ${index} is being written by another process; retry when it is done`);
    await new Promise((r) => setTimeout(r, wait));
  }
  try {
    return await work();
  } finally {
    try {
      if (readFileSync(path, 'utf8') === `${process.pid} ${token}\n`) unlinkSync(path);
    } catch { /* already gone */ }
  }
}
