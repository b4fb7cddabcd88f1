// One decision procedure for columns (issue 13, item 5): `cordon contract init` and `cordon protect`'s
// undeclared-personal-data check read the same value evidence, so a file that init drafted is never
// refused by protect for data the draft called harmless. Generated files full of look-alikes (hex
// digests, tracking numbers failing Luhn, SKUs, versions, order and invoice ids, UUIDs, nine-digit
// ids, barcodes) go through init then protect: no look-alike column is drafted personal and protect
// runs to the end. A column where a few values hold e-mails is drafted personal, so protect agrees.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { cliSandbox } from '../helpers/cli.js';
import { rng } from '../../bench/gen/rng.js';
import { luhnValid } from '../../src/detect/validators/luhn.js';

/** Look-alike columns: name → value maker. None of them is personal data. */
function lookAlikes(r: () => number): Record<string, () => string> {
  const chars = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
  const hex = (n: number): string => chars('0123456789abcdef', n);
  const digits = (n: number): string => chars('0123456789', n);
  return {
    commit: () => hex(40),
    checksum_sha256: () => hex(64),
    etag: () => hex(32),
    build: () => hex(7),
    tracking_number: () => { let d = digits(16); while (luhnValid(d)) d = digits(16); return d; },
    sku: () => `SKU-${digits(5)}-${chars('ABCDEFGHJK', 1)}${digits(2)}`,
    version: () => `${Math.floor(r() * 4)}.${Math.floor(r() * 30)}.${Math.floor(r() * 40)}`,
    order_id: () => `ORD-${digits(9)}`,
    invoice: () => `INV-2025-${digits(6)}`,
    request_id: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${chars('89ab', 1)}${hex(3)}-${hex(12)}`,
    id: () => digits(9),
    batch: () => chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 12),
    amount: () => `${Math.floor(r() * 5000)}.${digits(2)}`,
  };
}

function csv(rows: number, seed: number, extra?: { name: string; value: (i: number) => string }): string {
  const r = rng(seed);
  const cols = lookAlikes(r);
  const names = [...Object.keys(cols), ...(extra ? [extra.name] : [])];
  const lines = [names.join(',')];
  for (let i = 0; i < rows; i++) lines.push([...Object.values(cols).map((f) => f()), ...(extra ? [extra.value(i)] : [])].join(','));
  return lines.join('\n') + '\n';
}

describe('contract init and protect agree on columns', () => {
  for (const seed of [1, 2]) {
    it(`look-alike columns (seed ${seed}) are drafted harmless and protect accepts the file`, () => {
      const s = cliSandbox();
      try {
        assert.equal(s.run(['init']).status, 0);
        writeFileSync(join(s.dir, 'events.csv'), csv(150, seed));
        const init = s.run(['contract', 'init', 'events.csv', '-o', 'c.yaml']);
        assert.equal(init.status, 0, init.stderr);
        const contract = parseContract(readFileSync(join(s.dir, 'c.yaml'), 'utf8'));
        for (const c of contract.datasets[0]!.columns) {
          assert.ok(c.classification === 'internal' || c.classification === 'public', `${c.name} drafted ${c.classification} (${c.entity ?? 'no entity'}): a look-alike column called personal`);
        }
        const p = s.run(['protect', 'events.csv', '-c', 'c.yaml', '-o', 'out.csv']);
        assert.equal(p.status, 0, `protect refused what init drafted: ${p.stderr}`);
      } finally {
        s.cleanup();
      }
    });
  }

  it('a column where a few values hold e-mails is drafted personal, so protect does not refuse it', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(join(s.dir, 'events.csv'), csv(120, 9, { name: 'note', value: (i) => (i % 50 === 7 ? `ask ana.souza${i}@example.com` : `ok ${i}`) }));
      assert.equal(s.run(['contract', 'init', 'events.csv', '-o', 'c.yaml']).status, 0);
      const contract = parseContract(readFileSync(join(s.dir, 'c.yaml'), 'utf8'));
      const note = contract.datasets[0]!.columns.find((c) => c.name === 'note')!;
      assert.notEqual(note.classification, 'internal', 'a column holding e-mails is not harmless');
      assert.equal(note.entity, 'EMAIL_ADDRESS');
      const p = s.run(['protect', 'events.csv', '-c', 'c.yaml', '-o', 'out.csv']);
      assert.equal(p.status, 0, `protect refused what init drafted: ${p.stderr}`);
      assert.equal(readFileSync(join(s.dir, 'out.csv'), 'utf8').includes('ana.souza'), false, 'the e-mails were protected');
    } finally {
      s.cleanup();
    }
  });
});
