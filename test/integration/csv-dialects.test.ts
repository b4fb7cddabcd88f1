// One CSV in seven dialects — `,` with CRLF and a UTF-8 BOM, `;`, `,` with CR line endings, `|`, tab, `;` in Windows-1252,
// and `;` under Excel's `sep=;` first line (read as the delimiter, not as a row, and written back) —
// plus UTF-16LE with a BOM: each is sniffed (delimiter, quote, header, line ending), scanned with the
// right row count, and protected with the keep columns' values identical, including fields holding
// delimiters, newlines and quotes; the output keeps the input's dialect (a tab-delimited .csv comes
// out comma-delimited: a .csv output is never tab-delimited). A header that is one column
// holding another delimiter stops with ERR_CSV_DIALECT instead of reading every row as one value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { readRecords } from '../../src/io/dataset.js';
import type { DatasetRecord } from '../../src/io/record.js';

const COLUMNS = ['id', 'full_name', 'email', 'note'] as const;
const NAMES = ['Maria Gonzalez', 'James Smith', 'Wei Chen', 'Aisha Khan', 'Olu Adeyemi'];
/** Notes hold every delimiter, quotes, a newline and non-ASCII text (Windows-1252 has é, ü, €). */
const NOTES = ['plain', 'a,b;c|d\te', 'she said "yes"', 'two\nlines', 'café €5 über', ''];

function rows(n: number): Array<Record<(typeof COLUMNS)[number], string>> {
  return Array.from({ length: n }, (_, i) => {
    const name = NAMES[i % NAMES.length]!;
    return { id: String(1000 + i), full_name: name, email: `${name.toLowerCase().replace(' ', '.')}${i}@example.com`, note: NOTES[i % NOTES.length]! };
  });
}

const CONTRACT = [
  'apiVersion: v3.1.0', 'kind: DataContract', 'id: people-contract', 'name: people', 'version: 1.0.0', 'status: active',
  'schema:', '  - name: people', '    logicalType: object', '    properties:',
  ...[['id', 'internal', 'keep', ''], ['full_name', 'confidential', 'tokenize', 'PERSON'], ['email', 'confidential', 'deterministic', 'EMAIL_ADDRESS'], ['note', 'internal', 'keep', '']]
    .flatMap(([name, cls, op, entity]) => [
      `      - name: ${name}`, '        logicalType: string', `        classification: ${cls}`, '        customProperties:',
      ...(entity ? ['          - property: cordonEntity', `            value: ${entity}`] : []),
      '          - property: cordonProtect', '            value:', `              operator: ${op}`,
    ]),
  '',
].join('\n');

interface Dialect { name: string; delimiter: string; newline: '\n' | '\r\n' | '\r'; encode: (text: string) => Buffer; flags: string[]; sepLine?: true }

const DIALECTS: Dialect[] = [
  { name: 'comma, CRLF, UTF-8 BOM', delimiter: ',', newline: '\r\n', encode: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]), flags: [] },
  { name: 'semicolon', delimiter: ';', newline: '\n', encode: (t) => Buffer.from(t), flags: [] },
  { name: 'comma, CR line endings (classic Mac, Excel\'s "CSV (Macintosh)")', delimiter: ',', newline: '\r', encode: (t) => Buffer.from(t), flags: [] },
  { name: 'pipe', delimiter: '|', newline: '\n', encode: (t) => Buffer.from(t), flags: [] },
  { name: 'tab', delimiter: '\t', newline: '\n', encode: (t) => Buffer.from(t), flags: [] },
  { name: 'semicolon, CRLF, Windows-1252', delimiter: ';', newline: '\r\n', encode: (t) => Buffer.from(new Uint8Array([...t].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))))), flags: ['--encoding', 'latin1'] },
  { name: 'semicolon under Excel\'s "sep=;" line, CRLF', delimiter: ';', newline: '\r\n', encode: (t) => Buffer.from(t), flags: [], sepLine: true },
  { name: 'comma, UTF-16LE with BOM', delimiter: ',', newline: '\n', encode: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), flags: [] },
];

function csvText(d: Dialect, data: readonly Record<string, string>[]): string {
  return Papa.unparse(data.map((r) => COLUMNS.map((c) => r[c]!)), { delimiter: d.delimiter, newline: d.newline, header: false })
    .replace(/^/, (d.sepLine ? `sep=${d.delimiter}${d.newline}` : '') + COLUMNS.join(d.delimiter) + d.newline) + d.newline;
}

async function readAll(path: string): Promise<DatasetRecord[]> {
  const out: DatasetRecord[] = [];
  for await (const r of readRecords(path)) out.push({ ...r });
  return out;
}

function sandbox(): CliSandbox {
  const s = cliSandbox();
  assert.equal(s.run(['init']).status, 0);
  writeFileSync(s.path('c.yaml'), CONTRACT);
  return s;
}

describe('CSV dialects', () => {
  const data = rows(50);
  for (const d of DIALECTS) {
    it(`${d.name}: scan counts the rows, protect keeps values and the dialect`, async () => {
      const s = sandbox();
      try {
        writeFileSync(s.path('people.csv'), d.encode(csvText(d, data)));
        const scan = s.run(['scan', 'people.csv', '--json', ...d.flags]);
        assert.equal(scan.status, 0, scan.stderr);
        const cols = (JSON.parse(scan.stdout) as { columns: Array<{ name: string; entity: string | null }> }).columns;
        assert.deepEqual(cols.map((c) => c.name), [...COLUMNS]);
        assert.equal(cols.find((c) => c.name === 'email')!.entity, 'EMAIL_ADDRESS');
        const text = s.run(['scan', 'people.csv', ...d.flags]);
        assert.match(text.stdout, /\n50 row\(s\) sampled/);

        const r = s.run(['protect', 'people.csv', '-c', 'c.yaml', '-o', 'out.csv', '--json', ...d.flags]);
        assert.equal(r.status, 0, r.stderr);
        const out = await readAll(s.path('out.csv'));
        assert.equal(out.length, data.length);
        assert.deepEqual(out.map((x) => x.id), data.map((x) => x.id), 'keep column id');
        assert.deepEqual(out.map((x) => x.note), data.map((x) => x.note), 'keep column note');
        for (let i = 0; i < data.length; i++) assert.notEqual(out[i]!.email, data[i]!.email, 'email protected');
        const written = readFileSync(s.path('out.csv'), 'utf8');
        const lines = written.split(d.newline);
        if (d.sepLine) assert.equal(lines.shift(), `sep=${d.delimiter}`, 'the sep= line is kept, so Excel opens the output as it did the input');
        // A .csv output is never tab-delimited (docs/protect.md): tab in, comma out; every other delimiter is kept.
        assert.equal(lines[0], COLUMNS.join(d.delimiter === '\t' ? ',' : d.delimiter), 'header in the input\'s delimiter (tab: comma) and line ending');
        if (d.newline === '\n') assert.ok(!written.includes('\r'), 'no CR added');
      } finally {
        s.cleanup();
      }
    });
  }

  it('--output-delimiter changes only the delimiter', async () => {
    const s = sandbox();
    try {
      const d = DIALECTS[1]!;
      writeFileSync(s.path('people.csv'), d.encode(csvText(d, data)));
      const r = s.run(['protect', 'people.csv', '-c', 'c.yaml', '-o', 'out.csv', '--output-delimiter', '|']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(readFileSync(s.path('out.csv'), 'utf8').split('\n')[0], COLUMNS.join('|'));
      assert.deepEqual((await readAll(s.path('out.csv'))).map((x) => x.note), data.map((x) => x.note));
    } finally {
      s.cleanup();
    }
  });

  it('a header that is one column holding ";" is ERR_CSV_DIALECT (exit 3) on scan, contract init and protect, with nothing written', () => {
    const s = sandbox();
    try {
      writeFileSync(s.path('people.csv'), csvText(DIALECTS[1]!, data));
      for (const args of [['scan', 'people.csv'], ['contract', 'init', 'people.csv', '-o', 'draft.yaml'], ['protect', 'people.csv', '-c', 'c.yaml', '-o', 'out.csv']]) {
        const r = s.run([...args, '--delimiter', ',']);
        assert.equal(r.status, 3, `${args[0]}: ${r.stderr}`);
        assert.match(r.stderr, /ERR_CSV_DIALECT/);
      }
      assert.throws(() => readFileSync(s.path('out.csv')), { code: 'ENOENT' });
      assert.throws(() => readFileSync(s.path('draft.yaml')), { code: 'ENOENT' });
    } finally {
      s.cleanup();
    }
  });

  it('--encoding and --delimiter reject unknown values with ERR_USAGE (exit 2)', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      writeFileSync(s.path('p.csv'), 'a,b\n1,2\n');
      assert.equal(s.run(['scan', 'p.csv', '--encoding', 'ebcdic']).status, 2);
      assert.equal(s.run(['scan', 'p.csv', '--delimiter', ':']).status, 2);
      assert.equal(s.run(['detect', '--in', 'p.csv', '--encoding', 'ebcdic']).status, 2);
    } finally {
      s.cleanup();
    }
  });
});
