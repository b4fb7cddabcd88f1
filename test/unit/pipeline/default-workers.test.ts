// The default number of protect workers: none for small inputs, else the cores the main thread leaves (1 or 2).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultWorkers, PARALLEL_FROM_BYTES } from '../../../src/pipeline/protect-file.js';

describe('defaultWorkers', () => {
  it('runs small inputs inline whatever the cores', () => {
    assert.equal(defaultWorkers(PARALLEL_FROM_BYTES - 1, 8), 0);
    assert.equal(defaultWorkers(0, 1), 0);
  });
  it('leaves the main thread a core: 1 worker on 1 or 2 cores, 2 from 3 cores on', () => {
    assert.deepEqual([1, 2, 3, 4, 64].map((c) => defaultWorkers(PARALLEL_FROM_BYTES, c)), [1, 1, 2, 2, 2]);
  });
});
