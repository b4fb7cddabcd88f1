// One suite for every key store: SQLite always, PostgreSQL when CORDON_TEST_PG_URL is set (.ci/run
// sets it; without it the PostgreSQL run reports itself skipped). Each PostgreSQL run gets a fresh
// schema (search_path in the URL), dropped at the end. "Two instances" are two stores with their
// own connections (two pools, or two SQLite handles on one file) in this process.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PG_SKIP, pgRows, ScratchSchemas } from '../helpers/pg-schemas.js';
import { tempDir } from '../helpers/keyring.js';
import { MemoryAuditSink } from '../../src/audit/jsonl-sink.js';
import { randomBytes } from '../../src/crypto/random.js';
import { generateDataKey, unwrapDataKey } from '../../src/keys/envelope.js';
import { LocalKek } from '../../src/keys/kek/local.js';
import { Keyring } from '../../src/keys/keyring.js';
import { PostgresKeyStore } from '../../src/keys/store/postgres.js';
import { SqliteKeyStore } from '../../src/keys/store/sqlite.js';
import type { KeyRecord, KeyStore, KeyVersionRecord } from '../../src/keys/store/types.js';


interface RawVersion {
  state: string;
  wrapped: Buffer | null;
  destroyedAt: string | null;
}

interface Backend {
  readonly name: string;
  readonly skip?: string;
  /** A fresh, empty store location (a file, or a PostgreSQL schema). */
  location(): Promise<string>;
  open(location: string): Promise<KeyStore>;
  /** The stored row of a version, read with the driver, bypassing the store. */
  rawVersion(location: string, name: string, version: number): Promise<RawVersion | undefined>;
  /** Marks a version destroyed but leaves its material: the schema's CHECK must refuse it. */
  tornDestroy(location: string, name: string, version: number): Promise<void>;
  setSchemaVersion(location: string, v: string): Promise<void>;
  /** Writes a schema-version-1 store (before keys had tenants) holding key `old`, as Cordon made it. */
  legacyV1(location: string): Promise<void>;
}

/** The version-1 key tables (no tenant column), as the stores created them before issue 12 item 12. */
const V1_KEYS = (table: string) => `CREATE TABLE ${table} (
  name TEXT PRIMARY KEY, purpose TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('active','retired')),
  primary_version INTEGER NOT NULL, min_decryption_version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`;
const V1_VERSIONS = (table: string, keys: string, blob: string) => `CREATE TABLE ${table} (
  name TEXT NOT NULL REFERENCES ${keys}(name), version INTEGER NOT NULL, state TEXT NOT NULL CHECK (state IN ('enabled','destroyed')),
  kek_id TEXT NOT NULL, wrapped ${blob}, created_at TEXT NOT NULL, destroyed_at TEXT, PRIMARY KEY (name, version),
  CHECK ((state = 'destroyed') = (wrapped IS NULL)))`;

const schemas = new ScratchSchemas('cordon_keystore_test');

function sqlite<T>(loc: string, fn: (db: Database.Database) => T): T {
  const db = new Database(loc);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    async location() { return join(tempDir('cordon-keystore-'), 'keys.db'); },
    async open(loc) { return SqliteKeyStore.open(loc, { create: true }); },
    async rawVersion(loc, name, version) {
      const r = sqlite(loc, (db) => db.prepare('SELECT state, wrapped, destroyed_at FROM key_versions WHERE name = ? AND version = ?').get(name, version)) as
        { state: string; wrapped: Buffer | null; destroyed_at: string | null } | undefined;
      return r === undefined ? undefined : { state: r.state, wrapped: r.wrapped, destroyedAt: r.destroyed_at };
    },
    async tornDestroy(loc, name, version) {
      sqlite(loc, (db) => db.prepare("UPDATE key_versions SET state = 'destroyed' WHERE name = ? AND version = ?").run(name, version));
    },
    async setSchemaVersion(loc, v) {
      sqlite(loc, (db) => db.prepare("UPDATE meta SET v = ? WHERE k = 'schema_version'").run(v));
    },
    async legacyV1(loc) {
      sqlite(loc, (db) => {
        db.exec(`CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) STRICT; ${V1_KEYS('keys')} STRICT; ${V1_VERSIONS('key_versions', 'keys', 'BLOB')} STRICT;`);
        db.prepare("INSERT INTO meta (k, v) VALUES ('schema_version', '1')").run();
        db.prepare("INSERT INTO keys VALUES ('old', 'envelope', 'active', 1, 1, ?, ?)").run(T0, T0);
        db.prepare("INSERT INTO key_versions VALUES ('old', 1, 'enabled', 'local:test', ?, ?, NULL)").run(Buffer.from(randomBytes(60)), T0);
      });
    },
  },
  {
    name: 'postgres',
    ...PG_SKIP,
    async location() {
      return (await schemas.create()).url;
    },
    async open(loc) { return PostgresKeyStore.open(loc); },
    async rawVersion(loc, name, version) {
      const [r] = await pgRows<{ state: string; wrapped: Buffer | null; destroyed_at: string | null }>(loc,
        'SELECT state, wrapped, destroyed_at FROM cordon_key_versions WHERE name = $1 AND version = $2', [name, version]);
      return r === undefined ? undefined : { state: r.state, wrapped: r.wrapped, destroyedAt: r.destroyed_at };
    },
    async tornDestroy(loc, name, version) {
      await pgRows(loc, "UPDATE cordon_key_versions SET state = 'destroyed' WHERE name = $1 AND version = $2", [name, version]);
    },
    async setSchemaVersion(loc, v) {
      await pgRows(loc, "UPDATE cordon_keys_meta SET v = $1 WHERE k = 'schema_version'", [v]);
    },
    async legacyV1(loc) {
      await pgRows(loc, 'CREATE TABLE cordon_keys_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
      await pgRows(loc, V1_KEYS('cordon_keys'));
      await pgRows(loc, V1_VERSIONS('cordon_key_versions', 'cordon_keys', 'BYTEA'));
      await pgRows(loc, "INSERT INTO cordon_keys_meta (k, v) VALUES ('schema_version', '1')");
      await pgRows(loc, "INSERT INTO cordon_keys VALUES ('old', 'envelope', 'active', 1, 1, $1, $1)", [T0]);
      await pgRows(loc, "INSERT INTO cordon_key_versions VALUES ('old', 1, 'enabled', 'local:test', $1, $2, NULL)", [Buffer.from(randomBytes(60)), T0]);
    },
  },
];

after(() => schemas.dropAll());

const T0 = '2030-01-01T00:00:00.000Z';
const T1 = '2030-01-02T00:00:00.000Z';

function keyRec(name: string, purpose: KeyRecord['purpose'] = 'envelope'): KeyRecord {
  return { name, purpose, status: 'active', primaryVersion: 1, minDecryptionVersion: 1, createdAt: T0, updatedAt: T0 };
}
function versionRec(name: string, version: number, at = T0): KeyVersionRecord {
  return { name, version, state: 'enabled', kekId: 'local:test', wrapped: randomBytes(60), createdAt: at, destroyedAt: null };
}

function keyringOn(store: KeyStore, masterKey: Uint8Array, principal: string): Keyring {
  return new Keyring({ store, kek: new LocalKek(new Uint8Array(masterKey)), audit: new MemoryAuditSink(), principal });
}

/** Delegates to `store`, calling `onLoss` whenever addVersion reports that another writer won. */
function countingLosses(store: KeyStore, onLoss: () => void): KeyStore {
  return {
    getKey: (name) => store.getKey(name),
    listKeys: () => store.listKeys(),
    getVersion: (name, version) => store.getVersion(name, version),
    listVersions: (name) => store.listVersions(name),
    createKey: (key, first) => store.createKey(key, first),
    addVersion: async (next, at) => {
      const won = await store.addVersion(next, at);
      if (!won) onLoss();
      return won;
    },
    updateKey: (name, patch, at) => store.updateKey(name, patch, at),
    destroyVersion: (name, version, at) => store.destroyVersion(name, version, at),
    close: () => store.close(),
  };
}

const ctx = new TextEncoder().encode('dataset=orders');

for (const b of BACKENDS) {
  describe(`key store (${b.name})`, { ...(b.skip ? { skip: b.skip } : {}) }, () => {
    let loc: string;
    let store: KeyStore;
    before(async () => {
      loc = await b.location();
      store = await b.open(loc);
    });
    after(async () => {
      await store.close();
    });

    it('creates, gets and lists keys and versions; misses are undefined or empty', async () => {
      const k = keyRec('orders');
      const v1 = versionRec('orders', 1);
      await store.createKey(k, v1);
      await store.createKey(keyRec('alpha', 'mac'), versionRec('alpha', 1));
      assert.deepEqual(await store.getKey('orders'), k);
      assert.deepEqual(await store.getVersion('orders', 1), v1);
      assert.deepEqual(await store.listVersions('orders'), [v1]);
      assert.deepEqual((await store.listKeys()).map((x) => [x.name, x.purpose]), [['alpha', 'mac'], ['orders', 'envelope']]);
      assert.equal(await store.getKey('missing'), undefined);
      assert.equal(await store.getVersion('orders', 2), undefined);
      assert.deepEqual(await store.listVersions('missing'), []);
    });

    it('refuses a taken name with ERR_KEY_EXISTS and keeps the first key untouched', async () => {
      const before = await store.getVersion('orders', 1);
      await assert.rejects(store.createKey({ ...keyRec('orders', 'fpe') }, versionRec('orders', 1)), { code: 'ERR_KEY_EXISTS' });
      assert.equal((await store.getKey('orders'))!.purpose, 'envelope');
      assert.deepEqual(await store.getVersion('orders', 1), before);
    });

    it('concurrent creators of one name from separate connections: exactly one wins, the rest get ERR_KEY_EXISTS', async () => {
      const others = await Promise.all([1, 2, 3, 4].map(() => b.open(loc)));
      try {
        const all = [store, ...others];
        const results = await Promise.allSettled(all.map((s) => s.createKey(keyRec('race'), versionRec('race', 1))));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'ERR_KEY_EXISTS');
        assert.equal((await store.listVersions('race')).length, 1);
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }
    });

    it('addVersion adds the next version and makes it primary, and refuses stale or skipping versions', async () => {
      const v2 = versionRec('orders', 2, T1);
      assert.equal(await store.addVersion(v2, T1), true);
      const k = await store.getKey('orders');
      assert.equal(k!.primaryVersion, 2);
      assert.equal(k!.updatedAt, T1);
      assert.deepEqual(await store.getVersion('orders', 2), v2);
      assert.equal(await store.addVersion(versionRec('orders', 2), T1), false, 'someone else already added version 2');
      assert.equal(await store.addVersion(versionRec('orders', 4), T1), false, 'version 3 is missing');
      assert.deepEqual((await store.listVersions('orders')).map((v) => v.version), [1, 2]);
      assert.deepEqual(await store.getVersion('orders', 2), v2, 'the refused version did not overwrite');
      await assert.rejects(store.addVersion(versionRec('missing', 2), T1), { code: 'ERR_KEY_NOT_FOUND' });
    });

    it('updateKey sets the minimum decryption version and retires, keeping the other field', async () => {
      const a = await store.updateKey('orders', { minDecryptionVersion: 2 }, T1);
      assert.equal(a.minDecryptionVersion, 2);
      assert.equal(a.status, 'active');
      const r = await store.updateKey('orders', { status: 'retired' }, T1);
      assert.equal(r.status, 'retired');
      assert.equal(r.minDecryptionVersion, 2);
      assert.deepEqual(await store.getKey('orders'), r);
      await assert.rejects(store.updateKey('missing', { status: 'retired' }, T1), { code: 'ERR_KEY_NOT_FOUND' });
    });

    it('destroyVersion erases the wrapped material in the stored row, once', async () => {
      const wrapped = Buffer.from((await store.getVersion('orders', 1))!.wrapped!);
      assert.deepEqual((await b.rawVersion(loc, 'orders', 1))!.wrapped, wrapped, 'the raw row held the material before');
      const d = await store.destroyVersion('orders', 1, T1);
      assert.equal(d.state, 'destroyed');
      assert.equal(d.wrapped, null);
      assert.equal(d.destroyedAt, T1);
      assert.deepEqual(await b.rawVersion(loc, 'orders', 1), { state: 'destroyed', wrapped: null, destroyedAt: T1 });
      const again = await store.destroyVersion('orders', 1, '2031-01-01T00:00:00.000Z');
      assert.equal(again.destroyedAt, T1, 'destroying twice keeps the first time');
      assert.equal((await store.getVersion('orders', 2))!.state, 'enabled');
      await assert.rejects(store.destroyVersion('orders', 9, T1), { code: 'ERR_KEY_NOT_FOUND' });
      await assert.rejects(store.destroyVersion('missing', 1, T1), { code: 'ERR_KEY_NOT_FOUND' });
    });

    it('the schema refuses a destroyed version that still holds material', async () => {
      await assert.rejects(b.tornDestroy(loc, 'orders', 2));
      assert.equal((await b.rawVersion(loc, 'orders', 2))!.state, 'enabled');
    });

    it('keeps a key\'s tenant (issue 12 item 12); a key without one has none', async () => {
      const where = await b.location();
      const s = await b.open(where);
      try {
        const k = { ...keyRec('acme-dek'), tenant: 'acme' };
        await s.createKey(k, versionRec('acme-dek', 1));
        await s.createKey(keyRec('plain'), versionRec('plain', 1));
        assert.deepEqual(await s.getKey('acme-dek'), k);
        assert.equal((await s.getKey('plain'))!.tenant, undefined);
        assert.ok(!('tenant' in (await s.getKey('plain'))!));
        assert.deepEqual((await s.listKeys()).map((x) => [x.name, x.tenant]), [['acme-dek', 'acme'], ['plain', undefined]]);
      } finally {
        await s.close();
      }
    });

    it('migrates a schema-version-1 store when opened: its keys keep working with no tenant, new keys take one', async () => {
      const where = await b.location();
      await b.legacyV1(where);
      const s = await b.open(where);
      try {
        const old = await s.getKey('old');
        assert.equal(old!.name, 'old');
        assert.ok(!('tenant' in old!));
        assert.equal((await s.listVersions('old')).length, 1);
        await s.createKey({ ...keyRec('new'), tenant: 'globex' }, versionRec('new', 1));
        assert.equal((await s.getKey('new'))!.tenant, 'globex');
        assert.equal(await s.addVersion(versionRec('old', 2, T1), T1), true);
      } finally {
        await s.close();
      }
      // Opened again: already version 2, nothing to migrate.
      const again = await b.open(where);
      assert.equal((await again.getKey('new'))!.tenant, 'globex');
      await again.close();
    });

    it('reopens an existing store with its data, and refuses an unknown schema version with ERR_WORKSPACE_INVALID', async () => {
      const where = await b.location();
      const s1 = await b.open(where);
      await s1.createKey(keyRec('kept'), versionRec('kept', 1));
      await s1.close();
      const s2 = await b.open(where);
      assert.equal((await s2.getKey('kept'))!.name, 'kept');
      await s2.close();
      await b.setSchemaVersion(where, '99');
      await assert.rejects(b.open(where), { code: 'ERR_WORKSPACE_INVALID' });
    });

    it('concurrent rotations from three instances yield consecutive versions with none lost', async () => {
      const where = await b.location();
      const masterKey = randomBytes(32);
      const stores = await Promise.all([1, 2, 3].map(() => b.open(where)));
      let lost = 0;
      const rings = stores.map((s, i) => keyringOn(countingLosses(s, () => lost++), masterKey, `instance-${i}`));
      try {
        await rings[0]!.create('shared');
        const N = 12;
        await Promise.all(rings.map(async (r) => {
          for (let i = 0; i < N; i++) await r.rotate('shared');
        }));
        const k = await rings[1]!.show('shared');
        assert.ok(lost > 0, 'the instances really raced (some addVersion calls lost and were retried)');
        assert.equal(k.primaryVersion, 1 + 3 * N);
        assert.deepEqual(k.versions.map((v) => v.version), Array.from({ length: 1 + 3 * N }, (_, i) => i + 1));
        // Every version's material unwraps under the master key on another instance: nothing torn.
        for (const v of k.versions) assert.equal((await rings[2]!.versionMaterial('shared', v.version, 'envelope')).length, 32);
      } finally {
        await Promise.all(rings.map((r) => r.close()));
      }
    });

    it('a Keyring round trip across two instances: encrypt on one, decrypt on the other, and key changes on either are seen at once', async () => {
      const where = await b.location();
      const masterKey = randomBytes(32);
      const a = keyringOn(await b.open(where), masterKey, 'instance-a');
      const c = keyringOn(await b.open(where), masterKey, 'instance-b');
      try {
        await a.create('orders');
        const first = await generateDataKey(a, 'orders', ctx);
        assert.deepEqual(await unwrapDataKey(c, first.wrappedKey, ctx), first.dataKey);

        await a.rotate('orders');
        const second = await generateDataKey(c, 'orders', ctx);
        assert.equal(second.wrappedKey.version, 2, 'the other instance encrypts under the new primary version');
        assert.deepEqual(await unwrapDataKey(a, second.wrappedKey, ctx), second.dataKey);

        await c.setMinDecryptionVersion('orders', 2);
        await assert.rejects(unwrapDataKey(a, first.wrappedKey, ctx), { code: 'ERR_KEY_VERSION_DISABLED' });
        await a.setMinDecryptionVersion('orders', 1);
        assert.deepEqual(await unwrapDataKey(c, first.wrappedKey, ctx), first.dataKey);

        await c.destroyVersion('orders', 1);
        await assert.rejects(unwrapDataKey(a, first.wrappedKey, ctx), { code: 'ERR_KEY_VERSION_DESTROYED' });

        await a.retire('orders');
        await assert.rejects(generateDataKey(c, 'orders', ctx), { code: 'ERR_KEY_RETIRED' });
        assert.deepEqual(await unwrapDataKey(c, second.wrappedKey, ctx), second.dataKey, 'a retired key still decrypts');
      } finally {
        await a.close();
        await c.close();
      }
    });
  });
}

describe('key store (postgres): connections', PG_SKIP, () => {
  it('uses a pool it is given and leaves it open on close()', async () => {
    const { url } = await schemas.create();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const s = await PostgresKeyStore.open('postgres://unused.invalid/none', { pool });
      await s.createKey(keyRec('pooled'), versionRec('pooled', 1));
      await s.close();
      const r = await pool.query<{ n: string }>('SELECT count(*) AS n FROM cordon_key_versions');
      assert.equal(r.rows[0]!.n, '1', 'the pool still answers after the store closed');
    } finally {
      await pool.end();
    }
  });

  it('several instances creating the tables at once all succeed', async () => {
    const { url } = await schemas.create();
    const stores = await Promise.all([1, 2, 3, 4, 5].map(() => PostgresKeyStore.open(url)));
    await stores[0]!.createKey(keyRec('boot'), versionRec('boot', 1));
    assert.equal((await stores[4]!.getKey('boot'))!.name, 'boot');
    await Promise.all(stores.map((s) => s.close()));
    await stores[0]!.close();  // a second close is a no-op
  });

});

describe('key store (postgres): unreachable server', () => {
  it('fails with ERR_STORE_UNAVAILABLE and a message that holds neither the URL nor the password', async () => {
    // Port 1 on the loopback refuses connections: no PostgreSQL needed for this test.
    const url = 'postgres://cordon:Sup3r-Secret-Pw@127.0.0.1:1/keys';
    await assert.rejects(PostgresKeyStore.open(url), (e: { code?: string; message?: string; cause?: unknown }) => {
      assert.equal(e.code, 'ERR_STORE_UNAVAILABLE');
      assert.ok(!(e.message ?? '').includes('Sup3r-Secret-Pw'), e.message);
      assert.ok(!(e.message ?? '').includes(url));
      assert.equal(e.cause, undefined, 'no cause that could carry the connection settings');
      return true;
    });
  });

  it('a malformed URL fails with ERR_STORE_UNAVAILABLE without quoting it', async () => {
    const url = 'postgres://cordon:Sup3r-Secret-Pw@[bad';
    await assert.rejects(PostgresKeyStore.open(url), (e: { code?: string; message?: string }) => {
      assert.equal(e.code, 'ERR_STORE_UNAVAILABLE');
      assert.ok(!(e.message ?? '').includes('Sup3r-Secret-Pw'), e.message);
      return true;
    });
  });
});
