// Opening datasets: format from the extension or the caller, sampling, and clear errors for
// missing, empty, compressed and misnamed files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatFromPath, readRecords, type ReadRecordsOptions } from '../../../src/io/dataset.js';
import { isCordonError, type ErrorCode } from '../../../src/errors.js';
import { repoPath } from '../../helpers/paths.js';

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'cordon-dataset-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

async function all(path: string, options: ReadRecordsOptions = {}): Promise<Array<Record<string, string | null>>> {
  const out: Array<Record<string, string | null>> = [];
  for await (const r of readRecords(path, options)) out.push({ ...r });
  return out;
}

async function fails(path: string, code: ErrorCode, message: RegExp, options: ReadRecordsOptions = {}): Promise<void> {
  await assert.rejects(all(path, options), (e: unknown) => isCordonError(e, code) && message.test(e.message));
}

describe('readRecords', () => {
  it('knows formats by extension', () => {
    assert.equal(formatFromPath('a/b.CSV'), 'csv');
    assert.equal(formatFromPath('x.tsv'), 'tsv');
    assert.equal(formatFromPath('x.ndjson'), 'jsonl');
    assert.equal(formatFromPath('x.jsonl'), 'jsonl');
    assert.equal(formatFromPath('x.parquet'), 'parquet');
    assert.equal(formatFromPath('x.txt'), 'csv', 'delimited text, delimiter sniffed');
    assert.equal(formatFromPath('x.dat'), undefined);
  });

  it('reads the fixtures in each text format', async () => {
    assert.equal((await all(repoPath('test/fixtures/scan/people.csv'))).length, 8);
    assert.deepEqual((await all(repoPath('test/fixtures/scan/people.tsv')))[0], { id: '1', contact_email: 'jane.doe@example.com', first_name: 'Jane' });
    const jsonl = await all(repoPath('test/fixtures/scan/people.jsonl'));
    assert.equal(jsonl.length, 4);
    assert.equal(jsonl[0]!['user.email'], 'jane.doe@example.com');
  });

  it('stops after limit records', async () => {
    assert.equal((await all(repoPath('test/fixtures/scan/people.csv'), { limit: 3 })).length, 3);
  });

  it('--format overrides the extension', async () => {
    const p = join(dir, 'data.dat');
    writeFileSync(p, 'a\tb\n1\t2\n');
    await fails(p, 'ERR_FORMAT_UNSUPPORTED', /cannot tell the format/);
    assert.deepEqual(await all(p, { format: 'tsv' }), [{ a: '1', b: '2' }]);
    const txt = join(dir, 'data.txt');
    writeFileSync(txt, 'a\tb\n1\t2\n');
    assert.deepEqual(await all(txt), [{ a: '1', b: '2' }], '.txt: delimiter sniffed');
  });

  it('refuses missing, empty, compressed and misnamed files with stable codes', async () => {
    await fails(join(dir, 'missing.csv'), 'ERR_IO', /cannot read .*ENOENT/);
    await fails(dir + '/', 'ERR_FORMAT_UNSUPPORTED', /cannot tell the format/);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await fails(empty, 'ERR_INPUT_INVALID', /is empty/);
    const gz = join(dir, 'people.csv');
    writeFileSync(gz, gzipSync('a,b\n1,2\n'));
    // gzip is read (by its magic bytes, whatever the name), not refused.
    const rows: unknown[] = [];
    for await (const r of readRecords(gz, { format: 'csv' })) rows.push(r);
    assert.deepEqual(rows, [{ a: '1', b: '2' }]);
    // A truncated download: ERR_INPUT_INVALID naming the compression, never zlib's bare error (ERR_INTERNAL).
    for (const [name, bytes] of [['cut.csv.gz', gzipSync('a,b\n1,2\n').subarray(0, 14)], ['cut.jsonl.gz', gzipSync('{"a":1}\n'.repeat(50)).subarray(0, 20)]] as const) {
      writeFileSync(join(dir, name), bytes);
      await assert.rejects(async () => { for await (const _ of readRecords(join(dir, name))) { /* drain */ } },
        (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /gzip stream is truncated or corrupt/.test(e.message) && e.details?.['compression'] === 'gzip', name);
    }
    // Workbooks: by name, told to save as CSV (not to pass --format); by bytes under a dataset name, too.
    for (const ext of ['xlsx', 'XLS', 'ods']) {
      const book = join(dir, `book.${ext}`);
      writeFileSync(book, 'PK\x03\x04');
      await assert.rejects(all(book), (e: unknown) => isCordonError(e, 'ERR_FORMAT_UNSUPPORTED') && /spreadsheet workbook .*save the sheet as CSV UTF-8/.test(e.message) && !/--format/.test(e.message) && e.details?.['extension'] === ext.toLowerCase());
    }
    const xls = join(dir, 'really-xls.csv');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await fails(xls, 'ERR_FORMAT_UNSUPPORTED', /legacy Excel workbook \(\.xls\)/);
    const pq = join(dir, 'really-parquet.csv');
    writeFileSync(pq, Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(16), Buffer.from('PAR1')]));
    await fails(pq, 'ERR_INPUT_INVALID', /is a Parquet file; use --format parquet/);
    const bin = join(dir, 'binary.jsonl');
    writeFileSync(bin, Buffer.from([0x7b, 0x7d, 0x0a, 0xc3, 0x28, 0x0a]));
    await fails(bin, 'ERR_INPUT_INVALID', /line 2 is not valid UTF-8/);
  });

  it('reads Windows-1252 when told, and suggests it when UTF-8 decoding fails', async () => {
    const p = join(dir, 'excel.csv');
    writeFileSync(p, Buffer.from([...Buffer.from('name,city\nHamanov'), 0xe1, ...Buffer.from(',Orl'), 0xe9, ...Buffer.from('ans\n')]));
    await fails(p, 'ERR_INPUT_INVALID', /line 2 is not valid UTF-8.*--encoding windows-1252/);
    assert.deepEqual(await all(p, { encoding: 'windows-1252' }), [{ name: 'Hamanová', city: 'Orléans' }]);
  });

  it('reads CR line endings (classic Mac), sniffed from the file, and reports them as its dialect', async () => {
    const p = join(dir, 'mac.csv');
    writeFileSync(p, 'name;email\rAnn Lee;a@example.com\rBo Li;b@example.com\r');
    let newline: string | undefined;
    assert.deepEqual(await all(p, { onDialect: (d) => { newline = d.csv?.newline; } }), [{ name: 'Ann Lee', email: 'a@example.com' }, { name: 'Bo Li', email: 'b@example.com' }]);
    assert.equal(newline, '\r');
    const crlf = join(dir, 'crlf.csv');
    writeFileSync(crlf, 'a,b\r\n1,2\r\n');
    assert.deepEqual(await all(crlf, { onDialect: (d) => { newline = d.csv?.newline; } }), [{ a: '1', b: '2' }]);
    assert.equal(newline, '\r\n');
  });

  it('a directory is an I/O error', async () => {
    const d = join(dir, 'sub.csv');
    (await import('node:fs')).mkdirSync(d);
    await fails(d, 'ERR_IO', /EISDIR/);
  });

  it('reads stdin for "-", but not Parquet', async () => {
    const { Readable } = await import('node:stream');
    assert.deepEqual(await all('-', { format: 'csv', stdin: Readable.from([Buffer.from('a\n1\n')]) }), [{ a: '1' }]);
    await fails('-', 'ERR_USAGE', /Parquet cannot be read from stdin/, { format: 'parquet' });
  });
});
