// Issue 14 item 8 through the real binary: with --json, results are JSON on stdout and every
// failure is one JSON line {"error":{"code","message","exit"}} on stderr whose exit matches the
// status, whether commander refused the command line or a command failed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { cliSandbox, type CliResult } from '../helpers/cli.js';

function jsonError(r: CliResult): { code: string; message: string; exit: number } {
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one line on stderr: ${r.stderr}`);
  const e = (JSON.parse(lines[0]!) as { error: { code: string; message: string; exit: number } }).error;
  assert.deepEqual(Object.keys(e), ['code', 'message', 'exit']);
  assert.equal(e.exit, r.status);
  return e;
}

describe('cordon --json (issue 14 item 8)', () => {
  it('usage errors from the command line are JSON too, and so are command failures', () => {
    const s = cliSandbox();
    try {
      const unknown = s.run(['keys', 'list', '--json', '--bogus']);
      assert.equal(unknown.status, 2);
      assert.equal(jsonError(unknown).code, 'ERR_USAGE');
      assert.match(jsonError(unknown).message, /--bogus/);

      const missing = s.run(['keys', 'list', '--json']);
      assert.equal(missing.status, 6);
      assert.equal(jsonError(missing).code, 'ERR_WORKSPACE_MISSING');
      assert.equal(missing.stdout, '');

      // without --json the same failure stays prose
      const prose = s.run(['keys', 'list']);
      assert.match(prose.stderr, /^cordon: error ERR_WORKSPACE_MISSING: /);
    } finally {
      s.cleanup();
    }
  });

  it('init, encrypt, decrypt print one JSON document; -o - with --json is refused', () => {
    const s = cliSandbox();
    try {
      const init = s.run(['init', '--json']);
      assert.equal(init.status, 0, init.stderr);
      const ws = JSON.parse(init.stdout) as { workspace: string; defaultKey: { name: string; version: number } };
      assert.equal(ws.defaultKey.name, 'default');

      writeFileSync(s.path('a.txt'), 'hello\n'.repeat(100));
      const enc = s.run(['encrypt', 'a.txt', '-o', 'a.txt.cdn', '--json']);
      assert.equal(enc.status, 0, enc.stderr);
      assert.deepEqual(JSON.parse(enc.stdout), { output: 'a.txt.cdn', plaintextBytes: 600, segments: 1, key: { name: 'default', version: 1 } });

      const dec = s.run(['decrypt', 'a.txt.cdn', '-o', 'b.txt', '--json']);
      assert.equal(dec.status, 0, dec.stderr);
      assert.equal((JSON.parse(dec.stdout) as { plaintextBytes: number }).plaintextBytes, 600);

      const toStdout = s.run(['decrypt', 'a.txt.cdn', '-o', '-', '--json']);
      assert.equal(toStdout.status, 2);
      assert.equal(jsonError(toStdout).code, 'ERR_USAGE');
      assert.equal(toStdout.stdout, '', 'no plaintext before the refusal');

      const wrong = s.run(['decrypt', 'a.txt.cdn', '-o', 'c.txt', '-c', 'x=y', '--json']);
      assert.equal(wrong.status, 5);
      assert.equal(jsonError(wrong).code, 'ERR_DECRYPTION_FAILED');
    } finally {
      s.cleanup();
    }
  });

  it('detect --json is JSON lines and refuses --format text', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      const r = s.run(['detect', '-', '--json'], { input: '{"text":"mail ann@example.com"}\n{"text":"nothing"}\n' });
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { entities: unknown[] });
      assert.equal(lines.length, 2);
      assert.equal(lines[1]!.entities.length, 0);
      const text = s.run(['detect', '-', '--json', '--format', 'text'], { input: 'x\n' });
      assert.equal(text.status, 2);
      assert.equal(jsonError(text).code, 'ERR_USAGE');
    } finally {
      s.cleanup();
    }
  });
});
