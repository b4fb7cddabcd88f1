import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { placeholderIndex, prepareOperator, type PlaceholderIndex } from '../../../src/transform/index.js';
import { testContext, testKeys } from './context.js';

const ctx = testContext();

describe('transform: keep, drop, redact', () => {
  it('keep returns the value, drop returns null', () => {
    assert.equal(prepareOperator('keep').apply('Paris', ctx), 'Paris');
    assert.equal(prepareOperator('drop').apply('123-45-6789', ctx), null);
  });

  it('redact: typed placeholder', () => {
    assert.equal(prepareOperator('redact').apply('Ann', ctx), '<REDACTED>');
    assert.equal(prepareOperator('redact', { entity: 'PERSON' }).apply('Ann', ctx), '<PERSON>');
  });

  it('redact indexed: the same value keeps its index within a record, per entity', () => {
    const person = prepareOperator('redact', { entity: 'PERSON', indexed: true });
    const email = prepareOperator('redact', { entity: 'EMAIL', indexed: true });
    const record = testContext({ placeholders: new Map() });
    assert.deepEqual(
      [person.apply('Ann', record), person.apply('Bob', record), person.apply('Ann', record), email.apply('a@x.org', record)],
      ['<PERSON_1>', '<PERSON_2>', '<PERSON_1>', '<EMAIL_1>'],
    );
    assert.equal(person.apply('Bob', testContext({ placeholders: new Map() })), '<PERSON_1>', 'a new record starts again');
    assert.throws(() => person.apply('Ann', ctx), TypeError);
  });

  it('placeholderIndex helper', () => {
    const seen: PlaceholderIndex = new Map();
    assert.deepEqual(['x', 'y', 'x', 'z'].map((v) => placeholderIndex(seen, 'E', v)), [1, 2, 1, 3]);
  });
});

describe('transform: mask', () => {
  const cases: Array<[unknown, string, string]> = [
    [{}, 'secret', '******'],
    [{ keepLast: 4 }, '4111111111111111', '************1111'],
    [{ keepFirst: 1, keepLast: 1, char: '#' }, 'Ann', 'A#n'],
    [{ keepFirst: 2 }, 'Zoë Ðurić', 'Zo*******'],
    [{ keepLast: 2 }, '👩🏽東京都', '***京都'],
    [{ keepFirst: 1, char: '•' }, '😀😀😀', '😀••'],
    [{ keepLast: 4 }, '123', '***'],
    [{ keepFirst: 2, keepLast: 2 }, 'abcd', '****'],
    [{ keepLast: 4 }, '', ''],
  ];
  for (const [params, input, expected] of cases) {
    it(`${JSON.stringify(params)}: ${input} → ${expected}`, () => {
      assert.equal(prepareOperator('mask', params).apply(input, ctx), expected);
    });
  }
});

describe('transform: hash', () => {
  it('keyed, deterministic, hex of the requested length', () => {
    const op = prepareOperator('hash');
    const a = op.apply('ann@example.com', ctx)!;
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.equal(op.apply('ann@example.com', ctx), a);
    assert.notEqual(op.apply('Ann@example.com', ctx), a);
    assert.notEqual(op.apply('ann@example.com', testContext({ keys: testKeys(3) })), a, 'another key');
    assert.match(prepareOperator('hash', { length: 16 }).apply('x', ctx)!, /^[0-9a-f]{16}$/);
    assert.match(prepareOperator('hash', { length: 64 }).apply('x', ctx)!, /^[0-9a-f]{64}$/);
    assert.match(prepareOperator('hash', { encoding: 'base64url', length: 43 }).apply('x', ctx)!, /^[A-Za-z0-9_-]{43}$/);
  });

  it('scope key joins across datasets and fields; scope field does not', () => {
    const other = testContext({ dataset: 'claims', field: 'contact' });
    const byKey = prepareOperator('hash');
    assert.equal(byKey.apply('ann@example.com', other), byKey.apply('ann@example.com', ctx));
    const byField = prepareOperator('hash', { scope: 'field' });
    assert.notEqual(byField.apply('ann@example.com', other), byField.apply('ann@example.com', ctx));
    assert.notEqual(byField.apply('ann@example.com', ctx), byKey.apply('ann@example.com', ctx));
    assert.equal(byField.apply('ann@example.com', ctx), byField.apply('ann@example.com', ctx));
  });
});

describe('transform: sensitive operators never return their input', () => {
  const subjectCtx = testContext({ subject: 'p-17', placeholders: new Map() });
  const cases: Array<[string, unknown, string[]]> = [
    ['redact', {}, ['Ann', 'REDACTED']],
    ['mask', {}, ['Ann', 'x']],
    ['mask', { keepFirst: 3, keepLast: 3 }, ['abcdef', 'abcdefg']],
    ['hash', {}, ['Ann', '', '0123456789abcdef0123456789abcdef']],
    ['deterministic', {}, ['Ann', '', 'det_v2_AAAA']],
    ['encrypt', {}, ['Ann', '']],
    ['fpe', {}, ['4111111111111111', '000000']],
    ['generalize', { kind: 'date', to: 'month' }, ['2020-03-04']],
    ['generalize', { kind: 'zip' }, ['12345']],
    ['generalize', { kind: 'number' }, ['42']],
    ['date-shift', {}, ['2020-03-04', '3/4/2020']],
  ];
  for (const [name, params, values] of cases) {
    it(`${name} ${JSON.stringify(params)}`, () => {
      const op = prepareOperator(name, params);
      for (const v of values) assert.notEqual(op.apply(v, subjectCtx), v, v);
    });
  }
});
