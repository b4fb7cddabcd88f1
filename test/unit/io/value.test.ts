// The typed value model (io/value.ts): dates and timestamps print and parse without loss, JSON
// text keeps big integers and "__proto__", setPath copies only what it changes, and drafting a
// logicalType reads values by their kind and text by its spelling.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal, draftLogicalType, Instant, jsonOf, LocalDate, LocalTime, parseJsonValue, setPath, type TypedRecord } from '../../../src/io/value.js';

describe('value model', () => {
  it('Decimal: exact text at its scale, exact rescaling, no rounding', () => {
    assert.equal(new Decimal(-5n, 2).toString(), '-0.05');
    assert.equal(new Decimal(0n, 3).toString(), '0.000');
    assert.equal(new Decimal(123456789012345678901234567890n, 10).toString(), '12345678901234567890.1234567890');
    assert.equal(new Decimal(-7n, 0).toString(), '-7');
    assert.equal(Decimal.parse('1.5', 2)?.unscaled, 150n);
    assert.equal(Decimal.parse('-0.001', 2), undefined, 'would round');
    assert.equal(Decimal.parse('1e3', 0), undefined, 'no exponent');
    assert.equal(new Decimal(1500n, 3).at(1), 15n);
    assert.equal(new Decimal(1501n, 3).at(1), undefined);
    assert.equal(jsonOf({ d: new Decimal(-10n, 1), e: new Decimal(-1n, 10) }), '{"d":-1,"e":-0.0000000001}');
    // The text view: a double's JSON spelling where it is exact, else every digit.
    assert.deepEqual([new Decimal(1250n, 2), new Decimal(0n, 2), new Decimal(-50n, 2), new Decimal(9007199254740993n, 0), new Decimal(123456789012345678901234567890n, 10)].map((d) => d.text()),
      ['12.5', '0', '-0.5', '9007199254740993', '12345678901234567890.1234567890']);
  });

  it('LocalDate and Instant: ISO text both ways, at the unit\'s precision', () => {
    assert.equal(new LocalDate(0).toString(), '1970-01-01');
    assert.equal(LocalDate.parse('2024-02-29')!.toString(), '2024-02-29');
    assert.equal(LocalDate.parse('1984-03')!.toString(), '1984-03-01');
    assert.equal(LocalDate.parse('2023-02-29'), undefined);
    assert.equal(new Instant(-1n, 'MICROS').toString(), '1969-12-31T23:59:59.999999Z');
    assert.equal(new Instant(1_700_000_000_123_456_789n, 'NANOS').toString(), '2023-11-14T22:13:20.123456789Z');
    assert.equal(Instant.parse('2023-11-14T22:13:20.123456789Z', 'NANOS')!.epoch, 1_700_000_000_123_456_789n);
    assert.equal(Instant.parse('2023-11-14T23:13:20.5+01:00', 'MILLIS')!.epoch, 1_700_000_000_500n);
    assert.equal(Instant.parse('2023-11-14T22:13:20.1234Z', 'MILLIS'), undefined, 'more precision than the unit holds');
  });

  it('JSON: bigints exact, dates as text, "__proto__" an ordinary key', () => {
    const v = parseJsonValue('{"__proto__":{"x":1},"n":[1,2.5,null,true]}');
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.equal(jsonOf(v), '{"__proto__":{"x":1},"n":[1,2.5,null,true]}');
    assert.equal(jsonOf({ big: 12345678901234567890n, d: new LocalDate(1), b: new Uint8Array([1]) }), '{"big":12345678901234567890,"d":"1970-01-02","b":null}');
    const big = parseJsonValue('{"id":12345678901234567890}') as { id: unknown };
    // Exact where JSON.parse gives the reviver the source text (Node 21+); rounded on Node 20.
    assert.ok(big.id === 12345678901234567890n || big.id === 12345678901234567000);
  });

  it('setPath copies the objects along the path only, and sets "__proto__" as a key', () => {
    const inner = { email: 'a', other: { k: 1 } };
    const rec: TypedRecord = { user: inner, keep: { same: true } };
    const owned = new Set<object>();
    let out = setPath(rec, ['user', 'email'], 'x', owned);
    out = setPath(out, ['user', '__proto__'], 'p', owned);
    out = setPath(out, ['keep', 'missing', 'deeper'], 'never', owned);
    assert.deepEqual(inner, { email: 'a', other: { k: 1 } }, 'the input is not changed');
    assert.equal((out['user'] as Record<string, unknown>)['email'], 'x');
    assert.equal(Object.getOwnPropertyDescriptor(out['user'], '__proto__')?.value, 'p');
    assert.equal((out['user'] as Record<string, unknown>)['other'], inner.other, 'untouched branches are shared');
    assert.deepEqual(out['keep'], { same: true }, 'a path that is not there changes nothing');
    assert.equal(Object.hasOwn(setPath(out, ['user', 'email'], undefined, owned)['user'] as object, 'email'), false, 'undefined removes the field');
  });

  it('LocalTime: ISO 8601 time of day at its unit, parsed back exactly; finer than the unit or out of range refused', () => {
    const t = new LocalTime(49_530_123_000n, 'MICROS');
    assert.equal(t.toString(), '13:45:30.123000');
    assert.equal(jsonOf(t), '"13:45:30.123000"');
    assert.equal(new LocalTime(86_399_999n, 'MILLIS').toString(), '23:59:59.999');
    assert.equal(new LocalTime(1n, 'NANOS').toString(), '00:00:00.000000001');
    assert.deepEqual(LocalTime.parse('13:45:30.123000', 'MICROS'), t);
    assert.deepEqual(LocalTime.parse('13:45:30.123', 'MICROS'), t);
    assert.deepEqual(LocalTime.parse('13:45', 'MILLIS'), new LocalTime(49_500_000n, 'MILLIS'));
    assert.equal(LocalTime.parse('13:45:30.1234', 'MILLIS'), undefined);
    assert.equal(LocalTime.parse('24:00:00', 'MICROS'), undefined);
    assert.equal(LocalTime.parse('13:45:30Z', 'MICROS'), undefined);
    assert.equal(draftLogicalType([t, null], false), 'time');
  });

  it('drafted logicalTypes: values by kind, text by spelling, mixtures as string', () => {
    assert.equal(draftLogicalType([1, 2n, null], false), 'integer');
    assert.equal(draftLogicalType([1, 2.5], false), 'number');
    assert.equal(draftLogicalType(['1', '2'], false), 'string');
    assert.equal(draftLogicalType(['1', '-2', ''], true), 'integer');
    assert.equal(draftLogicalType(['007'], true), 'string');
    assert.equal(draftLogicalType(['1.5', '2'], true), 'number');
    assert.equal(draftLogicalType(['2024-01-31', '1999-12-31'], true), 'date');
    assert.equal(draftLogicalType(['2024-01-31T10:00:00Z'], true), 'timestamp');
    assert.equal(draftLogicalType([new LocalDate(3)], false), 'date');
    assert.equal(draftLogicalType([[1], []], false), 'array');
    // A list of structs is one value (its JSON text): protect refuses structs in an array column.
    assert.equal(draftLogicalType([[{ email: 'a@x.com' }], []], false), 'string');
    assert.equal(draftLogicalType([[[{ a: 1 }]]], false), 'string', 'nested lists of structs too');
    assert.equal(draftLogicalType([['a'], [{ a: 1 }]], false), 'string', 'a mixture');
    assert.equal(draftLogicalType([1, 'a'], true), 'string');
    assert.equal(draftLogicalType([null, ''], true), 'string');
  });
});
