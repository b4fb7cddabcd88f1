// deterministic over a column (applyColumn, sealed by aesSivSealEach) against apply value by value:
// the same tokens (short, multi-byte, astral and long values, repeats), and the first failure apply
// would meet (a lone surrogate, a missing key) with apply's own code and message.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CordonError } from '../../../src/errors.js';
import { prepareOperator } from '../../../src/transform/index.js';
import { testContext } from './context.js';

const ctx = testContext();
const failure = (f: () => unknown): { code: string; message: string } | undefined => {
  try { f(); } catch (e) { return { code: (e as CordonError).code, message: (e as CordonError).message }; }
  return undefined;
};

describe('transform: deterministic over a column (applyColumn)', () => {
  it('gives apply\'s token for every value, for two scopes', () => {
    const values = ['a', 'ann@example.com', 'ann@example.com', 'Zoë Ñandú', '\u{1F600} smile', 'x'.repeat(127), 'y'.repeat(128), 'z'.repeat(129), 'é'.repeat(5000),
      ...Array.from({ length: 500 }, (_, i) => `person${i}@example.com`)];
    for (const scope of ['default', 'orders']) {
      const op = prepareOperator('deterministic', { scope });
      const col = op.applyColumn!(values, ctx);
      assert.equal(col.error, undefined);
      assert.deepEqual(col.out, values.map((v) => op.apply(v, ctx)));
      assert.deepEqual(op.applyColumn!(values.slice(0, 1), ctx).out, [op.apply(values[0]!, ctx)]);
      assert.deepEqual(op.applyColumn!([], ctx).out, []);
      // Round trip through invert, as apply's tokens.
      assert.equal(op.invert!(col.out[3]!, ctx), values[3]);
    }
  });

  it('stops at the first value apply refuses, with apply\'s error; the values before it done', () => {
    const op = prepareOperator('deterministic');
    const values = ['a', 'b', 'bad \uD800', 'c', 'bad \uDC00'];
    const col = op.applyColumn!(values, ctx);
    assert.equal(col.error?.index, 2);
    assert.deepEqual(failure(() => { throw col.error!.error; }), failure(() => op.apply(values[2]!, ctx)));
    assert.deepEqual(col.out, ['a', 'b'].map((v) => op.apply(v, ctx)));
    const first = op.applyColumn!(['\uD800', 'a'], ctx);
    assert.equal(first.error?.index, 0);
    assert.deepEqual(failure(() => { throw first.error!.error; }), failure(() => op.apply('\uD800', ctx)));
    const noKey = testContext({ keys: { material: () => { throw new CordonError('ERR_KEY_NOT_FOUND', 'no key'); }, materialVersion: () => { throw new CordonError('ERR_KEY_NOT_FOUND', 'no key'); } } });
    const r = op.applyColumn!(['a', 'b'], noKey);
    assert.equal(r.error?.index, 0);
    assert.equal((r.error?.error as CordonError).code, 'ERR_KEY_NOT_FOUND');
    assert.deepEqual(r.out, []);
  });
});
