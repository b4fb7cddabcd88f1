import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luhnResidue, prepareOperator } from '../../../src/transform/index.js';
import { CordonError } from '../../../src/errors.js';
import { testContext, testKeys } from './context.js';

const ctx = testContext();
const CARDS = ['4111111111111111', '4111 1111 1111 1111', '5500-0000-0000-0004', '4012888888881881', '6011111111111117', '378282246310005', '3530111333300000', '4000056655665556'];
const digitsOf = (s: string): number[] => [...s.replace(/\D/g, '')].map(Number);
const shape = (s: string): string => s.replace(/\d/g, '9');

describe('transform: fpe', () => {
  it('digits: round-trips, deterministic, keeps length and separators', () => {
    const op = prepareOperator('fpe');
    for (const v of [...CARDS, '123456', '555-867-5309', '+1 212 555 0100'.slice(1), '00000000000000000000000000000000000000']) {
      const out = op.apply(v, ctx)!;
      assert.equal(shape(out), shape(v), v);
      assert.notEqual(out, v);
      assert.equal(op.apply(v, ctx), out, 'deterministic');
      assert.equal(op.invert!(out, ctx), v);
    }
  });

  it('cards with keepFirst 6, keepLast 4, luhn: ends kept, Luhn-valid output, reversible', () => {
    const op = prepareOperator('fpe', { keepFirst: 6, keepLast: 4, luhn: true });
    for (const v of CARDS.filter((c) => digitsOf(c).length >= 16)) {
      assert.equal(luhnResidue(digitsOf(v)), 0, `${v} is a valid test card`);
      const out = op.apply(v, ctx)!;
      assert.equal(shape(out), shape(v));
      const [d, o] = [digitsOf(v), digitsOf(out)];
      assert.deepEqual(o.slice(0, 6), d.slice(0, 6));
      assert.deepEqual(o.slice(-4), d.slice(-4));
      assert.notDeepEqual(o, d);
      assert.equal(luhnResidue(o), 0, `${out} passes Luhn`);
      assert.equal(op.invert!(out, ctx), v);
    }
  });

  it('luhn keeps the residue of a number that fails Luhn, and still round-trips', () => {
    const op = prepareOperator('fpe', { keepFirst: 6, keepLast: 4, luhn: true });
    for (let i = 0; i < 50; i++) {
      const v = `4${String(1e14 + i * 7919_1234).padStart(15, '0')}`;
      const out = op.apply(v, ctx)!;
      assert.equal(luhnResidue(digitsOf(out)), luhnResidue(digitsOf(v)));
      assert.equal(op.invert!(out, ctx), v);
    }
  });

  it('the kept ends and the scope are in the tweak; another key gives another output', () => {
    const op = prepareOperator('fpe', { keepFirst: 6, keepLast: 4 });
    const a = op.apply('4111111111111111', ctx)!.slice(6, 12);
    const b = op.apply('5111111111111111', ctx)!.slice(6, 12);
    assert.notEqual(a, b, 'same middle, different BIN → different middle');
    assert.notEqual(prepareOperator('fpe', { keepFirst: 6, keepLast: 4, scope: 'x' }).apply('4111111111111111', ctx)!.slice(6, 12), a);
    assert.notEqual(op.apply('4111111111111111', testContext({ keys: testKeys(5) }))!.slice(6, 12), a);
  });

  it('alphanumeric and hex alphabets', () => {
    for (const [alphabet, v, re] of [['alphanumeric', 'AB12-cd34-EF56', /^[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}$/], ['hex', 'deadbeef', /^[0-9a-f]{8}$/]] as const) {
      const op = prepareOperator('fpe', { alphabet });
      const out = op.apply(v, ctx)!;
      assert.match(out, re);
      assert.notEqual(out, v);
      assert.equal(op.invert!(out, ctx), v);
    }
  });

  it('values outside the domain: ERR_FPE_DOMAIN', () => {
    const op = prepareOperator('fpe');
    for (const v of ['12345', '', '12a456789', '123.456.789', '١٢٣٤٥٦٧']) assert.throws(() => op.apply(v, ctx), { code: 'ERR_FPE_DOMAIN' }, v);
    // A 15-digit Amex with 6+4 kept leaves 5 digits: below the 10^6 minimum domain.
    assert.throws(() => prepareOperator('fpe', { keepFirst: 6, keepLast: 4 }).apply('378282246310005', ctx), { code: 'ERR_FPE_DOMAIN' });
    assert.throws(() => prepareOperator('fpe', { keepFirst: 10, keepLast: 10 }).apply('1234567890', ctx), { code: 'ERR_FPE_DOMAIN' });
  });
});

describe('transform: fpe luhn over random valid cards', () => {
  it('200 random 16-digit Luhn-valid numbers: valid output, ends kept, round trip', () => {
    const op = prepareOperator('fpe', { keepFirst: 6, keepLast: 4, luhn: true });
    let seed = 12345;
    const next = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % 10; };
    for (let n = 0; n < 200; n++) {
      const d = Array.from({ length: 15 }, next);
      d.push((10 - luhnResidue([...d, 0])) % 10);
      const v = d.join('');
      assert.equal(luhnResidue(d), 0);
      const out = op.apply(v, ctx)!;
      assert.equal(out.length, 16);
      assert.equal(luhnResidue(digitsOf(out)), 0, out);
      assert.equal(out.slice(0, 6) + out.slice(12), v.slice(0, 6) + v.slice(12));
      assert.equal(op.invert!(out, ctx), v);
    }
  });
});

describe('transform: fpe over a column (applyColumn)', () => {
  const throwsOf = (f: () => unknown): { code: string; message: string; details: unknown } | undefined => {
    try { f(); } catch (e) { const c = e as CordonError; return { code: c.code, message: c.message, details: c.details }; }
    return undefined;
  };

  it('gives apply\'s output for every value, for every alphabet and option, repeated values included', () => {
    const sets: Array<[Record<string, unknown>, string[]]> = [
      [{}, [...CARDS, '123456', '555-867-5309', '00000000000000000000000000000000000000', '1234567890123456789012345678901234567890123456789012345678901234567890']],
      [{ keepLast: 4 }, [...CARDS, ...CARDS]],
      [{ keepFirst: 6, keepLast: 4, luhn: true }, CARDS.filter((c) => digitsOf(c).length >= 16)],
      [{ alphabet: 'hex', separators: ':' }, ['de:ad:be:ef:00:11', '0123456789abcdef', 'ffffff']],
      [{ alphabet: 'alphanumeric', separators: ' \u{1F600}' }, ['AB12 cd34 \u{1F600}EF', 'Zz9\u{1F600}\u{1F600}yY8xX', 'abcdef']],
      [{ scope: 'orders' }, ['4111111111111111', '4111111111111111']],
    ];
    for (const [params, values] of sets) {
      const op = prepareOperator('fpe', params);
      const col = op.applyColumn!(values, ctx);
      assert.equal(col.error, undefined, JSON.stringify(params));
      assert.deepEqual(col.out, values.map((v) => op.apply(v, ctx)), JSON.stringify(params));
    }
  });

  it('many random cards: the column form equals apply value by value (fresh outputs, not a cache)', () => {
    const op = prepareOperator('fpe', { keepLast: 4 });
    const values = Array.from({ length: 3000 }, (_, i) => String(4000000000000000 + ((i * 2654435761) % 1e15)));
    assert.deepEqual(op.applyColumn!(values, ctx).out, values.map((v) => op.apply(v, ctx)));
  });

  it('stops at the first value apply refuses: same code, message and details; the values before it done', () => {
    const op = prepareOperator('fpe', { keepLast: 4 });
    const values = ['4111111111111111', '5555555555554444', '41111x11', '12', '4012888888881881'];
    const col = op.applyColumn!(values, ctx);
    assert.equal(col.error?.index, 2);
    assert.deepEqual(throwsOf(() => { throw col.error!.error; }), throwsOf(() => op.apply(values[2]!, ctx)));
    assert.deepEqual(col.out, values.slice(0, 2).map((v) => op.apply(v, ctx)));
    // Too short after keepLast, and a lone surrogate: each refused as apply refuses it.
    for (const bad of ['12345', 'ab\uD800cd']) {
      const r = op.applyColumn!(['4111111111111111', bad], ctx);
      assert.equal(r.error?.index, 1);
      assert.deepEqual(throwsOf(() => { throw r.error!.error; }), throwsOf(() => op.apply(bad, ctx)));
    }
    // A missing key fails the first value, as apply does.
    const noKey = testContext({ keys: { material: () => { throw new CordonError('ERR_KEY_NOT_FOUND', 'no key'); }, materialVersion: () => { throw new CordonError('ERR_KEY_NOT_FOUND', 'no key'); } } });
    const r = op.applyColumn!(['4111111111111111'], noKey);
    assert.equal(r.error?.index, 0);
    assert.equal((r.error?.error as CordonError).code, 'ERR_KEY_NOT_FOUND');
  });
});
