// The JSON array reader (one array of objects, streamed record by record) and writer: structure is
// tracked through strings, escapes and nesting whatever the chunking; bad records are numbered and
// skippable; a broken structure always stops the read; a file of one object per line is read as JSONL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readJsonArrayRecords } from '../../../src/io/json-array-records.js';
import { createJsonArrayWriter } from '../../../src/io/writers/index.js';
import type { SkippedRecord } from '../../../src/io/csv.js';
import { isCordonError } from '../../../src/errors.js';
import { jsonOf, type TypedRecord } from '../../../src/io/value.js';

/** The records of `text` fed in chunks of `chunk` bytes (1 = byte by byte). */
async function read(text: string, options: { chunk?: number; onError?: 'fail' | 'skip'; max?: number } = {}): Promise<{ records: TypedRecord[]; skipped: SkippedRecord[] }> {
  const bytes = Buffer.from(text);
  const size = options.chunk ?? bytes.length;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += Math.max(size, 1)) chunks.push(bytes.subarray(i, i + size));
  const records: TypedRecord[] = [];
  const skipped: SkippedRecord[] = [];
  for await (const r of readJsonArrayRecords(Readable.from(chunks), { onError: options.onError ?? 'fail', onSkip: (s) => skipped.push(s), ...(options.max !== undefined ? { maxRecordBytes: options.max } : {}) })) records.push(r);
  return { records, skipped };
}

const TRICKY = `[
  {"id": 1, "note": "brackets ] } [ { and, commas", "q": "a \\"quoted\\" \\\\ back\\\\slash \\\\", "nested": {"a": [1, {"b": "]"}]}},
  {"id": 2, "text": "line\\nbreak", "emoji": "caf\u00e9 \u{1F600}", "big": 12345678901234567890, "n": null},

  {"id": 3, "list": [], "obj": {}}
]
`;

describe('readJsonArrayRecords', () => {
  it('reads every record, whatever the chunking (1 byte to all at once)', async () => {
    const want = JSON.parse(TRICKY.replace('12345678901234567890', '0')) as Array<Record<string, unknown>>;
    for (const chunk of [1, 2, 3, 7, 64, 100_000]) {
      const { records } = await read(TRICKY, { chunk });
      assert.equal(records.length, 3, `chunk ${chunk}`);
      assert.deepEqual({ ...records[0] }, want[0], `chunk ${chunk}`);
      assert.equal(records[1]!['text'], 'line\nbreak');
      assert.equal(records[1]!['emoji'], 'caf\u00e9 \u{1F600}');
      assert.deepEqual(records[2], want[2]);
    }
  });

  it('keeps integers beyond 2^53 exactly where the runtime can', async () => {
    const { records } = await read('[{"big": 12345678901234567890}]');
    const big = records[0]!['big'];
    assert.ok(big === 12345678901234567890n || big === 12345678901234567000, String(big));
  });

  it('numbers a bad record and skips it on request', async () => {
    const text = '[\n{"a": 1},\n{"a": },\n[1, 2],\n"x",\n{"a": 4}\n]';
    await assert.rejects(read(text), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /record 2 \(line 3\) is not valid JSON/.test(e.message));
    const { records, skipped } = await read(text, { onError: 'skip', chunk: 3 });
    assert.deepEqual(records.map((r) => r['a']), [1, 4]);
    assert.deepEqual(skipped.map((s) => s.line), [3, 4, 5]);
    assert.match(skipped[1]!.error.message, /record 3 \(line 4\) is not a JSON object/);
  });

  it('a broken structure always stops the read, skip or not', async () => {
    const broken: Array<[string, RegExp]> = [
      ['[{"a": 1}', /not closed/],
      ['[{"a": "unterminated}]', /not closed/],
      ['[{"a": 1}] {"b": 2}', /text after the array's closing \]/],
      ['[{"a": 1},]', /missing record/],
      ['[,{"a": 1}]', /missing record/],
      ['"just a string"', /array of records/],
      ['  \n ', /empty input: no records/],
    ];
    for (const [text, message] of broken) {
      for (const onError of ['fail', 'skip'] as const) {
        await assert.rejects(read(text, { onError }), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && message.test(e.message), `${text} (onError ${onError})`);
      }
    }
  });

  it('an empty array is an empty dataset: no records, no error, as a CSV header without rows', async () => {
    for (const text of ['[]', ' [ \n ] \n']) {
      for (const onError of ['fail', 'skip'] as const) {
        assert.deepEqual((await read(text, { onError, chunk: 1 })).records, [], text);
      }
    }
  });

  it('bounds a record: one longer than maxRecordBytes stops the read', async () => {
    const text = `[{"a": "${'x'.repeat(500)}"}, {"a": 1}]`;
    await assert.rejects(read(text, { max: 100, chunk: 64 }), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /record 1 \(line 1\) is longer than 100 bytes/.test(e.message));
    assert.equal((await read(text, { max: 1000, chunk: 64 })).records.length, 2);
  });

  it('a file whose first character is { is read as JSON Lines', async () => {
    const { records } = await read('\n{"a": 1}\n{"a": 2}\n');
    assert.deepEqual(records.map((r) => r['a']), [1, 2]);
  });

  it('one object over several lines (an API export wrapping its records) is refused with the member to extract', async () => {
    const wrapped = JSON.stringify({ meta: { page: 1 }, results: [{ name: 'x', email: 'y' }, { name: 'z' }] }, null, 2);
    for (const chunk of [1, 5, 100_000]) {
      await assert.rejects(read(wrapped, { chunk }), (e: unknown) => isCordonError(e, 'ERR_FORMAT_UNSUPPORTED') && /one JSON object over several lines, with records in its "results" member/.test(e.message) && /jq -c '\.results\[\]'/.test(e.message));
    }
    // No member holding objects: still refused, in skip mode too (it is the structure, not a record).
    await assert.rejects(read(JSON.stringify({ name: 'x', tags: [1, 2] }, null, 2), { onError: 'skip' }), (e: unknown) => isCordonError(e, 'ERR_FORMAT_UNSUPPORTED') && !/member/.test(e.message));
    // A first line that is a whole object stays JSON Lines, even when later lines are broken.
    await assert.rejects(read('{"a": 1}\n{"a": \n'), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID'));
  });
});

describe('createJsonArrayWriter', () => {
  async function written(batches: TypedRecord[][]): Promise<string> {
    const parts: Uint8Array[] = [];
    const w = createJsonArrayWriter({ async write(b) { parts.push(b); } });
    for (const b of batches) await w.write(b);
    await w.close();
    return Buffer.concat(parts).toString('utf8');
  }

  it('writes one valid array across batches, and [] without records', async () => {
    const batches: TypedRecord[][] = [[{ id: 1, user: { email: 'a@example.com' } }], [], [{ id: 2, tags: ['x', 2] }, { id: 3, n: null }]];
    const text = await written(batches);
    assert.deepEqual(JSON.parse(text), batches.flat().map((r) => JSON.parse(jsonOf(r))));
    assert.deepEqual((await read(text)).records.map((r) => r['id']), [1, 2, 3]);
    assert.equal(await written([]), '[]\n');
  });
});
