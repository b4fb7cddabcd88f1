// `cordon token …` and `cordon apikey …` as users run them: the signing key created in the
// workspace with mode 0600, tokens that the library verifier accepts, exit codes, and no token or
// key ever printed to stderr or shown again by `list`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, statSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { createJwtVerifier, DEFAULT_AUDIENCE, DEFAULT_ISSUER, SqliteApiKeyStore } from '../../src/auth/index.js';
import { cliSandbox } from '../helpers/cli.js';
import pg from 'pg';

const PG_URL = process.env['CORDON_TEST_PG_URL'];

describe('cordon token / apikey', () => {
  it('token issue: needs a workspace, creates the key (0600) on first use, prints a JWT the verifier accepts', async () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['token', 'issue', '--principal', 'alice']).status, 6, 'no workspace → unavailable');
      assert.equal(s.run(['init']).status, 0);
      assert.equal(s.run(['token', 'public-key']).status, 6, 'no key yet → unavailable');
      const r = s.run(['token', 'issue', '--principal', 'alice@example.com', '--roles', 'data-scientist,reader', '--ttl', '15m', '--tenant', 'acme']);
      assert.equal(r.status, 0, r.stderr);
      const jwt = r.stdout.trim();
      assert.match(jwt, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      assert.ok(!r.stderr.includes(jwt.split('.')[2]!), 'the token is not on stderr');
      assert.match(r.stderr, /created the token signing key/);
      assert.equal(statSync(s.path('ws', 'token-signing-key.pem')).mode & 0o777, 0o600);

      const pub = s.run(['token', 'public-key']);
      assert.equal(pub.status, 0, pub.stderr);
      const verify = createJwtVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, publicKeys: [createPublicKey(pub.stdout)] });
      const p = await verify(jwt);
      assert.deepEqual([p.id, [...p.roles], p.tenant, p.via], ['alice@example.com', ['data-scientist', 'reader'], 'acme', 'jwt']);

      // The second issue reuses the key; a custom audience is refused by a verifier for another.
      const r2 = s.run(['token', 'issue', '--principal', 'bob', '--audience', 'other-api', '--ttl', '60']);
      assert.equal(r2.status, 0, r2.stderr);
      assert.doesNotMatch(r2.stderr, /created/);
      await assert.rejects(verify(r2.stdout.trim()), { code: 'ERR_UNAUTHENTICATED' });

      assert.equal(s.run(['token', 'keygen']).status, 3, 'keygen refuses to replace the key (ERR_KEY_EXISTS)');
      assert.equal(s.run(['token', 'issue', '--principal', 'alice', '--ttl', '2h']).status, 3, 'TTL above the maximum');
      assert.equal(s.run(['token', 'issue', '--principal', 'alice', '--ttl', 'soon']).status, 2, 'unparsable TTL');
      assert.equal(s.run(['token', 'issue', '--principal', 'has space']).status, 3);
      assert.equal(s.run(['token', 'issue']).status, 2, '--principal is required');

      chmodSync(s.path('ws', 'token-signing-key.pem'), 0o644);
      const insecure = s.run(['token', 'issue', '--principal', 'alice']);
      assert.equal(insecure.status, 4, insecure.stderr);
      assert.match(insecure.stderr, /ERR_SIGNING_KEY_INSECURE/);
    } finally {
      s.cleanup();
    }
  });

  it('token keygen creates the key and prints the public key', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const r = s.run(['token', 'keygen']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^-----BEGIN PUBLIC KEY-----\n/);
      assert.doesNotMatch(r.stdout, /PRIVATE/);
      assert.equal(s.run(['token', 'public-key']).stdout, r.stdout);
    } finally {
      s.cleanup();
    }
  });

  it('apikey create prints the key once; list never shows it; revoke stops it', async () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['apikey', 'list']).status, 6, 'no workspace');
      assert.equal(s.run(['init']).status, 0);
      assert.match(s.run(['apikey', 'list']).stdout, /no API keys/);
      const c = s.run(['apikey', 'create', '--principal', 'svc:etl', '--roles', 'pipeline', '--scopes', 'tokenize,detect', '--expires', '90d']);
      assert.equal(c.status, 0, c.stderr);
      const key = c.stdout.trim();
      assert.match(key, /^ck_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
      const id = key.slice(3, 27);
      assert.ok(!c.stderr.includes(key.slice(28)), 'the key is not on stderr');
      assert.match(c.stderr, new RegExp(`created API key ${id}`));

      const list = s.run(['apikey', 'list', '--json']);
      assert.equal(list.status, 0, list.stderr);
      assert.ok(!list.stdout.includes(key.slice(28)));
      const rows = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
      assert.deepEqual([rows.length, rows[0]!['id'], rows[0]!['status'], rows[0]!['scopes']], [1, id, 'active', ['tokenize', 'detect']]);
      assert.ok((rows[0]!['expiresAt'] as number) > Date.now() + 89 * 86400_000);

      const store = SqliteApiKeyStore.open(s.path('ws', 'apikeys.db'));
      try {
        assert.equal((await store.verify(key)).id, 'svc:etl');
        assert.equal(s.run(['apikey', 'revoke', id]).status, 0);
        await assert.rejects(store.verify(key), { code: 'ERR_UNAUTHENTICATED' });
      } finally {
        store.close();
      }
      assert.match(s.run(['apikey', 'list']).stdout, new RegExp(`${id}  revoked`));
      assert.equal(s.run(['apikey', 'revoke', '0'.repeat(24)]).status, 3, 'unknown id');
      const byKey = s.run(['apikey', 'revoke', key]);
      assert.equal(byKey.status, 3);
      assert.ok(!byKey.stderr.includes(key.slice(28)), 'a key passed by mistake is not echoed');
      assert.equal(s.run(['apikey', 'create', '--principal', 'x', '--scopes', 'a', '--expires', 'tomorrow']).status, 2);
      assert.equal(s.run(['apikey', 'create', '--principal', 'x']).status, 2, '--scopes is required');
      assert.equal(s.run(['apikey', 'list', '--store', 'mysql://x']).status, 2);
    } finally {
      s.cleanup();
    }
  });

  it('apikey with a PostgreSQL store (CORDON_APIKEY_URL)', { ...(PG_URL === undefined ? { skip: 'CORDON_TEST_PG_URL is not set' } : {}) }, async () => {
    const schema = `cordon_apikey_cli_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const s = cliSandbox();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const env = { CORDON_APIKEY_URL: url };
      const c = s.run(['apikey', 'create', '--principal', 'svc:pg', '--scopes', 'detect'], { env });
      assert.equal(c.status, 0, c.stderr);
      const key = c.stdout.trim();
      const id = key.slice(3, 27);
      const rows = await admin.query(`SELECT id, principal FROM ${schema}.cordon_api_keys`);
      assert.deepEqual(rows.rows, [{ id, principal: 'svc:pg' }]);
      assert.equal(s.run(['apikey', 'revoke', id], { env }).status, 0);
      assert.match(s.run(['apikey', 'list'], { env }).stdout, new RegExp(`${id}  revoked`));
    } finally {
      s.cleanup();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
