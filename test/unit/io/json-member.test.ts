// Records wrapped in an object (`{"meta": …, "data": [{…}]}`): --records names the member, the array
// reader gets its bytes whatever the chunking, the rest of the object is scanned and dropped, line
// numbers stay the file's, and a missing, repeated or mistyped member or a broken wrapper stops the
// read. A one-line export read without --records is refused with the member to name.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readJsonArrayRecords } from '../../../src/io/json-array-records.js';
import { parseMemberPath } from '../../../src/io/json-member.js';
import { readTypedRecords } from '../../../src/io/dataset.js';
import { isCordonError } from '../../../src/errors.js';
import type { TypedRecord } from '../../../src/io/value.js';

/** The records of `text` at `member`, fed in chunks of `chunk` bytes. */
async function read(text: string, member: readonly string[] | undefined, chunk = text.length, onError: 'fail' | 'skip' = 'fail'): Promise<TypedRecord[]> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += Math.max(chunk, 1)) chunks.push(bytes.subarray(i, i + chunk));
  const out: TypedRecord[] = [];
  for await (const r of readJsonArrayRecords(Readable.from(chunks), { onError, ...(member !== undefined ? { member } : {}) })) out.push(r);
  return out;
}

const CHUNKS = [1, 2, 5, 13, 4096];

// The member comes after others holding the same key deeper down, brackets and quotes in strings,
// and an escaped quote before a key-like string.
const EXPORT = `{
  "meta": {"count": 3, "data": [{"not": "these"}], "note": "a \\"data\\": [ { ] } string"},
  "links": [{"rel": "next", "data": "x"}],
  "data": [
    {"id": 1, "email": "ana@example.com", "tags": ["a", "]"]},
    {"id": 2, "email": "bo@example.com", "obj": {"data": [1]}},
    {"id": 3, "email": "cy@example.com"}
  ],
  "page": {"next": null}
}
`;

describe('records wrapped in an object (--records)', () => {
  it('reads the records of the named member, whatever the chunking', async () => {
    for (const chunk of CHUNKS) {
      const records = await read(EXPORT, ['data'], chunk);
      assert.deepEqual(records.map((r) => r['id']), [1, 2, 3], `chunk ${chunk}`);
      assert.deepEqual(records[0]!['tags'], ['a', ']'], `chunk ${chunk}`);
    }
  });

  it('follows a path of keys into nested objects, on one line or many', async () => {
    const nested = { status: 'ok', results: { total: 2, items: [{ n: 'a' }, { n: 'b' }] } };
    for (const text of [JSON.stringify(nested), JSON.stringify(nested, null, 2)]) {
      for (const chunk of CHUNKS) assert.deepEqual((await read(text, ['results', 'items'], chunk)).map((r) => r['n']), ['a', 'b']);
    }
    assert.deepEqual(parseMemberPath('.results.items'), ['results', 'items']);
    assert.deepEqual(parseMemberPath('data'), ['data']);
    for (const bad of ['', '.', 'a..b', 'a.']) assert.throws(() => parseMemberPath(bad), (e: unknown) => isCordonError(e, 'ERR_USAGE'));
  });

  it('gives a bad record the line it has in the file, and skips it in skip mode', async () => {
    const text = '{\n  "meta": {\n    "n": 2\n  },\n  "data": [\n    {"id": 1},\n    "oops",\n    {"id": 3}\n  ]\n}\n';
    for (const chunk of CHUNKS) {
      await assert.rejects(read(text, ['data'], chunk), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && /record 2 \(line 7\) is not a JSON object/.test(e.message), `chunk ${chunk}`);
      assert.deepEqual((await read(text, ['data'], chunk, 'skip')).map((r) => r['id']), [1, 3]);
    }
  });

  it('stops on a member that is missing, not an array, repeated, or a wrapper that is broken', async () => {
    const cases: Array<[string, readonly string[], RegExp]> = [
      ['{"meta": {"data": [{"a": 1}]}}', ['data'], /no member data holding an array/],
      ['{"data": {"items": []}}', ['data'], /member data is not an array/],
      ['{"data": [{"a": 1}]}', ['data', 'items'], /member data is not an object/],
      ['{"data": [{"a": 1}], "data": [{"a": 2}]}', ['data'], /member data appears twice/],
      ['{"data": [{"a": 1}]} {"more": 1}', ['data'], /text after the object's closing }/],
      ['{"data": [{"a": 1}]', ['data'], /ends inside the object/],
      ['{"meta": "unterminated', ['data'], /ends inside the object before its member data/],
      ['{"data": [{"a": 1}]]}', ['data'], /closes nothing open/],
      ['[{"a": 1}]', ['data'], /an array of records already: leave out --records/],
      ['"data"', ['data'], /does not start with \{/],
      ['  \n', ['data'], /empty input/],
    ];
    for (const [text, member, message] of cases) {
      for (const chunk of [1, 4096]) {
        await assert.rejects(read(text, member, chunk), (e: unknown) => isCordonError(e, 'ERR_INPUT_INVALID') && message.test(e.message), `${text} chunk ${chunk}`);
      }
    }
  });

  it('an empty array of records is an empty dataset: no records, no error', async () => {
    assert.deepEqual(await read('{"data": []}', ['data']), []);
  });

  it('without --records, a one-line export is refused with the member to name; one-line records are not', async () => {
    await assert.rejects(read('{"status": "ok", "results": {"items": [{"n": "a"}, {"n": "b"}]}}\n', undefined),
      (e: unknown) => isCordonError(e, 'ERR_FORMAT_UNSUPPORTED') && /pass --records results\.items/.test(e.message));
    assert.deepEqual(await read('{"a": 1, "tags": ["x"]}\n', undefined), [{ a: 1, tags: ['x'] }]);
    // Two lines, each with a list of objects: JSON Lines, not an export.
    assert.equal((await read('{"a": [{"b": 1}]}\n{"a": [{"b": 2}]}\n', undefined)).length, 2);
    // Over several lines, the refusal names --records too.
    await assert.rejects(read(EXPORT, undefined), (e: unknown) => isCordonError(e, 'ERR_FORMAT_UNSUPPORTED') && /pass --records data/.test(e.message));
  });

  it('readTypedRecords takes records for .json and refuses it for other formats', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-records-'));
    try {
      writeFileSync(join(dir, 'export.json'), EXPORT);
      const out: TypedRecord[] = [];
      for await (const r of readTypedRecords(join(dir, 'export.json'), { records: ['data'], limit: 2 })) out.push(r);
      assert.deepEqual(out.map((r) => r['email']), ['ana@example.com', 'bo@example.com']);
      writeFileSync(join(dir, 'export.csv'), 'a,b\n1,2\n');
      await assert.rejects(async () => { for await (const r of readTypedRecords(join(dir, 'export.csv'), { records: ['data'] })) void r; },
        (e: unknown) => isCordonError(e, 'ERR_USAGE') && /--records reads a \.json file/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
