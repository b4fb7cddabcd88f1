// Option parsers: what a user types is refused with ERR_USAGE (exit 2) at the boundary, never passed on
// to fail deeper as an internal error (`rag ingest --max-chars 60` was ERR_INTERNAL from splitText).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePositiveInt } from '../../../src/cli/options.js';

describe('cli options: parsePositiveInt', () => {
  it('accepts whole numbers in range and refuses the rest with ERR_USAGE', () => {
    const p = parsePositiveInt('--max-chars', { min: 64, max: 100_000 });
    assert.equal(p('64'), 64);
    assert.equal(p('100000'), 100_000);
    for (const bad of ['60', '0', '100001', '-5', '1.5', '1e3', '', ' 80', '80x']) {
      assert.throws(() => p(bad), (e: { code?: string; message?: string }) => e.code === 'ERR_USAGE' && e.message!.includes('--max-chars'), bad);
    }
    assert.equal(parsePositiveInt('--workers')('3'), 3);
    assert.throws(() => parsePositiveInt('--workers')('0'), { code: 'ERR_USAGE' });
  });
});
