// An empty dataset is one result in every format: a CSV header without rows, a JSON `[]`, a wrapped
// `{"data": []}` and a Parquet file of zero rows read as zero records (scan says so, protect writes an
// empty output of the same shape); records without fields (`{}`) scan to no columns. contract init
// refuses to draft a contract of no columns (ERR_INPUT_INVALID, exit 3, nothing written). A file with
// nothing in it stays ERR_INPUT_INVALID.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';

const CONTRACT = [
  'apiVersion: v3.1.0', 'kind: DataContract', 'id: people-contract', 'name: people', 'version: 1.0.0', 'status: active',
  'schema:', '  - name: people', '    logicalType: object', '    properties:',
  ...[['id', 'internal', 'keep'], ['email', 'confidential', 'deterministic']].flatMap(([name, cls, op]) => [
    `      - name: ${name}`, '        logicalType: string', `        classification: ${cls}`, '        customProperties:',
    '          - property: cordonProtect', '            value:', `              operator: ${op}`,
  ]),
  '',
].join('\n');

function sandbox(): CliSandbox {
  const s = cliSandbox();
  assert.equal(s.run(['init']).status, 0);
  writeFileSync(s.path('c.yaml'), CONTRACT);
  writeFileSync(s.path('header.csv'), 'id,email\n');
  writeFileSync(s.path('empty.json'), '[]\n');
  writeFileSync(s.path('wrapped.json'), '{"meta": {"page": 1}, "data": []}\n');
  writeFileSync(s.path('fieldless.json'), '{}\n');
  return s;
}

describe('empty datasets', () => {
  it('scan: an empty dataset and records without fields are results (exit 0) with a note saying which', () => {
    const s = sandbox();
    try {
      const cases: Array<[string[], RegExp, string[]]> = [
        [['header.csv'], /no data rows/, ['id', 'email']],
        [['empty.json'], /no records and no columns \(an empty dataset\)/, []],
        [['wrapped.json', '--records', 'data'], /no records and no columns/, []],
        [['fieldless.json'], /the records have no fields/, []],
      ];
      for (const [args, note, columns] of cases) {
        const r = s.run(['scan', ...args, '--json']);
        assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, note, args.join(' '));
        assert.deepEqual((JSON.parse(r.stdout) as { columns: Array<{ name: string }> }).columns.map((c) => c.name), columns, args.join(' '));
      }
    } finally {
      s.cleanup();
    }
  });

  it('contract init: no columns is ERR_INPUT_INVALID (exit 3) and writes nothing; a header alone drafts its columns', () => {
    const s = sandbox();
    try {
      for (const [args, why] of [[['empty.json'], /no records and no header/], [['wrapped.json', '--records', 'data'], /no records and no header/], [['fieldless.json'], /records without fields/]] as const) {
        const r = s.run(['contract', 'init', ...args, '-o', 'draft.yaml']);
        assert.equal(r.status, 3, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /ERR_INPUT_INVALID: no columns to draft a contract from/);
        assert.match(r.stderr, why);
        assert.equal(existsSync(s.path('draft.yaml')), false, 'nothing written');
      }
      const header = s.run(['contract', 'init', 'header.csv', '-o', 'draft.yaml']);
      assert.equal(header.status, 0, header.stderr);
      assert.match(header.stdout, /2 column\(s\)/);
    } finally {
      s.cleanup();
    }
  });

  it('protect: an empty dataset gives an empty output of the output\'s shape and rows.in 0', () => {
    const s = sandbox();
    try {
      const outputs: Array<[string, string, string]> = [
        ['empty.json', 'a.json', '[]'],
        ['empty.json', 'a.csv', 'id,email'],
        ['header.csv', 'b.json', '[]'],
        ['header.csv', 'b.csv', 'id,email'],
        ['header.csv', 'b.jsonl', ''],
      ];
      for (const [input, out, text] of outputs) {
        const r = s.run(['protect', input, '-c', 'c.yaml', '-o', out]);
        assert.equal(r.status, 0, `${input} → ${out}: ${r.stderr}`);
        assert.match(r.stdout, /protected 0 row\(s\)/);
        assert.equal(readFileSync(s.path(out), 'utf8').trim(), text, `${input} → ${out}`);
        const m = JSON.parse(readFileSync(s.path(`${out}.manifest.json`), 'utf8')) as { rows: { in: number; out: number } };
        assert.deepEqual([m.rows.in, m.rows.out], [0, 0]);
      }
      const parquet = s.run(['protect', 'empty.json', '-c', 'c.yaml', '-o', 'c.parquet']);
      assert.equal(parquet.status, 0, parquet.stderr);
      const back = s.run(['scan', 'c.parquet', '--json']);
      assert.equal(back.status, 0, back.stderr);
      assert.deepEqual((JSON.parse(back.stdout) as { columns: Array<{ name: string }> }).columns.map((c) => c.name), ['id', 'email'], 'the empty Parquet output has the contract\'s columns');
    } finally {
      s.cleanup();
    }
  });

  it('a file with nothing in it stays ERR_INPUT_INVALID in every format', () => {
    const s = sandbox();
    try {
      for (const [name, text] of [['zero.csv', ''], ['zero.json', ''], ['blank.json', ' \n\n'], ['blank.jsonl', '\n \n']] as const) {
        writeFileSync(s.path(name), text);
        const r = s.run(['scan', name]);
        assert.equal(r.status, 3, `${name}: ${r.stderr}`);
        assert.match(r.stderr, /ERR_INPUT_INVALID/, name);
      }
    } finally {
      s.cleanup();
    }
  });
});
