// An operator's output for a Parquet DECIMAL value goes back as a Decimal at the input's scale only
// when it is spelt exactly as it will be written: nothing is rounded or respelt (fpe's outputs must
// round-trip through reveal).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asTypeOf } from '../../../src/pipeline/typed-output.js';
import { Decimal } from '../../../src/io/value.js';

describe('asTypeOf a Decimal', () => {
  it('keeps the scale and refuses any other spelling', () => {
    const original = new Decimal(12345n, 2);
    const ok = asTypeOf('98765432109876543210.55', original);
    assert.ok(ok instanceof Decimal);
    assert.equal(ok.toString(), '98765432109876543210.55');
    assert.equal(String(asTypeOf('-0.05', original)), '-0.05');
    assert.equal(String(asTypeOf('1.5', original)), '1.50', 'the view of 1.50');
    for (const text of ['1.505', '01.50', '1e2', '-0.00', '1.500', 'x']) assert.equal(asTypeOf(text, original), undefined, text);
    assert.equal(String(asTypeOf('9007199254740993', new Decimal(1n, 0))), '9007199254740993');
  });
});
