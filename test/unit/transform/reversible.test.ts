import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATORS, prepareOperator } from '../../../src/transform/index.js';
import { testContext, testKeys } from './context.js';

const TEXT_VALUES = ['Ann', 'ann@example.com', '', 'Zoë Ðurić', '東京都千代田区', '👩🏽‍⚕️ patient', 'a'.repeat(1000), '123-45-6789', ' spaced '];
const ctx = testContext();

describe('transform: reversible operators round-trip', () => {
  for (const name of ['deterministic', 'encrypt', 'keep'] as const) {
    it(`${name}: invert(apply(x)) = x`, () => {
      const op = prepareOperator(name);
      for (const v of TEXT_VALUES) assert.equal(op.invert!(op.apply(v, ctx)!, ctx), v);
    });
  }

  it('only keep, deterministic, fpe and encrypt are reversible', () => {
    const rev = Object.values(OPERATORS).filter((o) => o.reversible).map((o) => o.name).sort();
    assert.deepEqual(rev, ['deterministic', 'encrypt', 'fpe', 'keep']);
  });

  it('outputs of a rotated-out key version still invert', () => {
    const oldCtx = testContext({ keys: testKeys(0, 1) });
    for (const name of ['deterministic', 'encrypt']) {
      const op = prepareOperator(name);
      const token = op.apply('Ann', oldCtx)!;
      assert.match(token, /_v1_/);
      assert.match(op.apply('Ann', ctx)!, /_v2_/);
      assert.equal(op.invert!(token, ctx), 'Ann');
    }
  });
});

describe('transform: deterministic', () => {
  const op = prepareOperator('deterministic');
  it('same input, key and scope → same token, whatever dataset or field', () => {
    const a = op.apply('ann@example.com', ctx)!;
    assert.match(a, /^det_v2_[A-Za-z0-9_-]+$/);
    assert.equal(op.apply('ann@example.com', testContext({ dataset: 'claims', field: 'contact' })), a);
    assert.notEqual(op.apply('bob@example.com', ctx), a);
  });
  it('another scope or key gives another token and fails to invert', () => {
    const a = op.apply('Ann', ctx)!;
    const other = prepareOperator('deterministic', { scope: 'research' });
    assert.notEqual(other.apply('Ann', ctx), a);
    assert.throws(() => other.invert!(a, ctx), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => op.invert!(a, testContext({ keys: testKeys(9) })), { code: 'ERR_DECRYPTION_FAILED' });
  });
  it('any change to the token fails with ERR_DECRYPTION_FAILED', () => {
    assertTamperFails(op.apply('Ann', ctx)!, (t) => op.invert!(t, ctx));
  });
});

describe('transform: encrypt', () => {
  const op = prepareOperator('encrypt');
  it('same input → different outputs (random nonce)', () => {
    const a = op.apply('Ann', ctx)!;
    assert.match(a, /^enc_v2_[A-Za-z0-9_-]+$/);
    assert.notEqual(op.apply('Ann', ctx), a);
  });
  it('moved to another field or dataset, or another key: ERR_DECRYPTION_FAILED', () => {
    const a = op.apply('Ann', ctx)!;
    assert.throws(() => op.invert!(a, testContext({ field: 'phone' })), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => op.invert!(a, testContext({ dataset: 'claims' })), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => op.invert!(a, testContext({ keys: testKeys(9) })), { code: 'ERR_DECRYPTION_FAILED' });
    // The version is in the AAD: relabelling a token with another version fails too.
    assert.throws(() => op.invert!(a.replace('enc_v2_', 'enc_v1_'), ctx), { code: 'ERR_DECRYPTION_FAILED' });
  });
  it('any change to the token fails with ERR_DECRYPTION_FAILED', () => {
    assertTamperFails(op.apply('Ann', ctx)!, (t) => op.invert!(t, ctx));
  });
});

/** Every one-character change, truncation and malformed header fails with the one code. */
function assertTamperFails(token: string, invert: (t: string) => string): void {
  const body = token.indexOf('_', 4) + 1;
  for (let i = body; i < token.length; i++) {
    const c = token[i] === 'A' ? 'B' : 'A';
    const bad = token.slice(0, i) + c + token.slice(i + 1);
    assert.throws(() => invert(bad), { code: 'ERR_DECRYPTION_FAILED' }, `change at ${i}`);
  }
  for (const bad of [token.slice(0, -1), token.slice(0, body + 10), token.slice(0, body), token + 'A', 'det_' + token, token.replace(/_v2_/, '_v02_'), token.replace(/_v2_/, '_'), 'plain', token + '=']) {
    assert.throws(() => invert(bad), { code: 'ERR_DECRYPTION_FAILED' }, bad.slice(0, 20));
  }
}
