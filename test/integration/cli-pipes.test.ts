// The CLI in shell pipelines: `cordon detect … | head -1` and `cordon scan … | head -1` end with
// status 0 and no stack trace when the reader closes the pipe (one handler in the CLI shell), and
// `cordon detect -` reads stdin.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cliSandbox } from '../helpers/cli.js';
import { CORDON_BIN } from '../helpers/paths.js';
import * as zlib from 'node:zlib';

/** Runs `cordon <args> | head -1` in bash and returns cordon's own exit status and stderr. */
function throughHead(dir: string, env: NodeJS.ProcessEnv, args: string): { status: number; stdout: string; stderr: string } {
  const script = `"${process.execPath}" "${CORDON_BIN}" ${args} 2>cordon.err | head -1; echo "cordon-status=\${PIPESTATUS[0]}" >&2; cat cordon.err >&2`;
  const r = spawnSync('bash', ['-c', script], { cwd: dir, env, encoding: 'utf8' });
  const m = /cordon-status=(\d+)/.exec(r.stderr);
  assert.ok(m, r.stderr);
  return { status: Number(m[1]), stdout: r.stdout, stderr: r.stderr.replace(/cordon-status=\d+\n/, '') };
}

describe('CLI in pipelines', () => {
  it('detect … | head -1 exits 0 with one line out and nothing on stderr', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      // Far more output than a pipe buffer holds, so cordon is still writing when head exits.
      writeFileSync(s.path('big.jsonl'), '{"text":"mail ann@example.com now"}\n'.repeat(20000));
      for (const args of ['detect big.jsonl', 'detect --in big.jsonl --explain']) {
        const r = throughHead(s.dir, s.env, args);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
        assert.match(r.stdout, /EMAIL_ADDRESS/);
        assert.doesNotMatch(r.stderr, /EPIPE|Error|at .*\.js/, 'no stack trace');
      }
    } finally {
      s.cleanup();
    }
  });

  it('detect --format text … | head -1 exits 0 too', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      writeFileSync(s.path('notes.txt'), 'write to ann@example.com today\n'.repeat(20000));
      const r = throughHead(s.dir, s.env, 'detect --format text notes.txt');
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /EPIPE|Error/);
    } finally {
      s.cleanup();
    }
  });

  it('detect - reads stdin; an argument and a different --in is ERR_USAGE', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      const r = s.run(['detect', '-'], { input: '{"text":"x ann@example.com"}\n' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /"entity":"EMAIL_ADDRESS"/);
      writeFileSync(s.path('a.jsonl'), '{"text":"x"}\n');
      const both = s.run(['detect', 'a.jsonl', '--in', '-']);
      assert.equal(both.status, 2);
      assert.match(both.stderr, /ERR_USAGE/);
    } finally {
      s.cleanup();
    }
  });

  it('protect --quarantine - is ERR_USAGE (exit 2): only the data goes to stdout; no file named "-" is created', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(s.path('a.csv'), 'id\n1\n');
      writeFileSync(s.path('c.yaml'), 'not read');
      for (const args of [['-o', '-', '--quarantine', '-'], ['-o', 'out.csv', '--quarantine', '-']]) {
        const r = s.run(['protect', 'a.csv', '-c', 'c.yaml', ...args]);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /ERR_USAGE/);
        assert.equal(existsSync(s.path('-')), false);
      }
    } finally {
      s.cleanup();
    }
  });

  it('scan reads gzip by magic bytes (file and stdin); zstd where node:zlib has it, else ERR_FORMAT_UNSUPPORTED', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      const csv = 'id;email\n' + Array.from({ length: 30 }, (_, i) => `${i};user${i}@example.com`).join('\n') + '\n';
      writeFileSync(s.path('people.csv.gz'), zlib.gzipSync(csv));
      const file = s.run(['scan', 'people.csv.gz', '--json']);
      assert.equal(file.status, 0, file.stderr);
      assert.deepEqual((JSON.parse(file.stdout) as { columns: Array<{ name: string }> }).columns.map((c) => c.name), ['id', 'email']);
      const piped = s.run(['scan', '-', '--format', 'csv'], { input: zlib.gzipSync(csv) });
      assert.equal(piped.status, 0, piped.stderr);
      assert.match(piped.stdout, /\n30 row\(s\) sampled/);
      const zstd = (zlib as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
      // Node 20 has no zstd encoder either: a zstd frame header is enough to see the refusal there.
      writeFileSync(s.path('people.csv.zst'), zstd ? zstd(Buffer.from(csv)) : Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]));
      const z = s.run(['scan', 'people.csv.zst']);
      if (zstd) assert.equal(z.status, 0, z.stderr);
      else { assert.equal(z.status, 3); assert.match(z.stderr, /ERR_FORMAT_UNSUPPORTED/); }
    } finally {
      s.cleanup();
    }
  });
});
