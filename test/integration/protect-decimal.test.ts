// Parquet DECIMAL values are exact through `protect`: hyparquet's own conversion goes through a
// double (~15 digits), so DECIMAL(38,10) 12345678901234567890.1234567890 used to come back as
// ...567787.7719597056 and DECIMAL(18,0) 9007199254740993 as ...992, even in `keep` columns. The
// input is written by DuckDB (@duckdb/node-api) with each physical type DuckDB uses for a decimal
// (INT32 for precision 9, INT64 for 18, FIXED_LEN_BYTE_ARRAY for 38), and the outputs are read
// back by DuckDB and compared as text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { contractColumn as col, contractYaml, duckSandbox, type DuckSandbox } from '../helpers/duckdb-sandbox.js';
import { parseContract } from '../../src/contracts/parse-contract.js';

const KEEP = contractYaml('decimal-test', 'amounts', [
  col('id', 'integer', 'internal', 'keep'), col('d9', 'number', 'internal', 'keep'), col('d18', 'integer', 'internal', 'keep'), col('d38', 'number', 'internal', 'keep'),
  col('s.v', 'number', 'internal', 'keep'), col('l', 'array', 'internal', 'keep'), col('email', 'string', 'restricted', 'hash', '{}', 'EMAIL_ADDRESS'),
]);

// [d9 DECIMAL(9,2), d18 DECIMAL(18,0), d38 DECIMAL(38,10)]: beyond 2^53, negatives, zero, max precision, nulls.
const ROWS: ReadonlyArray<readonly [string | null, string | null, string | null]> = [
  ['1234567.89', '9007199254740993', '12345678901234567890.1234567890'],
  ['-9999999.99', '-999999999999999999', '-9999999999999999999999999999.9999999999'],
  ['0.00', '0', '0E-10'],
  [null, null, null],
  ['0.01', '999999999999999999', '0.0000000001'],
  ['-0.50', '-9007199254740993', '-0.0000000001'],
];
/** The exact text of each value with its scale's digits (DuckDB spells a zero DECIMAL(38,10) 0E-10 in SQL only). */
const text = (v: string | null): string | null => (v === '0E-10' ? '0.0000000000' : v);

describe('Parquet DECIMAL values are kept exactly (read back by DuckDB)', () => {
  let d: DuckSandbox;
  let s: DuckSandbox['s'];
  const rows = async (sql: string): Promise<Array<Record<string, unknown>>> => (await d.query(sql)).rows;
  before(async () => {
    d = await duckSandbox();
    s = d.s;
    const lit = (v: string | null, t: string): string => (v === null ? `NULL::${t}` : `'${v}'::${t}`);
    const values = ROWS.map(([a, b, x], i) => `(${i + 1}::INTEGER, ${lit(a, 'DECIMAL(9,2)')}, ${lit(b, 'DECIMAL(18,0)')}, ${lit(x, 'DECIMAL(38,10)')}, {'v': ${lit(x, 'DECIMAL(38,10)')}}, [${lit(x, 'DECIMAL(38,10)')}, ${lit(a, 'DECIMAL(38,10)')}], 'user${i}@example.com')`);
    await d.c.run(`COPY (SELECT * FROM (VALUES ${values.join(', ')}) t(id, d9, d18, d38, s, l, email)) TO '${s.path('in.parquet')}' (FORMAT parquet)`);
  });
  after(() => d?.close());

  const protect = (output: string): Promise<void> => d.protect('in.parquet', output, KEEP);

  const asText = (file: string): Promise<Array<Record<string, unknown>>> =>
    rows(`SELECT d9::VARCHAR AS d9, d18::VARCHAR AS d18, d38::VARCHAR AS d38, s.v::VARCHAR AS sv, l[1]::VARCHAR AS l1, l[2]::VARCHAR AS l2 FROM '${s.path(file)}' ORDER BY id`);

  it('Parquet → Parquet: keep columns stay DECIMAL of the same precision and scale, every digit kept', async () => {
    await protect('out.parquet');
    const types = async (file: string): Promise<string[]> => {
      const r = await d.c.runAndReadAll(`SELECT d9, d18, d38, s, l FROM '${s.path(file)}' LIMIT 0`);
      return r.columnTypes().map(String);
    };
    assert.deepEqual(await types('out.parquet'), await types('in.parquet'));
    assert.deepEqual(await types('out.parquet'), ['DECIMAL(9,2)', 'DECIMAL(18,0)', 'DECIMAL(38,10)', 'STRUCT("v" DECIMAL(38,10))', 'DECIMAL(38,10)[]']);
    const out = await asText('out.parquet');
    assert.deepEqual(out, await asText('in.parquet'));
    assert.deepEqual(out.map((r) => [r['d9'], r['d18'], r['d38']]), ROWS.map((r) => r.map(text)));
    assert.equal(out[0]!['sv'], '12345678901234567890.1234567890');
    assert.equal(out[1]!['l2'], '-9999999.9900000000');
    // The physical types too: DuckDB reads INT32, INT64 and FIXED_LEN_BYTE_ARRAY(16) decimals.
    const physical = await rows(`SELECT path_in_schema::VARCHAR AS p, type FROM parquet_metadata('${s.path('out.parquet')}') WHERE row_group_id = 0 ORDER BY column_id`);
    assert.deepEqual(physical.slice(1, 4).map((r) => r['type']), ['INT32', 'INT64', 'FIXED_LEN_BYTE_ARRAY']);
  });

  it('Parquet → JSONL and CSV: the exact value, every digit a double would lose kept', async () => {
    await protect('out.jsonl');
    const lines = readFileSync(s.path('out.jsonl'), 'utf8').trim().split('\n');
    assert.ok(lines[0]!.includes('"d9":1234567.89,"d18":9007199254740993,"d38":12345678901234567890.1234567890,"s":{"v":12345678901234567890.1234567890},"l":[12345678901234567890.1234567890,1234567.89]'), 'JSON numbers with every digit');
    assert.ok(lines[2]!.includes('"d9":0,"d18":0,"d38":0'));
    assert.ok(lines[3]!.includes('"d9":null,"d18":null,"d38":null'));
    assert.ok(lines[5]!.includes('"d9":-0.5,"d18":-9007199254740993,"d38":-0.0000000001'));
    await protect('out.csv');
    const csv = readFileSync(s.path('out.csv'), 'utf8').trim().split(/\r?\n/);
    assert.ok(csv[1]!.startsWith('1,1234567.89,9007199254740993,12345678901234567890.1234567890,'), 'CSV text with every digit');
    assert.ok(csv[2]!.startsWith('2,-9999999.99,-999999999999999999,-9999999999999999999999999999.9999999999,'));
    // JSON and CSV hold the text view: a JSON number's spelling where a double spells the value
    // exactly, so the same value reads (and reveals) the same from CSV, JSON or Parquet.
    assert.ok(csv[3]!.startsWith('3,0,0,0,'));
    assert.ok(csv[6]!.startsWith('6,-0.5,-9007199254740993,-0.0000000001,'));
  });

  it('fpe on a DECIMAL(9,2) column: a DECIMAL(9,2) of the same width in every row (the text view keeps fpe\'s number classes)', async () => {
    await d.c.run(`COPY (SELECT i::INTEGER AS id, (i * 1234567.89 % 8999999 + 1000000)::DECIMAL(9,2) AS d9 FROM range(1, 200) t(i)) TO '${s.path('fpe.parquet')}' (FORMAT parquet)`);
    const source = contractYaml('decimal-fpe', 'amounts', [col('id', 'integer', 'internal', 'keep'), col('d9', 'number', 'confidential', 'fpe', '{ separators: " -." }')]);
    await d.protect('fpe.parquet', 'fpe-out.parquet', source);
    const [input, out] = await Promise.all(['fpe.parquet', 'fpe-out.parquet'].map((f) => rows(`SELECT d9::VARCHAR AS d9, typeof(d9) AS t FROM '${s.path(f)}' ORDER BY id`)));
    assert.equal(out.length, 199);
    for (const [i, r] of out.entries()) {
      assert.equal(r['t'], 'DECIMAL(9,2)');
      assert.match(String(r['d9']), /^[1-9]\d{6}\.\d{2}$/);
      assert.notEqual(r['d9'], input[i]!['d9']);
    }
  });

  it('DECIMAL map values: exact in JSONL, the same MAP(VARCHAR, DECIMAL(38,10)) read back by DuckDB', async () => {
    await d.c.run(`COPY (SELECT i::INTEGER AS id, MAP {'a': (i * 1.25)::DECIMAL(38,10), 'b': '12345678901234567890.1234567890'::DECIMAL(38,10)} AS m
      FROM range(3) t(i)) TO '${s.path('map.parquet')}' (FORMAT parquet)`);
    const source = contractYaml('decimal-map', 'amounts', [col('id', 'integer', 'internal', 'keep'), col('m.a', 'number', 'internal', 'keep'), col('m.b', 'number', 'internal', 'keep')]);
    await d.protect('map.parquet', 'map.jsonl', source);
    const lines = readFileSync(s.path('map.jsonl'), 'utf8').trim().split('\n');
    assert.equal(lines[1], '{"id":1,"m":{"a":1.25,"b":12345678901234567890.1234567890}}', 'every digit (a double gave 12345678901234567000)');
    await d.protect('map.parquet', 'map-out.parquet', source);
    const [a, b] = await Promise.all(['map.parquet', 'map-out.parquet'].map((f) => d.query(`SELECT m, m::VARCHAR AS t FROM '${s.path(f)}' ORDER BY id`)));
    assert.equal(b!.types['m'], 'MAP(VARCHAR, DECIMAL(38,10))');
    assert.deepEqual(b!.rows.map((r) => r['t']), a!.rows.map((r) => r['t']));
    assert.match(String(b!.rows[2]!['t']), /b=12345678901234567890\.1234567890/);
  });

  it('scan and contract init read DECIMAL columns', () => {
    const scan = s.run(['scan', 'in.parquet', '--json']);
    assert.equal(scan.status, 0, scan.stderr);
    const init = s.run(['contract', 'init', 'in.parquet', '-o', 'c.yaml', '--force']);
    assert.equal(init.status, 0, init.stderr);
    const ds = parseContract(readFileSync(s.path('c.yaml'), 'utf8')).datasets[0]!;
    const types = Object.fromEntries(ds.columns.map((x) => [x.name, x.logicalType ?? 'string']));
    assert.deepEqual([types['d9'], types['d18'], types['d38'], types['s.v'], types['l']], ['number', 'integer', 'number', 'number', 'array']);
  });
});
