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
    { number: 1, text: 'a' }, { number: 2, text: 'bc' }, { number: 3, text: '' }, { number: 4, text: 'dé' }, { number: 5, text: 'x' }, { number: 6, text: 'y' }, { number: 7, text: 'last' },
  ]);
  // An LF alone is part of a line then, as a CR alone is with LF endings.
  assert.deepEqual(await collect(['p\nq\r'], undefined, 'cr'), [{ number: 1, text: 'p\nq' }]);
  assert.deepEqual(await collect(['p\rq\n']), [{ number: 1, text: 'p\rq' }]);
});

it('splits LF and CRLF lines across chunk boundaries, keeps a last line without newline', async () => {
  const lines = await collect(['a\r\nb', 'c\n\nd', 'é\n', 'last']);
  assert.deepEqual(lines, [
    { number: 1, text: 'a' }, { number: 2, text: 'bc' }, { number: 3, text: '' }, { number: 4, text: 'dé' }, { number: 5, text: 'last' },
  ]);
  assert.deepEqual(await collect([]), []);
  assert.deepEqual(await collect(['x\n']), [{ number: 1, text: 'x' }]);
});

it('reports invalid UTF-8 with its line number and goes on', async () => {
  const lines = await collect([Buffer.from('ok\n'), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from('fine\n')]);
  assert.equal(lines.length, 3);
  assert.ok(isBadLine(lines[1]!));
  assert.equal((lines[1] as BadLine).error.code, 'ERR_INPUT_INVALID');
  assert.match((lines[1] as BadLine).error.message, /line 2/);
  assert.deepEqual(lines[2], { number: 3, text: 'fine' });
});

it('reports an over-long line without buffering it, and goes on', async () => {
  const lines = await collect(['short\n', 'x'.repeat(100), 'y'.repeat(100), '\nafter\n'], 150);
  assert.equal(lines.length, 3);
  assert.ok(isBadLine(lines[1]!));
  assert.match((lines[1] as BadLine).error.message, /line 2 is longer/);
  assert.deepEqual(lines[2], { number: 3, text: 'after' });
});
