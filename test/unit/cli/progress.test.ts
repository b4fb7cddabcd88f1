// The progress line (issue 14 item 8: detect, scan, manifest create and sign show one on a
// terminal, like protect): drawn on stderr only when it is a TTY and not under CI or --json,
// throttled, in bytes or rows, with a total that may arrive with an update, and erased at the end.
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { progress } from '../../../src/cli/output.js';

describe('cli: progress line', () => {
  let written: string[];
  let restore: () => void;

  beforeEach(() => {
    written = [];
    const stderr = process.stderr as NodeJS.WriteStream & { isTTY: boolean };
    const { isTTY, write } = stderr;
    const ci = process.env['CI'];
    delete process.env['CI'];
    stderr.isTTY = true;
    stderr.write = ((s: string) => { written.push(s); return true; }) as typeof stderr.write;
    restore = () => {
      stderr.isTTY = isTTY;
      stderr.write = write;
      if (ci !== undefined) process.env['CI'] = ci;
    };
  });
  afterEach(() => restore());

  it('bytes with a percentage, throttled, erased when done', () => {
    const p = progress('hashing', 2048);
    assert.equal(p.active, true);
    p.update(1024);
    p.update(2000); // within 250 ms of the last line: not drawn
    p.done();
    assert.deepEqual(written, ['\rhashing 50% 1.0 KiB / 2.0 KiB   ', '\r\x1b[K']);
  });

  it('rows, and a total given with the update', () => {
    const rows = progress('scanning', 1000, { unit: 'rows' });
    rows.update(120);
    const bytes = progress('hashing', undefined);
    bytes.update(10, 40);
    assert.deepEqual(written, ['\rscanning 12% 120 rows / 1000 rows   ', '\rhashing 25% 10 B / 40 B   ']);
  });

  it('off (--json), not a terminal, or CI: nothing is drawn', () => {
    const off = progress('x', 10, { off: true });
    assert.equal(off.active, false);
    off.update(5);
    process.env['CI'] = 'true';
    progress('x', 10).update(5);
    delete process.env['CI'];
    (process.stderr as { isTTY: boolean }).isTTY = false;
    progress('x', 10).update(5);
    assert.deepEqual(written, []);
  });
});
