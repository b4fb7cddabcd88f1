// `cordon token …` and `cordon apikey …` as users run them: the signing key created wrapped in the
// workspace key store (issue 12: never a plaintext file), rotation and migration, tokens that the
// library verifier accepts, exit codes, and no token or key ever printed to stderr or shown again
// by `list`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { authFailureReason, createJwtVerifier, DEFAULT_AUDIENCE, DEFAULT_ISSUER, jwtKeyId, SqliteApiKeyStore } from '../../src/auth/index.js';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { tokenKeyResolver, tokenVerificationKeys } from '../../src/workspace/token-verification.js';
import { cliSandbox } from '../helpers/cli.js';
import pg from 'pg';

const PG_URL = process.env['CORDON_TEST_PG_URL'];

describe('cordon token / apikey', () => {
  it('token issue: needs a workspace, creates the key on first use, prints a JWT the verifier accepts', async () => {
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
      assert.match(r.stderr, /created the token signing key cordon-token-signing v1 in the key store/);

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

      // Every issue is audited: who issued, for whom, which key version — never the token.
      const events = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; principal: string; key?: { name: string; version: number }; attributes: Record<string, unknown> });
      const issued = events.filter((e) => e.type === 'jwt.issue');
      assert.deepEqual(issued.map((e) => [e.principal, e.attributes['sub'], e.key?.name, e.key?.version]), [
        ['test-user', 'alice@example.com', 'cordon-token-signing', 1], ['test-user', 'bob', 'cordon-token-signing', 1],
      ]);
      assert.equal(issued[0]!.attributes['tenant'], 'acme');
      const log = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8');
      assert.ok(!log.includes(jwt.split('.')[2]!) && !log.includes(jwt.split('.')[1]!), 'no part of a token is in the audit log');
    } finally {
      s.cleanup();
    }
  });

  it('issue 12: the token signing key is never in the workspace in plaintext; it is wrapped in the key store', async () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const r = s.run(['token', 'issue', '--principal', 'svc:etl', '--roles', 'pipeline']);
      assert.equal(r.status, 0, r.stderr);
      const kid = JSON.parse(Buffer.from(r.stdout.split('.')[0]!, 'base64url').toString()) as { kid: string };
      // The seed, as the master key unwraps it.
      const ws = await openWorkspace({ env: s.env });
      let seed: Uint8Array;
      try {
        const info = await ws.keyring.show('cordon-token-signing');
        assert.deepEqual([info.purpose, info.primaryVersion], ['token-signing', 1]);
        seed = Uint8Array.from(await ws.keyring.versionMaterial('cordon-token-signing', 1, 'token-signing'));
        assert.equal((await tokenVerificationKeys(ws))[0]!.kid, kid.kid);
      } finally {
        await ws.close();
      }
      // No file the workspace holds (a backup of it) contains a private key or the seed.
      const files = readdirSync(s.path('ws'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
      assert.ok(files.length >= 3);
      for (const f of files) {
        const bytes = readFileSync(f);
        assert.ok(!bytes.includes('PRIVATE KEY'), `${f} holds a PEM private key`);
        assert.ok(!bytes.includes(Buffer.from(seed)), `${f} holds the signing key's seed`);
        assert.ok(!bytes.includes(Buffer.from(seed).toString('base64')) && !bytes.includes(Buffer.from(seed).toString('base64url')), `${f} holds the encoded seed`);
      }
      assert.equal(existsSync(s.path('ws', 'token-signing-key.pem')), false);
      // Without the master key the workspace yields nothing that signs.
      assert.equal(s.run(['token', 'issue', '--principal', 'mallory'], { env: { CORDON_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') } }).status !== 0, true);
    } finally {
      s.cleanup();
    }
  });

  it('token rotate: new tokens use the new version; old ones verify until their set time, or stop at once with --drop-old', async () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      assert.equal(s.run(['token', 'rotate']).status, 6, 'nothing to rotate yet (ERR_KEY_NOT_FOUND)');
      const t1 = s.run(['token', 'issue', '--principal', 'svc:a']).stdout.trim();
      const rot = s.run(['token', 'rotate', '--json']);
      assert.equal(rot.status, 0, rot.stderr);
      const r = JSON.parse(rot.stdout) as { version: number; kid: string; stillAccepted: Array<{ version: number; acceptedUntil: string }> };
      assert.equal(r.version, 2);
      assert.equal(r.stillAccepted.length, 1);
      assert.equal(r.stillAccepted[0]!.version, 1);
      assert.match(rot.stderr, /tokens signed by v1 \(kid [A-Za-z0-9_-]+\) are accepted until \d{4}-/);
      const until = Date.parse(r.stillAccepted[0]!.acceptedUntil);
      assert.ok(until > Date.now() + 3600_000 && until < Date.now() + 2 * 3600_000, 'an hour and a bit: the longest token lifetime');
      const t2 = s.run(['token', 'issue', '--principal', 'svc:b']).stdout.trim();
      const kidOf = (t: string) => (JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
      assert.notEqual(kidOf(t1), kidOf(t2));
      assert.equal(kidOf(t2), r.kid);

      const all = JSON.parse(s.run(['token', 'public-key', '--all']).stdout) as Array<{ version: number; kid: string; primary: boolean }>;
      assert.deepEqual(all.map((k) => [k.version, k.primary]), [[1, false], [2, true]]);

      const ws = await openWorkspace({ env: s.env });
      try {
        const now = createJwtVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, resolveKey: tokenKeyResolver(ws) });
        assert.equal((await now(t1)).id, 'svc:a');
        assert.equal((await now(t2)).id, 'svc:b');
        // Past the old version's set time only the new version verifies (and a token without kid never does).
        const later = createJwtVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, maxTtlSec: 86400, clockToleranceSec: 0, resolveKey: tokenKeyResolver(ws, { now: () => until + 1 }) });
        await assert.rejects(later(t1), (e: unknown) => authFailureReason(e) === 'unknown_key');
        assert.equal((await later(t2)).id, 'svc:b');
      } finally {
        await ws.close();
      }

      const drop = s.run(['token', 'rotate', '--drop-old']);
      assert.equal(drop.status, 0, drop.stderr);
      const t3 = s.run(['token', 'issue', '--principal', 'svc:c']).stdout.trim();
      const ws2 = await openWorkspace({ env: s.env });
      try {
        const verify = createJwtVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, resolveKey: tokenKeyResolver(ws2) });
        await assert.rejects(verify(t1), { code: 'ERR_UNAUTHENTICATED' });
        await assert.rejects(verify(t2), { code: 'ERR_UNAUTHENTICATED' });
        assert.equal((await verify(t3)).id, 'svc:c');
      } finally {
        await ws2.close();
      }
      const events = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8');
      assert.match(events, /"type":"key.rotate"[^\n]*"name":"cordon-token-signing","version":3/);
    } finally {
      s.cleanup();
    }
  });

  it('an old plaintext token-signing-key.pem is refused until `token migrate` moves it into the key store', async () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const legacy = generateKeyPairSync('ed25519');
      writeFileSync(s.path('ws', 'token-signing-key.pem'), legacy.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
      const legacyKid = await jwtKeyId(legacy.publicKey);
      for (const args of [['token', 'issue', '--principal', 'alice'], ['token', 'public-key'], ['token', 'keygen'], ['token', 'rotate']]) {
        const r = s.run(args);
        assert.equal(r.status, 4, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /ERR_SIGNING_KEY_PLAINTEXT/);
        assert.match(r.stderr, /cordon token migrate/);
      }
      const ws = await openWorkspace({ env: s.env });
      try {
        assert.throws(() => tokenKeyResolver(ws), { code: 'ERR_SIGNING_KEY_PLAINTEXT' }, 'the server does not start with it either');
      } finally {
        await ws.close();
      }
      const m = s.run(['token', 'migrate']);
      assert.equal(m.status, 0, m.stderr);
      assert.match(m.stderr, /moved the token signing key into the key store as cordon-token-signing v1/);
      assert.equal(existsSync(s.path('ws', 'token-signing-key.pem')), false, 'the plaintext file is gone');
      assert.equal(JSON.parse(s.run(['token', 'public-key', '--json']).stdout).kid, legacyKid, 'same key, same kid');
      // Tokens from the migrated key verify with the old public key: verifiers need no change.
      const t = s.run(['token', 'issue', '--principal', 'alice']);
      assert.equal(t.status, 0, t.stderr);
      const verify = createJwtVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, publicKeys: [legacy.publicKey] });
      assert.equal((await verify(t.stdout.trim())).id, 'alice');
      assert.equal(s.run(['token', 'migrate']).status, 6, 'nothing left to migrate');
      // A second copy of the same file (another instance's) is only deleted; a different key is refused and kept.
      writeFileSync(s.path('ws', 'token-signing-key.pem'), legacy.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
      const again = s.run(['token', 'migrate']);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stderr, /already held this key/);
      assert.equal(existsSync(s.path('ws', 'token-signing-key.pem')), false);
      writeFileSync(s.path('ws', 'token-signing-key.pem'), generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
      assert.equal(s.run(['token', 'migrate']).status, 3, 'a different key: ERR_KEY_EXISTS');
      assert.equal(existsSync(s.path('ws', 'token-signing-key.pem')), true);
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
