// Excel's `sep=;` first line names the delimiter: the sniffer takes it (quoted or not, any case, any
// line ending), the reader skips that line keeping the file's line numbers, and the writer writes one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { sniffDialect } from '../../../src/io/dialect.js';
import { readCsvRecords } from '../../../src/io/csv.js';
import { createDelimitedWriter } from '../../../src/io/writers/write-delimited.js';
import { isCordonError } from '../../../src/errors.js';

async function all(text: string, options: Parameters<typeof readCsvRecords>[1]) {
  const out = [];
  for await (const r of readCsvRecords(Readable.from([Buffer.from(text)]), options)) out.push({ ...r });
  return out;
}

describe('Excel sep= line', () => {
  it('names the delimiter, quoted or not, in any case, after any line ending', () => {
    for (const [first, delimiter] of [['sep=;', ';'], ['"sep=;"', ';'], ['SEP=|', '|'], ['sep=\t', '\t'], ['sep=,', ',']] as const) {
      for (const nl of ['\n', '\r\n', '\r']) {
        const body = [`id${delimiter}email`, `1${delimiter}a@example.com`, `2${delimiter}b@example.com`].join(nl) + nl;
        const d = sniffDialect(first + nl + body, { complete: true });
        assert.equal(d.delimiter, delimiter, JSON.stringify([first, nl]));
        assert.equal(d.sepLine, true);
        assert.equal(d.header, true);
        assert.equal(d.newline, nl);
      }
    }
    // A sep line is only a whole first line of that form.
    assert.equal(sniffDialect('separator;x\n1;2\n', { complete: true }).sepLine, undefined);
    assert.equal(sniffDialect('id,sep=;\n1,2\n', { complete: true }).sepLine, undefined);
    // --delimiter still wins; the line is still no row.
    assert.equal(sniffDialect('sep=;\nid|x\n1|2\n', { complete: true, delimiter: '|' }).delimiter, '|');
  });

  it('the reader skips the line and reports later lines by the file\'s numbers', async () => {
    assert.deepEqual(await all('sep=;\nid;name\n1;Ana\n', { delimiter: ';', skipFirstLine: true }), [{ id: '1', name: 'Ana' }]);
    await assert.rejects(all('sep=;\nid;name\n1;Ana;x\n', { delimiter: ';', skipFirstLine: true }), (e) => isCordonError(e) && /^line 3:/.test(e.message));
    await assert.rejects(all('sep=;\n', { delimiter: ';', skipFirstLine: true }), (e) => isCordonError(e) && /empty input|no header/.test(e.message));
  });

  it('the writer opens with the line when asked, also without a header row', async () => {
    for (const header of [true, false]) {
      const chunks: Uint8Array[] = [];
      const w = createDelimitedWriter({ write: async (b: Uint8Array) => { chunks.push(b); } } as never, { columns: ['id', 'name'], delimiter: ';', newline: '\r\n', sepLine: true, header });
      await w.write([{ id: '1', name: 'a;b' }]);
      await w.close();
      const text = Buffer.concat(chunks).toString();
      assert.equal(text, `sep=;\r\n${header ? 'id;name\r\n' : ''}1;"a;b"\r\n`);
    }
  });
});
