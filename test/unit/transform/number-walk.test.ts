// fpe on number columns (transform/number-walk.ts): protect walks the FF1 cycle until the output is
// a number of the same class as the input, reveal walks back, and every value round-trips — checked
// over 6-digit values (FF1's smallest domain, where 1 in 10 outputs has a leading zero) and over card-length
// numbers with a kept suffix.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isCanonicalNumber, walkNumber } from '../../../src/transform/number-walk.js';
import { fpe } from '../../../src/transform/operators/fpe.js';
import { testContext } from './context.js';

describe('fpe cycle walking on number columns', () => {
  it('canonical numbers: no leading zero, the JSON spelling', () => {
    for (const t of ['0', '7', '-12', '4111111111111111']) assert.equal(isCanonicalNumber(t, 'integer'), true, t);
    for (const t of ['012', '-0', '1.5', '', '1e3']) assert.equal(isCanonicalNumber(t, 'integer'), false, t);
    assert.equal(isCanonicalNumber('12.5', 'number'), true);
    assert.equal(isCanonicalNumber('12.50', 'number'), false);
    assert.equal(isCanonicalNumber('03.5', 'number'), false);
  });

  it('6-digit values: the output stays in its class and reveals back; the map is a bijection', () => {
    const params = fpe.parseParams({});
    const ctx = testContext();
    const seen = new Map<string, string>();
    let walked = 0;
    for (let n = 0; n < 1_000_000; n += 331) {
      const x = String(n).padStart(6, '0');
      const plain = fpe.apply(x, params, ctx)!;
      const y = walkNumber((t) => fpe.apply(t, params, ctx)!, x, 'integer');
      if (y !== plain) walked++;
      assert.equal(isCanonicalNumber(y, 'integer'), isCanonicalNumber(x, 'integer'), `class of ${x}`);
      assert.equal(y.length, 6);
      assert.equal(walkNumber((t) => fpe.invert!(t, params, ctx), y, 'integer'), x);
      assert.equal(seen.has(y), false, 'no two inputs share an output');
      seen.set(y, x);
    }
    assert.ok(walked > 0, 'some outputs needed a walk');
  });

  it('card-length numbers with keepLast: a 16-digit number without a leading zero', () => {
    const params = fpe.parseParams({ keepLast: 4 });
    const ctx = testContext();
    for (let i = 0; i < 300; i++) {
      const x = `4${String(i * 7919).padStart(11, '0')}1111`;
      const y = walkNumber((t) => fpe.apply(t, params, ctx)!, x, 'integer');
      assert.match(y, /^[1-9]\d{11}1111$/);
      assert.equal(walkNumber((t) => fpe.invert!(t, params, ctx), y, 'integer'), x);
    }
  });
});
