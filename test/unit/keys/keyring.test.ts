import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { generateDataKey, unwrapDataKey } from '../../../src/keys/envelope.js';
import { Keyring } from '../../../src/keys/keyring.js';
import { LocalKek } from '../../../src/keys/kek/local.js';
import { SqliteKeyStore } from '../../../src/keys/store/sqlite.js';
import { MemoryAuditSink } from '../../../src/audit/jsonl-sink.js';
import { randomBytes } from '../../../src/crypto/random.js';

const ctx = new TextEncoder().encode('object-1');

describe('keyring', () => {
  let t: TempKeyring;
  before(async () => { t = await tempKeyring({ keys: [] }); });
  after(async () => { await t.cleanup(); });

  it('creates a key with version 1 and refuses a duplicate or a bad name', async () => {
    const k = await t.keyring.create('orders');
    assert.equal(k.primaryVersion, 1);
    assert.equal(k.versions.length, 1);
    assert.equal(k.status, 'active');
    await assert.rejects(t.keyring.create('orders'), { code: 'ERR_KEY_EXISTS' });
    await assert.rejects(t.keyring.create('../etc'), { code: 'ERR_INPUT_INVALID' });
    await assert.rejects(t.keyring.show('nope'), { code: 'ERR_KEY_NOT_FOUND' });
  });

  it('never exposes material through show/list', async () => {
    const k = await t.keyring.show('orders');
    assert.ok(!('wrapped' in k.versions[0]!));
    assert.doesNotMatch(JSON.stringify(await t.keyring.list()), /wrapped/);
  });

  it('stores material only wrapped: the key store file does not contain the data key material', async () => {
    const { version, material } = await t.keyring.primaryMaterial('orders', 'envelope');
    assert.equal(version, 1);
    const db = readFileSync(join(t.dir, 'keys.db'));
    assert.equal(db.indexOf(Buffer.from(material)), -1);
  });

  it('rotates: new data keys use the new version, old wrapped keys still open', async () => {
    const a = await generateDataKey(t.keyring, 'orders', ctx);
    const k = await t.keyring.rotate('orders');
    assert.equal(k.primaryVersion, 2);
    const b = await generateDataKey(t.keyring, 'orders', ctx);
    assert.equal(a.wrappedKey.version, 1);
    assert.equal(b.wrappedKey.version, 2);
    assert.deepEqual(await unwrapDataKey(t.keyring, a.wrappedKey, ctx), a.dataKey);
    assert.deepEqual(await unwrapDataKey(t.keyring, b.wrappedKey, ctx), b.dataKey);
  });

  it('binds a wrapped data key to its context, key name and version', async () => {
    const a = await generateDataKey(t.keyring, 'orders', ctx);
    await assert.rejects(unwrapDataKey(t.keyring, a.wrappedKey, new TextEncoder().encode('object-2')), { code: 'ERR_DECRYPTION_FAILED' });
    await assert.rejects(unwrapDataKey(t.keyring, { ...a.wrappedKey, version: 1 }, ctx), { code: 'ERR_DECRYPTION_FAILED' });
    const flipped = a.wrappedKey.wrapped.slice();
    flipped[20]! ^= 1;
    await assert.rejects(unwrapDataKey(t.keyring, { ...a.wrappedKey, wrapped: flipped }, ctx), { code: 'ERR_DECRYPTION_FAILED' });
  });

  it('audits every unwrap, success and failure, without key material', async () => {
    const before = t.audit.events.length;
    const a = await generateDataKey(t.keyring, 'orders', ctx);
    await unwrapDataKey(t.keyring, a.wrappedKey, ctx);
    await assert.rejects(unwrapDataKey(t.keyring, a.wrappedKey, new Uint8Array(0)));
    const evs = t.audit.events.slice(before).filter((e) => e.type === 'datakey.unwrap');
    assert.deepEqual(evs.map((e) => e.outcome), ['success', 'failure']);
    assert.equal(evs[1]!.reason, 'ERR_DECRYPTION_FAILED');
    const hex = Buffer.from(a.dataKey).toString('hex');
    const b64 = Buffer.from(a.dataKey).toString('base64');
    for (const e of t.audit.events) {
      const s = JSON.stringify(e);
      assert.ok(!s.includes(hex) && !s.includes(b64));
    }
  });

  it('minimum decryption version disables older versions, reversibly', async () => {
    const a = await generateDataKey(t.keyring, 'orders', ctx); // under v2
    await t.keyring.rotate('orders'); // v3
    await t.keyring.setMinDecryptionVersion('orders', 3);
    await assert.rejects(unwrapDataKey(t.keyring, a.wrappedKey, ctx), { code: 'ERR_KEY_VERSION_DISABLED' });
    await assert.rejects(t.keyring.setMinDecryptionVersion('orders', 4), { code: 'ERR_INPUT_INVALID' });
    await t.keyring.setMinDecryptionVersion('orders', 1);
    assert.deepEqual(await unwrapDataKey(t.keyring, a.wrappedKey, ctx), a.dataKey);
  });

  it('destroy erases a version for good and is recorded', async () => {
    const a = await generateDataKey(t.keyring, 'orders', ctx); // v3
    await assert.rejects(t.keyring.destroyVersion('orders', 3), { code: 'ERR_INPUT_INVALID' }); // primary
    await t.keyring.rotate('orders'); // v4
    const k = await t.keyring.destroyVersion('orders', 3);
    const v3 = k.versions.find((v) => v.version === 3)!;
    assert.equal(v3.state, 'destroyed');
    assert.ok(v3.destroyedAt);
    await assert.rejects(unwrapDataKey(t.keyring, a.wrappedKey, ctx), { code: 'ERR_KEY_VERSION_DESTROYED' });
    assert.ok(t.audit.events.some((e) => e.type === 'key.destroy' && e.key?.version === 3));
    // A second keyring on the same store (another process) sees the destruction too.
    const stored = await SqliteKeyStore.open(join(t.dir, 'keys.db')).getVersion('orders', 3);
    assert.equal(stored?.wrapped, null);
  });

  it('retire stops encryption but not decryption', async () => {
    await t.keyring.create('old');
    const a = await generateDataKey(t.keyring, 'old', ctx);
    await t.keyring.retire('old');
    await assert.rejects(generateDataKey(t.keyring, 'old', ctx), { code: 'ERR_KEY_RETIRED' });
    await assert.rejects(t.keyring.rotate('old'), { code: 'ERR_KEY_RETIRED' });
    assert.deepEqual(await unwrapDataKey(t.keyring, a.wrappedKey, ctx), a.dataKey);
  });

  it('refuses a different master key', async () => {
    const other = new Keyring({ store: SqliteKeyStore.open(join(t.dir, 'keys.db')), kek: new LocalKek(randomBytes(32)), audit: new MemoryAuditSink(), principal: 'x' });
    await assert.rejects(other.primaryMaterial('orders', 'envelope'), { code: 'ERR_MASTER_KEY_MISMATCH' });
    await other.close();
  });

  it('keeps purposes apart', async () => {
    await t.keyring.create('det', { purpose: 'deterministic' });
    const m = await t.keyring.primaryMaterial('det', 'deterministic');
    assert.equal(m.material.length, 64);
    await assert.rejects(generateDataKey(t.keyring, 'det', ctx), { code: 'ERR_INPUT_INVALID' });
  });
});
