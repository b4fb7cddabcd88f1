// Bad input through `cordon protect`: each case gets its code and row number, never a value, and
// leaves nothing behind (no output, no temporary file, no manifest).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cliSandbox } from '../helpers/cli.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: people
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - name: id
        logicalType: integer
        required: true
        classification: internal
      - name: name
        classification: confidential
        customProperties:
          - property: cordonProtect
            value: { operator: hash }
      - name: plan
        classification: internal
`;

const GOOD = ['id,name,plan', '1,Maria Gonzalez,pro', '2,James Smith,free'];

const CASES: Array<{ what: string; lines: string[]; contract?: string; code: string; row: RegExp; secret?: string }> = [
  { what: 'a ragged row', lines: [...GOOD, '3,Wei Chen,team,extra'], code: 'ERR_INPUT_INVALID', row: /line 4|row 3/ },
  { what: 'a value of the wrong type', lines: [...GOOD, 'x-17,Wei Chen,team'], code: 'ERR_INPUT_INVALID', row: /row 3: column "id"/, secret: 'x-17' },
  { what: 'a missing required value', lines: [...GOOD, ',Wei Chen,team'], code: 'ERR_INPUT_INVALID', row: /row 3: required column "id"/ },
  { what: 'undeclared personal data', lines: [...GOOD, '3,Wei Chen,wei.chen@example.com'], code: 'ERR_UNDECLARED_PERSONAL_DATA', row: /row 3: column "plan" \(internal\) holds EMAIL_ADDRESS/, secret: 'wei.chen' },
  { what: 'a column the contract does not declare', lines: ['id,name,plan,ssn', '1,Maria Gonzalez,pro,536-22-8714'], code: 'ERR_INPUT_INVALID', row: /row 1: column "ssn" is not in the contract/, secret: '536-22' },
  { what: 'an unknown operator', lines: GOOD, contract: CONTRACT.replace('operator: hash', 'operator: scramble'), code: 'ERR_CONTRACT_INVALID', row: /unknown operator "scramble"/ },
];

/** Files a user picks up as they are: each a stable code (exit 3), its reason, nothing written. */
const FILES: Array<{ what: string; name: string; bytes: Buffer; code: string; reason: RegExp }> = [
  { what: 'an Excel workbook', name: 'people.xlsx', bytes: Buffer.from('PK\x03\x04 rest of a zip'), code: 'ERR_FORMAT_UNSUPPORTED', reason: /spreadsheet workbook \(\.xlsx\).*save the sheet as CSV UTF-8/ },
  { what: 'a legacy .xls saved under .csv', name: 'people.csv', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3, 4]), code: 'ERR_FORMAT_UNSUPPORTED', reason: /legacy Excel workbook/ },
  { what: 'a truncated .csv.gz', name: 'people.csv.gz', bytes: gzipSync(GOOD.join('\n') + '\n').subarray(0, 25), code: 'ERR_INPUT_INVALID', reason: /gzip stream is truncated or corrupt/ },
  { what: 'a file without line breaks', name: 'people.csv', bytes: Buffer.from(`id,name,${'Maria Gonzalez pro '.repeat(80)}`), code: 'ERR_INPUT_INVALID', reason: /line 1: header cell 3 is 1520 characters/ },
];

describe('cordon protect on bad input', () => {
  for (const f of FILES) {
    it(`${f.what}: ${f.code}, and nothing written`, () => {
      const s = cliSandbox();
      try {
        assert.equal(s.run(['init']).status, 0);
        writeFileSync(s.path(f.name), f.bytes);
        writeFileSync(s.path('c.yaml'), CONTRACT);
        const before = readdirSync(s.dir).sort();
        const r = s.run(['protect', f.name, '-c', 'c.yaml', '-o', 'out.csv']);
        assert.equal(r.status, 3, r.stderr);
        assert.match(r.stderr, new RegExp(f.code));
        assert.match(r.stderr, f.reason);
        assert.equal(r.stderr.includes('Maria'), false, 'the error holds no value');
        assert.deepEqual(readdirSync(s.dir).sort(), before, 'nothing new in the directory');
      } finally {
        s.cleanup();
      }
    });
  }

  for (const c of CASES) {
    it(`${c.what}: ${c.code} with where it happened, and nothing written`, () => {
      const s = cliSandbox();
      try {
        assert.equal(s.run(['init']).status, 0);
        writeFileSync(s.path('people.csv'), c.lines.join('\n') + '\n');
        writeFileSync(s.path('c.yaml'), c.contract ?? CONTRACT);
        const before = readdirSync(s.dir).sort();
        const r = s.run(['protect', 'people.csv', '-c', 'c.yaml', '-o', 'out.csv']);
        assert.equal(r.status, 3, r.stderr);
        assert.match(r.stderr, new RegExp(c.code));
        assert.match(r.stderr, c.row);
        if (c.secret !== undefined) assert.equal(r.stderr.includes(c.secret), false, 'the error holds no value');
        assert.deepEqual(readdirSync(s.dir).sort(), before, 'nothing new in the directory');
      } finally {
        s.cleanup();
      }
    });
  }
});
