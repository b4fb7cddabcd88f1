// One suite for every vault backend: SQLite always, PostgreSQL when CORDON_TEST_PG_URL is set
// (.ci/run sets it; without it the PostgreSQL run reports itself skipped). Round trips,
// convergence, isolation, rewrap, no plaintext at rest, two processes racing on the same new
// values, and a kill -9 in the middle of a run.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PG_SKIP, pgQuery, ScratchSchemas } from '../helpers/pg-schemas.js';
import { tempDir, tempKeyring, type TempKeyring } from '../helpers/keyring.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import { PostgresVaultStore } from '../../src/vault/store/postgres.js';
import type { VaultStore } from '../../src/vault/types.js';
import Database from 'better-sqlite3';
import { aesGcmSeal } from '../../src/crypto/aes-gcm.js';
import { hkdfSha256 } from '../../src/crypto/hkdf.js';
import { hmacSha256 } from '../../src/crypto/hmac.js';
import { randomBytes } from '../../src/crypto/random.js';
import type { Keyring } from '../../src/keys/keyring.js';

const WORKER = new URL('../helpers/vault-worker.js', import.meta.url).pathname;

interface Backend {
  readonly name: string;
  readonly skip?: string;
  /** A fresh, empty store location (a file, or a PostgreSQL schema). */
  location(): Promise<string>;
  open(location: string): Promise<VaultStore>;
  /** Raw bytes of every stored row, for the no-plaintext check. */
  raw(location: string): Promise<Buffer>;
  /** Creates the store as format v1 (before v2, as main wrote it until then) holding `rows`. */
  writeV1(location: string, rows: readonly V1Row[]): Promise<void>;
}

interface V1Row { namespace: string; token: string; mac: Uint8Array; ciphertext: Uint8Array; keyVersion: number }

/** The v1 schema, verbatim: one table, two random-key unique indexes. */
const V1_SCHEMA = (blob: string, int: string) => `
CREATE TABLE IF NOT EXISTS vault_tokens (
  namespace   TEXT    NOT NULL,
  token       TEXT    NOT NULL,
  mac         ${blob}    NOT NULL,
  ciphertext  ${blob}    NOT NULL,
  key_version INTEGER NOT NULL,
  created_at  ${int} NOT NULL,
  expires_at  ${int},
  PRIMARY KEY (namespace, token),
  UNIQUE (namespace, mac)
);
CREATE INDEX IF NOT EXISTS vault_tokens_key_version ON vault_tokens (key_version);
`;

/**
 * Rows the way format v1 wrote a default-format token: a random "tok_" token, HMAC-SHA256 of
 * namespace ‖ 0x00 ‖ value under HKDF(index key v1, "cordon-vault-v1 index"), and nonce ‖
 * AES-256-GCM under HKDF(vault key, "cordon-vault-v1 seal") with AAD "cordon-vault-v1" ‖ 0 ‖
 * namespace ‖ 0 ‖ token. Written here independently of src/vault, so the test pins the old format.
 */
async function v1Rows(keyring: Keyring, namespace: string, values: readonly string[]): Promise<V1Row[]> {
  const enc = new TextEncoder();
  await keyring.ensure('vault', 'envelope');
  await keyring.ensure('vault-index', 'mac');
  const macKey = hkdfSha256(await keyring.versionMaterial('vault-index', 1, 'mac'), undefined, enc.encode('cordon-vault-v1 index'), 32);
  const { version, material } = await keyring.primaryMaterial('vault', 'envelope');
  const sealKey = hkdfSha256(material, undefined, enc.encode('cordon-vault-v1 seal'), 32);
  return values.map((v) => {
    const token = `tok_${Buffer.from(randomBytes(16)).toString('base64url')}`;
    const nonce = randomBytes(12);
    const sealed = aesGcmSeal(sealKey, nonce, enc.encode(v), enc.encode(`cordon-vault-v1\u0000${namespace}\u0000${token}`));
    return { namespace, token, mac: hmacSha256(macKey, enc.encode(`${namespace}\u0000${v}`)), ciphertext: Buffer.concat([nonce, sealed]), keyVersion: version };
  });
}

const schemas = new ScratchSchemas('cordon_test');

/** SQLite, as the CLI opens it (`sqlite:<path>`) or as cordon serve does (`sqlite-thread:<path>`: group commits on a writer thread, background checkpoints). */
const sqliteBackend = (name: string, prefix: string, options: { writerThread?: boolean; backgroundCheckpoints?: boolean }): Backend => ({
  name,
  async location() { return `${prefix}${join(tempDir('cordon-vault-'), 'vault.db')}`; },
  async open(loc) { return SqliteVaultStore.open(loc.slice(prefix.length), options); },
  async raw(loc) {
    const parts = [readFileSync(loc.slice(prefix.length))];
    try { parts.push(readFileSync(loc.slice(prefix.length) + '-wal')); } catch { /* checkpointed */ }
    return Buffer.concat(parts);
  },
  async writeV1(loc, rows) {
    const db = new Database(loc.slice(prefix.length));
    db.exec(V1_SCHEMA('BLOB', 'INTEGER'));
    const insert = db.prepare('INSERT INTO vault_tokens VALUES (?, ?, ?, ?, ?, ?, NULL)');
    for (const r of rows) insert.run(r.namespace, r.token, r.mac, r.ciphertext, r.keyVersion, Date.now());
    db.close();
  },
});

const BACKENDS: Backend[] = [
  sqliteBackend('sqlite', 'sqlite:', {}),
  sqliteBackend('sqlite, writer thread', 'sqlite-thread:', { writerThread: true, backgroundCheckpoints: true }),
  {
    name: 'postgres',
    ...PG_SKIP,
    async location() {
      return `postgres:${(await schemas.create()).url}`;
    },
    async open(loc) { return PostgresVaultStore.open(loc.slice(9)); },
    async raw(loc) {
      const r = await pgQuery<{ namespace: string; token: string; mac: Buffer; ciphertext: Buffer }>(loc.slice(9), 'SELECT namespace, token, mac, ciphertext FROM vault_tokens');
      const v2 = await pgQuery<{ namespace: string; token: Buffer; ciphertext: Buffer }>(loc.slice(9), 'SELECT namespace, token, ciphertext FROM vault_siv');
      return Buffer.concat([
        ...r.rows.flatMap((x: { namespace: string; token: string; mac: Buffer; ciphertext: Buffer }) => [Buffer.from(x.namespace), Buffer.from(x.token), x.mac, x.ciphertext]),
        ...v2.rows.flatMap((x: { namespace: string; token: Buffer; ciphertext: Buffer }) => [Buffer.from(x.namespace), x.token, x.ciphertext]),
      ]);
    },
    async writeV1(loc, rows) {
      const url = loc.slice(9);
      await pgQuery(url, V1_SCHEMA('BYTEA', 'BIGINT'));
      for (const r of rows) await pgQuery(url, 'INSERT INTO vault_tokens VALUES ($1, $2, $3, $4, $5, $6, NULL)', [r.namespace, r.token, Buffer.from(r.mac), Buffer.from(r.ciphertext), r.keyVersion, Date.now()]);
    },
  },
];

after(() => schemas.dropAll());

function runWorker(k: TempKeyring, loc: string, namespace: string, from: number, to: number, batch: number, startAt?: number) {
  const args = [WORKER, join(k.dir, 'keys.db'), Buffer.from(k.masterKey).toString('base64'), loc, namespace, String(from), String(to), String(batch), ...(startAt ? [String(startAt)] : [])];
  const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; tokens: Map<number, string> }>((resolve) => p.on('close', (code, signal) => {
    const tokens = new Map<number, string>();
    for (const line of out.split('\n')) {
      if (!line.trim()) continue;
      const { from: f, tokens: ts } = JSON.parse(line) as { from: number; tokens: string[] };
      ts.forEach((t, i) => tokens.set(f + i, t));
    }
    if (code !== 0 && signal === null) console.error(err);
    resolve({ code, signal, tokens });
  }));
  return { process: p, done, output: () => out };
}

for (const b of BACKENDS) {
  describe(`token vault (${b.name})`, { ...(b.skip ? { skip: b.skip } : {}) }, () => {
    let k: TempKeyring;
    let loc: string;
    let vault: TokenVault;
    before(async () => {
      k = await tempKeyring({ keys: [] });
      loc = await b.location();
      vault = await TokenVault.open(await b.open(loc), k.keyring);
    });
    after(async () => {
      await vault.close();
      await k.cleanup();
    });

    it('detokenize(tokenize(x)) = x for a batch, in order, with repeats and unicode', async () => {
      const values = ['Ada Lovelace', 'ada@example.com', '4111 1111 1111 1111', 'Ada Lovelace', 'Zoë 😀', ''];
      const tokens = await vault.tokenize('customers.name', values);
      assert.equal(tokens.length, values.length);
      assert.ok(tokens.every((t) => /^tok_v2_[A-Za-z0-9_-]{22}$/.test(t)));
      assert.equal(tokens[0], tokens[3], 'the same value gets the same token');
      assert.equal(new Set(tokens).size, 5);
      assert.deepEqual(await vault.detokenize('customers.name', tokens), values);
    });

    it('converges across calls, isolates namespaces, and answers unknown tokens with undefined', async () => {
      const [a] = await vault.tokenize('ns.a', ['same value']);
      const [a2] = await vault.tokenize('ns.a', ['same value']);
      const [b1] = await vault.tokenize('ns.b', ['same value']);
      assert.equal(a, a2);
      assert.notEqual(a, b1, 'another namespace gets another token');
      assert.deepEqual(await vault.detokenize('ns.b', [a!, 'tok_AAAAAAAAAAAAAAAAAAAAAA', 'not a token']), [undefined, undefined, undefined]);
    });

    it('concurrent calls (group-committed together) over several namespaces each get their own rows, in order', async () => {
      const calls = Array.from({ length: 24 }, (_, i) => ({ ns: `group.ns${i % 3}`, values: Array.from({ length: 40 }, (_, k) => `v${k % 30}-${i % 5}`) }));
      const tokens = await Promise.all(calls.map((c) => vault.tokenize(c.ns, c.values)));
      const back = await Promise.all(calls.map((c, i) => vault.detokenize(c.ns, tokens[i]!)));
      calls.forEach((c, i) => assert.deepEqual(back[i], c.values));
      // Calls 0 and 15: the same values in one namespace, in one group: the same tokens.
      assert.deepEqual(tokens[15], tokens[0]);
      // Calls 0 and 10: the same values in two namespaces: other tokens, each resolving only in its own.
      assert.notEqual(tokens[10]![0], tokens[0]![0]);
      assert.deepEqual(await vault.detokenize('group.ns1', [tokens[0]![0]!]), [undefined]);
      // Known now: the same tokens again.
      assert.deepEqual(await vault.tokenize(calls[5]!.ns, calls[5]!.values), tokens[5]);
    });

    it('more concurrent rows than one group commit takes (SQLite: 4,096) are all stored, each call after its own rows', async () => {
      const before = await vault.tokenize('group.big', ['probe']);
      const calls = Array.from({ length: 12 }, (_, i) => Array.from({ length: 1000 }, (_, k) => `big-${i}-${k}`));
      const tokens = await Promise.all(calls.map((values) => vault.tokenize('group.big', values)));
      const back = await Promise.all(tokens.map((t) => vault.detokenize('group.big', t)));
      back.forEach((values, i) => assert.deepEqual(values, calls[i]));
      assert.deepEqual(await vault.detokenize('group.big', before), ['probe']);
    });

    it('refuses a bad namespace with ERR_INPUT_INVALID', async () => {
      await assert.rejects(vault.tokenize('', ['x']), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.detokenize('bad namespace!', ['x']), { code: 'ERR_INPUT_INVALID' });
    });

    it('stores no plaintext value and no unkeyed hash', async () => {
      const secret = 'Very-Distinctive-Plaintext-7319';
      await vault.tokenize('ns.secret', [secret]);
      const raw = await b.raw(loc);
      assert.equal(raw.includes(Buffer.from(secret)), false);
      const { createHash } = await import('node:crypto');
      assert.equal(raw.includes(createHash('sha256').update(secret).digest()), false);
    });

    it('rewrap moves values to the new key version; tokens and values stay', async () => {
      const values = Array.from({ length: 250 }, (_, i) => `rewrap-${i}`);
      const tokens = await vault.tokenize('ns.rewrap', values);
      await k.keyring.rotate('vault');
      const r = await vault.rewrap({ batch: 64 });
      assert.ok(r.rewrapped >= 250);
      assert.equal(r.version, 2);
      assert.equal((await vault.rewrap()).rewrapped, 0, 'nothing left under version 1');
      await k.keyring.setMinDecryptionVersion('vault', 2);
      assert.deepEqual(await vault.detokenize('ns.rewrap', tokens), values);
      assert.deepEqual(await vault.tokenize('ns.rewrap', values.slice(0, 3)), tokens.slice(0, 3));
    });

    // Token formats (src/vault/format.ts): "preserve" keeps length and character classes.
    const sameShape = (value: string, token: string, keepLast: number) => {
      const v = Array.from(value);
      const t = Array.from(token);
      assert.equal(t.length, v.length, 'same length');
      v.forEach((ch, i) => {
        if (i >= v.length - keepLast) assert.equal(t[i], ch, 'the last characters are kept');
        else if (/[0-9]/.test(ch)) assert.match(t[i]!, /[0-9]/);
        else if (/[A-Z]/.test(ch)) assert.match(t[i]!, /[A-Z]/);
        else if (/[a-z]/.test(ch)) assert.match(t[i]!, /[a-z]/);
        else assert.equal(t[i], ch, 'other characters are kept');
      });
    };
    const preserve4 = { format: { kind: 'preserve', keepLast: 4 } } as const;

    it('format preserve keeps length, character classes and the last four; converges; detokenizes', async () => {
      const values = ['4111 1111 1111 1234', '+1 (415) 555-0123', 'AB-123456-cd', 'Zoë-Müller-88231', '4111 1111 1111 1234', 'x'.repeat(6) + '0000'];
      const tokens = await vault.tokenize('pay.card', values, preserve4);
      values.forEach((v, i) => sameShape(v, tokens[i]!, 4));
      values.forEach((v, i) => assert.notEqual(tokens[i], v, 'never the value itself'));
      assert.equal(tokens[0], tokens[4], 'the same value gets the same token');
      assert.equal(new Set(tokens).size, 5);
      assert.deepEqual(await vault.tokenize('pay.card', values, preserve4), tokens, 'convergent across calls');
      assert.deepEqual(await vault.detokenize('pay.card', tokens), values);
      // keepLast 0: every letter and digit is drawn.
      const [t0] = await vault.tokenize('pay.card', ['ABCdef-123456'], { format: { kind: 'preserve' } });
      sameShape('ABCdef-123456', t0!, 0);
      assert.deepEqual(await vault.detokenize('pay.card', [t0!]), ['ABCdef-123456']);
    });

    it('a value tokenized under two formats in one namespace gets one token of each shape', async () => {
      const v = '4111 1111 1111 9876';
      const [plain] = await vault.tokenize('pay.both', [v]);
      const [shaped] = await vault.tokenize('pay.both', [v], preserve4);
      assert.match(plain!, /^tok_v2_[A-Za-z0-9_-]{22}$/);
      sameShape(v, shaped!, 4);
      assert.deepEqual(await vault.detokenize('pay.both', [plain!, shaped!]), [v, v]);
      assert.deepEqual(await vault.tokenize('pay.both', [v]), [plain]);
    });

    it('formatted tokens stay unique when the format has little room (clashes draw again)', async () => {
      // Six random digits: 10^6 tokens. 2 × 6,000 values make in-batch and stored clashes certain.
      const values = Array.from({ length: 12000 }, (_, i) => `${String(i).padStart(6, '0')}-9999`);
      const first = await vault.tokenize('ns.tight', values.slice(0, 6000), preserve4);
      const second = await vault.tokenize('ns.tight', values.slice(6000), preserve4);
      const tokens = [...first, ...second];
      assert.equal(new Set(tokens).size, values.length, 'no two values share a token');
      tokens.forEach((t) => assert.match(t, /^[0-9]{6}-9999$/));
      assert.deepEqual(await vault.detokenize('ns.tight', tokens), values);
      assert.deepEqual(await vault.tokenize('ns.tight', values.slice(5990, 6010), preserve4), tokens.slice(5990, 6010));
    });

    it('refuses a preserve format without room, a too-long value and bad format fields with ERR_INPUT_INVALID', async () => {
      await assert.rejects(vault.tokenize('ns.f', ['4111-1234'], preserve4), (e: { code?: string; message?: string }) => e.code === 'ERR_INPUT_INVALID' && /at least 6/.test(e.message ?? '') && !(e.message ?? '').includes('4111'));
      await assert.rejects(vault.tokenize('ns.f', ['ab-cd-ef-gh'], { format: { kind: 'preserve', keepLast: 4 } }), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.tokenize('ns.f', ['1'.repeat(300)], preserve4), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.tokenize('ns.f', ['123456789'], { format: { kind: 'fancy' as 'token' } }), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.tokenize('ns.f', ['123456789'], { format: { kind: 'token', keepLast: 4 } }), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.tokenize('ns.f', ['123456789012'], { format: { kind: 'preserve', keepLast: 17 } }), { code: 'ERR_INPUT_INVALID' });
      // Nothing was stored for the refused batches.
      assert.deepEqual(await vault.tokenize('ns.f', ['1234567890'], preserve4).then((t) => t.length), 1);
    });

    it('a vault written by format v1 still detokenizes, its values keep their tokens, new values get v2 tokens', async () => {
      const where = await b.location();
      const old = Array.from({ length: 300 }, (_, i) => `legacy-${i}@example.com`);
      const rows = await v1Rows(k.keyring, 'ns.legacy', old);
      await b.writeV1(where, rows);
      const upgraded = await TokenVault.open(await b.open(where), k.keyring);
      try {
        const oldTokens = rows.map((r) => r.token);
        assert.deepEqual(await upgraded.detokenize('ns.legacy', oldTokens), old);
        const fresh = ['new-1@example.com', 'new-2@example.com'];
        const mixed = await upgraded.tokenize('ns.legacy', [old[5]!, fresh[0]!, old[299]!, fresh[1]!, old[5]!]);
        assert.deepEqual([mixed[0], mixed[2], mixed[4]], [oldTokens[5], oldTokens[299], oldTokens[5]], 'a v1 value keeps its v1 token');
        assert.match(mixed[1]!, /^tok_v2_[A-Za-z0-9_-]{22}$/);
        assert.match(mixed[3]!, /^tok_v2_[A-Za-z0-9_-]{22}$/);
        assert.deepEqual(await upgraded.detokenize('ns.legacy', mixed), [old[5], fresh[0], old[299], fresh[1], old[5]]);
        // Rotation and rewrap cover both tables.
        await k.keyring.rotate('vault');
        const r = await upgraded.rewrap({ batch: 64 });
        assert.equal(r.rewrapped >= 302, true);
        assert.equal((await upgraded.rewrap()).rewrapped, 0);
        assert.deepEqual(await upgraded.detokenize('ns.legacy', [...oldTokens, mixed[1]!, mixed[3]!]), [...old, ...fresh]);
        assert.deepEqual(await upgraded.tokenize('ns.legacy', [fresh[0]!, old[0]!]), [mixed[1], oldTokens[0]], 'tokens survive the rewrap');
      } finally {
        await upgraded.close();
      }
      const store = await b.open(where);
      assert.equal(await store.count(), 302, 'no value stored twice');
      await store.close();
    });

    it('a v2 token is the value\'s: a tampered, moved or re-spelled token does not resolve to another value', async () => {
      const [t] = await vault.tokenize('ns.shape', ['shape@example.com']);
      const body = t!.slice('tok_v2_'.length);
      const flipped = `tok_v2_${body.slice(0, 5)}${body[5] === 'A' ? 'B' : 'A'}${body.slice(6)}`;
      // The last base64url character holds 2 bits: another spelling of the same 16 bytes is refused.
      const last = body.at(-1)!;
      const respelled = `tok_v2_${body.slice(0, -1)}${String.fromCharCode(last.charCodeAt(0) + 1)}`;
      assert.deepEqual(await vault.detokenize('ns.shape', [t!, flipped, respelled, `tok_${body}`]), ['shape@example.com', undefined, undefined, undefined]);
      assert.deepEqual(await vault.detokenize('ns.other', [t!]), [undefined]);
    });

    it('two processes tokenizing the same new values at the same moment get the same tokens', async () => {
      const where = await b.location();
      // Create the vault keys once, before the race.
      await (await TokenVault.open(await b.open(where), k.keyring)).close();
      const startAt = Date.now() + 1500;
      const one = runWorker(k, where, 'ns.race', 0, 2000, 100, startAt);
      const two = runWorker(k, where, 'ns.race', 0, 2000, 100, startAt);
      const [r1, r2] = await Promise.all([one.done, two.done]);
      assert.equal(r1.code, 0);
      assert.equal(r2.code, 0);
      assert.equal(r1.tokens.size, 2000);
      assert.deepEqual([...r1.tokens], [...r2.tokens]);
      const store = await b.open(where);
      assert.equal(await store.count(), 2000, 'no duplicate rows, no lost writes');
      await store.close();
    });

    it('a kill -9 mid-run leaves the vault consistent; a rerun yields the same tokens', async () => {
      const where = await b.location();
      await (await TokenVault.open(await b.open(where), k.keyring)).close();
      const first = runWorker(k, where, 'ns.crash', 0, 20000, 50);
      // Kill once a few batches are stored.
      const deadline = Date.now() + 30_000;
      while (first.output().split('\n').length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      first.process.kill('SIGKILL');
      const killed = await first.done;
      assert.equal(killed.signal, 'SIGKILL');
      assert.ok(killed.tokens.size > 0 && killed.tokens.size < 20000, 'killed mid-run');
      const rerun = await runWorker(k, where, 'ns.crash', 0, 2000, 500).done;
      assert.equal(rerun.code, 0);
      for (const [i, t] of killed.tokens) if (i < 2000) assert.equal(rerun.tokens.get(i), t, `value-${i} kept its token`);
      const store = await b.open(where);
      const count = await store.count();
      await store.close();
      assert.ok(count >= 2000 && count <= Math.max(2000, killed.tokens.size + 50), `a consistent row count (${count})`);
    });
  });
}
