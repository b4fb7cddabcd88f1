// The service's verified-API-key cache (src/server/api-key-cache.ts): a key verified once is served
// without reading the store for ttlMs; another secret under a cached id, refusals, and a key revoked
// in the store after ttlMs all go to the store and are refused there.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteApiKeyStore } from '../../../src/auth/store/sqlite.js';
import { cachedApiKeyVerifier } from '../../../src/server/api-key-cache.js';
import { tempDir } from '../../helpers/keyring.js';

function counted(store: SqliteApiKeyStore) {
  const c = { calls: 0, verify: (key: string) => { c.calls++; return store.verify(key); } };
  return c;
}

const refused = { code: 'ERR_UNAUTHENTICATED' };

describe('API key cache', () => {
  it('asks the store once per key within the TTL, and again after it', async () => {
    const store = SqliteApiKeyStore.open(join(tempDir(), 'apikeys.db'));
    const { key } = await store.create({ principal: 'svc:etl', roles: ['pipeline'], scopes: ['tokenize'] });
    const c = counted(store);
    let t = 1_000;
    const verify = cachedApiKeyVerifier(c.verify, { ttlMs: 2_000, now: () => t });
    for (let i = 0; i < 5; i++) assert.equal((await verify(key)).id, 'svc:etl');
    assert.equal(c.calls, 1);
    t += 2_000;
    assert.equal((await verify(key)).id, 'svc:etl');
    assert.equal(c.calls, 2);
    store.close();
  });

  it('another secret under a cached id goes to the store and is refused; refusals are never cached', async () => {
    const store = SqliteApiKeyStore.open(join(tempDir(), 'apikeys.db'));
    const { key } = await store.create({ principal: 'svc:etl', roles: [], scopes: ['tokenize'] });
    const c = counted(store);
    const verify = cachedApiKeyVerifier(c.verify, { ttlMs: 60_000 });
    await verify(key);
    // Same id, first character of the secret changed: a well-formed key with another secret.
    const forged = key.slice(0, 28) + (key[28] === 'A' ? 'B' : 'A') + key.slice(29);
    for (let i = 0; i < 3; i++) await assert.rejects(verify(forged), refused);
    assert.equal(c.calls, 4, 'each forged attempt reached the store');
    await assert.rejects(verify('ck_not-a-key'), refused);
    assert.equal((await verify(key)).id, 'svc:etl', 'the real key is still served');
    assert.equal(c.calls, 5);
    store.close();
  });

  it('a revoked key is refused once the TTL has passed', async () => {
    const store = SqliteApiKeyStore.open(join(tempDir(), 'apikeys.db'));
    const { id, key } = await store.create({ principal: 'svc:etl', roles: [], scopes: ['tokenize'] });
    let t = 0;
    const verify = cachedApiKeyVerifier((k) => store.verify(k), { ttlMs: 2_000, now: () => t });
    await verify(key);
    await store.revoke(id);
    t = 1_999;
    assert.equal((await verify(key)).id, 'svc:etl', 'within the bound the cached answer stands');
    t = 2_000;
    await assert.rejects(verify(key), refused);
    await assert.rejects(verify(key), refused);
    store.close();
  });

  it('holds at most maxEntries keys; ttlMs 0 is the store itself', async () => {
    const store = SqliteApiKeyStore.open(join(tempDir(), 'apikeys.db'));
    const keys = await Promise.all([0, 1, 2].map((i) => store.create({ principal: `svc:k${i}`, roles: [], scopes: ['tokenize'] })));
    const c = counted(store);
    const verify = cachedApiKeyVerifier(c.verify, { ttlMs: 60_000, maxEntries: 2 });
    for (const { key } of keys) await verify(key);
    await verify(keys[2]!.key);
    await verify(keys[1]!.key);
    assert.equal(c.calls, 3);
    await verify(keys[0]!.key);
    assert.equal(c.calls, 4, 'the oldest entry was dropped');
    const plain = (k: string) => store.verify(k);
    assert.equal(cachedApiKeyVerifier(plain, { ttlMs: 0 }), plain);
    assert.throws(() => cachedApiKeyVerifier(plain, { ttlMs: -1 }), TypeError);
    store.close();
  });
});
