// The JSONL record reader: one object per line, nested objects flattened, bad lines numbered.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readJsonlRecords } from '../../../src/io/jsonl-records.js';
import { flattenRecord, MAX_DEPTH, scalarText } from '../../../src/io/record.js';
import type { SkippedRecord } from '../../../src/io/csv.js';
import { isCordonError } from '../../../src/errors.js';
import { Instant, LocalDate } from '../../../src/io/value.js';

async function read(text: string | Buffer, skip = false): Promise<{ records: Array<Record<string, string | null>>; skipped: SkippedRecord[] }> {
  const records: Array<Record<string, string | null>> = [];
  const skipped: SkippedRecord[] = [];
  const input = Readable.from([typeof text === 'string' ? Buffer.from(text) : text]);
  for await (const r of readJsonlRecords(input, { onError: skip ? 'skip' : 'fail', onSkip: (s) => skipped.push(s) })) records.push(flattenRecord(r));
  return { records, skipped };
}

describe('readJsonlRecords', () => {
  it('flattens nested objects to dotted names; arrays become JSON; scalars become strings', async () => {
    const { records } = await read('{"id":1,"user":{"email":"a@example.com","address":{"city":"Oslo"}},"tags":["x",2],"ok":true,"n":null,"e":{}}\n\n{"id":2}\n');
    assert.deepEqual(records, [
      { id: '1', 'user.email': 'a@example.com', 'user.address.city': 'Oslo', tags: '["x",2]', ok: 'true', n: null, e: '{}' },
      { id: '2' },
    ]);
  });

  it('stops at a malformed line with its number', async () => {
    await assert.rejects(read('{"a":1}\n{"a":\n'), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /line 2 is not valid JSON/.test(e.message));
    await assert.rejects(read('{"a":1}\n[1,2]\n'), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /line 2 is not a JSON object/.test(e.message));
    await assert.rejects(read(Buffer.from([0x7b, 0x7d, 0x0a, 0xff, 0x0a])), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /line 2 is not valid UTF-8/.test(e.message));
  });

  it('with skip, leaves bad lines out and reports them', async () => {
    const { records, skipped } = await read('{"a":1}\nnope\n"str"\n{"a":4}\n', true);
    assert.deepEqual(records, [{ a: '1' }, { a: '4' }]);
    assert.deepEqual(skipped.map((s) => s.line), [2, 3]);
  });

  it('refuses empty input', async () => {
    await assert.rejects(read(''), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /empty input/.test(e.message));
    await assert.rejects(read('\n \n'), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /only blank lines/.test(e.message));
  });
});

describe('flattenRecord', () => {
  it('keeps the first of colliding names, and "__proto__" as a plain key', () => {
    const r = flattenRecord(JSON.parse('{"a.b":"1","a":{"b":"2"},"__proto__":"x"}') as Record<string, unknown>);
    assert.equal(r['a.b'], '1');
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(r, '__proto__')?.value, 'x');
  });

  it('stops flattening at MAX_DEPTH and keeps the rest as JSON', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < MAX_DEPTH + 2; i++) deep = { d: deep };
    const r = flattenRecord(deep);
    const [name, value] = Object.entries(r)[0]!;
    assert.equal(name.split('.').length, MAX_DEPTH);
    assert.match(value!, /^\{"d":/);
  });

  it('scalarText: dates as ISO 8601, bigints exact, bytes as null', () => {
    assert.equal(scalarText(new Date(Date.UTC(2020, 0, 2))), '2020-01-02T00:00:00.000Z');
    assert.equal(scalarText(12345678901234567890n), '12345678901234567890');
    assert.equal(scalarText(new Uint8Array([1, 2])), null);
    assert.equal(scalarText(new Uint8Array([0xff, 0x41])), null, 'not UTF-8: binary');
    assert.equal(scalarText(new TextEncoder().encode('jo@example.com')), 'jo@example.com', 'unannotated text is still read as text');
    assert.equal(scalarText([1n, 'a']), '[1,"a"]', 'a bigint in a list stays an exact JSON number');
    assert.equal(scalarText(new LocalDate(18263)), '2020-01-02');
    assert.equal(scalarText(new Instant(1577923200123456n, 'MICROS')), '2020-01-02T00:00:00.123456Z');
  });
});
