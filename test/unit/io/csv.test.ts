// The CSV/TSV reader: header, quoted fields over lines, ragged rows with their line numbers,
// strict UTF-8, bounded records.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { columnNames, MAX_COLUMN_NAME_CHARS, quoteOpenAfter, readCsvRecords, type CsvReadOptions, type SkippedRecord } from '../../../src/io/csv.js';
import { isCordonError } from '../../../src/errors.js';

async function read(chunks: Array<string | Buffer>, options: CsvReadOptions = {}): Promise<{ records: Array<Record<string, string | null>>; columns: readonly string[]; skipped: SkippedRecord[] }> {
  const records: Array<Record<string, string | null>> = [];
  const skipped: SkippedRecord[] = [];
  let columns: readonly string[] = [];
  const input = Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  for await (const r of readCsvRecords(input, { ...options, onColumns: (c) => { columns = c; }, onSkip: (s) => skipped.push(s) })) records.push({ ...r });
  return { records, columns, skipped };
}

async function rejects(p: Promise<unknown>, line: number | undefined, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isCordonError(e, 'ERR_INPUT_INVALID'), String(e));
    assert.match(e.message, message);
    if (line !== undefined) assert.equal(e.details?.line, line);
    return true;
  });
}

describe('readCsvRecords', () => {
  it('reads a header and records, quoted fields with commas, quotes and newlines, CRLF, BOM, across chunk boundaries', async () => {
    const { records, columns } = await read(['\uFEFFname,no', 'te,n\r\n"Doe, Jane","said ""hi""\nthen left",1\r', '\nJohn,,2\n']);
    assert.deepEqual(columns, ['name', 'note', 'n']);
    assert.deepEqual(records, [{ name: 'Doe, Jane', note: 'said "hi"\nthen left', n: '1' }, { name: 'John', note: '', n: '2' }]);
  });

  it('names record keys after the header, "__proto__" and numeric names included, as own properties in header order', async () => {
    const records = [];
    for await (const r of readCsvRecords(Readable.from(['__proto__,b,2,1\nx,y,z,w\n']))) records.push(r);
    assert.equal(records.length, 1);
    const r = records[0]!;
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(r, '__proto__')?.value, 'x');
    assert.deepEqual(Object.entries(r), [['1', 'w'], ['2', 'z'], ['__proto__', 'x'], ['b', 'y']]);
    const plain = [];
    for await (const q of readCsvRecords(Readable.from(['a,b\n1,2\n3,4\n']))) plain.push(q);
    assert.deepEqual(plain.map((q) => Object.entries(q)), [[['a', '1'], ['b', '2']], [['a', '3'], ['b', '4']]]);
  });

  it('reads a file whose lines end in a lone CR (Excel\'s "CSV (Macintosh)"); a quoted line break stays a CR', async () => {
    const { records, columns } = await read(['name,no', 'te,n\r"Doe, Jane","two\rlines",1\r', 'John,,2\r'], { newline: '\r' });
    assert.deepEqual(columns, ['name', 'note', 'n']);
    assert.deepEqual(records, [{ name: 'Doe, Jane', note: 'two\rlines', n: '1' }, { name: 'John', note: '', n: '2' }]);
    // Line numbers count CR endings: the ragged row starts on line 4.
    await rejects(read(['a,b\r1,"x\ry"\r3\r'], { newline: '\r' }), 4, /line 4: 1 fields where the header has 2/);
  });

  it('keeps a CRLF inside a quoted field as written (Excel on Windows), LF inside one as LF; rows end where they did', async () => {
    const text = 'id,note,tail\r\n1,"line1\r\nline2",x\r\n2,"alt\nenter",y\r\n3,"he said ""hi""\r\n\r\nbye",z\r\n4,5" screen,w\r\n5,"",v\r\n';
    const want = [
      { id: '1', note: 'line1\r\nline2', tail: 'x' },
      { id: '2', note: 'alt\nenter', tail: 'y' },
      { id: '3', note: 'he said "hi"\r\n\r\nbye', tail: 'z' },
      { id: '4', note: '5" screen', tail: 'w' },
      { id: '5', note: '', tail: 'v' },
    ];
    assert.deepEqual((await read([text])).records, want);
    assert.deepEqual((await read([...Buffer.from(text)].map((b) => Buffer.from([b])))).records, want, 'one byte per chunk');
    assert.deepEqual((await read([text.replaceAll(',', ';')], { delimiter: ';' })).records, want.map((r) => ({ ...r })), 'under ;');
    // The line numbers of later rows still count the breaks inside fields.
    await rejects(read([text + '6,a\r\n']), 11, /ragged row/);
  });

  it('quoteOpenAfter follows papaparse: a quote opens a field only at its start, a doubled quote is one quote', () => {
    assert.equal(quoteOpenAfter('1,"abc', false, ',', '"'), true);
    assert.equal(quoteOpenAfter('1,"a""bc', false, ',', '"'), true);
    assert.equal(quoteOpenAfter('1,"a""b",c', false, ',', '"'), false);
    assert.equal(quoteOpenAfter('1,5" screen,x', false, ',', '"'), false);
    assert.equal(quoteOpenAfter('still inside', true, ',', '"'), true);
    assert.equal(quoteOpenAfter('end",2,"3', true, ',', '"'), true);
    assert.equal(quoteOpenAfter('end",2,3', true, ',', '"'), false);
    assert.equal(quoteOpenAfter("a\t'b", false, '\t', "'"), true);
  });

  it('names blank headers and suffixes repeated ones', () => {
    assert.deepEqual(columnNames(['a', '', 'a', ' b ', 'a']), ['a', 'column_2', 'a_2', 'b', 'a_3']);
  });

  it('reads TSV with the tab delimiter', async () => {
    const { records } = await read(['a\tb\n1\t2,3\n'], { delimiter: '\t' });
    assert.deepEqual(records, [{ a: '1', b: '2,3' }]);
  });

  it('stops at a ragged row with the line where it starts (after a record over two lines)', async () => {
    await rejects(read(['id,name,comment\n1,Jane,"fine"\n2,John,"a comment\nover two lines"\n3,Ann\n4,Omar,ok\n']), 5, /line 5: 2 fields where the header has 3/);
  });

  it('with onError skip, leaves ragged and badly quoted rows out and reports them', async () => {
    // A stray quote leaves the rest of the file ambiguous (the quoted field may run on), so it is last here.
    const { records, skipped } = await read(['a,b\n1,2\n3\n4,5,6\n9,10\n7,"8"x\n'], { onError: 'skip' });
    assert.deepEqual(records.map((r) => r.a), ['1', '9']);
    assert.deepEqual(skipped.map((s) => s.line), [3, 4, 6]);
    assert.match(skipped[2]!.error.message, /malformed quotes/);
    assert.ok(skipped.every((s) => s.error.code === 'ERR_INPUT_INVALID'));
  });

  it('an unterminated quote stops the read even with skip, with the line it opened on', async () => {
    await rejects(read(['a,b\n1,2\n3,"open\nand on\n'], { onError: 'skip' }), 3, /unterminated quoted field/);
  });

  it('skips blank lines', async () => {
    const { records } = await read(['\n\na,b\n\n1,2\n\n']);
    assert.deepEqual(records, [{ a: '1', b: '2' }]);
  });

  it('refuses invalid UTF-8 and NUL bytes with the line number', async () => {
    await rejects(read([Buffer.from('a,b\n1,2\n'), Buffer.from([0x33, 0x2c, 0xff, 0xfe, 0x0a])]), 3, /line 3 is not valid UTF-8/);
    await rejects(read(['a,b\n1,\u00002\n']), 2, /NUL byte/);
  });

  it('refuses empty input and input of blank lines only', async () => {
    await rejects(read([]), undefined, /empty input/);
    await rejects(read(['\n\n']), undefined, /only blank lines/);
  });

  it('a header without rows gives the columns and no records', async () => {
    const { records, columns } = await read(['a,b\n']);
    assert.deepEqual(columns, ['a', 'b']);
    assert.deepEqual(records, []);
  });

  it('a header cell longer than a column name (a file without line breaks) is refused, its text not in the message', async () => {
    const value = 'ann@example.com '.repeat(70);
    await assert.rejects(read([`id,email,${value}`]), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && e.details?.['column'] === 3 && e.details['line'] === 1
      && /header cell 3 is 1120 characters/.test(e.message) && !e.message.includes('ann@'));
    const { columns } = await read([`id,${'n'.repeat(MAX_COLUMN_NAME_CHARS)}\n1,2\n`]);
    assert.equal(columns[1]!.length, MAX_COLUMN_NAME_CHARS, 'a name at the bound is read');
    const headerless = await read([`${value}\n`], { header: false });
    assert.deepEqual(headerless.columns, ['column_1'], 'no header: the long cell is a value');
  });

  it('refuses a record longer than the bound instead of buffering it', async () => {
    const chunks = ['a,b\n1,"', ...Array.from({ length: 40 }, () => 'x'.repeat(1000) + '\n')];
    await rejects(read(chunks, { maxRecordChars: 20_000 }), 2, /longer than 20000 characters/);
  });

  it('reads many records across many chunks with exact line numbers', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => (i === 4321 ? `${i},"multi\nline"` : `${i},v${i}`));
    const { records } = await read(['n,v\n', ...rows.map((r) => r + '\n')]);
    assert.equal(records.length, 5000);
    assert.equal(records[4321]!.v, 'multi\nline');
    await rejects(read(['n,v\n', ...rows.map((r) => r + '\n'), 'bad\n']), 2 + 5000 + 1, /fields where the header has 2/);
  });
});
