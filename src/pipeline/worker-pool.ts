// A small pool of protect workers (protect-worker.ts). Blocks go to the least busy worker; each
// call returns a promise for that block's result, so the caller keeps row order by awaiting blocks
// in the order it sent them. A worker that dies fails every block it held, and the pool refuses new
// ones: a run never silently loses records.
import { Worker } from 'node:worker_threads';
import { CordonError } from '../errors.js';
import type { DatasetRecord } from '../io/record.js';
import type { BlockResult } from './apply-block.js';
import type { BlockReply, BlockRequest, ProtectWorkerData } from './protect-worker.js';

/**
 * The old generation of each worker's heap, in MiB. A worker holds the detector's tables, its memos
 * and at most two blocks (BLOCK_CHARS each, protect-records.ts) — about 60 MiB live on a typical
 * table. Without a limit V8 lets the heap grow to several times that before collecting (the copies
 * of every block pass through it), which put a one-worker run over 512 MiB of RSS.
 */
export const WORKER_OLD_SPACE_MB = 256;

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (r: BlockResult) => void; reject: (e: unknown) => void }>;
}

export class ProtectWorkerPool {
  readonly #slots: Slot[] = [];
  #next = 0;
  #failed: CordonError | undefined;

  constructor(size: number, data: ProtectWorkerData) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./protect-worker.js', import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB } });
      const slot: Slot = { worker, pending: new Map() };
      worker.on('message', (m: BlockReply) => {
        const p = slot.pending.get(m.id);
        if (p === undefined) return;
        slot.pending.delete(m.id);
        const { id: _id, ...result } = m;
        p.resolve(result);
      });
      const fail = (why: string) => {
        this.#failed ??= new CordonError('ERR_INTERNAL', `a protect worker ${why}`);
        for (const p of slot.pending.values()) p.reject(this.#failed);
        slot.pending.clear();
      };
      worker.on('error', (e) => fail((e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `ran out of memory (its heap is limited to ${WORKER_OLD_SPACE_MB} MiB)`
        : `failed (${e instanceof Error ? e.name : 'error'})`));
      worker.on('exit', (code) => { if (code !== 0) fail(`exited with code ${code}`); });
      this.#slots.push(slot);
    }
  }

  /** Protects one block in a worker. */
  run(records: readonly DatasetRecord[], rows: readonly number[]): Promise<BlockResult> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#next++;
    return new Promise<BlockResult>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const request: BlockRequest = { id, records, rows };
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
