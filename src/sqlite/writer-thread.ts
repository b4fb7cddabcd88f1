// One worker thread that owns its own connection to an SQLite file and answers messages in order:
// the vault's writer and reader (src/vault/store/sqlite-writer.ts) and the audit log's append
// thread (src/audit/store/sqlite-append-thread.ts). What they share lives here: the start, the
// failures and the bounded close. A call resolves with the worker's reply, or rejects with the
// caller's error for a refused one. A worker that cannot open its file (it answers id 0 with an
// error, then exits), fails or stops fails every waiting and later call with the caller's
// `unavailable` error: nothing is acknowledged that the worker did not answer (fail closed). The
// thread keeps the process alive only while a call is in flight. Never sees or logs a bound value.
import { Worker, type TransferListItem } from 'node:worker_threads';
import type { CordonError } from '../errors.js';

/** What every reply carries: the call's id; an error when the worker refused it. */
export interface ThreadReply {
  readonly id: number;
  readonly error?: { readonly message: string };
}

export interface WriterThreadOptions<R extends ThreadReply> {
  /** What the worker opens, for the error when it cannot ("the vault database"). */
  readonly what: string;
  /** The error every waiting and later call gets once the thread is unusable (`why` says what happened). */
  readonly unavailable: (why: string) => CordonError;
  /** The caller's error for a reply that carries one. */
  readonly refused: (reply: R) => unknown;
}

/** How long close() lets the worker finish what was posted before ending it (its open transaction rolls back). */
export const CLOSE_BOUND_MS = 10_000;

/**
 * A started worker and its calls.
 *
 * @example
 * ```ts
 * const t = new WriterThread<Msg, Reply>(new URL('./my-worker.js', import.meta.url), { path }, {
 *   what: 'the vault database', unavailable: (why) => new CordonError('ERR_STORE_UNAVAILABLE', why), refused: (r) => new Error(r.error!.message),
 * });
 * const reply = await t.call((id) => ({ id, rows }));
 * await t.close();
 * ```
 */
export class WriterThread<M extends { readonly id: number }, R extends ThreadReply> {
  readonly #worker: Worker;
  readonly #calls = new Map<number, { resolve(r: R): void; reject(e: unknown): void }>();
  readonly #unavailable: (why: string) => CordonError;
  #next = 1;
  #failed: CordonError | undefined;
  readonly #exited: Promise<void>;

  constructor(script: URL, workerData: unknown, options: WriterThreadOptions<R>) {
    const worker = new Worker(script, { workerData });
    this.#worker = worker;
    this.#unavailable = options.unavailable;
    // Referenced only while a call is in flight: a store nobody closes does not keep the process alive.
    worker.unref();
    worker.on('message', (r: R) => {
      if (r.id === 0 && r.error !== undefined) {
        this.#fail(`cannot open ${options.what}: ${r.error.message}`);
        return;
      }
      const call = this.#calls.get(r.id);
      if (call === undefined) return;
      this.#calls.delete(r.id);
      if (this.#calls.size === 0) worker.unref();
      if (r.error === undefined) call.resolve(r);
      else call.reject(options.refused(r));
    });
    worker.on('error', (e) => this.#fail(`failed: ${e.message}`));
    this.#exited = new Promise((resolve) => worker.once('exit', () => {
      this.#fail('has stopped');
      resolve();
    }));
  }

  #fail(why: string): void {
    this.#failed ??= this.#unavailable(why);
    for (const call of this.#calls.values()) call.reject(this.#failed);
    this.#calls.clear();
  }

  /** Posts the message `make` builds with its id (transferring `transfer`); resolves with the worker's reply. */
  call(make: (id: number) => M, transfer: readonly TransferListItem[] = []): Promise<R> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const m = make(this.#next++);
    return new Promise<R>((resolve, reject) => {
      this.#calls.set(m.id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage(m, transfer);
    });
  }

  /** Stops the worker after the calls already posted (the caller posts no more), within CLOSE_BOUND_MS. */
  async close(): Promise<void> {
    if (this.#failed === undefined) {
      this.#worker.ref();
      this.#worker.postMessage('stop');
      const timer = setTimeout(() => void this.#worker.terminate(), CLOSE_BOUND_MS);
      await this.#exited;
      clearTimeout(timer);
    } else {
      await this.#worker.terminate();
    }
  }
}
