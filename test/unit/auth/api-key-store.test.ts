// One suite for every API key backend: SQLite always, PostgreSQL when CORDON_TEST_PG_URL is set
// (each run in its own schema, dropped afterwards; without the variable the PostgreSQL run reports
// itself skipped). Create → verify → revoke, expiry, refusals, no secret at rest, and the
// constant-time code path.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PG_SKIP, PG_URL, pgQuery, pgRows } from '../../helpers/pg-schemas.js';
import { PostgresApiKeyStore, SqliteApiKeyStore, type ApiKeyStore } from '../../../src/auth/index.js';
import { apiKeyHash, mintApiKey, parseApiKey } from '../../../src/auth/api-key-format.js';
import { CordonError } from '../../../src/errors.js';
import { repoPath } from '../../helpers/paths.js';
import { tempDir } from '../../helpers/keyring.js';
import { assertRefused } from './helpers.js';

const schemas: string[] = [];

interface Backend {
  readonly name: string;
  readonly skip?: string;
  open(): Promise<{ store: ApiKeyStore; raw(): Promise<Buffer> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    async open() {
      const path = join(tempDir('cordon-apikeys-'), 'apikeys.db');
      const store = SqliteApiKeyStore.open(path);
      return {
        store,
        async raw() {
          const parts = [readFileSync(path)];
          try { parts.push(readFileSync(path + '-wal')); } catch { /* checkpointed */ }
          return Buffer.concat(parts);
        },
      };
    },
  },
  {
    name: 'postgres',
    ...PG_SKIP,
    async open() {
      const schema = `cordon_apikeys_${process.pid}_${schemas.length}_${Date.now()}`;
      schemas.push(schema);
      const store = await PostgresApiKeyStore.open(PG_URL!, { schema });
      return {
        store,
        async raw() {
          const rows = await pgRows(PG_URL!, `SELECT * FROM ${schema}.cordon_api_keys`);
          return Buffer.from(JSON.stringify(rows.map((row: Record<string, unknown>) => ({ ...row, hash: (row['hash'] as Buffer).toString('hex') }))));
        },
      };
    },
  },
];

// The store creates these schemas itself (its `schema` option is under test); drop them here.
after(async () => {
  if (PG_URL !== undefined) for (const s of schemas) await pgQuery(PG_URL, `DROP SCHEMA IF EXISTS ${s} CASCADE`);
});

const isCode = (code: string) => (e: unknown) => e instanceof CordonError && e.code === code;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const b of BACKENDS) {
  describe(`API key store: ${b.name}`, { ...(b.skip !== undefined ? { skip: b.skip } : {}) }, () => {
    it('create → verify gives the principal, roles, scopes, tenant and key id; list shows no secret', async () => {
      const { store, raw } = await b.open();
      try {
        const { id, key } = await store.create({ principal: 'svc:etl', roles: ['pipeline'], scopes: ['tokenize', 'detect'], tenant: 'acme' });
        assert.match(key, /^ck_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
        assert.ok(key.startsWith(`ck_${id}_`));
        const p = await store.verify(key);
        assert.deepEqual({ ...p }, { id: 'svc:etl', roles: ['pipeline'], scopes: ['tokenize', 'detect'], via: 'apikey', tenant: 'acme', attributes: { apiKeyId: id } });
        const list = await store.list();
        assert.equal(list.length, 1);
        assert.deepEqual({ ...list[0], createdAt: 0 }, { id, principal: 'svc:etl', roles: ['pipeline'], scopes: ['tokenize', 'detect'], tenant: 'acme', createdAt: 0, expiresAt: null, revokedAt: null });
        assert.ok(!JSON.stringify(list).includes(key.slice(28)));
        // At rest: the id and the hash, never the secret (raw bytes, hex or base64url).
        const secret = parseApiKey(key)!.secret;
        const bytes = await raw();
        assert.equal(bytes.indexOf(Buffer.from(secret)), -1);
        assert.equal(bytes.indexOf(Buffer.from(key.slice(28))), -1);
        assert.equal(bytes.indexOf(Buffer.from(Buffer.from(secret).toString('hex'))), -1);
        assert.notEqual(bytes.indexOf(Buffer.from(id)), -1);
      } finally {
        await store.close();
      }
    });

    it('refuses a wrong secret, an unknown id, a malformed key; each with the same error', async () => {
      const { store } = await b.open();
      try {
        const { id, key } = await store.create({ principal: 'svc:a', roles: [], scopes: ['detect'] });
        const other = mintApiKey();
        const wrongSecret = `ck_${id}_${other.key.slice(28)}`;
        await assertRefused(store.verify(wrongSecret), wrongSecret, 'wrong_secret');
        await assertRefused(store.verify(other.key), other.key, 'unknown_id');
        const flipped = key.slice(0, -2) + (key.at(-2) === 'A' ? 'B' : 'A') + key.at(-1);
        await assertRefused(store.verify(flipped), flipped, 'wrong_secret');
        const malformed = [
          '', 'ck_', key.slice(0, -1), key + 'A', key.toUpperCase(), ` ${key}`, key.replace('ck_', 'cx_'),
          `ck_${id}_${'A'.repeat(42)}B`, // non-canonical base64url (last char carries unused bits)
          `ck_${id}_${'*'.repeat(43)}`, 'x'.repeat(10_000), undefined, null, 42,
        ];
        for (const m of malformed) await assertRefused(store.verify(m as string), m, 'malformed');
        assert.equal((await store.verify(key)).id, 'svc:a', 'the real key still works');
      } finally {
        await store.close();
      }
    });

    it('revoke: the key stops working at once; revoking twice keeps the first time; unknown ids are an input error', async () => {
      const { store } = await b.open();
      try {
        const a = await store.create({ principal: 'svc:a', roles: [], scopes: [] });
        const c = await store.create({ principal: 'svc:c', roles: [], scopes: [] });
        await store.revoke(a.id);
        await assertRefused(store.verify(a.key), a.key, 'revoked');
        assert.equal((await store.verify(c.key)).id, 'svc:c', 'other keys are untouched');
        const first = (await store.list()).find((k) => k.id === a.id)!.revokedAt;
        assert.ok(typeof first === 'number');
        await sleep(5);
        await store.revoke(a.id);
        assert.equal((await store.list()).find((k) => k.id === a.id)!.revokedAt, first);
        await assert.rejects(store.revoke('0'.repeat(24)), isCode('ERR_INPUT_INVALID'));
        await assert.rejects(store.revoke(a.key), (e: unknown) => isCode('ERR_INPUT_INVALID')(e) && !(e as Error).message.includes(a.key));
      } finally {
        await store.close();
      }
    });

    it('expiry: valid until expiresAt, refused after; a past expiry is refused at create', async () => {
      const { store } = await b.open();
      try {
        const k = await store.create({ principal: 'svc:short', roles: [], scopes: [], expiresAt: Date.now() + 150 });
        assert.equal((await store.verify(k.key)).id, 'svc:short');
        await sleep(200);
        await assertRefused(store.verify(k.key), k.key, 'expired');
        await assert.rejects(store.create({ principal: 'svc:x', roles: [], scopes: [], expiresAt: Date.now() - 1 }), isCode('ERR_INPUT_INVALID'));
      } finally {
        await store.close();
      }
    });

    it('create validates principal, roles, scopes and tenant', async () => {
      const { store } = await b.open();
      try {
        for (const o of [
          { principal: '', roles: [], scopes: [] },
          { principal: 'a b', roles: [], scopes: [] },
          { principal: 'ok', roles: ['a,b c'], scopes: [] },
          { principal: 'ok', roles: [], scopes: ['x'.repeat(200)] },
          { principal: 'ok', roles: [], scopes: [], tenant: '' },
        ]) await assert.rejects(store.create(o), isCode('ERR_INPUT_INVALID'));
        assert.deepEqual(await store.list(), []);
      } finally {
        await store.close();
      }
    });
  });
}

describe('API key format and comparison', () => {
  it('keys are 256-bit secrets from the CSPRNG, distinct, and the hash binds the id', () => {
    const a = mintApiKey();
    const b = mintApiKey();
    assert.notEqual(a.key, b.key);
    assert.notEqual(a.id, b.id);
    const pa = parseApiKey(a.key)!;
    assert.equal(pa.secret.length, 32);
    assert.deepEqual(apiKeyHash(pa.id, pa.secret), a.hash);
    assert.notDeepEqual(apiKeyHash(b.id, pa.secret), a.hash, 'a hash row moved to another id does not verify');
  });

  it('the verify path compares with constantTimeEqual (timingSafeEqual), also for unknown ids', () => {
    const format = readFileSync(repoPath('src/auth/api-key-format.ts'), 'utf8');
    const store = readFileSync(repoPath('src/auth/api-key-store.ts'), 'utf8');
    const ct = readFileSync(repoPath('src/crypto/constant-time.ts'), 'utf8');
    assert.match(ct, /timingSafeEqual\(a, b\)/);
    // apiKeySecretMatches compares through constantTimeEqual against the stored hash or a dummy.
    assert.match(format, /constantTimeEqual\(computed, stored \?\? DUMMY_HASH\)/);
    assert.doesNotMatch(format.replace(/\/\/.*$/gm, ''), /===\s*stored|stored\s*===|\.equals\(/);
    assert.match(store, /apiKeySecretMatches\(parsed\.id, parsed\.secret, row\?\.hash\)/);
    // Both backends go through the one verify function.
    for (const f of ['src/auth/store/sqlite.ts', 'src/auth/store/postgres.ts']) assert.match(readFileSync(repoPath(f), 'utf8'), /return verifyApiKey\(this\.#rows, key\)/);
  });
});
