// The LLM guard's conversation vault on every backend: SQLite always, PostgreSQL when
// CORDON_TEST_PG_URL is set. Round trips, numbering per entity, same value → same placeholder,
// tenant and conversation isolation, TTL, no plaintext at rest, a moved ciphertext failing to open,
// and four processes placing overlapping values in one conversation at once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PG_SKIP, pgQuery, ScratchSchemas } from '../helpers/pg-schemas.js';
import { tempDir, tempKeyring, type TempKeyring } from '../helpers/keyring.js';
import { ConversationVault, placeholderLabel } from '../../src/vault/conversation/vault.js';
import { SqliteConversationStore } from '../../src/vault/conversation/sqlite.js';
import { PostgresConversationStore } from '../../src/vault/conversation/postgres.js';
import type { ConversationStore } from '../../src/vault/conversation/types.js';

const WORKER = new URL('../helpers/conversation-vault-worker.js', import.meta.url).pathname;
const schemas = new ScratchSchemas('cordon_guard_test');
after(() => schemas.dropAll());

interface Backend {
  readonly name: string;
  readonly skip?: string;
  location(): Promise<string>;
  open(location: string): Promise<ConversationStore>;
  raw(location: string): Promise<Buffer>;
  /** Moves one row's ciphertext onto another row of conversation "raw" (an attacker with write access to the store). */
  swap(location: string, from: string, to: string): Promise<void>;
}

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    async location() { return `sqlite:${join(tempDir('cordon-guard-vault-'), 'guard-vault.db')}`; },
    async open(loc) { return SqliteConversationStore.open(loc.slice(7)); },
    async raw(loc) {
      const parts = [readFileSync(loc.slice(7))];
      try { parts.push(readFileSync(loc.slice(7) + '-wal')); } catch { /* checkpointed */ }
      return Buffer.concat(parts);
    },
    async swap(loc, from, to) {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(loc.slice(7));
      db.prepare('UPDATE guard_placeholders SET ciphertext = (SELECT ciphertext FROM guard_placeholders WHERE conversation = \'raw\' AND placeholder = ?) WHERE conversation = \'raw\' AND placeholder = ?').run(from, to);
      db.close();
    },
  },
  {
    name: 'postgres',
    ...PG_SKIP,
    async location() { return `postgres:${(await schemas.create()).url}`; },
    async open(loc) { return PostgresConversationStore.open(loc.slice(9)); },
    async raw(loc) {
      const r = await pgQuery<{ mac: Buffer; ciphertext: Buffer; placeholder: string }>(loc.slice(9), 'SELECT mac, ciphertext, placeholder FROM guard_placeholders');
      return Buffer.concat(r.rows.flatMap((x) => [x.mac, x.ciphertext, Buffer.from(x.placeholder)]));
    },
    async swap(loc, from, to) {
      await pgQuery(loc.slice(9), 'UPDATE guard_placeholders SET ciphertext = (SELECT ciphertext FROM guard_placeholders WHERE conversation = \'raw\' AND placeholder = $1) WHERE conversation = \'raw\' AND placeholder = $2', [from, to]);
    },
  },
];

function runWorker(k: TempKeyring, loc: string, conversation: string, prefix: string, from: number, to: number, startAt: number) {
  const args = [WORKER, join(k.dir, 'keys.db'), Buffer.from(k.masterKey).toString('base64'), loc, 'acme', conversation, prefix, String(from), String(to), String(startAt)];
  const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  return new Promise<Array<{ value: string; placeholder: string }>>((resolve, reject) => p.on('close', (code) => {
    if (code !== 0) reject(new Error(`worker exited ${code}: ${err}`));
    else resolve(out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { value: string; placeholder: string }));
  }));
}

describe('placeholderLabel', () => {
  it('gives every entity the one placeholder shape', () => {
    assert.equal(placeholderLabel('PERSON'), 'PERSON');
    assert.equal(placeholderLabel('employee-id'), 'EMPLOYEE_ID');
    assert.equal(placeholderLabel('9lives'), 'E_9LIVES');
    assert.equal(placeholderLabel(''), 'ENTITY');
    assert.match(placeholderLabel('x'.repeat(100)), /^[A-Z][A-Z0-9_]{0,39}$/);
  });
});

for (const b of BACKENDS) {
  describe(`conversation vault (${b.name})`, { ...(b.skip ? { skip: b.skip } : {}) }, () => {
    let k: TempKeyring;
    let loc: string;
    let vault: ConversationVault;
    let clock = Date.now();
    const acme = { tenant: 'acme', conversation: 'c-1' };
    before(async () => {
      k = await tempKeyring({ keys: [] });
      loc = await b.location();
      vault = await ConversationVault.open(await b.open(loc), k.keyring, { now: () => clock });
    });
    after(async () => {
      await vault.close();
      await k.cleanup();
    });

    it('numbers per entity, gives a repeated value its placeholder, and resolves them back', async () => {
      const ps = await vault.place(acme, [
        { value: 'Ada Lovelace', entity: 'PERSON' }, { value: 'ada@example.com', entity: 'EMAIL_ADDRESS' },
        { value: 'Alan Turing', entity: 'PERSON' }, { value: 'Ada Lovelace', entity: 'PERSON' }, { value: 'Zoë 😀', entity: 'PERSON' },
      ]);
      assert.deepEqual(ps, ['<PERSON_1>', '<EMAIL_ADDRESS_1>', '<PERSON_2>', '<PERSON_1>', '<PERSON_3>']);
      const again = await vault.place(acme, [{ value: 'Alan Turing', entity: 'PERSON' }, { value: 'Grace Hopper', entity: 'PERSON' }]);
      assert.deepEqual(again, ['<PERSON_2>', '<PERSON_4>']);
      const values = await vault.resolve(acme, ['<PERSON_1>', '<PERSON_3>', '<EMAIL_ADDRESS_1>', '<PERSON_99>']);
      assert.deepEqual([...values].sort(), [['<EMAIL_ADDRESS_1>', 'ada@example.com'], ['<PERSON_1>', 'Ada Lovelace'], ['<PERSON_3>', 'Zoë 😀']]);
    });

    it('keeps tenants and conversations apart', async () => {
      const [p] = await vault.place({ tenant: 'acme', conversation: 'c-2' }, [{ value: 'Ada Lovelace', entity: 'PERSON' }]);
      assert.equal(p, '<PERSON_1>', 'numbering starts again in another conversation');
      const [q] = await vault.place({ tenant: 'globex', conversation: 'c-1' }, [{ value: 'Someone Else', entity: 'PERSON' }]);
      assert.equal(q, '<PERSON_1>');
      assert.equal((await vault.resolve({ tenant: 'globex', conversation: 'c-1' }, ['<PERSON_1>'])).get('<PERSON_1>'), 'Someone Else');
      assert.equal((await vault.resolve(acme, ['<PERSON_1>'])).get('<PERSON_1>'), 'Ada Lovelace');
      assert.equal((await vault.resolve({ tenant: 'initech', conversation: 'c-1' }, ['<PERSON_1>'])).size, 0);
    });

    it('refuses bad scopes, TTLs and values with ERR_INPUT_INVALID', async () => {
      await assert.rejects(vault.place({ tenant: '', conversation: 'c' }, [{ value: 'x', entity: 'PERSON' }]), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.place({ tenant: 'acme', conversation: 'bad id!' }, [{ value: 'x', entity: 'PERSON' }]), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.resolve({ tenant: 'acme\u0000x', conversation: 'c' }, ['<PERSON_1>']), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.place(acme, [{ value: 'x', entity: 'PERSON' }], { ttlMs: 10 }), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.place(acme, [{ value: '', entity: 'PERSON' }]), { code: 'ERR_INPUT_INVALID' });
      await assert.rejects(vault.place(acme, [{ value: '\ud800', entity: 'PERSON' }]), { code: 'ERR_INPUT_INVALID' });
    });

    it('stops resolving after the TTL, pushes the expiry when a value is placed again, and never reuses a number', async () => {
      const s = { tenant: 'acme', conversation: 'ttl' };
      const [p1, p2] = await vault.place(s, [{ value: 'short lived', entity: 'PERSON' }, { value: 'kept alive', entity: 'PERSON' }], { ttlMs: 60_000 });
      clock += 50_000;
      await vault.place(s, [{ value: 'kept alive', entity: 'PERSON' }], { ttlMs: 60_000 });
      clock += 20_000;
      const left = await vault.resolve(s, [p1!, p2!]);
      assert.equal(left.has(p1!), false, 'expired');
      assert.equal(left.get(p2!), 'kept alive');
      assert.ok(await vault.purgeExpired() >= 1);
      const [p3] = await vault.place(s, [{ value: 'new one', entity: 'PERSON' }], { ttlMs: 60_000 });
      assert.equal(p3, '<PERSON_3>');
      clock = Date.now();
    });

    it('never gives a number again after every placeholder of a conversation was purged', async () => {
      const s = { tenant: 'acme', conversation: 'purged-all' };
      const [first] = await vault.place(s, [{ value: 'Gone Person', entity: 'PERSON' }], { ttlMs: 60_000 });
      assert.equal(first, '<PERSON_1>');
      clock += 120_000;
      assert.ok(await vault.purgeExpired() >= 1);
      // An old answer may still hold <PERSON_1>: it must not restore to the next person.
      const [next] = await vault.place(s, [{ value: 'Newcomer', entity: 'PERSON' }], { ttlMs: 60_000 });
      assert.equal(next, '<PERSON_2>');
      assert.equal((await vault.resolve(s, ['<PERSON_1>'])).size, 0);
      assert.equal((await vault.resolve(s, ['<PERSON_2>'])).get('<PERSON_2>'), 'Newcomer');
      clock = Date.now();
    });

    it('stores no plaintext value, and a ciphertext moved to another placeholder fails to open', async () => {
      const secret = 'Very-Distinctive-Plaintext-8841';
      const s = { tenant: 'acme', conversation: 'raw' };
      await vault.place(s, [{ value: secret, entity: 'PERSON' }, { value: 'Other Person', entity: 'PERSON' }]);
      const raw = await b.raw(loc);
      assert.equal(raw.includes(Buffer.from(secret)), false);
      assert.equal(raw.includes(Buffer.from(secret, 'utf16le')), false);
      await b.swap(loc, '<PERSON_1>', '<PERSON_2>');
      await assert.rejects(vault.resolve(s, ['<PERSON_2>']), { code: 'ERR_DECRYPTION_FAILED' });
    });

    it('four processes placing overlapping values in one conversation get one placeholder per value and one value per number', async () => {
      const startAt = Date.now() + 1500;
      // Workers 0 and 1 place the same 40 values; 2 and 3 each 40 others: 120 distinct values.
      const runs = await Promise.all([
        runWorker(k, loc, 'race', 'shared', 0, 40, startAt), runWorker(k, loc, 'race', 'shared', 0, 40, startAt),
        runWorker(k, loc, 'race', 'w2', 0, 40, startAt), runWorker(k, loc, 'race', 'w3', 0, 40, startAt),
      ]);
      const byValue = new Map<string, string>();
      for (const run of runs) {
        assert.equal(run.length, 40);
        for (const { value, placeholder } of run) {
          const had = byValue.get(value);
          if (had !== undefined) assert.equal(placeholder, had, `${value} got two placeholders`);
          byValue.set(value, placeholder);
        }
      }
      assert.equal(byValue.size, 120);
      const numbers = [...byValue.values()];
      assert.equal(new Set(numbers).size, 120, 'no number went to two values');
      assert.deepEqual(numbers.map((p) => Number(/_(\d+)>$/.exec(p)![1])).sort((a, c) => a - c), Array.from({ length: 120 }, (_, i) => i + 1));
      const resolved = await vault.resolve({ tenant: 'acme', conversation: 'race' }, numbers);
      for (const [value, p] of byValue) assert.equal(resolved.get(p), value);
    });
  });
}
