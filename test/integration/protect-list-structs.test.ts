// A Parquet list-of-struct column (DuckDB `STRUCT(email VARCHAR, …)[]`, as exports of contacts or
// line items hold) through `contract init` then `protect`, as a new user runs them: init drafted it
// logicalType array, and protect stopped with ERR_LIST_UNSUPPORTED (an array column's operator runs
// on each scalar element, and a struct's fields have no column of their own). Init now drafts such
// a column as one value, so protect runs what init drafts: the list's JSON text takes the column's
// operator whole, and no e-mail in it reaches the output. DuckDB writes the input and reads the output.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { contractColumn as col, contractYaml, duckSandbox, type DuckSandbox } from '../helpers/duckdb-sandbox.js';
import { parseContract } from '../../src/contracts/parse-contract.js';

describe('protect: Parquet lists of structs, init then protect (written and read back by DuckDB)', () => {
  let d: DuckSandbox;
  let s: DuckSandbox['s'];
  before(async () => {
    d = await duckSandbox();
    s = d.s;
    await d.c.run(`COPY (SELECT i AS id, [{'email': 'user' || i || '@example.com', 'kind': 'work'}, {'email': 'alt' || i || '@example.org', 'kind': 'home'}] AS contacts,
      ['red', 'blue'] AS tags FROM range(40) t(i)) TO '${s.path('in.parquet')}' (FORMAT parquet)`);
  });
  after(() => d?.close());

  it('contract init drafts the list of structs as one value, and protect runs that draft', async () => {
    const init = s.run(['contract', 'init', 'in.parquet', '-o', 'c.yaml']);
    assert.equal(init.status, 0, init.stderr);
    const ds = parseContract(readFileSync(s.path('c.yaml'), 'utf8')).datasets[0]!;
    const contacts = ds.columns.find((c) => c.name === 'contacts')!;
    assert.equal(contacts.logicalType, 'string');
    assert.notEqual(contacts.protect?.operator, 'keep', 'e-mails inside: protected');
    assert.equal(ds.columns.find((c) => c.name === 'tags')!.logicalType, 'array', 'a list of scalars stays array');
    const p = s.run(['protect', 'in.parquet', '-c', 'c.yaml', '-o', 'out.parquet']);
    assert.equal(p.status, 0, p.stderr);
    const out = await d.query(`SELECT id, contacts FROM '${s.path('out.parquet')}' ORDER BY id`);
    assert.equal(out.types['contacts'], 'VARCHAR');
    assert.equal(out.rows.length, 40);
    for (const r of out.rows) assert.doesNotMatch(String(r['contacts']), /@example\.(com|org)/);
    assert.equal(readFileSync(s.path('out.parquet')).includes('@example.com'), false);
  });

  it('declared keep with logicalType array, the list of structs is written back as it was', async () => {
    writeFileSync(s.path('keep.yaml'), contractYaml('list-structs', 'in', [col('id', 'integer', 'internal', 'keep'), col('contacts', 'array', 'restricted', 'keep'), col('tags', 'array', 'internal', 'keep')]));
    const p = s.run(['protect', 'in.parquet', '-c', 'keep.yaml', '-o', 'keep.parquet']);
    assert.equal(p.status, 0, p.stderr);
    const [a, b] = await Promise.all(['in.parquet', 'keep.parquet'].map((f) => d.query(`SELECT contacts FROM '${s.path(f)}' ORDER BY id`)));
    assert.equal(b!.types['contacts'], 'STRUCT("email" VARCHAR, "kind" VARCHAR)[]');
    assert.deepEqual(b!.rows, a!.rows);
  });
});
