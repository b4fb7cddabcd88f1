// The CLI as a user meets it: help, a missing workspace, exit codes, stdin/stdout, bad input.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { randomBytes } from '../../src/crypto/random.js';

describe('cordon CLI', () => {
  let s: CliSandbox;
  before(() => { s = cliSandbox(); });
  after(() => s.cleanup());

  it('--help teaches the commands and exit codes', () => {
    const r = s.run(['--help']);
    assert.equal(r.status, 0);
    for (const word of ['init', 'encrypt', 'decrypt', 'rewrap', 'keys', 'Exit codes']) assert.match(r.stdout, new RegExp(word));
    const e = s.run(['encrypt', '--help']);
    assert.equal(e.status, 0);
    assert.match(e.stdout, /--context/);
    assert.match(e.stdout, /Examples/);
  });

  it('explains how to create a missing workspace', () => {
    const r = s.run(['keys', 'list']);
    assert.equal(r.status, EXIT_CODES.unavailable);
    assert.match(r.stderr, /ERR_WORKSPACE_MISSING/);
    assert.match(r.stderr, /cordon init/);
  });

  it('usage errors exit 2', () => {
    assert.equal(s.run(['encrypt']).status, EXIT_CODES.usage);
    assert.equal(s.run(['frobnicate']).status, EXIT_CODES.usage);
    assert.equal(s.run(['encrypt', 'x', '-o', 'y', '--context', 'novalue']).status, EXIT_CODES.usage);
  });

  it('a failed init leaves no half-made workspace', () => {
    const r = s.run(['init', '--kek', 'passphrase'], { env: { CORDON_HOME: s.path('ws-failed') } });
    assert.equal(r.status, EXIT_CODES.unavailable);
    assert.match(r.stderr, /ERR_MASTER_KEY_UNAVAILABLE/);
    assert.match(r.stderr, /CORDON_MASTER_PASSPHRASE/);
    assert.ok(!readdirSync(s.dir).includes('ws-failed'));
  });

  it('a passphrase master key works end to end and a wrong passphrase is refused', () => {
    const env = { CORDON_HOME: s.path('ws-pass'), CORDON_MASTER_PASSPHRASE: 'a long enough passphrase' };
    assert.equal(s.run(['init', '--kek', 'passphrase'], { env }).status, 0);
    const cfg = JSON.parse(readFileSync(s.path('ws-pass', 'config.json'), 'utf8'));
    assert.equal(cfg.kek.kind, 'passphrase');
    assert.ok(!JSON.stringify(cfg).includes('a long enough passphrase'));
    writeFileSync(s.path('pp.bin'), 'secret rows');
    assert.equal(s.run(['encrypt', 'pp.bin', '-o', 'pp.cdn'], { env }).status, 0);
    const bad = s.run(['decrypt', 'pp.cdn', '-o', 'pp.out'], { env: { ...env, CORDON_MASTER_PASSPHRASE: 'another long passphrase' } });
    assert.equal(bad.status, EXIT_CODES.integrity);
    assert.match(bad.stderr, /ERR_MASTER_KEY_MISMATCH/);
    assert.equal(s.run(['decrypt', 'pp.cdn', '-o', 'pp.out'], { env }).status, 0);
    assert.equal(readFileSync(s.path('pp.out'), 'utf8'), 'secret rows');
  });

  it('init creates the workspace once', () => {
    const r = s.run(['init']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Created workspace/);
    const again = s.run(['init']);
    assert.equal(again.status, EXIT_CODES.input);
    assert.match(again.stderr, /ERR_WORKSPACE_INVALID/);
  });

  it('encrypts stdin to stdout and decrypts stdin to stdout, byte for byte', () => {
    const data = randomBytes(300_000);
    const enc = s.run(['encrypt', '-', '-o', '-', '--context', 'k=v'], { input: Buffer.from(data) });
    assert.equal(enc.status, 0, enc.stderr);
    const dec = s.run(['decrypt', '-', '-o', '-', '--context', 'k=v'], { input: enc.stdoutBytes });
    assert.equal(dec.status, 0, dec.stderr);
    assert.deepEqual(dec.stdoutBytes, Buffer.from(data));
    writeFileSync(s.path('p.cdn'), enc.stdoutBytes);
    const d = s.run(['decrypt', 'p.cdn', '-o', 'p.out', '--context', 'k=v']);
    assert.equal(d.status, 0, d.stderr);
    assert.deepEqual(readFileSync(s.path('p.out')), Buffer.from(data));
  });

  it('inspect shows the header without a key', () => {
    writeFileSync(s.path('i.bin'), randomBytes(40_000));
    assert.equal(s.run(['encrypt', 'i.bin', '-o', 'i.cdn', '--context', 'dataset=x', '--segment-size', '16k']).status, 0);
    const r = s.run(['inspect', 'i.cdn', '--json'], { env: { CORDON_MASTER_KEY: '' , CORDON_HOME: s.path('nowhere') } });
    assert.equal(r.status, 0, r.stderr);
    const info = JSON.parse(r.stdout);
    assert.deepEqual(info.context, { dataset: 'x' });
    assert.deepEqual(info.keys, [{ name: 'default', version: 1 }]);
    assert.equal(info.segmentSize, 16384);
    assert.equal(info.plaintextBytes, 40_000);
    assert.equal(info.verified, false);
    assert.equal(s.run(['inspect', 'i.bin']).status, EXIT_CODES.integrity);
  });

  it('tampering exits 5 with ERR_DECRYPTION_FAILED and leaves no output', () => {
    const data = randomBytes(50_000);
    writeFileSync(s.path('t.bin'), data);
    assert.equal(s.run(['encrypt', 't.bin', '-o', 't.cdn']).status, 0);
    const c = readFileSync(s.path('t.cdn'));
    c[c.length - 100]! ^= 4;
    writeFileSync(s.path('t.cdn'), c);
    const r = s.run(['decrypt', 't.cdn', '-o', 't.out']);
    assert.equal(r.status, EXIT_CODES.integrity);
    assert.match(r.stderr, /ERR_DECRYPTION_FAILED/);
    assert.ok(!readdirSync(s.dir).some((n) => n.includes('t.out')));
  });

  it('refuses to overwrite without --force, and never the input', () => {
    writeFileSync(s.path('o.bin'), 'hello');
    writeFileSync(s.path('o.cdn'), 'existing');
    const r = s.run(['encrypt', 'o.bin', '-o', 'o.cdn']);
    assert.equal(r.status, EXIT_CODES.input);
    assert.match(r.stderr, /ERR_OUTPUT_EXISTS/);
    assert.equal(readFileSync(s.path('o.cdn'), 'utf8'), 'existing');
    assert.equal(s.run(['encrypt', 'o.bin', '-o', 'o.cdn', '--force']).status, 0);
    const same = s.run(['encrypt', 'o.bin', '-o', 'o.bin', '--force']);
    assert.equal(same.status, EXIT_CODES.input);
    assert.equal(readFileSync(s.path('o.bin'), 'utf8'), 'hello');
  });

  it('reports a missing input file as bad input', () => {
    const r = s.run(['encrypt', 'nope.bin', '-o', 'nope.cdn']);
    assert.equal(r.status, EXIT_CODES.input);
    assert.match(r.stderr, /ERR_IO/);
  });

  it('keys commands print metadata, never material', () => {
    assert.equal(s.run(['keys', 'create', 'models']).status, 0);
    const r = s.run(['keys', 'list', '--json']);
    assert.equal(r.status, 0);
    const keys = JSON.parse(r.stdout);
    assert.deepEqual(keys.map((k: { name: string }) => k.name).sort(), ['default', 'models']);
    assert.doesNotMatch(r.stdout, /wrapped/);
    assert.equal(s.run(['keys', 'show', 'nope']).status, EXIT_CODES.unavailable);
    assert.equal(s.run(['keys', 'retire', 'models']).status, 0);
    const enc = s.run(['encrypt', 'o.bin', '-o', 'm.cdn', '--key', 'models']);
    assert.equal(enc.status, EXIT_CODES.denied);
    assert.match(enc.stderr, /ERR_KEY_RETIRED/);
  });

  it('a wrong master key is refused before any key is used', () => {
    const r = s.run(['keys', 'list'], { env: { CORDON_MASTER_KEY: Buffer.from(randomBytes(32)).toString('base64') } });
    assert.equal(r.status, EXIT_CODES.integrity);
    assert.match(r.stderr, /ERR_MASTER_KEY_MISMATCH/);
  });
});


describe('cordon CLI interrupted', () => {
  it('SIGTERM during a long encryption leaves no output or temporary file', async () => {
    const { spawn } = await import('node:child_process');
    const { CORDON_BIN } = await import('../helpers/paths.js');
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const { Readable } = await import('node:stream');
      const p = spawn(process.execPath, [CORDON_BIN, 'encrypt', '-', '-o', 'big.cdn'], { cwd: s.dir, env: s.env, stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      // Feed data slowly, and never close stdin: the command is mid-run when it is stopped.
      const feeder = Readable.from((async function* () { for (let i = 0; i < 2000; i++) { yield Buffer.alloc(256 * 1024, i); await new Promise((r) => setTimeout(r, 20)); } })());
      feeder.pipe(p.stdin).on('error', () => undefined);
      p.stdin.on('error', () => undefined);
      // Wait (up to 20 s on a loaded machine) until the run has started writing.
      const deadline = Date.now() + 20_000;
      while (!readdirSync(s.dir).some((n) => n.includes('big.cdn.cordon-tmp')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(readdirSync(s.dir).some((n) => n.includes('big.cdn.cordon-tmp')), 'a temporary file exists mid-run');
      p.kill('SIGTERM');
      const code = await new Promise<number | null>((r) => p.on('close', r));
      assert.equal(code, 143);
      assert.match(stderr, /interrupted/);
      assert.deepEqual(readdirSync(s.dir).filter((n) => n.includes('big.cdn')), []);
    } finally {
      s.cleanup();
    }
  });
});

describe('cordon CLI never leaks secrets', () => {
  it('no master key, passphrase or plaintext in output, errors or the audit log', () => {
    const s = cliSandbox();
    try {
      const marker = 'SSN-078-05-1120-SECRET-MARKER';
      const outputs: string[] = [];
      const run = (args: string[], env?: NodeJS.ProcessEnv): void => {
        const r = s.run(args, env ? { env } : {});
        outputs.push(r.stdout, r.stderr);
      };
      run(['init']);
      writeFileSync(s.path('p.txt'), `${marker}\n`.repeat(1000));
      run(['encrypt', 'p.txt', '-o', 'p.cdn', '--context', 'dataset=x']);
      run(['decrypt', 'p.cdn', '-o', 'p.out', '--context', 'dataset=y']); // wrong context
      const c = readFileSync(s.path('p.cdn'));
      c[c.length - 1]! ^= 1;
      writeFileSync(s.path('bad.cdn'), c);
      run(['decrypt', 'bad.cdn', '-o', 'bad.out', '--context', 'dataset=x']);
      run(['decrypt', 'p.cdn', '-o', '-', '--context', 'dataset=x']); // the one place plaintext belongs: stdout
      const plaintextOut = outputs.pop()!; // stderr of that run
      outputs.pop(); // its stdout carries the plaintext by design
      outputs.push(plaintextOut);
      run(['keys', 'show', 'default', '--json']);
      run(['keys', 'list'], { CORDON_MASTER_KEY: Buffer.from(randomBytes(32)).toString('base64') });
      const audit = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8');
      const everything = outputs.join('\n') + audit;
      const mk = s.env.CORDON_MASTER_KEY!;
      assert.ok(!everything.includes(mk), 'master key leaked');
      assert.ok(!everything.includes(Buffer.from(mk, 'base64').toString('hex')), 'master key (hex) leaked');
      assert.ok(!everything.includes(marker), 'plaintext leaked');
      assert.match(audit, /"outcome":"failure"/);
    } finally {
      s.cleanup();
    }
  });
});
