// List columns through the command line, as a new user meets them: DuckDB writes a Parquet file with
// VARCHAR[] columns (and a JSON array file from it); `cordon scan` classifies them by their elements,
// `contract init` drafts them logicalType array with an operator, `cordon protect` applies it to each
// element, and DuckDB reads the output back as lists (VARCHAR[], nulls and empty lists kept, the same
// token for the same element value); `cordon reveal` gives a whole list back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';

const ADA = `@id("reveal.ada")
permit (principal == Cordon::User::"analyst:ada", action == Cordon::Action::"reveal", resource is Cordon::Column)
when { context has purpose && resource has allowedPurposes && resource.allowedPurposes.contains(context.purpose) };
`;

/** The drafted contract with column `name`'s operator (and params) replaced. */
function setOperator(yaml: string, name: string, operator: string, params?: string): string {
  const at = yaml.indexOf(`- name: ${name}\n`);
  assert.ok(at >= 0, `column ${name} drafted`);
  const m = /\n( +)operator: [\w-]+\n(?:\1params:.*\n(?:\1 +\S.*\n)*)?/.exec(yaml.slice(at));
  assert.ok(m !== null);
  const indent = m[1]!;
  const start = at + m.index;
  return `${yaml.slice(0, start)}\n${indent}operator: ${operator}\n${params !== undefined ? `${indent}params: ${params}\n` : ''}${yaml.slice(start + m[0].length)}`;
}

describe('protect: list columns (written and read back by DuckDB)', () => {
  let s: CliSandbox;
  let db: DuckDBInstance;
  let c: DuckDBConnection;
  const read = async (sql: string): Promise<{ rows: Array<Record<string, unknown>>; types: Record<string, string> }> => {
    const r = await c.runAndReadAll(sql);
    return { rows: r.getRowObjectsJson() as Array<Record<string, unknown>>, types: Object.fromEntries(r.columnNames().map((n, i) => [n, String(r.columnTypes()[i])])) };
  };
  before(async () => {
    s = cliSandbox();
    assert.equal(s.run(['init']).status, 0);
    db = await DuckDBInstance.create(':memory:');
    c = await db.connect();
    await c.run(`COPY (SELECT i AS id, ['user' || i || '@example.com', 'team' || (i % 5) || '@example.org'] AS emails,
      CASE WHEN i % 7 = 0 THEN []::VARCHAR[] WHEN i % 11 = 0 THEN NULL ELSE ['+1 415-555-' || (1000 + i)::VARCHAR, NULL] END AS phones,
      [['Oslo', 'Bergen'], ['Paris']] AS cities, ['red', 'blue'][1 + i % 2] AS color,
      [i, i + 1000]::INTEGER[] AS scores, [DATE '2024-01-15' + (i * 3)::INTEGER, NULL] AS visits
      FROM range(60) t(i)) TO '${join(s.dir, 'people.parquet')}' (FORMAT PARQUET)`);
    await c.run(`COPY (SELECT * FROM '${join(s.dir, 'people.parquet')}') TO '${join(s.dir, 'people.json')}' (FORMAT JSON, ARRAY true)`);
  });
  after(() => { c.closeSync(); s.cleanup(); });

  it('scan classifies list columns by their elements; contract init drafts them array with an operator', () => {
    const scan = s.run(['scan', 'people.parquet', '--json']);
    assert.equal(scan.status, 0, scan.stderr);
    const cols = Object.fromEntries((JSON.parse(scan.stdout) as { columns: Array<{ name: string; entity: string | null; matchedShare?: number }> }).columns.map((x) => [x.name, x]));
    assert.equal(cols['emails']!.entity, 'EMAIL_ADDRESS');
    assert.equal(cols['phones']!.entity, 'PHONE_NUMBER');
    assert.equal(cols['color']!.entity, null);
    const init = s.run(['contract', 'init', 'people.parquet', '-o', 'c.yaml']);
    assert.equal(init.status, 0, init.stderr);
    const yaml = readFileSync(join(s.dir, 'c.yaml'), 'utf8');
    for (const name of ['emails', 'phones']) {
      const at = yaml.slice(yaml.indexOf(`name: ${name}`));
      const block = at.slice(0, at.indexOf('cordonPurposes'));
      assert.match(block, /logicalType: array/);
      assert.match(block, /operator: (deterministic|tokenize)/);
    }
    // Operators set by hand: each element of cities and scores hashed, visits generalized to the month.
    let edited = setOperator(yaml, 'cities', 'hash');
    edited = setOperator(edited, 'scores', 'hash');
    edited = setOperator(edited, 'visits', 'generalize', '{ kind: date, to: month }');
    writeFileSync(join(s.dir, 'c.yaml'), edited.replaceAll('value: []', 'value: [support]'));
  });

  it('protect writes lists back: Parquet VARCHAR[] and JSON arrays, element by element', async () => {
    const p = s.run(['protect', 'people.parquet', '-c', 'c.yaml', '-o', 'out.parquet']);
    assert.equal(p.status, 0, p.stderr);
    const { rows, types } = await read(`SELECT * FROM '${join(s.dir, 'out.parquet')}' ORDER BY id`);
    assert.equal(types['emails'], 'VARCHAR[]');
    assert.equal(types['phones'], 'VARCHAR[]');
    assert.equal(types['cities'], 'VARCHAR[][]');
    assert.equal(types['id'], 'BIGINT');
    assert.equal(types['scores'], 'VARCHAR[]', 'integers hashed: a list of strings');
    assert.equal(types['visits'], 'DATE[]', 'dates generalized to the month stay dates');
    assert.equal(rows.length, 60);
    for (const [i, r] of rows.entries()) {
      const emails = r['emails'] as string[];
      assert.equal(emails.length, 2);
      assert.equal(emails[1], (rows[i % 5]!['emails'] as string[])[1], 'the same element value, the same output');
      if (i % 7 === 0) assert.deepEqual(r['phones'], []);
      else if (i % 11 === 0) assert.equal(r['phones'], null);
      else { assert.equal((r['phones'] as unknown[]).length, 2); assert.equal((r['phones'] as unknown[])[1], null); }
      const cities = r['cities'] as string[][];
      assert.deepEqual(cities.map((l) => l.length), [2, 1]);
      assert.equal(r['color'], ['red', 'blue'][i % 2]);
      const scores = r['scores'] as string[];
      assert.equal(scores.length, 2);
      assert.match(scores[0]!, /^[\w-]{16,}$/);
      const visit = new Date(Date.UTC(2024, 0, 15 + i * 3)).toISOString().slice(0, 7);
      assert.deepEqual(r['visits'], [`${visit}-01`, null]);
    }
    const raw = readFileSync(join(s.dir, 'out.parquet')).toString('latin1');
    assert.doesNotMatch(raw, /example\.(com|org)|415-555|Bergen/);

    const j = s.run(['protect', 'people.json', '-c', 'c.yaml', '-o', 'out.json']);
    assert.equal(j.status, 0, j.stderr);
    const fromJson = await read(`SELECT * FROM read_json('${join(s.dir, 'out.json')}', format = 'array') ORDER BY id`);
    assert.equal(fromJson.types['emails'], 'VARCHAR[]');
    assert.deepEqual(fromJson.rows.map((r) => r['emails']), rows.map((r) => r['emails']), 'the same outputs from Parquet and JSON input');
  });

  it('a list of day-first birth dates is drafted generalize in its form (read from the elements) and stays a list', async () => {
    await c.run(`COPY (SELECT i AS id, [lpad((1 + i % 28)::VARCHAR, 2, '0') || '/' || lpad((1 + i % 12)::VARCHAR, 2, '0') || '/19' || (50 + i)::VARCHAR, NULL] AS birth_dates
      FROM range(40) t(i)) TO '${join(s.dir, 'dob.parquet')}' (FORMAT PARQUET)`);
    const init = s.run(['contract', 'init', 'dob.parquet', '-o', 'dob.yaml']);
    assert.equal(init.status, 0, init.stderr);
    const yaml = readFileSync(join(s.dir, 'dob.yaml'), 'utf8');
    const block = yaml.slice(yaml.indexOf('name: birth_dates'));
    assert.match(block, /logicalType: array/);
    assert.match(block, /operator: generalize/);
    assert.match(block, /DD\/MM\/YYYY/);
    const p = s.run(['protect', 'dob.parquet', '-c', 'dob.yaml', '-o', 'dob.out.parquet']);
    assert.equal(p.status, 0, p.stderr);
    const { rows, types } = await read(`SELECT * FROM '${join(s.dir, 'dob.out.parquet')}' ORDER BY id`);
    assert.equal(types['birth_dates'], 'BIGINT[]', 'generalize to the year gives integers: a list of integers');
    assert.deepEqual(rows[3]!['birth_dates'], ['1953', null], 'each element generalized to its year (DuckDB gives BIGINT as text)');
  });

  it('reveal gives a protected list back whole, and one element alone', async () => {
    writeFileSync(join(s.env.CORDON_HOME!, 'policies', 'ada.cedar'), ADA);
    const out = JSON.parse(readFileSync(join(s.dir, 'out.json'), 'utf8')) as Array<Record<string, unknown>>;
    const r1 = out.find((r) => r['id'] === 1)!;
    const asAda = { env: { CORDON_PRINCIPAL: 'analyst:ada' } };
    for (const column of ['emails', 'phones']) {
      const list = JSON.stringify(r1[column]);
      const v = s.run(['reveal', list, (r1[column] as string[])[0]!, '-c', 'c.yaml', '--column', column, '--purpose', 'support', '--json'], asAda);
      assert.equal(v.status, 0, v.stderr);
      const values = (JSON.parse(v.stdout) as { values: string[] }).values;
      const expected = column === 'emails' ? ['user1@example.com', 'team1@example.org'] : ['+1 415-555-1001', null];
      assert.deepEqual(JSON.parse(values[0]!), expected);
      assert.equal(values[1], expected[0]);
    }
  });
});
