// `cordon scan` as a user runs it: the --json contract, the table, sampling, bad input with line
// numbers and exit codes, and no cell value ever printed.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { cliSandbox } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';

const FIXTURES = repoPath('test/fixtures/scan');
const CONTRACT_KEYS = ['name', 'entity', 'confidence', 'freeText', 'textEntities', 'classification', 'category', 'matchedShare', 'nullValues'];

interface ScanColumn { name: string; entity: string | null; confidence: number; freeText: boolean; textEntities: string[]; classification: string; category: string; matchedShare: number }

/** Every cell of a CSV fixture that could identify someone (long enough to be a real value). */
function cells(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n').slice(1);
  return lines.flatMap((l) => l.split(',')).map((c) => c.replace(/^"|"$/g, '').trim()).filter((c) => c.length >= 5 && /\d|@/.test(c));
}

describe('cordon scan', () => {
  const s = cliSandbox({ masterKey: false });
  after(() => s.cleanup());

  it('--json prints exactly the contract, one entry per column in header order', () => {
    const r = s.run(['scan', `${FIXTURES}/people.csv`, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { columns: ScanColumn[] };
    assert.deepEqual(Object.keys(out), ['columns']);
    assert.deepEqual(out.columns.map((c) => c.name), ['id', 'x7', 'contact_email', 'first_name', 'card', 'cvv', 'order_number', 'blood', 'dob', 'fav_colour', 'notes']);
    for (const c of out.columns) assert.deepEqual(Object.keys(c), CONTRACT_KEYS);
    const by = Object.fromEntries(out.columns.map((c) => [c.name, c]));
    assert.equal(by.x7!.entity, 'US_SSN');
    assert.equal(by.x7!.classification, 'restricted');
    assert.equal(by.contact_email!.entity, 'EMAIL_ADDRESS');
    assert.equal(by.card!.entity, 'CREDIT_CARD');
    assert.equal(by.cvv!.entity, 'CREDIT_CARD_CVV');
    assert.equal(by.cvv!.category, 'secret');
    // SSN-shaped order numbers that fail the SSN rules are not US_SSN; two of them (900-77-0001,
    // 900-99-9999) are valid ITINs, which protect refuses in an internal column, so scan says so too.
    assert.equal(by.order_number!.entity, 'US_ITIN', 'SSN-shaped order numbers that fail the SSN rules');
    assert.equal(by.blood!.category, 'sensitive');
    assert.equal(by.dob!.entity, 'DATE_OF_BIRTH');
    assert.equal(by.fav_colour!.category, 'none');
    assert.equal(by.notes!.freeText, true);
    assert.equal(by.notes!.entity, null);
    assert.ok(by.notes!.textEntities.includes('EMAIL_ADDRESS'));
    assert.equal(r.stdout.trim().split('\n').length, 1);
  });

  it('--profile narrows what the values are read as; an unknown profile is a usage error', () => {
    const run = (args: string[]) => {
      const r = s.run(['scan', `${FIXTURES}/people.csv`, '--json', ...args]);
      assert.equal(r.status, 0, r.stderr);
      return Object.fromEntries((JSON.parse(r.stdout) as { columns: ScanColumn[] }).columns.map((c) => [c.name, c]));
    };
    const plain = run([]);
    const secrets = run(['--profile', 'secrets']);
    assert.ok(plain.notes!.textEntities.includes('EMAIL_ADDRESS'));
    assert.ok(!secrets.notes!.textEntities.includes('EMAIL_ADDRESS'), 'e-mail addresses are not credentials');
    assert.equal(run(['--profile', 'pci']).card!.entity, 'CREDIT_CARD');
    assert.equal(s.run(['scan', `${FIXTURES}/people.csv`, '--profile', 'gdpr']).status, EXIT_CODES.usage);
  });

  it('prints a readable table by default, and never a cell value', () => {
    const r = s.run(['scan', `${FIXTURES}/people.csv`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^COLUMN\s+ENTITY\s+CATEGORY\s+CLASSIFICATION\s+CONF\s+MATCHED\s+BASIS\s+NOTES$/m);
    assert.match(r.stdout, /^x7\s+US_SSN\s+direct\s+restricted\s+\d\.\d\d\s+100%\s+values\b/m);
    assert.match(r.stdout, /^notes\s+\(free text\)\s+direct\s+confidential\b.*EMAIL_ADDRESS \d+%/m);
    assert.match(r.stdout, /8 row\(s\) sampled; 11 column\(s\): \d+ restricted/);
    for (const v of cells(`${FIXTURES}/people.csv`)) {
      assert.ok(!r.stdout.includes(v) && !r.stderr.includes(v), `cell value printed: ${v}`);
    }
  });

  it('reads TSV, JSONL (nested names flattened) and Parquet', () => {
    const tsv = JSON.parse(s.run(['scan', `${FIXTURES}/people.tsv`, '--json']).stdout) as { columns: ScanColumn[] };
    assert.equal(tsv.columns.find((c) => c.name === 'contact_email')!.entity, 'EMAIL_ADDRESS');
    const jsonl = JSON.parse(s.run(['scan', `${FIXTURES}/people.jsonl`, '--json']).stdout) as { columns: ScanColumn[] };
    assert.deepEqual(jsonl.columns.map((c) => c.name), ['id', 'user.email', 'user.first_name', 'ssn', 'tags', 'active']);
    assert.equal(jsonl.columns[1]!.entity, 'EMAIL_ADDRESS');
    assert.equal(jsonl.columns[3]!.entity, 'US_SSN');
    const buf = parquetWriteBuffer({ columnData: [
      { name: 'email', data: ['a@example.com', 'b@example.org', null, 'c@example.net'], type: 'STRING' },
      { name: 'n', data: Int32Array.from([1, 2, 3, 4]), type: 'INT32' },
    ] });
    writeFileSync(s.path('t.parquet'), new Uint8Array(buf));
    const r = s.run(['scan', 't.parquet', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const pq = JSON.parse(r.stdout) as { columns: ScanColumn[] };
    assert.deepEqual(pq.columns.map((c) => [c.name, c.entity]), [['email', 'EMAIL_ADDRESS'], ['n', null]]);
  });

  it('a struct null in some rows is no column beside its fields (JSONL; contract init drafts its fields only)', () => {
    const rows = [
      { id: 1, addr: { city: 'Oslo', zip: '0150' } },
      { id: 2, addr: null },
      { id: 3, addr: { city: 'Bergen', zip: '5003' } },
      { id: 4, addr: { city: 'Trondheim', zip: '7010' } },
    ];
    writeFileSync(s.path('addr.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = s.run(['scan', 'addr.jsonl', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { columns: ScanColumn[] }).columns.map((c) => c.name), ['id', 'addr.city', 'addr.zip']);
    const init = s.run(['contract', 'init', 'addr.jsonl', '-o', 'addr.yaml', '--force']);
    assert.equal(init.status, 0, init.stderr);
    const draft = readFileSync(s.path('addr.yaml'), 'utf8');
    assert.doesNotMatch(draft, /^ {6}- name: addr$/m, 'no column named addr');
    assert.match(draft, /^ {6}- name: addr\.city$/m);
    // A column that holds text in one row and an object in another keeps its name (a value decides).
    writeFileSync(s.path('mixed.jsonl'), '{"id":1,"addr":"Storgata 1"}\n{"id":2,"addr":{"city":"Oslo"}}\n');
    const mixed = JSON.parse(s.run(['scan', 'mixed.jsonl', '--json']).stdout) as { columns: ScanColumn[] };
    assert.ok(mixed.columns.some((c) => c.name === 'addr'));
  });

  it('--sample limits the rows read', () => {
    const r = s.run(['scan', `${FIXTURES}/people.csv`, '--sample', '3']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /3 row\(s\) sampled \(first 3; --sample to change\)/);
  });

  it('stops at a ragged row with its line number (exit 3), or skips it with --on-error skip', () => {
    const r = s.run(['scan', `${FIXTURES}/ragged.csv`]);
    assert.equal(r.status, EXIT_CODES.input);
    assert.match(r.stderr, /ERR_INPUT_INVALID: line 5: 2 fields where the header has 3/);
    assert.equal(r.stdout, '');
    const k = s.run(['scan', `${FIXTURES}/ragged.csv`, '--on-error', 'skip', '--json']);
    assert.equal(k.status, 0, k.stderr);
    assert.match(k.stderr, /skipped 1 malformed row\(s\) at line\(s\) 5/);
    assert.equal((JSON.parse(k.stdout) as { columns: unknown[] }).columns.length, 3);
  });

  it('stops at a malformed JSONL line with its number', () => {
    const r = s.run(['scan', `${FIXTURES}/malformed.jsonl`]);
    assert.equal(r.status, EXIT_CODES.input);
    assert.match(r.stderr, /line 2 is not valid JSON/);
    const k = s.run(['scan', `${FIXTURES}/malformed.jsonl`, '--on-error', 'skip']);
    assert.equal(k.status, 0, k.stderr);
    assert.match(k.stderr, /skipped 2 malformed row\(s\) at line\(s\) 2, 3/);
  });

  it('refuses binary, empty, missing and unknown input with stable codes', () => {
    writeFileSync(s.path('bin.csv'), Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x00, 0x0a]));
    const bin = s.run(['scan', 'bin.csv']);
    assert.equal(bin.status, EXIT_CODES.input);
    assert.match(bin.stderr, /line 2 is not valid UTF-8/);
    writeFileSync(s.path('empty.jsonl'), '');
    assert.match(s.run(['scan', 'empty.jsonl']).stderr, /ERR_INPUT_INVALID: empty.jsonl is empty/);
    const missing = s.run(['scan', 'nope.csv']);
    assert.equal(missing.status, EXIT_CODES.input);
    assert.match(missing.stderr, /ERR_IO/);
    copyFileSync(`${FIXTURES}/people.tsv`, s.path('people.dat'));
    const unknown = s.run(['scan', 'people.dat']);
    assert.equal(unknown.status, EXIT_CODES.input);
    assert.match(unknown.stderr, /ERR_FORMAT_UNSUPPORTED/);
    assert.equal(s.run(['scan', 'people.dat', '--format', 'tsv']).status, 0);
  });

  it('--encoding windows-1252 reads spreadsheet exports', () => {
    writeFileSync(s.path('excel.csv'), Buffer.concat([Buffer.from('email,city\na@example.com,Orl'), Buffer.from([0xe9]), Buffer.from('ans\n')]));
    const bad = s.run(['scan', 'excel.csv']);
    assert.equal(bad.status, EXIT_CODES.input);
    assert.match(bad.stderr, /not valid UTF-8.*--encoding windows-1252/);
    const r = s.run(['scan', 'excel.csv', '--encoding', 'cp1252', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(s.run(['scan', 'excel.csv', '--encoding', 'ebcdic']).status, EXIT_CODES.usage);
  });

  it('reads stdin with --format', () => {
    const r = s.run(['scan', '-', '--format', 'csv', '--json'], { input: 'email\na@example.com\nb@example.org\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { columns: ScanColumn[] }).columns[0]!.entity, 'EMAIL_ADDRESS');
  });

  it('usage errors exit 2; --help teaches with examples', () => {
    assert.equal(s.run(['scan', `${FIXTURES}/people.csv`, '--sample', '0']).status, EXIT_CODES.usage);
    assert.equal(s.run(['scan', `${FIXTURES}/people.csv`, '--format', 'xlsx']).status, EXIT_CODES.usage);
    assert.equal(s.run(['scan', `${FIXTURES}/people.csv`, '--on-error', 'ignore']).status, EXIT_CODES.usage);
    assert.equal(s.run(['scan', '-']).status, EXIT_CODES.usage);
    assert.equal(s.run(['scan']).status, EXIT_CODES.usage);
    const help = s.run(['scan', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Examples:\n {2}cordon scan customers\.csv/);
    assert.match(help.stdout, /--json/);
  });
});
