// Issue 18 item 6, per column, through the CLI: a dataset with cordonRetention P30D whose tokenized
// email has its own P7D, protected to CSV, JSONL and Parquet. At now + 10 days `--dry-run` lists the
// three outputs for the email column and its tokens, and changes nothing; the apply sets the email
// to null in each (CSV empty field, JSONL null, Parquet null with the schema unchanged), keeps the
// other columns, updates the manifests, deletes the email tokens, and its receipt verifies with the
// per-column counts. A second apply does not rewrite them again. Then kill -9 after each column
// step (journaled, renamed, done): the next apply completes the run.
import { describe, it, before, after } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CliSandbox } from '../helpers/cli.js';
import { peopleSandbox, sha256Hex, vaultValues } from '../helpers/people-sandbox.js';
import { readTypedRecords, type ParquetSchema } from '../../src/io/dataset.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: colret-cli
version: 1.0.0
status: active
schema:
  - name: people
    customProperties: [{ property: cordonRetention, value: P30D }]
    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: email, logicalType: string, classification: restricted, customProperties: [{ property: cordonEntity, value: EMAIL_ADDRESS }, { property: cordonProtect, value: { operator: tokenize } }, { property: cordonRetention, value: P7D }] }
      - { name: name, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: hash } }] }
`;
const CSV = 'id,email,name\ncust-1,ann@example.com,Ann\ncust-2,bob@example.com,Bob\n';
const DAY = 86_400_000;
const WORKER = new URL('../helpers/retention-worker.js', import.meta.url).pathname;
const OUTS = ['out.csv', 'out.jsonl', 'out.parquet'];

async function rows(path: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for await (const r of readTypedRecords(path, { onError: 'fail' })) out.push({ ...r });
  return out;
}

/** The Parquet schema's fields: name, type, repetition and logical annotations. */
async function schemaOf(path: string): Promise<unknown[]> {
  let schema: ParquetSchema = [];
  for await (const _ of readTypedRecords(path, { onError: 'fail', onParquetSchema: (x) => { schema = x; } })) void _;
  return schema.map((e) => JSON.parse(JSON.stringify({ name: e.name, type: e.type, repetition: e.repetition_type, converted: e.converted_type, logical: e.logical_type }, (_k, v) => (typeof v === 'bigint' ? String(v) : v))));
}

describe('cordon retention apply: per-column retention (issue 18 item 6)', () => {
  let s: CliSandbox;
  before(() => { s = peopleSandbox(CONTRACT, CSV); });
  after(() => s.cleanup());

  it('nulls the column in CSV, JSONL and Parquet outputs past its cut-off, deletes its tokens, once', async () => {
    for (const out of OUTS) { const r = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', out]); assert.equal(r.status, 0, r.stderr); }
    const before = await Promise.all(OUTS.map((o) => rows(s.path(o))));
    const parquetSchema = await schemaOf(s.path('out.parquet'));
    const tokens = before[0]!.map((r) => String(r['email']));
    const later = new Date(Date.now() + 10 * DAY).toISOString();
    const digests = OUTS.map((o) => sha256Hex(readFileSync(s.path(o))));

    const dry = s.run(['retention', 'apply', '-c', 'c.yaml', '--dry-run', '--now', later, '--json']);
    assert.equal(dry.status, 0, dry.stderr);
    const plan = JSON.parse(dry.stdout);
    assert.deepEqual(plan.outputs, []);
    assert.deepEqual(plan.columnOutputs.map((o: { output: string; columns: string[] }) => [o.output, o.columns]).sort(), OUTS.map((o) => [s.path(o), ['email']]).sort());
    assert.deepEqual(plan.vault.map((v: { namespace: string; tokens: number; columns: string[] }) => [v.namespace, v.tokens, v.columns]), [['people.email', 2, ['colret-cli/people#email']]]);
    const text = s.run(['retention', 'apply', '-c', 'c.yaml', '--dry-run', '--now', later]);
    assert.match(text.stdout, /column {2}.*out\.csv .*set email to null/);
    assert.deepEqual(OUTS.map((o) => sha256Hex(readFileSync(s.path(o)))), digests, 'the dry run changes nothing');
    assert.deepEqual(await vaultValues(s, 'people.email', tokens), ['ann@example.com', 'bob@example.com']);

    const run = s.run(['retention', 'apply', '-c', 'c.yaml', '--now', later, '--receipt', 'r.json', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const stmt = JSON.parse(run.stdout);
    assert.equal(stmt.tiers.outputs.files, 0);
    assert.equal(stmt.tiers.outputs.columns.files, 3);
    assert.deepEqual(stmt.tiers.outputs.columns.perColumn.map((c: { column: string; files: number }) => [c.column, c.files]), [['email', 3]]);
    assert.equal(stmt.tiers.vault.tokensDeleted, 2);
    assert.equal(readFileSync(s.path('out.csv'), 'utf8').split('\n')[1]!.split(',')[1], '', 'CSV: an empty field');
    assert.deepEqual(readFileSync(s.path('out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).email), [null, null], 'JSONL: null');
    for (const [i, o] of OUTS.entries()) {
      const after = await rows(s.path(o));
      assert.deepEqual(after.map((r) => r['email'] ?? null), o.endsWith('.csv') ? ['', ''] : [null, null], o);
      assert.deepEqual(after.map((r) => [r['id'], r['name']]), before[i]!.map((r) => [r['id'], r['name']]), `${o}: the other columns are kept`);
      const m = JSON.parse(readFileSync(s.path(`${o}.manifest.json`), 'utf8'));
      assert.equal(m.output.sha256, sha256Hex(readFileSync(s.path(o))), o);
      assert.deepEqual(m.agedColumns.map((a: { column: string; retentionId: string }) => [a.column, a.retentionId]), [['email', stmt.retentionId]]);
    }
    assert.deepEqual(await schemaOf(s.path('out.parquet')), parquetSchema, 'Parquet: the schema is unchanged (the column stays, nullable)');
    assert.deepEqual(await vaultValues(s, 'people.email', tokens), [undefined, undefined]);
    assert.equal(s.run(['receipt', 'verify', 'r.json']).status, 0);

    const aged = OUTS.map((o) => sha256Hex(readFileSync(s.path(o))));
    const again = s.run(['retention', 'apply', '-c', 'c.yaml', '--now', later, '--receipt', 'r2.json', '--json']);
    assert.equal(again.status, 0, again.stderr);
    const stmt2 = JSON.parse(again.stdout);
    assert.equal(stmt2.tiers.outputs.columns.files, 0);
    assert.deepEqual(stmt2.tiers.outputs.columns.items.map((x: { status: string }) => x.status), ['aged-before', 'aged-before', 'aged-before']);
    assert.deepEqual(OUTS.map((o) => sha256Hex(readFileSync(s.path(o)))), aged, 'not rewritten twice');
  });

  const STEPS = ['column-output-journaled', 'column-output-renamed', 'column-output-done'];
  it(`kill -9 after each of ${STEPS.join(', ')}: the next apply completes the run`, () => {
    for (const [i, step] of STEPS.entries()) {
      const out = `k${i}.csv`;
      assert.equal(s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', out]).status, 0);
      const killed = spawnSync(process.execPath, [WORKER, s.path('c.yaml'), String(Date.now() + 10 * DAY), step], { cwd: s.dir, env: s.env, encoding: 'utf8' });
      assert.equal(killed.signal, 'SIGKILL', `the worker died after ${step}: ${killed.stderr}`);
      const again = s.run(['retention', 'apply', '-c', 'c.yaml', '--receipt', `k${i}.json`, '--json']);
      assert.equal(again.status, 0, `${step}: ${again.stderr}`);
      assert.match(again.stderr, /resumed the unfinished retention run/, step);
      const stmt = JSON.parse(again.stdout);
      assert.deepEqual(stmt.tiers.outputs.columns.items.filter((x: { path: string }) => x.path === s.path(out)).map((x: { status: string; columns: string[] }) => [x.status, x.columns]), [['aged', ['email']]], step);
      assert.deepEqual(readFileSync(s.path(out), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]), ['', ''], step);
      const m = JSON.parse(readFileSync(s.path(`${out}.manifest.json`), 'utf8'));
      assert.equal(m.output.sha256, sha256Hex(readFileSync(s.path(out))), step);
      assert.deepEqual(m.agedColumns.map((a: { column: string }) => a.column), ['email'], step);
      assert.equal(s.run(['receipt', 'verify', `k${i}.json`]).status, 0, step);
    }
  });
});
