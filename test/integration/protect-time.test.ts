// Parquet TIME columns through `protect`, as DuckDB writes them (TIME: INT64 microseconds since
// midnight). hyparquet reads a TIME as the raw count, so CSV and JSONL outputs held 49530123000
// where a reader expects 13:45:30.123, and contract init drafted the column integer. A TIME is now
// a time of day (value.ts LocalTime): ISO 8601 text in CSV and JSON, drafted logicalType time, and
// a TIME again in a Parquet output, read back by DuckDB as the same TIME values.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { contractColumn as col, contractYaml, duckSandbox, type DuckSandbox } from '../helpers/duckdb-sandbox.js';
import { parseContract } from '../../src/contracts/parse-contract.js';

const CONTRACT = contractYaml('time-test', 'visits', [
  col('id', 'integer', 'internal', 'keep'), col('at', 'time', 'internal', 'keep'), col('l', 'array', 'internal', 'keep'), col('email', 'string', 'restricted', 'hash', '{}', 'EMAIL_ADDRESS'),
]);

describe('Parquet TIME values (written and read back by DuckDB)', () => {
  let d: DuckSandbox;
  let s: DuckSandbox['s'];
  before(async () => {
    d = await duckSandbox();
    s = d.s;
    await d.c.run(`COPY (SELECT * FROM (VALUES (1, TIME '13:45:30.123', [TIME '00:00:00', NULL], 'a@example.com'), (2, TIME '23:59:59.999999', [], 'b@example.com'), (3, NULL, NULL, 'c@example.com'))
      t(id, "at", l, email)) TO '${s.path('in.parquet')}' (FORMAT parquet)`);
  });
  after(() => d?.close());

  it('Parquet → JSONL and CSV: a time of day as ISO 8601 text, not the count the file stores', async () => {
    await d.protect('in.parquet', 'out.jsonl', CONTRACT);
    const rows = readFileSync(s.path('out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(rows.map((r) => [r['at'], r['l']]), [['13:45:30.123000', ['00:00:00.000000', null]], ['23:59:59.999999', []], [null, null]]);
    await d.protect('in.parquet', 'out.csv', CONTRACT);
    const csv = readFileSync(s.path('out.csv'), 'utf8').trim().split(/\r?\n/);
    assert.ok(csv[1]!.startsWith('1,13:45:30.123000,'), csv[1]);
    assert.ok(csv[2]!.startsWith('2,23:59:59.999999,'), csv[2]);
    // DuckDB reads the CSV column back as TIME.
    const back = await d.query(`SELECT "at" FROM read_csv('${s.path('out.csv')}') ORDER BY id`);
    assert.equal(back.types['at'], 'TIME');
  });

  it('Parquet → Parquet: the column stays TIME with the same values', async () => {
    await d.protect('in.parquet', 'out.parquet', CONTRACT);
    const q = (f: string): ReturnType<DuckSandbox['query']> => d.query(`SELECT "at", "at"::VARCHAR AS t, l FROM '${s.path(f)}' ORDER BY id`);
    const [a, b] = await Promise.all([q('in.parquet'), q('out.parquet')]);
    assert.equal(b!.types['at'], 'TIME');
    assert.equal(b!.types['l'], 'TIME[]');
    assert.deepEqual(b!.rows, a!.rows);
    assert.equal(b!.rows[0]!['t'], '13:45:30.123');
  });

  it('contract init drafts a TIME column logicalType time, and protect runs the draft', () => {
    const init = s.run(['contract', 'init', 'in.parquet', '-o', 'c.yaml']);
    assert.equal(init.status, 0, init.stderr);
    const ds = parseContract(readFileSync(s.path('c.yaml'), 'utf8')).datasets[0]!;
    assert.equal(ds.columns.find((c) => c.name === 'at')?.logicalType, 'time');
    const p = s.run(['protect', 'in.parquet', '-c', 'c.yaml', '-o', 'drafted.jsonl']);
    assert.equal(p.status, 0, p.stderr);
  });
});
