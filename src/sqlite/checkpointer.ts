// Background WAL checkpoints for an SQLite file that a latency-sensitive process writes (the vault
// and the audit log under `cordon serve`). SQLite's automatic checkpoint runs inside the commit that crosses the
// threshold, on the writer's thread: with Node that stalls the event loop, and every request in
// flight, for 10–15 ms each time. Here a worker thread with its own connection runs PASSIVE
// checkpoints (they never block the writer or readers) on a timer, and the writer's automatic
// threshold is raised to a safety net. Nothing here changes what is stored or when a commit is
// durable: a checkpoint only copies committed pages from the WAL into the database file.
import { Worker } from 'node:worker_threads';

/** The writer's own automatic checkpoint, kept as a safety net (in pages). */
export const SAFETY_NET_PAGES = 16_384;

export interface CheckpointerOptions {
  /** Milliseconds between checkpoints (default 250). */
  readonly intervalMs?: number;
}

/** A running checkpointer; `stop()` ends the worker (after a last checkpoint). */
export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `path` from a worker thread. The caller's connection should set
 * `wal_autocheckpoint` to SAFETY_NET_PAGES.
 *
 * @example
 * ```ts
 * db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
 * const cp = startCheckpointer('vault.db');
 * // … writes …
 * await cp.stop();
 * ```
 */
export function startCheckpointer(path: string, options: CheckpointerOptions = {}): Checkpointer {
  const worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), { workerData: { path, intervalMs: options.intervalMs ?? 250 } });
  // A worker that cannot open the file or dies leaves the safety net in place; never crash the process.
  worker.on('error', () => undefined);
  worker.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        // Referenced again while stopping, or the process could exit with this promise unsettled.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        // A worker stuck in a long checkpoint is ended after a bounded wait.
        setTimeout(() => void worker.terminate(), 5000).unref();
      });
      return stopped;
    },
  };
}
