// The rotation story, through the real CLI: encrypt under v1; rotate; encrypt under v2; decrypt
// both; rewrap the v1 file (body bytes unchanged); raise the minimum decryption version; destroy v1;
// a file still under v1 now fails with its documented code, and the destruction is recorded.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { cliSandbox } from '../helpers/cli.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { parseHeader } from '../../src/formats/encrypted-file.js';
import { randomBytes } from '../../src/crypto/random.js';

function body(path: string): { version: number; body: Buffer } {
  const bytes = readFileSync(path);
  const p = parseHeader(bytes);
  return { version: p.header.stanzas[0]!.version, body: bytes.subarray(p.headerLength) };
}

it('rotation story: rotate, rewrap, minimum version, destroy', () => {
  const s = cliSandbox();
  try {
    const ok = (args: string[]): string => {
      const r = s.run(args);
      assert.equal(r.status, 0, `cordon ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    };
    ok(['init']);
    const a = randomBytes(3 * 1024 * 1024 + 123);
    const b = randomBytes(70_000);
    writeFileSync(s.path('a.bin'), a);
    writeFileSync(s.path('b.bin'), b);

    ok(['encrypt', 'a.bin', '-o', 'a.cdn', '--context', 'dataset=a', '--segment-size', '64k']);
    assert.equal(body(s.path('a.cdn')).version, 1);
    copyFileSync(s.path('a.cdn'), s.path('a-stays-v1.cdn'));

    ok(['keys', 'rotate', 'default']);
    ok(['encrypt', 'b.bin', '-o', 'b.cdn']);
    assert.equal(body(s.path('b.cdn')).version, 2);

    ok(['decrypt', 'a.cdn', '-o', 'a.out', '--context', 'dataset=a']);
    ok(['decrypt', 'b.cdn', '-o', 'b.out']);
    assert.deepEqual(readFileSync(s.path('a.out')), Buffer.from(a));
    assert.deepEqual(readFileSync(s.path('b.out')), Buffer.from(b));

    const before = body(s.path('a.cdn'));
    const rw = JSON.parse(ok(['rewrap', 'a.cdn', 'b.cdn', '--json']).split('\n')[0]!);
    assert.equal(rw.changed, true);
    const after = body(s.path('a.cdn'));
    assert.equal(after.version, 2);
    assert.ok(after.body.equals(before.body), 'rewrap must not change the body');

    ok(['keys', 'set-min-version', 'default', '2']);
    let r = s.run(['decrypt', 'a-stays-v1.cdn', '-o', 'x.out', '--context', 'dataset=a']);
    assert.equal(r.status, EXIT_CODES.denied);
    assert.match(r.stderr, /ERR_KEY_VERSION_DISABLED/);
    ok(['decrypt', 'a.cdn', '-o', 'a2.out', '--context', 'dataset=a']);
    assert.deepEqual(readFileSync(s.path('a2.out')), Buffer.from(a));

    r = s.run(['keys', 'destroy', 'default', '1']);
    assert.equal(r.status, EXIT_CODES.usage, 'destroy without --yes must refuse');
    ok(['keys', 'destroy', 'default', '1', '--yes']);
    r = s.run(['decrypt', 'a-stays-v1.cdn', '-o', 'x.out', '--context', 'dataset=a']);
    assert.equal(r.status, EXIT_CODES.unavailable);
    assert.match(r.stderr, /ERR_KEY_VERSION_DESTROYED/);
    assert.throws(() => readFileSync(s.path('x.out')), 'no output file after a failure');

    const key = JSON.parse(ok(['keys', 'show', 'default', '--json']));
    const v1 = key.versions.find((v: { version: number }) => v.version === 1);
    assert.equal(v1.state, 'destroyed');
    assert.ok(v1.destroyedAt);
    const events = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const destroy = events.find((e) => e.type === 'key.destroy');
    assert.deepEqual(destroy.key, { name: 'default', version: 1 });
    assert.equal(destroy.principal, 'test-user');
    assert.ok(events.some((e) => e.type === 'datakey.unwrap' && e.outcome === 'failure' && e.reason === 'ERR_KEY_VERSION_DESTROYED'));
    // the files still under v2 keep working
    ok(['decrypt', 'b.cdn', '-o', 'b2.out', '--force']);
  } finally {
    s.cleanup();
  }
});
