// One decision procedure for columns (issue 13, item 5): `cordon contract init` and `cordon protect`'s
// undeclared-personal-data check read the same value evidence, so a file that init drafted is never
// refused by protect for data the draft called harmless. Generated files full of look-alikes (hex
// digests, tracking numbers failing Luhn, SKUs, versions, order and invoice ids, UUIDs, nine-digit
// ids, barcodes, epoch-millisecond timestamps, snowflake ids) go through init then protect: no look-alike column is drafted personal and protect
// runs to the end. A column where a few values hold e-mails is drafted personal, so protect agrees.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { cliSandbox } from '../helpers/cli.js';
import { rng } from '../../bench/gen/rng.js';
import { luhnValid } from '../../src/detect/validators/luhn.js';
import { columnsTable, PERSONAL } from '../../bench/gen/columns-b.js';
import { columnsCTables } from '../../bench/gen/columns-c.js';

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
    // 13 and 19 digits from 1: one in ten passes Luhn, no card network issues them.
    event_time_ms: () => String(1_600_000_000_000 + Math.floor(r() * 200_000_000_000)),
    snowflake_id: () => `1${digits(18)}`,
    // Round numbers in card ranges (an amount in micro-units, a double written out): Luhn-valid whenever their leading digits are.
    amount_micros: () => `${1 + Math.floor(r() * 9)}${digits(8)}000000`,
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

  it('a generated table of look-alikes and personal columns under messy headers (bench/gen/columns-b.ts): protect accepts what init drafted', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const t = columnsTable(21, 150);
      const cell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const lines = [t.columns.map(cell).join(','), ...t.records.map((rec) => t.columns.map((c) => cell(rec[c]!)).join(','))];
      writeFileSync(join(s.dir, 'mixed.csv'), lines.join('\n') + '\n');
      const init = s.run(['contract', 'init', 'mixed.csv', '-o', 'c.yaml']);
      assert.equal(init.status, 0, init.stderr);
      const contract = parseContract(readFileSync(join(s.dir, 'c.yaml'), 'utf8'));
      for (const p of PERSONAL) {
        const c = contract.datasets[0]!.columns.find((x) => x.name === p.name);
        assert.ok(c !== undefined && c.classification !== 'internal' && c.classification !== 'public', `${p.name} drafted harmless`);
      }
      const p = s.run(['protect', 'mixed.csv', '-c', 'c.yaml', '-o', 'out.csv']);
      assert.equal(p.status, 0, `protect refused what init drafted: ${p.stderr}`);
    } finally {
      s.cleanup();
    }
  });

  it('the tables of the second generator (bench/gen/columns-c.ts, with headers and without): init drafts each column as its truth says, protect accepts the files', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const cell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      columnsCTables(41, 150).forEach((t, i) => {
        const lines = [t.columns.map(cell).join(','), ...t.records.map((rec) => t.columns.map((c) => cell(rec[c]!)).join(','))];
        writeFileSync(join(s.dir, `c${i}.csv`), lines.join('\n') + '\n');
        const init = s.run(['contract', 'init', `c${i}.csv`, '-o', `c${i}.yaml`]);
        assert.equal(init.status, 0, init.stderr);
        for (const c of parseContract(readFileSync(join(s.dir, `c${i}.yaml`), 'utf8')).datasets[0]!.columns) {
          const harmless = c.classification === 'internal' || c.classification === 'public';
          assert.equal(harmless, t.truth.get(c.name) === null, `${c.name} drafted ${c.classification} (${c.entity ?? 'no entity'})`);
        }
        const p = s.run(['protect', `c${i}.csv`, '-c', `c${i}.yaml`, '-o', `out${i}.csv`]);
        assert.equal(p.status, 0, `protect refused what init drafted: ${p.stderr}`);
      });
    } finally {
      s.cleanup();
    }
  });

  // Values that hold e-mails inside words of their own ("ask …") are short notes: redacted in place
  // by the text operator. Values that are e-mails are replaced whole under the column's entity.
  for (const [kind, value] of [['inside short notes', (i: number) => `ask ana.souza${i}@example.com`], ['as whole values', (i: number) => `ana.souza${i}@example.com`]] as const) {
    it(`a column where a few values hold e-mails ${kind} is drafted personal, so protect does not refuse it`, () => {
      const s = cliSandbox();
      try {
        assert.equal(s.run(['init']).status, 0);
        writeFileSync(join(s.dir, 'events.csv'), csv(120, 9, { name: 'note', value: (i) => (i % 50 === 7 ? value(i) : `ok ${i}`) }));
        assert.equal(s.run(['contract', 'init', 'events.csv', '-o', 'c.yaml']).status, 0);
        const contract = parseContract(readFileSync(join(s.dir, 'c.yaml'), 'utf8'));
        const note = contract.datasets[0]!.columns.find((c) => c.name === 'note')!;
        assert.notEqual(note.classification, 'internal', 'a column holding e-mails is not harmless');
        if (kind === 'inside short notes') {
          assert.equal(note.protect?.operator, 'text', 'short notes are redacted in place');
        } else {
          assert.equal(note.entity, 'EMAIL_ADDRESS');
          assert.notEqual(note.protect?.operator, 'text');
        }
        const p = s.run(['protect', 'events.csv', '-c', 'c.yaml', '-o', 'out.csv']);
        assert.equal(p.status, 0, `protect refused what init drafted: ${p.stderr}`);
        const out = readFileSync(join(s.dir, 'out.csv'), 'utf8');
        assert.equal(out.includes('ana.souza'), false, 'the e-mails were protected');
        if (kind === 'inside short notes') assert.match(out, /,ask <EMAIL_ADDRESS_1>\n/, 'the words around them kept');
      } finally {
        s.cleanup();
      }
    });
  }
});

describe('contract init and protect agree on dates written other ways', () => {
  // A column of birth dates in each written form, a subject id for date-shift, and one column
  // whose "dates" no form reads. Before, init drafted generalize for every date column and protect
  // stopped at row 1 on anything but ISO and M/D/YYYY.
  const FORMS: Array<[string, (y: number, m: number, d: number) => string]> = [
    ['dob_de', (y, m, d) => `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`],
    ['dob_uk', (y, m, d) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`],
    ['dob_text', (y, m, d) => `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`],
    ['admitted_on', (y, m, d) => `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}`],
  ];
  it('each date column gets the format its values are written in; one no form reads is tokenized; protect runs', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const r = rng(5);
      const lines = [['patient_id', ...FORMS.map(([n]) => n), 'date_of_birth'].join(',')];
      for (let i = 0; i < 120; i++) {
        const [y, m, d] = [1940 + Math.floor(r() * 60), 1 + Math.floor(r() * 12), 13 + Math.floor(r() * 16)];
        lines.push([`P${100000 + i}`, ...FORMS.map(([, f]) => f(y, m, d)), `${d}.${String(m).padStart(2, '0')}.${String(y).slice(2)}`].join(',')); // two-digit years: no form reads them
      }
      writeFileSync(join(s.dir, 'visits.csv'), lines.join('\n') + '\n');
      const init = s.run(['contract', 'init', 'visits.csv', '-o', 'c.yaml']);
      assert.equal(init.status, 0, init.stderr);
      const columns = parseContract(readFileSync(join(s.dir, 'c.yaml'), 'utf8')).datasets[0]!.columns;
      const protect = (name: string) => columns.find((c) => c.name === name)?.protect;
      assert.equal(protect('dob_uk')?.params['format'], 'DD/MM/YYYY');
      assert.equal(protect('admitted_on')?.params['format'], 'DD-MM-YYYY');
      for (const n of ['dob_de', 'dob_text']) assert.equal(protect(n)?.params['format'], undefined, `${n}: auto reads it`);
      for (const [n] of FORMS) assert.ok(['generalize', 'date-shift'].includes(protect(n)?.operator ?? ''), `${n}: ${protect(n)?.operator}`);
      assert.equal(protect('date_of_birth')?.operator, 'tokenize', 'a date column no form reads is tokenized, not refused at row 1');
      const p = s.run(['protect', 'visits.csv', '-c', 'c.yaml', '-o', 'out.csv']);
      assert.equal(p.status, 0, `protect refused what init drafted: ${p.stderr}`);
      const out = readFileSync(join(s.dir, 'out.csv'), 'utf8').split('\n');
      const header = out[0]!.split(',');
      const row = out[1]!.split(',');
      const input = lines[1]!.split(',');
      for (const [n] of FORMS) assert.notEqual(row[header.indexOf(n)], input[header.indexOf(n)], `${n} was transformed`);
    } finally {
      s.cleanup();
    }
  });
});
