// CachedKeyStore with a fake clock over one SQLite file shared by two "instances" (two handles, each
// behind its own cache): answers are served from memory within ttlMs and refreshed after; misses are
// never cached; a change made through the other instance is seen after ttlMs and not necessarily
// before; writes through a wrapper drop its entries at once.
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../../helpers/keyring.js';
import { MemoryAuditSink } from '../../../src/audit/jsonl-sink.js';
import { randomBytes } from '../../../src/crypto/random.js';
import { LocalKek } from '../../../src/keys/kek/local.js';
import { Keyring } from '../../../src/keys/keyring.js';
import { CachedKeyStore } from '../../../src/keys/store/cached.js';
import { SqliteKeyStore } from '../../../src/keys/store/sqlite.js';
import type { KeyRecord, KeyStore } from '../../../src/keys/store/types.js';

const TTL = 1000;

describe('CachedKeyStore', () => {
  let clock: number;
  const now = () => clock;
  let file: string;
  let masterKey: Uint8Array;
  /** This instance: a cache over its own handle. */
  let a: CachedKeyStore;
  let ringA: Keyring;
  /** Another instance on the same store. */
  let ringB: Keyring;
  /** The shared store with no cache in front, to change it behind both caches. */
  let direct: KeyStore;

  const keyring = (store: KeyStore, principal: string) =>
    new Keyring({ store, kek: new LocalKek(new Uint8Array(masterKey)), audit: new MemoryAuditSink(), principal });

  beforeEach(async () => {
    clock = 1_000_000;
    file = join(tempDir('cordon-cached-'), 'keys.db');
    masterKey = randomBytes(32);
    direct = SqliteKeyStore.open(file, { create: true });
    a = new CachedKeyStore(SqliteKeyStore.open(file), { ttlMs: TTL, now });
    ringA = keyring(a, 'instance-a');
    ringB = keyring(new CachedKeyStore(SqliteKeyStore.open(file), { ttlMs: TTL, now }), 'instance-b');
    await ringB.create('orders');
  });
  afterEach(async () => {
    await ringA.close();
    await ringB.close();
    await direct.close();
  });

  /** Everything instance A can read about `orders`. */
  async function viewA(): Promise<{ key: KeyRecord | undefined; versions: number[]; listed: KeyRecord | undefined; v1: string | undefined }> {
    return {
      key: await a.getKey('orders'),
      versions: (await a.listVersions('orders')).map((v) => v.version),
      listed: (await a.listKeys()).find((k) => k.name === 'orders'),
      v1: (await a.getVersion('orders', 1))?.state,
    };
  }

  it('serves every read from memory within ttlMs and from the store once ttlMs has passed', async () => {
    const first = await viewA();
    assert.equal(first.key!.primaryVersion, 1);
    await direct.addVersion({ ...(await direct.getVersion('orders', 1))!, version: 2 }, '2030-01-01T00:00:00.000Z');
    await direct.destroyVersion('orders', 1, '2030-01-01T00:00:00.000Z');

    clock += TTL - 1;
    assert.deepEqual(await viewA(), first, 'younger than ttlMs: the cached answers');

    clock += 1;
    const fresh = await viewA();
    assert.equal(fresh.key!.primaryVersion, 2);
    assert.deepEqual(fresh.versions, [1, 2]);
    assert.equal(fresh.listed!.primaryVersion, 2);
    assert.equal(fresh.v1, 'destroyed');
  });

  it('never caches a miss: a key or version created elsewhere is found at once', async () => {
    assert.equal(await a.getKey('later'), undefined);
    assert.deepEqual(await a.listVersions('later'), []);
    assert.equal(await a.getVersion('orders', 2), undefined);
    await ringB.create('later');
    await ringB.rotate('orders');
    assert.equal((await a.getKey('later'))!.name, 'later');
    assert.deepEqual((await a.listVersions('later')).map((v) => v.version), [1]);
    assert.equal((await a.getVersion('orders', 2))!.version, 2);
  });

  it('a rotation on another instance reaches this keyring after ttlMs, not necessarily before', async () => {
    assert.equal((await ringA.primaryMaterial('orders', 'envelope')).version, 1);
    await ringB.rotate('orders');
    clock += TTL - 1;
    assert.equal((await ringA.primaryMaterial('orders', 'envelope')).version, 1, 'within the bound: still the old primary');
    clock += 1;
    assert.equal((await ringA.primaryMaterial('orders', 'envelope')).version, 2);
  });

  it('a minimum version, a destruction and a retirement on another instance reach this keyring after ttlMs', async () => {
    await ringB.rotate('orders');
    clock += TTL;
    assert.equal((await ringA.versionMaterial('orders', 1, 'envelope')).length, 32);

    await ringB.setMinDecryptionVersion('orders', 2);
    assert.equal((await ringA.versionMaterial('orders', 1, 'envelope')).length, 32, 'within the bound');
    clock += TTL;
    await assert.rejects(ringA.versionMaterial('orders', 1, 'envelope'), { code: 'ERR_KEY_VERSION_DISABLED' });

    await ringB.setMinDecryptionVersion('orders', 1);
    clock += TTL;
    assert.equal((await ringA.versionMaterial('orders', 1, 'envelope')).length, 32);
    await ringB.destroyVersion('orders', 1);
    assert.equal((await ringA.versionMaterial('orders', 1, 'envelope')).length, 32, 'within the bound');
    clock += TTL;
    await assert.rejects(ringA.versionMaterial('orders', 1, 'envelope'), { code: 'ERR_KEY_VERSION_DESTROYED' });

    assert.equal((await ringA.primaryMaterial('orders', 'envelope')).version, 2);
    await ringB.retire('orders');
    assert.equal((await ringA.primaryMaterial('orders', 'envelope')).version, 2, 'within the bound');
    clock += TTL;
    await assert.rejects(ringA.primaryMaterial('orders', 'envelope'), { code: 'ERR_KEY_RETIRED' });
  });

  it('a write through the wrapper drops that key\'s entries and the key list before it returns', async () => {
    await viewA();
    await ringB.rotate('orders');
    // A still has the old answers cached; its own write must make it read the store again.
    assert.equal((await a.getKey('orders'))!.primaryVersion, 1);
    const updated = await a.updateKey('orders', { minDecryptionVersion: 2 }, '2030-01-01T00:00:00.000Z');
    assert.equal(updated.minDecryptionVersion, 2);
    const after = await viewA();
    assert.equal(after.key!.primaryVersion, 2);
    assert.equal(after.key!.minDecryptionVersion, 2);
    assert.deepEqual(after.versions, [1, 2]);
    assert.equal(after.listed!.minDecryptionVersion, 2);

    await a.destroyVersion('orders', 1, '2030-01-01T00:00:00.000Z');
    assert.equal(await a.getVersion('orders', 1).then((v) => v!.state), 'destroyed');
  });

  it('a rotation that loses the race drops the cached versions, so the keyring\'s retry succeeds within ttlMs', async () => {
    assert.deepEqual((await a.listVersions('orders')).map((v) => v.version), [1]);
    await ringB.rotate('orders');
    // A's cached list still ends at 1: its first addVersion(2) must lose, and the retry must see 2.
    const k = await ringA.rotate('orders');
    assert.equal(k.primaryVersion, 3);
    assert.deepEqual(k.versions.map((v) => v.version), [1, 2, 3]);
  });

  it('a failed write also drops the entries (ERR_KEY_EXISTS, ERR_KEY_NOT_FOUND)', async () => {
    await viewA();
    await ringB.rotate('orders');
    await assert.rejects(ringA.create('orders'), { code: 'ERR_KEY_EXISTS' });
    assert.equal((await a.getKey('orders'))!.primaryVersion, 2);
    await viewA();
    await ringB.rotate('orders');
    await assert.rejects(a.destroyVersion('orders', 9, '2030-01-01T00:00:00.000Z'), { code: 'ERR_KEY_NOT_FOUND' });
    assert.equal((await a.getKey('orders'))!.primaryVersion, 3);
  });

  it('a read that was in flight during a write does not store its older answer', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => { open = r; });
    const inner = SqliteKeyStore.open(file);
    // Reads the store, then waits: the answer predates whatever is written meanwhile.
    const slow: KeyStore = {
      getKey: async (name) => {
        const v = await inner.getKey(name);
        await gate;
        return v;
      },
      listKeys: () => inner.listKeys(),
      getVersion: (name, version) => inner.getVersion(name, version),
      listVersions: (name) => inner.listVersions(name),
      createKey: (key, first) => inner.createKey(key, first),
      addVersion: (next, at) => inner.addVersion(next, at),
      updateKey: (name, patch, at) => inner.updateKey(name, patch, at),
      destroyVersion: (name, version, at) => inner.destroyVersion(name, version, at),
      close: () => inner.close(),
    };
    const c = new CachedKeyStore(slow, { ttlMs: TTL, now });
    const pending = c.getKey('orders');
    await c.updateKey('orders', { status: 'retired' }, '2030-01-01T00:00:00.000Z');
    open();
    assert.equal((await pending)!.status, 'active', 'the in-flight read answers what it read');
    assert.equal((await c.getKey('orders'))!.status, 'retired', 'but that answer was not cached');
    await c.close();
  });

  it('ttlMs 0 caches nothing; a negative or non-finite ttlMs is a TypeError', async () => {
    const c = new CachedKeyStore(SqliteKeyStore.open(file), { ttlMs: 0, now });
    assert.equal((await c.getKey('orders'))!.primaryVersion, 1);
    await ringB.rotate('orders');
    assert.equal((await c.getKey('orders'))!.primaryVersion, 2);
    await c.close();
    assert.throws(() => new CachedKeyStore(direct, { ttlMs: -1 }), TypeError);
    assert.throws(() => new CachedKeyStore(direct, { ttlMs: Number.NaN }), TypeError);
  });
});
