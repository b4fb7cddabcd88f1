// A small pool of worker threads that answer blocks: protect's (protect-worker.ts) and `cordon
// detect`'s (cli/commands/detect-worker.ts). Each request carries an id and its reply carries it
// back; a block goes to the least busy worker and its call returns a promise for that block's reply,
// so a caller keeps input order by awaiting blocks in the order it sent them. Fail closed: a worker
// that fails, runs out of heap or exits while the pool is open fails every block it held, and the
// pool refuses new ones, so a run never silently loses a block. Error messages name the pool's kind
// and the failure's type only, never a value.
import { Worker } from 'node:worker_threads';
import { CordonError } from '../errors.js';

/**
 * The old generation of each worker's heap, in MiB. A worker holds its detector's tables (~60 MiB),
 * its memos and at most two blocks with their answers. Without a limit V8 lets the heap grow to
 * several times that before collecting (the copies of every block pass through it), which put a
 * one-worker protect run over 512 MiB of RSS.
 */
export const WORKER_OLD_SPACE_MB = 256;

/** A request as it crosses to the worker: the caller's block and the pool's id. */
export type BlockRequest<B> = B & { readonly id: number };
/** A reply as it comes back: the worker's answer and the request's id. */
export type BlockReply<R> = R & { readonly id: number };

export interface BlockWorkerPoolOptions {
  /** The worker's entry module. */
  readonly worker: URL;
  /** Workers started at once (they set up while the caller reads its first block). */
  readonly size: number;
  /** workerData, given to every worker once (structured-cloned). */
  readonly data: unknown;
  /** The kind of worker, for messages: "a protect worker exited with code 1". */
  readonly label: string;
  /** Old-generation heap limit of each worker in MiB (default WORKER_OLD_SPACE_MB). */
  readonly heapMb?: number;
}

interface Slot<R> {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (r: R) => void; reject: (e: unknown) => void }>;
}

/**
 * @example
 * ```ts
 * const pool = new BlockWorkerPool<{ lines: string[] }, Answer>({ worker: new URL('./w.js', import.meta.url), size: 2, data: {}, label: 'detect' });
 * try { const a = await pool.run({ lines }); } finally { await pool.close(); }
 * ```
 */
export class BlockWorkerPool<B extends object, R extends object> {
  readonly #slots: Array<Slot<R>> = [];
  #next = 0;
  #failed: CordonError | undefined;
  readonly #label: string;

  constructor(options: BlockWorkerPoolOptions) {
    this.#label = options.label;
    const heapMb = options.heapMb ?? WORKER_OLD_SPACE_MB;
    for (let i = 0; i < options.size; i++) {
      const worker = new Worker(options.worker, { workerData: options.data, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
      const slot: Slot<R> = { worker, pending: new Map() };
      worker.on('message', (m: BlockReply<R>) => {
        const p = slot.pending.get(m.id);
        if (p === undefined) return;
        slot.pending.delete(m.id);
        const { id: _id, ...reply } = m;
        p.resolve(reply as unknown as R);
      });
      const fail = (why: string) => {
        this.#failed ??= new CordonError('ERR_INTERNAL', `a ${options.label} worker ${why}`);
        for (const p of slot.pending.values()) p.reject(this.#failed);
        slot.pending.clear();
      };
      worker.on('error', (e) => fail((e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `ran out of memory (its heap is limited to ${heapMb} MiB)`
        : `failed (${e instanceof Error ? e.name : 'error'})`));
      // Any exit while the pool is open is a failure, whatever its code: a worker that ended cannot answer the blocks it holds.
      worker.on('exit', (code) => fail(`exited with code ${code}`));
      this.#slots.push(slot);
    }
  }

  /** Workers in the pool. */
  get size(): number {
    return this.#slots.length;
  }

  /** Answers one block in the least busy worker. */
  run(block: B): Promise<R> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#next++;
    return new Promise<R>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const request: BlockRequest<B> = { ...block, id };
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    // Exits from here on are ours: they must not be reported as failures, and no block may start.
    this.#failed ??= new CordonError('ERR_INTERNAL', `the ${this.#label} workers were stopped`);
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
