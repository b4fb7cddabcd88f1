// The record writers (CSV, TSV, JSONL, Parquet), each checked by a round trip through the readers:
// awkward values (delimiters, quotes, newlines, non-ASCII, "__proto__"), nulls, empty output, and
// Parquet written as several row groups with bounded buffering.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { readRecords, type DatasetFormat } from '../../../src/io/dataset.js';
import { flattenRecord, type DatasetRecord } from '../../../src/io/record.js';
import { LocalDate, type TypedRecord } from '../../../src/io/value.js';
import { openRecordWriter, type ByteOutput } from '../../../src/io/writers/index.js';
import { isCordonError } from '../../../src/errors.js';

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'cordon-writers-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

/** An output that keeps the bytes, and counts the writes and the largest one. */
function memoryOutput(): ByteOutput & { bytes(): Buffer; writes: number; largest: number } {
  const chunks: Buffer[] = [];
  const o = {
    writes: 0,
    largest: 0,
    async write(b: Uint8Array) { chunks.push(Buffer.from(b)); o.writes++; o.largest = Math.max(o.largest, b.length); },
    bytes: () => Buffer.concat(chunks),
  };
  return o;
}

async function roundTrip(format: DatasetFormat, records: DatasetRecord[], options: { columns?: string[]; rowGroupRows?: number; batch?: number } = {}): Promise<{ back: DatasetRecord[]; file: string; out: ReturnType<typeof memoryOutput> }> {
  const out = memoryOutput();
  const w = openRecordWriter(out, { format, ...(options.columns ? { columns: options.columns } : {}), ...(options.rowGroupRows ? { rowGroupRows: options.rowGroupRows } : {}) });
  const batch = options.batch ?? 7;
  for (let i = 0; i < records.length; i += batch) await w.write(records.slice(i, i + batch));
  await w.close();
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.${format}`);
  writeFileSync(file, out.bytes());
  const back: DatasetRecord[] = [];
  for await (const r of readRecords(file, { format })) back.push({ ...r });
  return { back, file, out };
}

const AWKWARD: DatasetRecord[] = [
  { id: '1', name: 'Ann, "the" Admin', note: 'line one\nline two', city: 'Zürich' },
  { id: '2', name: '', note: 'tab\there', city: '東京' },
  { id: '3', name: '=1+1', note: ' padded ', city: 'São Paulo' },
  { id: '4', name: 'x'.repeat(300), note: 'ends in a newline\n', city: '' },
];

describe('record writers', () => {
  for (const format of ['csv', 'tsv'] as const) {
    it(`${format}: header, quoting and values survive a round trip`, async () => {
      const { back } = await roundTrip(format, AWKWARD, { columns: ['id', 'name', 'note', 'city'] });
      assert.deepEqual(back, AWKWARD);
    });
    it(`${format}: null becomes an empty field; columns default to the first record's`, async () => {
      const { back } = await roundTrip(format, [{ a: '1', b: null }, { a: null, b: '2' }]);
      assert.deepEqual(back, [{ a: '1', b: '' }, { a: '', b: '2' }]);
    });
  }

  it('csv: a one-column row with an empty value is written quoted, not as a blank line', async () => {
    const { file } = await roundTrip('csv', [{ v: 'a' }, { v: '' }, { v: 'b' }]);
    assert.equal(readFileSync(file, 'utf8'), 'v\na\n""\nb\n');
  });

  it('csv: no records still gives the header', async () => {
    const out = memoryOutput();
    const w = openRecordWriter(out, { format: 'csv', columns: ['id', 'email'] });
    await w.write([]);
    await w.close();
    assert.equal(out.bytes().toString('utf8'), 'id,email\n');
  });

  it('csv: a record with a column outside the header is refused', async () => {
    const w = openRecordWriter(memoryOutput(), { format: 'csv', columns: ['a'] });
    await assert.rejects(w.write([{ a: '1', b: '2' }]), (e) => isCordonError(e) && e.code === 'ERR_INPUT_INVALID');
  });

  it('csv: typed records are written as their flattened text, whether they nest structs or not', async () => {
    const typed: TypedRecord[] = [
      { id: 1, ok: true, big: 2n ** 64n, day: LocalDate.parse('2024-02-29')!, tags: ['a', 'b'], empty: {}, note: ' x,"y"' },
      { id: 2.5, ok: null, big: 'text', day: null, tags: [], empty: { inner: 'nested' }, note: null },
      { id: -0, note: 'missing columns' },
    ];
    const columns = ['id', 'ok', 'big', 'day', 'tags', 'empty', 'note', 'empty.inner'];
    const direct = memoryOutput();
    const w = openRecordWriter(direct, { format: 'csv', columns });
    await w.write(typed);
    await w.close();
    const flat = memoryOutput();
    const f = openRecordWriter(flat, { format: 'csv', columns });
    await f.write(typed.map((r) => flattenRecord(r)));
    await f.close();
    assert.equal(direct.bytes().toString('utf8'), flat.bytes().toString('utf8'));
    assert.equal(direct.bytes().toString('utf8').split('\n')[1], '1,true,18446744073709551616,2024-02-29,"[""a"",""b""]",{}," x,""y""",');
  });

  it('jsonl: values, nulls, missing keys and "__proto__" survive a round trip', async () => {
    const records: DatasetRecord[] = [
      ...AWKWARD,
      Object.fromEntries([['id', '5'], ['__proto__', 'plain key'], ['name', null]]),
      { id: '6' },
    ];
    const { back, file } = await roundTrip('jsonl', records, { columns: ['id', 'name', 'note', 'city'] });
    assert.deepEqual(back, records.map((r) => ({ ...r })));
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines[4], '{"id":"5","__proto__":"plain key","name":null}', 'each record as it is, in its own key order');
    assert.equal(lines[5], '{"id":"6"}');
  });

  it('parquet: values and nulls survive a round trip; every column is optional UTF-8', async () => {
    const records: DatasetRecord[] = [...AWKWARD, { id: '5', name: null, note: null, city: null }];
    const { back, file } = await roundTrip('parquet', records, { columns: ['id', 'name', 'note', 'city'] });
    assert.deepEqual(back, records);
    const meta = parquetMetadata(new Uint8Array(readFileSync(file)).buffer);
    for (const el of meta.schema.slice(1)) {
      assert.equal(el.type, 'BYTE_ARRAY');
      assert.equal(el.converted_type, 'UTF8');
      assert.equal(el.repetition_type, 'OPTIONAL');
    }
  });

  it('parquet: rows go out a row group at a time, in order', async () => {
    const records: DatasetRecord[] = Array.from({ length: 2500 }, (_, i) => ({ id: String(i), email: i % 7 === 0 ? null : `user${i}@example.com` }));
    const { back, file, out } = await roundTrip('parquet', records, { rowGroupRows: 1000, batch: 333 });
    assert.deepEqual(back, records);
    const meta = parquetMetadata(new Uint8Array(readFileSync(file)).buffer);
    assert.deepEqual(meta.row_groups.map((g) => Number(g.num_rows)), [1000, 1000, 500]);
    assert.ok(out.writes >= 3, 'each row group is handed to the output when it is full, not at the end');
    assert.ok(out.largest < out.bytes().length, 'no single write holds the whole file');
  });

  it('parquet: no records gives a valid, empty file with the schema', async () => {
    const { back, file } = await roundTrip('parquet', [], { columns: ['id', 'email'] });
    assert.deepEqual(back, []);
    const meta = parquetMetadata(new Uint8Array(readFileSync(file)).buffer);
    assert.deepEqual(meta.schema.slice(1).map((s) => s.name), ['id', 'email']);
    assert.equal(Number(meta.num_rows), 0);
  });

  it('parquet: dotted column names (flattened structs) are kept as written', async () => {
    const records: DatasetRecord[] = [{ 'address.city': 'Lyon', 'address.zip': '69001' }];
    const { back } = await roundTrip('parquet', records);
    assert.deepEqual(back, records);
  });
});
