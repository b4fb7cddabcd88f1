// JSON array datasets through the command line: a file DuckDB writes as one array of objects
// (`COPY … (FORMAT JSON, ARRAY true)`, as "export as JSON" buttons and pandas' orient="records" do)
// is scanned, drafted and protected, and DuckDB reads the .json output back as an array of the same
// records: kept columns equal and typed as before, protected ones changed. An API export that wraps
// its records (`{"meta": …, "data": [...]}`) is read with --records by scan, contract init and protect.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { duckSandbox, type DuckSandbox } from '../helpers/duckdb-sandbox.js';

describe('protect: JSON array datasets (written and read back by DuckDB)', () => {
  let d: DuckSandbox;
  let s: DuckSandbox['s'];
  before(async () => {
    d = await duckSandbox();
    s = d.s;
    await d.c.run(`COPY (SELECT i AS id, ['Maria Gonzalez', 'James Smith', 'Mei Chen'][1 + i % 3] AS full_name, 'user' || i || '@example.com' AS email,
      {'city': 'Oslo', 'zip': '0150'} AS address, i * 1.5 AS amount, i % 2 = 0 AS active
      FROM range(60) t(i)) TO '${join(s.dir, 'people.json')}' (FORMAT JSON, ARRAY true)`);
  });
  after(() => d?.close());

  it('scan, contract init and protect read it; the .json output is one array DuckDB reads, types kept', async () => {
    assert.equal(readFileSync(join(s.dir, 'people.json'), 'utf8').trimStart()[0], '[', 'DuckDB wrote an array');
    const init = s.run(['contract', 'init', 'people.json', '-o', 'c.yaml']);
    assert.equal(init.status, 0, init.stderr);
    const p = s.run(['protect', 'people.json', '-c', 'c.yaml', '-o', 'out.json']);
    assert.equal(p.status, 0, p.stderr);
    const { rows, types } = await d.query(`SELECT * FROM read_json('${join(s.dir, 'out.json')}', format = 'array') ORDER BY id`);
    assert.equal(rows.length, 60);
    assert.equal(types['id'], 'BIGINT');
    assert.equal(types['active'], 'BOOLEAN');
    assert.deepEqual(rows.map((x) => x['id']), Array.from({ length: 60 }, (_, i) => String(i)));
    assert.equal(rows[3]!['active'], false);
    for (const x of rows) {
      assert.doesNotMatch(String(x['email']), /@example\.com/, 'e-mails protected');
      assert.doesNotMatch(String(x['full_name']), /Maria|James|Mei/, 'names protected');
    }
    const text = readFileSync(join(s.dir, 'out.json'), 'utf8');
    assert.doesNotMatch(text, /user\d+@example\.com/);
  });

  it('protects a JSON array into JSONL and a JSONL file into a JSON array', () => {
    assert.equal(s.run(['protect', 'people.json', '-c', 'c.yaml', '-o', 'out.jsonl']).status, 0);
    assert.equal(readFileSync(join(s.dir, 'out.jsonl'), 'utf8').trim().split('\n').length, 60);
    const records = JSON.parse(readFileSync(join(s.dir, 'people.json'), 'utf8')) as unknown[];
    writeFileSync(join(s.dir, 'people.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const back = s.run(['protect', 'people.jsonl', '-c', 'c.yaml', '-o', 'again.json']);
    assert.equal(back.status, 0, back.stderr);
    const again = JSON.parse(readFileSync(join(s.dir, 'again.json'), 'utf8')) as Array<Record<string, unknown>>;
    assert.equal(again.length, 60);
    assert.deepEqual(again.map((r) => r['id']), records.map((r) => (r as Record<string, unknown>)['id']));
  });

  it('a postcode column that is not US ZIPs is drafted an operator that takes it (tokenize), not generalize', () => {
    const c = readFileSync(join(s.dir, 'c.yaml'), 'utf8');
    const zip = c.slice(c.indexOf('name: address.zip'));
    assert.match(zip.slice(0, zip.indexOf('cordonPurposes')), /operator: tokenize/);
  });

  it('an export wrapping its records in an object: refused without --records, read with it by scan, init and protect', () => {
    const records = JSON.parse(readFileSync(join(s.dir, 'people.json'), 'utf8')) as unknown[];
    writeFileSync(join(s.dir, 'export.json'), JSON.stringify({ meta: { count: records.length, data: [{ page: 1 }] }, data: records, links: { next: null } }, null, 2));
    const refused = s.run(['scan', 'export.json']);
    assert.equal(refused.status, 3);
    assert.match(refused.stderr, /ERR_FORMAT_UNSUPPORTED.*pass --records data/);
    const scan = s.run(['scan', 'export.json', '--records', 'data', '--json']);
    assert.equal(scan.status, 0, scan.stderr);
    const columns = (JSON.parse(scan.stdout) as { columns: Array<{ name: string; entity: string | null }> }).columns;
    assert.equal(columns.find((x) => x.name === 'email')?.entity, 'EMAIL_ADDRESS');
    assert.equal(columns.some((x) => x.name.startsWith('meta')), false, 'the wrapper is not a column');
    assert.equal(s.run(['contract', 'init', 'export.json', '--records', 'data', '-o', 'export.yaml']).status, 0);
    const p = s.run(['protect', 'export.json', '--records', 'data', '-c', 'export.yaml', '-o', 'export.out.jsonl']);
    assert.equal(p.status, 0, p.stderr);
    const out = readFileSync(join(s.dir, 'export.out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(out.length, 60);
    assert.deepEqual(out.map((r) => r['id']), records.map((r) => (r as Record<string, unknown>)['id']));
    assert.doesNotMatch(JSON.stringify(out), /user\d+@example\.com/);
    const csv = s.run(['scan', 'people.jsonl', '--records', 'data']);
    assert.equal(csv.status, 2, 'a usage error for a format that does not wrap');
    assert.match(csv.stderr, /ERR_USAGE/);
  });
});
