// SqliteKeyStore keeps the rows of getKey/getVersion while the file is unchanged (SQLite's
// data_version and the connection's total_changes()). Every change must still be seen at the next
// read, as when each read went to the file: one made through another handle on the same file (another
// process), one made through this handle, and one made in raw SQL behind the store's methods.
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../helpers/keyring.js';
import { MemoryAuditSink } from '../../../src/audit/jsonl-sink.js';
import { randomBytes } from '../../../src/crypto/random.js';
import { LocalKek } from '../../../src/keys/kek/local.js';
import { Keyring } from '../../../src/keys/keyring.js';
import { SqliteKeyStore } from '../../../src/keys/store/sqlite.js';

describe('SqliteKeyStore read cache', () => {
  let file: string;
  let masterKey: Uint8Array;
  /** This process's keyring: its reads are the cached ones. */
  let store: SqliteKeyStore;
  let ring: Keyring;
  /** Another process on the same file (its own handle). */
  let other: Keyring;

  const keyring = (s: SqliteKeyStore, principal: string) =>
    new Keyring({ store: s, kek: new LocalKek(new Uint8Array(masterKey)), audit: new MemoryAuditSink(), principal });

  beforeEach(async () => {
    file = join(tempDir('cordon-keys-cache-'), 'keys.db');
    masterKey = randomBytes(32);
    store = SqliteKeyStore.open(file, { create: true });
    ring = keyring(store, 'this');
    other = keyring(SqliteKeyStore.open(file), 'other');
    await ring.create('orders');
  });
  afterEach(async () => {
    await ring.close();
    await other.close();
  });

  it('answers the same reads again with equal, separate records', async () => {
    const k1 = await store.getKey('orders');
    const k2 = await store.getKey('orders');
    assert.deepEqual(k2, k1);
    assert.notEqual(k2, k1);
    const v1 = await store.getVersion('orders', 1);
    const v2 = await store.getVersion('orders', 1);
    assert.deepEqual(v2, v1);
    assert.notEqual(v2!.wrapped, v1!.wrapped, 'the wrapped material is a copy each time');
  });

  it('sees a rotation, a minimum version, a destruction and a retirement by another handle at the next read', async () => {
    assert.equal((await ring.primaryMaterial('orders', 'envelope')).version, 1);
    await other.rotate('orders');
    assert.equal((await ring.primaryMaterial('orders', 'envelope')).version, 2);
    assert.equal((await ring.versionMaterial('orders', 1, 'envelope')).length, 32);
    await other.setMinDecryptionVersion('orders', 2);
    await assert.rejects(ring.versionMaterial('orders', 1, 'envelope'), { code: 'ERR_KEY_VERSION_DISABLED' });
    await other.setMinDecryptionVersion('orders', 1);
    assert.equal((await ring.versionMaterial('orders', 1, 'envelope')).length, 32);
    await other.destroyVersion('orders', 1);
    await assert.rejects(ring.versionMaterial('orders', 1, 'envelope'), { code: 'ERR_KEY_VERSION_DESTROYED' });
    await other.retire('orders');
    await assert.rejects(ring.primaryMaterial('orders', 'envelope'), { code: 'ERR_KEY_RETIRED' });
  });

  it('sees changes made through this handle, and rows changed in raw SQL by another connection', async () => {
    assert.equal((await store.getKey('orders'))!.primaryVersion, 1);
    assert.equal((await store.getVersion('orders', 1))!.state, 'enabled');
    await ring.rotate('orders');
    assert.equal((await store.getKey('orders'))!.primaryVersion, 2);
    await ring.destroyVersion('orders', 1);
    assert.equal((await store.getVersion('orders', 1))!.state, 'destroyed');
    const raw = new Database(file);
    try {
      raw.prepare('UPDATE keys SET status = ? WHERE name = ?').run('retired', 'orders');
    } finally {
      raw.close();
    }
    assert.equal((await store.getKey('orders'))!.status, 'retired');
  });

  it('never keeps a miss: a key or version created elsewhere is found at once', async () => {
    assert.equal(await store.getKey('later'), undefined);
    assert.equal(await store.getVersion('orders', 2), undefined);
    await other.create('later');
    await other.rotate('orders');
    assert.equal((await store.getKey('later'))!.name, 'later');
    assert.equal((await store.getVersion('orders', 2))!.version, 2);
  });
});
