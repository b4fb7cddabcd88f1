// Reads the first bytes of a stream without losing them: the head is returned, and a new stream
// yields the head and then the rest. Used to sniff magic numbers, a byte-order mark and the CSV
// dialect from stdin as well as from files. Memory: the head only.
import { Readable } from 'node:stream';

/**
 * At least the first `bytes` bytes of `input` (fewer at its end: `complete`), and a stream of the
 * whole input.
 */
export async function peekStream(input: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable; complete: boolean }> {
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const parts: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const r = await it.next();
    if (r.done === true) { done = true; break; }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    parts.push(b);
    size += b.length;
  }
  const head = Buffer.concat(parts);
  const stream = Readable.from((async function* () {
    if (head.length > 0) yield head;
    if (done) return;
    try {
      for (let r = await it.next(); r.done !== true; r = await it.next()) yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    } finally {
      // An early stop closes the source (a file descriptor, a pipe).
      await it.return?.();
    }
  })(), { objectMode: false });
  return { head, stream, complete: done };
}
