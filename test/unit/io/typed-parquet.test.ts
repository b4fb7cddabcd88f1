// The typed Parquet writer (writers/parquet-schema.ts, write-parquet.ts) read back by our reader:
// drafted types per value kind, dates and timestamps without loss, structs and lists, the input's
// schema kept as a hint (INT32 stays INT32 unless a value leaves its range), and the refusals — a
// column of several types, a field first seen after the drafted row group — each naming the column.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, type SchemaElement } from 'hyparquet';
import { readTypedRecords } from '../../../src/io/dataset.js';
import { Decimal, Instant, jsonOf, LocalDate, type TypedRecord } from '../../../src/io/value.js';
import { createParquetWriter } from '../../../src/io/writers/write-parquet.js';
import { isCordonError } from '../../../src/errors.js';

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'cordon-typed-pq-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

async function write(records: TypedRecord[], options: { rowGroupRows?: number; schemaHint?: readonly SchemaElement[] } = {}): Promise<string> {
  const chunks: Buffer[] = [];
  const w = createParquetWriter({ async write(b) { chunks.push(Buffer.from(b)); } }, options);
  await w.write(records);
  await w.close();
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.parquet`);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

async function read(file: string): Promise<TypedRecord[]> {
  const out: TypedRecord[] = [];
  for await (const r of readTypedRecords(file)) out.push(r);
  return out;
}

const schemaOf = (file: string): SchemaElement[] => parquetMetadata(new Uint8Array(readFileSync(file)).buffer).schema;

describe('typed Parquet output', () => {
  it('drafts a type per value kind and reads every value back as it was', async () => {
    const records: TypedRecord[] = [
      { i: 1, big: 9007199254740993n, f: 1.5, b: true, s: 'x', d: new LocalDate(19_000), t: new Instant(1_700_000_000_123_456n, 'MICROS'), o: { a: 1, n: { z: 'deep' } }, l: ['a', 'b'], nul: null },
      { i: -2, big: 3n, f: 2, b: false, s: 'y', d: new LocalDate(-1), t: new Instant(-5n, 'MICROS'), o: { a: null, n: { z: null } }, l: [], nul: null },
    ];
    const file = await write(records);
    const back = await read(file);
    // INT64 reads back as bigint: compared as JSON, where 1 and 1n are the same number.
    assert.deepEqual(back.map(jsonOf), records.map(jsonOf));
    assert.ok(back[1]!['d'] instanceof LocalDate && back[1]!['t'] instanceof Instant);
    assert.equal(String(back[0]!['t']), '2023-11-14T22:13:20.123456Z');
    const byName = new Map(schemaOf(file).map((e) => [e.name, e]));
    assert.equal(byName.get('i')!.type, 'INT64');
    assert.equal(byName.get('f')!.type, 'DOUBLE', 'integers and fractions together are DOUBLE');
    assert.equal(byName.get('d')!.converted_type, 'DATE');
    assert.deepEqual(byName.get('t')!.logical_type, { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' });
    assert.equal(byName.get('o')!.num_children, 2);
    assert.equal(byName.get('l')!.converted_type, 'LIST');
    assert.equal(byName.get('nul')!.converted_type, 'UTF8', 'always null: an optional string');
  });

  it('binary stays bytes, exactly (not decoded as text and re-encoded)', async () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xc3, 0x41]);
    const back = await read(await write([{ id: 1, blob: bytes }]));
    assert.deepEqual(back[0]!['blob'], bytes);
  });

  it('keeps the input schema element where the values still fit it; INT32 overflow drafts INT64', async () => {
    const hint: SchemaElement[] = [{ name: 'root', num_children: 2 }, { name: 'small', type: 'INT32', repetition_type: 'REQUIRED' }, { name: 'wide', type: 'INT32', repetition_type: 'OPTIONAL' }];
    const file = await write([{ small: 5, wide: 9_417_483_647 }], { schemaHint: hint });
    const byName = new Map(schemaOf(file).map((e) => [e.name, e]));
    assert.deepEqual([byName.get('small')!.type, byName.get('small')!.repetition_type], ['INT32', 'REQUIRED']);
    assert.equal(byName.get('wide')!.type, 'INT64');
    assert.deepEqual((await read(file)).map((r) => [r['small'], r['wide']]), [[5, 9_417_483_647n]]);
  });

  it('refuses a column of several types and a field first seen after the drafted row group, naming the column', async () => {
    await assert.rejects(write([{ id: 1, v: 'a' }, { id: 2, v: 3 }]), (e: unknown) => isCordonError(e) && e.code === 'ERR_INPUT_INVALID' && /column "v" holds values of several types \(integer, string\)/.test(e.message));
    await assert.rejects(write([{ id: 1, u: { a: 'x' } }, { id: 2, u: { a: 'y', b: 'new' } }], { rowGroupRows: 1 }), (e: unknown) => isCordonError(e) && e.code === 'ERR_INPUT_INVALID' && /column "u\.b" is not among/.test(e.message));
    await assert.rejects(write([{ id: 1 }, { id: 2, extra: 1 }], { rowGroupRows: 1 }), (e: unknown) => isCordonError(e) && /column "extra" is not among/.test(e.message));
  });

  it('DECIMAL: read and written exactly at its precision and scale (INT32, INT64, FIXED_LEN_BYTE_ARRAY); a value it cannot hold exactly is refused', async () => {
    const hint: SchemaElement[] = [
      { name: 'root', num_children: 3 },
      { name: 'a', type: 'INT32', converted_type: 'DECIMAL', precision: 9, scale: 2, repetition_type: 'OPTIONAL' },
      { name: 'b', type: 'INT64', converted_type: 'DECIMAL', precision: 18, scale: 0, repetition_type: 'OPTIONAL' },
      { name: 'c', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: 38, scale: 10, repetition_type: 'OPTIONAL' },
    ];
    const records: TypedRecord[] = [
      { a: new Decimal(-999999999n, 2), b: new Decimal(9007199254740993n, 0), c: new Decimal(123456789012345678901234567890n, 10) },
      { a: new Decimal(0n, 2), b: null, c: new Decimal(-99999999999999999999999999999999999999n, 10) },
      { a: 12.5, b: 7n, c: new Decimal(1n, 3) }, // an operator's number or integer, exact at the scale
    ];
    const file = await write(records, { schemaHint: hint });
    assert.deepEqual(schemaOf(file).slice(1).map((e) => [e.type, e.precision, e.scale]), [['INT32', 9, 2], ['INT64', 18, 0], ['FIXED_LEN_BYTE_ARRAY', 38, 10]]);
    const back = await read(file);
    assert.deepEqual(back.map((r) => [String(r['a']), String(r['b']), String(r['c'])]), [
      ['-9999999.99', '9007199254740993', '12345678901234567890.1234567890'],
      ['0.00', 'null', '-9999999999999999999999999999.9999999999'],
      ['12.50', '7', '0.0010000000'],
    ]);
    assert.ok(back[0]!['c'] instanceof Decimal);
    assert.equal(jsonOf(back[0]!), '{"a":-9999999.99,"b":9007199254740993,"c":12345678901234567890.1234567890}');
    // Later row groups are written in the drafted DECIMAL: a value it would round stops the write.
    for (const bad of [12.345, new Decimal(1n, 3), new Decimal(1_000_000_000n, 0)]) {
      await assert.rejects(write([{ a: new Decimal(1n, 2) }, { a: bad }], { schemaHint: hint.slice(0, 2).map((e, i) => (i === 0 ? { ...e, num_children: 1 } : e)), rowGroupRows: 1 }), (e: unknown) => isCordonError(e) && e.code === 'ERR_INPUT_INVALID' && /"a"/.test(e.message) && /DECIMAL\(9,2\)/.test(e.message));
    }
    // In the first row group a value the DECIMAL cannot hold drafts the column anew rather than round it.
    const redrafted = await write([{ a: 12.345 }], { schemaHint: hint.slice(0, 2).map((e, i) => (i === 0 ? { ...e, num_children: 1 } : e)) });
    assert.equal(schemaOf(redrafted)[1]!.type, 'DOUBLE');
    // Decimals without a hint (a list's elements): DECIMAL(38, widest scale).
    const listed = await write([{ l: [new Decimal(-15n, 1), new Decimal(123456789012345678901234567n, 2)] }]);
    assert.deepEqual((await read(listed))[0]!['l']!.toString(), '-1.50,1234567890123456789012345.67');
  });
});
