import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { isBadLine, readLines, type BadLine, type Line, type LineEnding } from '../../../src/io/lines.js';

async function collect(chunks: Array<Buffer | string>, maxLineBytes?: number, ending?: LineEnding): Promise<Array<Line | BadLine>> {
  const out: Array<Line | BadLine> = [];
  const options = { ...(maxLineBytes === undefined ? {} : { maxLineBytes }), ...(ending === undefined ? {} : { ending }) };
  for await (const l of readLines(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), options)) out.push(l);
  return out;
}

it('with CR endings (classic Mac), splits at each CR; a CRLF among them is one ending, also across chunks', async () => {
  const lines = await collect(['a\rb', 'c\r\rd', 'é\r', '\nx\r\ny\r', 'last'], undefined, 'cr');
  assert.deepEqual(lines, [
    { number: 1, text: 'a', crlf: false }, { number: 2, text: 'bc', crlf: false }, { number: 3, text: '', crlf: false }, { number: 4, text: 'dé', crlf: false }, { number: 5, text: 'x', crlf: false }, { number: 6, text: 'y', crlf: false }, { number: 7, text: 'last', crlf: false },
  ]);
  // An LF alone is part of a line then, as a CR alone is with LF endings.
  assert.deepEqual(await collect(['p\nq\r'], undefined, 'cr'), [{ number: 1, text: 'p\nq', crlf: false }]);
  assert.deepEqual(await collect(['p\rq\n']), [{ number: 1, text: 'p\rq', crlf: false }]);
});

it('splits LF and CRLF lines across chunk boundaries (crlf says which ended in CRLF), keeps a last line without newline', async () => {
  const lines = await collect(['a\r\nb', 'c\n\nd', 'é\n', 'last']);
  assert.deepEqual(lines, [
    { number: 1, text: 'a', crlf: true }, { number: 2, text: 'bc', crlf: false }, { number: 3, text: '', crlf: false }, { number: 4, text: 'dé', crlf: false }, { number: 5, text: 'last', crlf: false },
  ]);
  assert.deepEqual(await collect([]), []);
  assert.deepEqual(await collect(['x\n']), [{ number: 1, text: 'x', crlf: false }]);
  assert.deepEqual(await collect(['x\r', '\ny\r\n']), [{ number: 1, text: 'x', crlf: true }, { number: 2, text: 'y', crlf: true }], 'a CRLF cut between chunks');
});

it('reports invalid UTF-8 with its line number and goes on', async () => {
  const lines = await collect([Buffer.from('ok\n'), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from('fine\n')]);
  assert.equal(lines.length, 3);
  assert.ok(isBadLine(lines[1]!));
  assert.equal((lines[1] as BadLine).error.code, 'ERR_INPUT_INVALID');
  assert.match((lines[1] as BadLine).error.message, /line 2/);
  assert.deepEqual(lines[2], { number: 3, text: 'fine', crlf: false });
});

it('reports an over-long line without buffering it, and goes on', async () => {
  const lines = await collect(['short\n', 'x'.repeat(100), 'y'.repeat(100), '\nafter\n'], 150);
  assert.equal(lines.length, 3);
  assert.ok(isBadLine(lines[1]!));
  assert.match((lines[1] as BadLine).error.message, /line 2 is longer/);
  assert.deepEqual(lines[2], { number: 3, text: 'after', crlf: false });
});
