import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/keyring.js';
import { LocalKek, resolveLocalMasterKey, defaultMasterKeyPath } from '../../../src/keys/kek/local.js';
import { openPassphraseKek } from '../../../src/keys/kek/passphrase.js';
import { randomBytes } from '../../../src/crypto/random.js';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

describe('local master key', () => {
  it('reads CORDON_MASTER_KEY (base64, 32 bytes) and refuses other lengths', () => {
    const k = randomBytes(32);
    assert.deepEqual(resolveLocalMasterKey({ env: { CORDON_MASTER_KEY: b64(k) } }).key, k);
    assert.throws(() => resolveLocalMasterKey({ env: { CORDON_MASTER_KEY: b64(randomBytes(16)) } }), { code: 'ERR_MASTER_KEY_UNAVAILABLE' });
    assert.throws(() => resolveLocalMasterKey({ env: { CORDON_MASTER_KEY: 'not base64!' } }), { code: 'ERR_MASTER_KEY_UNAVAILABLE' });
  });

  it('reads CORDON_MASTER_KEY_FILE only when no one else can read it', () => {
    const dir = tempDir();
    const file = join(dir, 'mk');
    const k = randomBytes(32);
    writeFileSync(file, b64(k) + '\n', { mode: 0o600 });
    assert.deepEqual(resolveLocalMasterKey({ env: { CORDON_MASTER_KEY_FILE: file } }).key, k);
    chmodSync(file, 0o640);
    assert.throws(() => resolveLocalMasterKey({ env: { CORDON_MASTER_KEY_FILE: file } }), (e: { code?: string; message: string }) => {
      assert.equal(e.code, 'ERR_MASTER_KEY_INSECURE');
      assert.match(e.message, /chmod 600/);
      assert.ok(!e.message.includes(b64(k)));
      return true;
    });
    chmodSync(file, 0o604);
    assert.throws(() => resolveLocalMasterKey({ env: { CORDON_MASTER_KEY_FILE: file } }), { code: 'ERR_MASTER_KEY_INSECURE' });
    assert.throws(() => resolveLocalMasterKey({ env: { CORDON_MASTER_KEY_FILE: join(dir, 'missing') } }), { code: 'ERR_MASTER_KEY_UNAVAILABLE' });
  });

  it('refuses a master key file inside the workspace', () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    const file = join(ws, 'mk');
    writeFileSync(file, b64(randomBytes(32)), { mode: 0o600 });
    assert.throws(() => resolveLocalMasterKey({ env: { CORDON_MASTER_KEY_FILE: file }, workspaceDir: ws }), { code: 'ERR_MASTER_KEY_INSECURE' });
  });

  it('creates a 0600 development key file under the config directory, once, and says so', () => {
    const dir = tempDir();
    const env = { XDG_CONFIG_HOME: join(dir, 'xdg'), HOME: dir };
    const notices: string[] = [];
    const first = resolveLocalMasterKey({ env, onNotice: (m) => notices.push(m) });
    const path = defaultMasterKeyPath(env);
    assert.equal(path, join(dir, 'xdg', 'cordon', 'master.key'));
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /DEVELOPMENT master key/);
    assert.ok(!notices[0]!.includes(b64(first.key)));
    const second = resolveLocalMasterKey({ env, onNotice: (m) => notices.push(m) });
    assert.deepEqual(second.key, first.key);
    assert.equal(notices.length, 1);
    assert.equal(readFileSync(path, 'utf8').trim(), b64(first.key));
  });

  it('does not create a key file when told not to', () => {
    const dir = tempDir();
    const env = { XDG_CONFIG_HOME: join(dir, 'xdg') };
    assert.throws(() => resolveLocalMasterKey({ env, allowCreateDefault: false }), { code: 'ERR_MASTER_KEY_UNAVAILABLE' });
    assert.equal(existsSync(defaultMasterKeyPath(env)), false);
  });

  it('wraps and unwraps; a different master key or AAD fails with ERR_MASTER_KEY_MISMATCH', async () => {
    const kek = new LocalKek(randomBytes(32));
    const aad = new TextEncoder().encode('k\x001');
    const m = randomBytes(32);
    const w = await kek.wrap(m, aad);
    assert.deepEqual(await kek.unwrap(w, aad), m);
    await assert.rejects(kek.unwrap(w, new Uint8Array(0)), { code: 'ERR_MASTER_KEY_MISMATCH' });
    await assert.rejects(new LocalKek(randomBytes(32)).unwrap(w, aad), { code: 'ERR_MASTER_KEY_MISMATCH' });
    assert.match(kek.id, /^local:[0-9a-f]{16}$/);
    assert.notEqual(kek.id, new LocalKek(randomBytes(32)).id);
  });
});

describe('passphrase master key (argon2id)', () => {
  it('derives the same key from the same passphrase and salt, another from another', async () => {
    const salt = b64(randomBytes(16));
    const a = await openPassphraseKek({ passphraseEnv: 'P', salt }, { P: 'correct horse battery staple' });
    const b = await openPassphraseKek({ passphraseEnv: 'P', salt }, { P: 'correct horse battery staple' });
    const c = await openPassphraseKek({ passphraseEnv: 'P', salt }, { P: 'correct horse battery stapler' });
    assert.equal(a.id, b.id);
    assert.notEqual(a.id, c.id);
    assert.match(a.id, /^passphrase:/);
  });

  it('refuses a missing or short passphrase', async () => {
    const salt = b64(randomBytes(16));
    await assert.rejects(openPassphraseKek({ passphraseEnv: 'P', salt }, {}), { code: 'ERR_MASTER_KEY_UNAVAILABLE' });
    await assert.rejects(openPassphraseKek({ passphraseEnv: 'P', salt }, { P: 'short' }), { code: 'ERR_MASTER_KEY_INSECURE' });
  });
});
