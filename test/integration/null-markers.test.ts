// Database and spreadsheet exports write a missing value as \N, NULL, N/A or NA. contract init
// finds the markers a file uses and lists them (cordonNullValues); protect then leaves such cells as
// written (no token for "NULL", no date operator refusing it), and every other cell is protected.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { rng } from '../../bench/gen/rng.js';
import { DuckDBInstance } from '@duckdb/node-api';

const FIRST = ['Maria', 'James', 'Aisha', 'Wei', 'Olga', 'Carlos', 'Priya', 'Tom'];
const LAST = ['Gonzalez', 'Smith', 'Okafor', 'Chen', 'Ivanova', 'Silva', 'Patel', 'Baker'];
const COUNTRIES = ['US', 'DE', 'NA', 'FR', 'JP'];

/** An export of `rows` patients: NULL, \N and N/A here and there, NA for a missing phone, NA as Namibia's code. */
function exportCsv(seed: number, rows: number): string[][] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out = [['patient_id', 'name', 'email', 'dob', 'country', 'phone']];
  for (let i = 0; i < rows; i++) {
    const f = pick(FIRST);
    const l = pick(LAST);
    out.push([
      String(1000 + i), `${f} ${l}`,
      r() < 0.2 ? pick(['NULL', '\\N', '']) : `${f.toLowerCase()}.${l.toLowerCase()}${i}@example.com`,
      r() < 0.2 ? 'NULL' : `19${50 + Math.floor(r() * 50)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
      pick(COUNTRIES),
      r() < 0.2 ? pick(['NA', 'N/A']) : `+1-415-555-${String(1000 + i)}`,
    ]);
  }
  return out;
}

interface Prop { name: string; customProperties: Array<{ property: string; value: unknown }> }

describe('null markers in exports', () => {
  let s: CliSandbox;
  before(() => {
    s = cliSandbox();
    assert.equal(s.run(['init']).status, 0);
  });
  after(() => s.cleanup());

  for (const seed of [1, 2, 3]) {
    it(`contract init lists the markers and protect leaves them as written (seed ${seed})`, () => {
      const rows = exportCsv(seed, 120);
      const file = `export${seed}.csv`;
      writeFileSync(join(s.dir, file), rows.map((r) => r.join(',')).join('\n') + '\n');
      const scan = s.run(['scan', file, '--json']);
      assert.equal(scan.status, 0, scan.stderr);
      const scanned = new Map((JSON.parse(scan.stdout) as { columns: Array<{ name: string; nullValues: string[] }> }).columns.map((c) => [c.name, c.nullValues]));
      assert.ok(scanned.get('phone')!.includes('NA') && scanned.get('phone')!.includes('N/A'), 'NA among phone numbers is a marker');
      assert.ok(scanned.get('email')!.includes('NULL') && scanned.get('email')!.includes('\\N'));
      assert.ok(!scanned.get('country')!.includes('NA'), 'NA among country codes is a value');

      assert.equal(s.run(['contract', 'init', file, '-o', `c${seed}.yaml`]).status, 0);
      const doc = parse(readFileSync(join(s.dir, `c${seed}.yaml`), 'utf8')) as { schema: Array<{ customProperties?: Array<{ property: string; value: unknown }>; properties: Prop[] }> };
      const datasetNulls = doc.schema[0]!.customProperties?.find((c) => c.property === 'cordonNullValues')?.value as string[];
      assert.ok(datasetNulls.includes('NULL') && datasetNulls.includes('\\N'));
      const prop = (n: string) => doc.schema[0]!.properties.find((p) => p.name === n)!;
      const operator = (n: string) => (prop(n).customProperties.find((c) => c.property === 'cordonProtect')!.value as { operator: string }).operator;
      assert.equal(operator('dob'), 'generalize', 'a date column with NULLs is still generalized');

      const p = s.run(['protect', file, '-c', `c${seed}.yaml`, '-o', `out${seed}.csv`]);
      assert.equal(p.status, 0, p.stderr);
      const out = readFileSync(join(s.dir, `out${seed}.csv`), 'utf8').trim().split('\n').map((l) => l.split(','));
      assert.equal(out.length, rows.length);
      const col = (n: string) => rows[0]!.indexOf(n);
      for (let i = 1; i < rows.length; i++) {
        for (const n of ['email', 'dob', 'phone']) {
          const before = rows[i]![col(n)]!;
          const after = out[i]![col(n)]!;
          const marker = before === '' || (n === 'phone' ? ['NA', 'N/A', 'NULL'] : ['NULL', '\\N']).includes(before);
          if (marker) assert.equal(after, before, `row ${i} ${n}: a marker is written as it was`);
          else assert.notEqual(after, before, `row ${i} ${n}: a value is protected`);
        }
        const country = rows[i]![col('country')]!;
        assert.notEqual(out[i]![col('country')], country, `row ${i}: every country code is protected, NA too`);
      }
    });
  }

  it('a Parquet or JSONL output writes the markers as null, so a column keeps one type', async () => {
    writeFileSync(join(s.dir, 'typed.csv'), 'id,name,age,dob\n1,Ana Ruiz,34,1980-01-02\n2,Bo Li,NULL,NULL\n3,Cy Ng,51,1975-03-04\n4,Di Wu,\\N,1990-05-06\n');
    assert.equal(s.run(['contract', 'init', 'typed.csv', '-o', 'typed.yaml']).status, 0);
    for (const out of ['typed.jsonl', 'typed.parquet']) {
      const p = s.run(['protect', 'typed.csv', '-c', 'typed.yaml', '-o', out]);
      assert.equal(p.status, 0, p.stderr);
    }
    const lines = readFileSync(join(s.dir, 'typed.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines.map((r) => [r['age'] === null, r['dob'] === null]), [[false, false], [true, true], [false, false], [true, false]]);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const rows = (await c.runAndReadAll(`select age, dob from read_parquet('${join(s.dir, 'typed.parquet').replaceAll("'", "''")}') order by id`)).getRowObjectsJson();
    assert.deepEqual(rows.map((r) => [r['age'] === null, r['dob'] === null]), [[false, false], [true, true], [false, false], [true, false]]);
    assert.deepEqual(rows.filter((r) => r['dob'] !== null).map((r) => String(r['dob'])), ['1980', '1975', '1990'], 'dob generalized to years, one type');
    c.closeSync();
  });

  it('--null-values "" reads no markers: the NULL dates are then tokenized with the column', () => {
    writeFileSync(join(s.dir, 'plain.csv'), exportCsv(7, 60).map((r) => r.join(',')).join('\n') + '\n');
    const init = s.run(['contract', 'init', 'plain.csv', '--null-values', '', '-o', 'plain.yaml']);
    assert.equal(init.status, 0, init.stderr);
    const text = readFileSync(join(s.dir, 'plain.yaml'), 'utf8');
    assert.doesNotMatch(text, /cordonNullValues/);
    assert.match(text, /generalize refuses some sampled values/);
  });

  it('a required column holding a marker stops protect at that row; a bad marker list is a contract error', () => {
    writeFileSync(join(s.dir, 'req.csv'), 'id,email\n1,a@example.com\n2,NULL\n');
    const contract = (nulls: string) => `apiVersion: v3.1.0
kind: DataContract
id: null-markers-test
version: 1.0.0
status: active
schema:
  - name: req
    customProperties:
      - { property: cordonNullValues, value: ${nulls} }
    properties:
      - { name: id, classification: internal }
      - name: email
        required: true
        classification: confidential
        customProperties:
          - { property: cordonProtect, value: { operator: hash } }
`;
    writeFileSync(join(s.dir, 'req.yaml'), contract('["NULL"]'));
    const p = s.run(['protect', 'req.csv', '-c', 'req.yaml', '-o', 'req.out.csv', '--json']);
    assert.equal(p.status, 3, p.stderr);
    assert.match(p.stderr, /ERR_INPUT_INVALID/);
    assert.match(p.stderr, /row 2/);
    writeFileSync(join(s.dir, 'bad.yaml'), contract('["NULL", "NULL"]'));
    const bad = s.run(['protect', 'req.csv', '-c', 'bad.yaml', '-o', 'bad.out.csv']);
    assert.match(bad.stderr, /ERR_CONTRACT_INVALID/);
    assert.match(bad.stderr, /cordonNullValues/);
  });
});
