// Worker threads for `cordon detect` (detect-worker.ts): the pipeline's block-worker pool
// (pipeline/block-worker-pool.ts) started on the detect worker. Blocks of lines go to the least busy
// worker and their answers come back in the order the caller awaits them; a worker that fails fails
// every block it held and the pool refuses new ones, so a run never silently loses lines.
import { BlockWorkerPool } from '../../pipeline/block-worker-pool.js';
import type { BlockResult } from './detect-lines.js';
import type { DetectBlock, DetectWorkerData } from './detect-worker.js';

export type DetectWorkerPool = BlockWorkerPool<DetectBlock, BlockResult>;

/** Starts `size` workers at once: they load the recognizers while the caller reads its first lines. */
export function startDetectPool(size: number, data: DetectWorkerData): DetectWorkerPool {
  return new BlockWorkerPool<DetectBlock, BlockResult>({ worker: new URL('./detect-worker.js', import.meta.url), size, data, label: 'detect' });
}
