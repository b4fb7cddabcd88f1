// Spreadsheet text exports under a .txt name: Excel's "Unicode Text (*.txt)" (UTF-16LE with a BOM, tab,
// CRLF) and LibreOffice's "Text CSV" saved as .txt (comma, or ; | as the locale chose) are read as
// delimited text with the dialect sniffed, by scan, contract init and protect, with no --format. The
// protected copy keeps the dialect and is UTF-8 without a BOM. A .txt that is prose, or a one-column
// list, is ERR_FORMAT_UNSUPPORTED (exit 3) with nothing written, not a table of sentence fragments.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { readRecords } from '../../src/io/dataset.js';

const HEADER = ['id', 'full_name', 'email', 'note'];
const ROWS = [
  ['1001', 'Maria Gonzalez', 'maria.gonzalez@example.com', 'café €5 über'],
  ['1002', 'James Smith', 'james.smith@example.org', 'plain'],
  ['1003', 'Wei Chen', 'wei.chen@example.net', 'a,b;c|d'],
  ['1004', 'Aisha Khan', 'aisha.khan@example.com', ''],
];

const CONTRACT = [
  'apiVersion: v3.1.0', 'kind: DataContract', 'id: people-contract', 'name: people', 'version: 1.0.0', 'status: active',
  'schema:', '  - name: people', '    logicalType: object', '    properties:',
  ...[['id', 'internal', 'keep'], ['full_name', 'confidential', 'tokenize'], ['email', 'confidential', 'deterministic'], ['note', 'internal', 'keep']]
    .flatMap(([name, cls, op]) => [
      `      - name: ${name}`, '        logicalType: string', `        classification: ${cls}`, '        customProperties:',
      '          - property: cordonProtect', '            value:', `              operator: ${op}`,
    ]),
  '',
].join('\n');

/** A delimited text as a spreadsheet writes it: fields holding the delimiter quoted. */
function text(delimiter: string, newline: string): string {
  const cell = (v: string): string => (v.includes(delimiter) ? `"${v}"` : v);
  return [HEADER, ...ROWS].map((r) => r.map(cell).join(delimiter) + newline).join('');
}

const EXPORTS = [
  { name: 'Excel "Unicode Text": UTF-16LE BOM, tab, CRLF', delimiter: '\t', newline: '\r\n', bytes: (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]) },
  { name: 'LibreOffice "Text CSV" as .txt: comma, LF', delimiter: ',', newline: '\n', bytes: (t: string) => Buffer.from(t) },
  { name: 'semicolon, CRLF', delimiter: ';', newline: '\r\n', bytes: (t: string) => Buffer.from(t) },
  { name: 'pipe, LF', delimiter: '|', newline: '\n', bytes: (t: string) => Buffer.from(t) },
];

function sandbox(): CliSandbox {
  const s = cliSandbox();
  assert.equal(s.run(['init']).status, 0);
  writeFileSync(s.path('c.yaml'), CONTRACT);
  return s;
}

describe('.txt spreadsheet exports', () => {
  for (const e of EXPORTS) {
    it(`${e.name}: scan, contract init and protect read it without --format`, async () => {
      const s = sandbox();
      try {
        writeFileSync(s.path('export.txt'), e.bytes(text(e.delimiter, e.newline)));
        const scan = s.run(['scan', 'export.txt', '--json']);
        assert.equal(scan.status, 0, scan.stderr);
        const cols = (JSON.parse(scan.stdout) as { columns: Array<{ name: string; entity: string | null }> }).columns;
        assert.deepEqual(cols.map((c) => c.name), HEADER);
        assert.equal(cols.find((c) => c.name === 'email')!.entity, 'EMAIL_ADDRESS');
        const init = s.run(['contract', 'init', 'export.txt', '-o', 'draft.yaml']);
        assert.equal(init.status, 0, init.stderr);
        assert.match(readFileSync(s.path('draft.yaml'), 'utf8'), /name: email/);

        const r = s.run(['protect', 'export.txt', '-c', 'c.yaml', '-o', 'out.txt']);
        assert.equal(r.status, 0, r.stderr);
        const utf16 = e.bytes('')[0] === 0xff;
        const manifest = JSON.parse(readFileSync(s.path('out.txt.manifest.json'), 'utf8')) as { input: { encoding?: string } };
        assert.equal(manifest.input.encoding, utf16 ? 'utf-16le' : undefined, 'the manifest names a non-UTF-8 input encoding');
        if (utf16) assert.match(r.stdout, /read as UTF-16LE, written as UTF-8/, 'the summary says the output is not in the input\'s encoding');
        else assert.doesNotMatch(r.stdout, /written as UTF-8/);
        const written = readFileSync(s.path('out.txt'));
        assert.notEqual(written[0], 0xff, 'no UTF-16 BOM');
        assert.notEqual(written[0], 0xef, 'no UTF-8 BOM');
        const lines = written.toString('utf8').split(e.newline);
        assert.equal(lines[0], HEADER.join(e.delimiter), 'UTF-8, the input\'s delimiter and line ending');
        const out = [];
        for await (const x of readRecords(s.path('out.txt'))) out.push({ ...x });
        assert.deepEqual(out.map((x) => x['note']), ROWS.map((x) => x[3]), 'keep column, non-ASCII and delimiters intact');
        assert.deepEqual(out.map((x) => x['id']), ROWS.map((x) => x[0]));
        for (let i = 0; i < ROWS.length; i++) assert.notEqual(out[i]!['email'], ROWS[i]![2], 'email protected');
      } finally {
        s.cleanup();
      }
    });
  }

  it('a TSV protected to -o out.txt stays tab-delimited (a .txt names no delimiter); to out.csv it is comma-delimited', () => {
    const s = sandbox();
    try {
      writeFileSync(s.path('people.tsv'), text('\t', '\n'));
      for (const [out, delimiter] of [['out.txt', '\t'], ['out.csv', ','], ['out.txt.gz', '\t']] as const) {
        const r = s.run(['protect', 'people.tsv', '-c', 'c.yaml', '-o', out]);
        assert.equal(r.status, 0, r.stderr);
        const bytes = readFileSync(s.path(out));
        const written = (out.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
        assert.equal(written.split('\n')[0], HEADER.join(delimiter), out);
        assert.ok(written.split('\n')[3]!.endsWith(delimiter + (delimiter === ',' ? '"a,b;c|d"' : 'a,b;c|d')), `${out}: fields quoted for its delimiter`);
      }
      const forced = s.run(['protect', 'people.tsv', '-c', 'c.yaml', '-o', 'forced.txt', '--format', 'csv']);
      assert.equal(forced.status, 0, forced.stderr);
      assert.equal(readFileSync(s.path('forced.txt'), 'utf8').split('\n')[0], HEADER.join(','), '--format csv writes commas');
    } finally {
      s.cleanup();
    }
  });

  it('tab-delimited input protected to out.csv is comma-delimited: the manifest and the summary say so; a ; CSV keeps its ;', () => {
    const s = sandbox();
    try {
      const excel = EXPORTS[0]!;
      writeFileSync(s.path('export.txt'), excel.bytes(text('\t', '\r\n')));
      writeFileSync(s.path('tabs.csv'), text('\t', '\n'));
      writeFileSync(s.path('semi.csv'), text(';', '\n'));
      for (const [input, out, delimiter, said] of [
        ['export.txt', 'a.csv', ',', /tab-delimited in, comma-delimited out/],
        ['tabs.csv', 'b.csv', ',', /tab-delimited in, comma-delimited out/],
        ['semi.csv', 'c.csv', ';', undefined],
        ['export.txt', 'd.tsv', '\t', undefined],
      ] as const) {
        const r = s.run(['protect', input, '-c', 'c.yaml', '-o', out]);
        assert.equal(r.status, 0, r.stderr);
        const written = readFileSync(s.path(out), 'utf8');
        assert.equal(written.split(/\r?\n/)[0], HEADER.join(delimiter), `${input} → ${out}`);
        const m = JSON.parse(readFileSync(s.path(`${out}.manifest.json`), 'utf8')) as { input: { delimiter?: string }; output: { delimiter?: string } };
        assert.equal(m.output.delimiter, delimiter, `${out}: manifest output.delimiter`);
        assert.equal(m.input.delimiter, input === 'semi.csv' ? ';' : '\t', `${input}: manifest input.delimiter`);
        if (said !== undefined) assert.match(r.stdout, said);
        else assert.doesNotMatch(r.stdout, /-delimited in/);
      }
      const forced = s.run(['protect', 'export.txt', '-c', 'c.yaml', '-o', 'e.csv', '--output-delimiter', '|']);
      assert.equal(forced.status, 0, forced.stderr);
      assert.equal(readFileSync(s.path('e.csv'), 'utf8').split('\r\n')[0], HEADER.join('|'), '--output-delimiter decides over the name');
      assert.match(forced.stdout, /tab-delimited in, pipe-delimited out/);
    } finally {
      s.cleanup();
    }
  });

  it('prose and a one-column list under .txt are ERR_FORMAT_UNSUPPORTED (exit 3), nothing written; --delimiter reads the list', () => {
    const s = sandbox();
    try {
      writeFileSync(s.path('letter.txt'), 'Dear Ann,\n\nThanks for your call. My number is +1 415 555 0100 and\nmy e-mail is bob@example.org; please use it.\n\nBest regards,\nBob Stone\n');
      writeFileSync(s.path('list.txt'), 'ann@example.com\nbob@example.org\ncy@example.net\n');
      for (const file of ['letter.txt', 'list.txt']) {
        for (const args of [['scan', file], ['contract', 'init', file, '-o', 'draft.yaml'], ['protect', file, '-c', 'c.yaml', '-o', 'out.csv']]) {
          const r = s.run(args);
          assert.equal(r.status, 3, `${args.join(' ')}: ${r.stderr}`);
          assert.match(r.stderr, /ERR_FORMAT_UNSUPPORTED/);
          assert.match(r.stderr, /not delimited text/);
        }
      }
      assert.throws(() => readFileSync(s.path('out.csv')), { code: 'ENOENT' });
      assert.throws(() => readFileSync(s.path('draft.yaml')), { code: 'ENOENT' });
      const list = s.run(['scan', 'list.txt', '--delimiter', ',', '--json']);
      assert.equal(list.status, 0, list.stderr);
      assert.equal((JSON.parse(list.stdout) as { columns: Array<{ entity: string | null }> }).columns[0]!.entity, 'EMAIL_ADDRESS');
    } finally {
      s.cleanup();
    }
  });
});
