// `cordon audit export --follow` (issue 14 item 10): after the stored events it writes each new one
// as another process appends it, as ECS JSON lines, and ends with status 0 and nothing on stderr on
// Ctrl-C, SIGTERM or a closed pipe. With -o it is refused: an atomic file is never complete.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { CORDON_BIN } from '../helpers/paths.js';

function follower(s: CliSandbox, shell?: string): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = shell === undefined
    ? spawn(process.execPath, [CORDON_BIN, 'audit', 'export', '--follow', '--interval', '100'], { cwd: s.dir, env: s.env })
    : spawn('bash', ['-c', shell], { cwd: s.dir, env: s.env });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const actions = (text: string): string[] => text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { event: { action: string } }).event.action);

describe('cordon audit export --follow', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`writes events appended by another process, and ends on ${signal} with status 0`, async () => {
      const s = cliSandbox();
      try {
        assert.equal(s.run(['init']).status, 0);
        const f = follower(s);
        await until('the stored event', () => actions(f.out()).length === 1);
        const created = s.run(['keys', 'create', 'followed']);
        assert.equal(created.status, 0, created.stderr);
        await until('the new event', () => actions(f.out()).length >= 2);
        assert.deepEqual(actions(f.out()).slice(0, 2), ['key.create', 'key.create']);
        f.child.kill(signal);
        assert.equal(await f.exit, 0);
        assert.equal(f.err(), '');
        assert.ok(f.out().endsWith('\n'), 'whole lines only');
      } finally {
        s.cleanup();
      }
    });
  }

  it('a closed pipe ends it with status 0 at the next event', async () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const f = follower(s, `"${process.execPath}" "${CORDON_BIN}" audit export --follow --interval 100 | head -1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`);
      // head has its line and exits; cordon learns the pipe is closed when it next writes
      for (let i = 0; i < 40 && !/status=/.test(f.out()); i++) {
        assert.equal(s.run(['keys', 'create', `k${i}`]).status, 0);
        await new Promise((r) => setTimeout(r, 200));
      }
      await f.exit;
      assert.match(f.out(), /status=0/);
      assert.doesNotMatch(f.err(), /EPIPE|Error/);
    } finally {
      s.cleanup();
    }
  });

  it('refuses -o: an atomic file would never be complete', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const r = s.run(['audit', 'export', '--follow', '-o', 'x.jsonl']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /ERR_USAGE/);
    } finally {
      s.cleanup();
    }
  });
});
