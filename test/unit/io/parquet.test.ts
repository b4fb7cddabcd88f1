// The Parquet reader, on files written here with hyparquet-writer: round trip of strings, numbers,
// booleans, nulls and JSON columns; sampling reads only the rows asked for; broken files are refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { readParquetRecords } from '../../../src/io/parquet.js';
import { readRecords } from '../../../src/io/dataset.js';
import { isCordonError } from '../../../src/errors.js';
import { flattenRecord } from '../../../src/io/record.js';

const ROWS = 2500;
let dir: string;
let file: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cordon-parquet-'));
  file = join(dir, 'people.parquet');
  const buf = parquetWriteBuffer({
    rowGroupSize: 1000,
    columnData: [
      { name: 'id', data: Int32Array.from({ length: ROWS }, (_, i) => i), type: 'INT32' },
      { name: 'email', data: Array.from({ length: ROWS }, (_, i) => (i % 10 === 9 ? null : `user${i}@example.com`)), type: 'STRING' },
      { name: 'score', data: Array.from({ length: ROWS }, (_, i) => i / 4), type: 'DOUBLE' },
      { name: 'active', data: Array.from({ length: ROWS }, (_, i) => i % 2 === 0), type: 'BOOLEAN' },
      { name: 'big', data: Array.from({ length: ROWS }, (_, i) => BigInt(i) * 1_000_000_000_000n), type: 'INT64' },
      { name: 'profile', data: Array.from({ length: ROWS }, (_, i) => ({ city: `City ${i}`, zip: String(10000 + i) })), type: 'JSON' },
    ],
  });
  writeFileSync(file, new Uint8Array(buf));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('readParquetRecords', () => {
  it('reads every row, in order, as strings', async () => {
    let columns: readonly string[] = [];
    const rows: Array<Record<string, string | null>> = [];
    for await (const r of readParquetRecords(file, { onColumns: (c) => { columns = c; } })) rows.push(flattenRecord(r));
    assert.deepEqual(columns, ['id', 'email', 'score', 'active', 'big', 'profile']);
    assert.equal(rows.length, ROWS);
    assert.deepEqual(rows[1], { id: '1', email: 'user1@example.com', score: '0.25', active: 'false', big: '1000000000000', 'profile.city': 'City 1', 'profile.zip': '10001' });
    assert.equal(rows[9]!.email, null);
    assert.equal(rows[ROWS - 1]!.id, String(ROWS - 1));
  });

  it('a sample reads only the first N rows', async () => {
    const rows: string[] = [];
    for await (const r of readRecords(file, { limit: 1500 })) rows.push(r.id!);
    assert.equal(rows.length, 1500);
    assert.equal(rows[1499], '1499');
  });

  it('refuses a file that is not Parquet, and a truncated one', async () => {
    const fake = join(dir, 'fake.parquet');
    writeFileSync(fake, 'id,name\n1,Jane\n');
    await assert.rejects(async () => { for await (const _ of readRecords(fake)) { /* drain */ } }, (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /not a Parquet file/.test(e.message));
    const truncated = join(dir, 'truncated.parquet');
    writeFileSync(truncated, Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')]));
    await assert.rejects(async () => { for await (const _ of readRecords(truncated)) { /* drain */ } }, (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID'));
  });

  it('an INTERVAL column (DuckDB writes one) is ERR_FORMAT_UNSUPPORTED naming the column, before any row', async () => {
    const iv = join(dir, 'interval.parquet');
    writeFileSync(iv, new Uint8Array(parquetWriteBuffer({
      columnData: [{ name: 'id', data: [1, 2] }, { name: 'wait', data: [new Uint8Array(12), null] }],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
        { name: 'wait', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 12, converted_type: 'INTERVAL', repetition_type: 'OPTIONAL' },
      ],
    })));
    let rows = 0;
    await assert.rejects(async () => { for await (const _ of readRecords(iv)) rows++; },
      (e: unknown) => isCordonError(e, 'ERR_FORMAT_UNSUPPORTED') && e.details?.['columns'] === 'wait' && /wait \(INTERVAL\)/.test(e.message));
    assert.equal(rows, 0);
  });
});
