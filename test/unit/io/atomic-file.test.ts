// io/atomic-file.ts, io/write-file-atomic.ts and io/check-output.ts: the one way Cordon creates a
// file (issue 12 item 4, issue 14). Exclusive temporary file (mode 0600), nothing left on failure,
// a symlink at the destination replaced (never written through), existing files kept unless
// force, inputs (same path, hard link, symlink to it) never replaced.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicFile, abortPendingFiles } from '../../../src/io/atomic-file.js';
import { writeFileAtomic } from '../../../src/io/write-file-atomic.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-atomic-'));
  try { fn(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}
const code = (c: string) => ({ code: c });

describe('io/atomic-file', () => {
  it('writes a new file, mode 0600 by default, and leaves no temporary file', () => withDir((dir) => {
    writeFileAtomic(join(dir, 'a.txt'), 'hello');
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), 'hello');
    assert.equal(statSync(join(dir, 'a.txt')).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['a.txt']);
  }));

  it('refuses an existing file (a dangling symlink too) unless force', () => withDir((dir) => {
    writeFileSync(join(dir, 'a.txt'), 'old');
    assert.throws(() => writeFileAtomic(join(dir, 'a.txt'), 'new'), code('ERR_OUTPUT_EXISTS'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    assert.throws(() => writeFileAtomic(join(dir, 'dangling'), 'new'), code('ERR_OUTPUT_EXISTS'));
    writeFileAtomic(join(dir, 'a.txt'), 'new', { force: true });
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), 'new');
    assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'dangling']);
  }));

  it('with force, a symlink at the destination is replaced, never written through', () => withDir((dir) => {
    writeFileSync(join(dir, 'victim'), 'precious');
    symlinkSync(join(dir, 'victim'), join(dir, 'out'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'ca.key'));
    writeFileAtomic(join(dir, 'out'), 'new', { force: true });
    writeFileAtomic(join(dir, 'ca.key'), 'secret', { force: true });
    assert.equal(readFileSync(join(dir, 'victim'), 'utf8'), 'precious');
    assert.equal(lstatSync(join(dir, 'out')).isFile(), true);
    assert.equal(readFileSync(join(dir, 'out'), 'utf8'), 'new');
    assert.equal(lstatSync(join(dir, 'ca.key')).isFile(), true);
    assert.throws(() => statSync(join(dir, 'elsewhere')), code('ENOENT'));
  }));

  it('never replaces an input, even with force: same path, hard link, symlink to it', () => withDir((dir) => {
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'data');
    linkSync(input, join(dir, 'hard.csv'));
    symlinkSync(input, join(dir, 'soft.csv'));
    for (const out of [input, join(dir, '.', 'in.csv'), join(dir, 'hard.csv'), join(dir, 'soft.csv')]) {
      assert.throws(() => writeFileAtomic(out, 'x', { force: true, inputs: [input] }), code('ERR_OUTPUT_EXISTS'), out);
    }
    assert.equal(readFileSync(input, 'utf8'), 'data');
    assert.deepEqual(readdirSync(dir).sort(), ['hard.csv', 'in.csv', 'soft.csv']);
  }));

  it('a directory at the destination is ERR_IO, with or without force', () => withDir((dir) => {
    mkdirSync(join(dir, 'd'));
    assert.throws(() => writeFileAtomic(join(dir, 'd'), 'x'), code('ERR_IO'));
    assert.throws(() => writeFileAtomic(join(dir, 'd'), 'x', { force: true }), code('ERR_IO'));
    assert.deepEqual(readdirSync(dir), ['d']);
  }));

  it('a file that appears before commit is not clobbered without force', () => withDir((dir) => {
    const f = new AtomicFile(join(dir, 'race'));
    writeFileSync(join(dir, 'race'), 'theirs');
    assert.throws(() => f.commit(), code('ERR_OUTPUT_EXISTS'));
    assert.equal(readFileSync(join(dir, 'race'), 'utf8'), 'theirs');
    assert.deepEqual(readdirSync(dir), ['race']);
  }));

  it('abortPendingFiles removes every uncommitted temporary file (the SIGINT path)', () => withDir((dir) => {
    new AtomicFile(join(dir, 'a'));
    new AtomicFile(join(dir, 'b'), { mode: 0o644 });
    assert.equal(readdirSync(dir).length, 2);
    assert.ok(readdirSync(dir).every((n) => /^\.[ab]\.cordon-tmp-[0-9a-f]{16}$/.test(n)));
    abortPendingFiles();
    assert.deepEqual(readdirSync(dir), []);
  }));
});
