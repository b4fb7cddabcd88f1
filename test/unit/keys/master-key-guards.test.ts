// Security review, issue 12, item 11: the master key file may not reach into the workspace by a
// symlink, a symlinked folder or workspace, or a hard link (real locations and device/inode are
// compared, not paths); and a master key that is plainly not random (all zero, a repeated pattern,
// a counter, few distinct bytes) is refused from CORDON_MASTER_KEY and from a file alike, while
// random keys are never refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/keyring.js';
import { cliSandbox } from '../../helpers/cli.js';
import { resolveLocalMasterKey } from '../../../src/keys/kek/local.js';
import { histogramEntropy, weakKeyReason } from '../../../src/keys/kek/weak-key.js';
import { randomBytes } from '../../../src/crypto/random.js';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

function layout() {
  const dir = tempDir();
  const ws = join(dir, 'ws');
  const outside = join(dir, 'secrets');
  mkdirSync(ws);
  mkdirSync(outside, { mode: 0o700 });
  return { dir, ws, outside };
}

function keyFile(path: string, key = randomBytes(32)): Uint8Array {
  writeFileSync(path, b64(key) + '\n', { mode: 0o600 });
  return key;
}

const resolveWith = (file: string, ws: string) => () => resolveLocalMasterKey({ env: { CORDON_MASTER_KEY_FILE: file }, workspaceDir: ws });

describe('master key file: the workspace by real location, not by path', () => {
  it('a symlink outside the workspace pointing at a key file inside it is refused', () => {
    const { ws, outside } = layout();
    keyFile(join(ws, 'mk'));
    symlinkSync(join(ws, 'mk'), join(outside, 'mk'));
    assert.throws(resolveWith(join(outside, 'mk'), ws), { code: 'ERR_MASTER_KEY_INSECURE' });
  });

  it('a key file reached through a symlinked folder that is the workspace is refused', () => {
    const { ws, outside } = layout();
    keyFile(join(ws, 'mk'));
    symlinkSync(ws, join(outside, 'alias'));
    assert.throws(resolveWith(join(outside, 'alias', 'mk'), ws), { code: 'ERR_MASTER_KEY_INSECURE' });
  });

  it('a workspace given by a symlink, with the key file under its real folder, is refused', () => {
    const { dir, ws } = layout();
    keyFile(join(ws, 'mk'));
    symlinkSync(ws, join(dir, 'ws-link'));
    assert.throws(resolveWith(join(ws, 'mk'), join(dir, 'ws-link')), { code: 'ERR_MASTER_KEY_INSECURE' });
  });

  it('a hard link to a file inside the workspace is refused (same device and inode)', () => {
    const { ws, outside } = layout();
    mkdirSync(join(ws, 'deep', 'er'), { recursive: true });
    keyFile(join(ws, 'deep', 'er', 'mk'));
    linkSync(join(ws, 'deep', 'er', 'mk'), join(outside, 'mk'));
    assert.throws(resolveWith(join(outside, 'mk'), ws), { code: 'ERR_MASTER_KEY_INSECURE' });
  });

  it('a key file outside, reached through a symlink or with a second name outside, is still accepted', () => {
    const { dir, ws, outside } = layout();
    const k = keyFile(join(outside, 'mk'));
    symlinkSync(join(outside, 'mk'), join(dir, 'mk-link'));
    assert.deepEqual(resolveWith(join(dir, 'mk-link'), ws)().key, k);
    linkSync(join(outside, 'mk'), join(outside, 'mk-2'));
    assert.deepEqual(resolveWith(join(outside, 'mk-2'), ws)().key, k);
    // A workspace that does not exist yet (first init) has nothing to alias.
    assert.deepEqual(resolveWith(join(outside, 'mk'), join(dir, 'not-yet'))().key, k);
  });
});

/** Keys no one should use, and which rule catches each. */
const WEAK: Array<[string, Uint8Array, RegExp]> = [
  ['all zero', new Uint8Array(32), /every byte is the same/],
  ['all 0xff', new Uint8Array(32).fill(0xff), /every byte is the same/],
  ['a 2-byte pattern', Uint8Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 0xde : 0xad)), /2-byte pattern/],
  ['an ASCII word repeated', new TextEncoder().encode('password'.repeat(4)), /8-byte pattern/],
  ['16 random bytes twice', (() => { const h = randomBytes(16); const k = new Uint8Array(32); k.set(h); k.set(h, 16); return k; })(), /16-byte pattern/],
  ['a counter 0..31', Uint8Array.from({ length: 32 }, (_, i) => i), /arithmetic/],
  ['a descending run with step 7', Uint8Array.from({ length: 32 }, (_, i) => (200 - 7 * i + 256 * 4) % 256), /arithmetic/],
  ['three letters in no pattern', new TextEncoder().encode('ABCACBBACCABABCBACBCAABCCBABCACB'), /too few distinct/],
];

describe('master key: weak keys refused, random keys never', () => {
  for (const [what, key, rule] of WEAK) {
    it(`${what}: refused from CORDON_MASTER_KEY and from a key file, ERR_MASTER_KEY_INSECURE, key not echoed`, () => {
      assert.match(weakKeyReason(key) ?? 'accepted', rule);
      const text = b64(key);
      assert.throws(() => resolveLocalMasterKey({ env: { CORDON_MASTER_KEY: text } }), (e: { code?: string; message: string }) => {
        assert.equal(e.code, 'ERR_MASTER_KEY_INSECURE');
        assert.ok(!e.message.includes(text));
        return true;
      });
      const { outside, ws } = layout();
      keyFile(join(outside, 'mk'), key);
      assert.throws(resolveWith(join(outside, 'mk'), ws), { code: 'ERR_MASTER_KEY_INSECURE' });
      // 32 raw bytes in the file are checked the same way.
      writeFileSync(join(outside, 'raw'), key, { mode: 0o600 });
      assert.throws(resolveWith(join(outside, 'raw'), ws), { code: 'ERR_MASTER_KEY_INSECURE' });
    });
  }

  it('100,000 random keys are all accepted (the bound in weak-key.ts is below 2^-83 per key)', () => {
    let minEntropy = 8;
    const pool = randomBytes(32 * 100_000);
    for (let i = 0; i < 100_000; i++) {
      const key = pool.subarray(32 * i, 32 * (i + 1));
      assert.equal(weakKeyReason(key), undefined, `random key ${i} refused`);
      minEntropy = Math.min(minEntropy, histogramEntropy(key));
    }
    // The lowest histogram entropy seen stays far above the 2-bit threshold (≈4.5 bits in practice).
    assert.ok(minEntropy > 3.5, String(minEntropy));
    assert.deepEqual(resolveLocalMasterKey({ env: { CORDON_MASTER_KEY: b64(pool.subarray(0, 32)) } }).key, pool.subarray(0, 32));
  });

  it('cordon init with an all-zero CORDON_MASTER_KEY exits 4 and creates no workspace', () => {
    const s = cliSandbox();
    try {
      const r = s.run(['init'], { env: { CORDON_MASTER_KEY: b64(new Uint8Array(32)) } });
      assert.equal(r.status, 4, r.stderr);
      assert.match(r.stderr, /ERR_MASTER_KEY_INSECURE/);
      assert.equal(existsSync(s.path('ws', 'config.json')), false);
    } finally {
      s.cleanup();
    }
  });
});
