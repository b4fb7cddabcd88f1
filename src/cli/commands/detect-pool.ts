// Worker threads for `cordon detect` (detect-worker.ts). Blocks of lines go to the least busy worker;
// each call returns a promise for that block's answer, so the caller keeps input order by awaiting
// blocks in the order it sent them. A worker that fails fails every block it held, and the pool
// refuses new ones: a run never silently loses lines.
import { Worker } from 'node:worker_threads';
import { CordonError } from '../../errors.js';
import type { BlockResult, InputLine } from './detect-lines.js';
import type { BlockReply, BlockRequest, DetectWorkerData } from './detect-worker.js';

/**
 * The old generation of each worker's heap, in MiB. A worker holds the recognizers' tables (~60 MiB)
 * and at most two blocks of lines with their answers; without a limit V8 lets the heap grow several
 * times past that before collecting.
 */
export const DETECT_WORKER_OLD_SPACE_MB = 256;

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (r: BlockResult) => void; reject: (e: unknown) => void }>;
}

export class DetectWorkerPool {
  readonly #slots: Slot[] = [];
  #next = 0;
  #failed: CordonError | undefined;

  /** Starts `size` workers at once: they load the recognizers while the caller reads its first lines. */
  constructor(size: number, data: DetectWorkerData) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./detect-worker.js', import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: DETECT_WORKER_OLD_SPACE_MB } });
      const slot: Slot = { worker, pending: new Map() };
      worker.on('message', (m: BlockReply) => {
        const p = slot.pending.get(m.id);
        if (p === undefined) return;
        slot.pending.delete(m.id);
        const { id: _id, ...result } = m;
        p.resolve(result);
      });
      const fail = (why: string) => {
        this.#failed ??= new CordonError('ERR_INTERNAL', `a detect worker ${why}`);
        for (const p of slot.pending.values()) p.reject(this.#failed);
        slot.pending.clear();
      };
      worker.on('error', (e) => fail((e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `ran out of memory (its heap is limited to ${DETECT_WORKER_OLD_SPACE_MB} MiB)`
        : `failed (${e instanceof Error ? e.name : 'error'})`));
      worker.on('exit', (code) => fail(`exited with code ${code}`));
      this.#slots.push(slot);
    }
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Answers one block of lines in a worker. */
  run(lines: readonly InputLine[]): Promise<BlockResult> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#next++;
    return new Promise<BlockResult>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const request: BlockRequest = { id, lines };
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    // Exits from here on are ours: they must not be reported as failures.
    this.#failed ??= new CordonError('ERR_INTERNAL', 'the detect workers were stopped');
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
