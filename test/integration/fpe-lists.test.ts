// fpe on a list column (logicalType array) element by element: number elements walk the cycle
// (transform/number-walk.ts) so every output is a number of the same form, written back as a JSON
// number; digit-string elements stay strings; and revealValues walks back, giving every list exactly.
// On JSONL output (numbers kept numbers) and CSV output (the list's JSON text in a cell).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.js';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { revealValues } from '../../src/pipeline/reveal.js';
import { readRecords } from '../../src/io/dataset.js';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { revealGrants } from '../helpers/reveal-policy.js';

const CONTRACT = [
  'apiVersion: v3.1.0', 'kind: DataContract', 'id: accounts-contract', 'name: accounts', 'version: 1.0.0', 'status: active',
  'schema:', '  - name: accounts', '    logicalType: object', '    properties:',
  '      - name: id', '        logicalType: integer', '        classification: internal',
  '      - name: accounts', '        logicalType: array', '        classification: confidential', '        customProperties:',
  '          - property: cordonProtect', '            value:', '              operator: fpe',
  '          - property: cordonPurposes', '            value: [qa]',
  '',
].join('\n');

/** 60 rows of six-digit account numbers (about one fpe output in ten begins with 0 before walking), with digit strings, nulls, negatives and nesting. */
function rows(): Array<{ id: number; accounts: unknown }> {
  return Array.from({ length: 60 }, (_, i) => ({
    id: i,
    accounts: i % 10 === 9 ? null : [100_000 + i * 37, 987_654 - i, String(200_000 + i).padStart(7, '0'), null, -(300_000 + i), [400_000 + i]],
  }));
}

describe('fpe on lists of numbers', () => {
  it('keeps number elements numbers of the same form and reveals every list back (JSONL and CSV out)', async () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(s.path('c.yaml'), CONTRACT);
      const input = rows();
      writeFileSync(s.path('in.jsonl'), input.map((r) => JSON.stringify(r)).join('\n') + '\n');
      for (const out of ['out.jsonl', 'out.csv']) {
        const r = s.run(['protect', 'in.jsonl', '-c', 'c.yaml', '-o', out]);
        assert.equal(r.status, 0, r.stderr);
      }
      const jsonl = readFileSync(s.path('out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: number; accounts: unknown });
      let changed = 0;
      jsonl.forEach((o, i) => {
        const a = input[i]!.accounts as unknown[] | null;
        if (a === null) { assert.equal(o.accounts, null); return; }
        const b = o.accounts as unknown[];
        assert.equal(b.length, a.length);
        for (const k of [0, 1]) {
          assert.equal(typeof b[k], 'number');
          assert.match(String(b[k]), /^[1-9]\d{5}$/, 'a six-digit number stays one');
          if (b[k] !== a[k]) changed++;
        }
        assert.equal(typeof b[2], 'string');
        assert.match(b[2] as string, /^\d{7}$/, 'a digit string keeps its leading zeros');
        assert.equal(b[3], null);
        assert.match(String(b[4]), /^-[1-9]\d{5}$/);
        assert.ok(Array.isArray(b[5]) && typeof (b[5] as unknown[])[0] === 'number');
      });
      assert.ok(changed > 100, 'fpe changed the numbers');

      const contract = parseContract(readFileSync(s.path('c.yaml'), 'utf8'));
      const ws = await openWorkspace({ env: s.env, cwd: s.dir });
      try {
        const reveal = (values: string[]) => revealValues({ contract, column: 'accounts', purpose: 'qa', principal: 'test-user', policy: revealGrants({ 'test-user': ['qa'] }), values, keyring: ws.keyring });
        const kept = input.filter((r) => r.accounts !== null);
        const fromJsonl = jsonl.filter((r) => r.accounts !== null).map((r) => JSON.stringify(r.accounts));
        assert.deepEqual(await reveal(fromJsonl), kept.map((r) => JSON.stringify(r.accounts)), 'JSONL output reveals to the input lists');
        const csv: string[] = [];
        for await (const r of readRecords(join(s.dir, 'out.csv'))) if (r['accounts'] !== null && r['accounts'] !== '') csv.push(r['accounts']!);
        assert.deepEqual(await reveal(csv), kept.map((r) => JSON.stringify(r.accounts)), 'CSV output reveals to the input lists');
        // One element alone reveals as a scalar, as before.
        const first = (jsonl[0]!.accounts as unknown[])[2] as string;
        assert.deepEqual(await reveal([first]), [(input[0]!.accounts as unknown[])[2]]);
      } finally {
        await ws.close();
      }
    } finally {
      s.cleanup();
    }
  });
});
