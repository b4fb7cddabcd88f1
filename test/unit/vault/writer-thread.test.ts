// The SQLite vault's writer thread (src/vault/store/sqlite-writer.ts), as cordon serve opens the
// vault: a tokenize call resolves only after its rows are committed (another connection sees them
// at once), a commit the database refuses fails its calls with ERR_STORE_UNAVAILABLE and the next
// calls still work, and a writer that cannot open its database fails every call (closed, nothing
// acknowledged). The round trips, convergence, concurrency and kill -9 cases run in
// test/integration/vault.test.ts against this backend too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir, tempKeyring } from '../../helpers/keyring.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { SivWriter } from '../../../src/vault/store/sqlite-writer.js';
import { TokenVault } from '../../../src/vault/vault.js';

const count = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM vault_siv').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('vault: SQLite writer thread', () => {
  it('a call resolves only once its rows are committed; concurrent calls converge', async () => {
    const k = await tempKeyring();
    const path = join(tempDir(), 'vault.db');
    const vault = await TokenVault.open(SqliteVaultStore.open(path, { writerThread: true, backgroundCheckpoints: true }), k.keyring);
    try {
      const values = Array.from({ length: 300 }, (_, i) => `person${i}@example.com`);
      const calls = await Promise.all([vault.tokenize('people.email', values), vault.tokenize('people.email', values.slice(100)), vault.tokenize('other.email', values.slice(0, 50))]);
      assert.equal(count(path), 350, 'every row is in the file when the calls resolve (read by another connection)');
      assert.deepEqual(calls[1], calls[0]!.slice(100), 'the same value gets the same token');
      assert.deepEqual(await vault.detokenize('people.email', calls[0]!), values);
      assert.deepEqual(await vault.detokenize('other.email', calls[2]!), values.slice(0, 50));
    } finally {
      await vault.close();
      await k.cleanup();
    }
  });

  it('one commit of interleaved namespaces stores each row under its own namespace with its own ciphertext', async () => {
    const k = await tempKeyring();
    const path = join(tempDir(), 'vault.db');
    const vault = await TokenVault.open(SqliteVaultStore.open(path, { writerThread: true }), k.keyring);
    try {
      const v = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}@example.com`);
      // Calls in one turn share a commit; the writer orders its rows by namespace, then token.
      const [z1, a1, z2, m1] = await Promise.all([vault.tokenize('zz.ns', v('z', 400)), vault.tokenize('aa.ns', v('a', 300)), vault.tokenize('zz.ns', v('y', 200)), vault.tokenize('mm.ns', v('z', 100))]);
      assert.equal(count(path), 1000);
      assert.deepEqual(await vault.detokenize('zz.ns', [...z1!, ...z2!]), [...v('z', 400), ...v('y', 200)]);
      assert.deepEqual(await vault.detokenize('aa.ns', a1!), v('a', 300));
      assert.deepEqual(await vault.detokenize('mm.ns', m1!), v('z', 100));
      // The same value in another namespace is another token, not found there.
      assert.deepEqual(await vault.detokenize('aa.ns', z1!.slice(0, 3)), [undefined, undefined, undefined]);
    } finally {
      await vault.close();
      await k.cleanup();
    }
  });

  it('v1 writes, rewrap, erasure, retention and VACUUM run on the writer: a write lock held elsewhere never stalls the event loop', async () => {
    const k = await tempKeyring();
    const path = join(tempDir(), 'vault.db');
    const vault = await TokenVault.open(SqliteVaultStore.open(path, { writerThread: true, backgroundCheckpoints: true }), k.keyring);
    const other = new Database(path);
    const preserve = { format: { kind: 'preserve', keepLast: 4 } } as const;
    try {
      const [a, b] = await vault.tokenize('people.email', ['a@example.com', 'b@example.com']);
      const [card] = await vault.tokenize('people.card', ['4111111111111111'], preserve);
      await k.keyring.rotate('vault');
      const ops: Array<[string, () => Promise<unknown>]> = [
        ['v1 write', () => vault.tokenize('people.card', ['5500000000000004'], preserve)],
        ['rewrap', () => vault.rewrap()],
        ['erasure', () => vault.deleteTokens('people.email', [a!])],
        ['retention', () => vault.createdBefore('people.card', 0, { remove: true })],
        ['vacuum', () => vault.vacuum()],
      ];
      for (const [name, op] of ops) {
        // Another process holds the write lock: on the event loop the call would wait in SQLite's
        // busy handler, and no timer could fire until it got the lock.
        other.exec('BEGIN IMMEDIATE');
        let ticks = 0;
        const timer = setInterval(() => ticks++, 5);
        const done = op();
        await new Promise((r) => setTimeout(r, 150));
        other.exec('COMMIT');
        await done;
        clearInterval(timer);
        assert.ok(ticks >= 5, `${name}: the event loop ran while the write waited for the lock (${ticks} ticks)`);
      }
      assert.deepEqual(await vault.detokenize('people.email', [a!, b!]), [undefined, 'b@example.com']);
      assert.deepEqual(await vault.detokenize('people.card', [card!]), ['4111111111111111']);
      assert.equal(await vault.createdBefore('people.email', Date.now() + 1), 1);
      assert.equal(await vault.createdBefore('people.email', Date.now() + 1, { remove: true }), 1);
      assert.deepEqual(await vault.detokenize('people.email', [b!]), [undefined]);
      const versions = other.prepare('SELECT DISTINCT key_version FROM vault_tokens').pluck().all();
      assert.deepEqual(versions, [2], 'rewrap re-sealed the v1 rows under version 2 through the writer');
    } finally {
      other.close();
      await vault.close();
      await k.cleanup();
    }
  });

  it('a commit the database refuses fails its call with ERR_STORE_UNAVAILABLE; later calls work', async () => {
    const k = await tempKeyring();
    const path = join(tempDir(), 'vault.db');
    const vault = await TokenVault.open(SqliteVaultStore.open(path, { writerThread: true }), k.keyring);
    const other = new Database(path);
    try {
      await vault.tokenize('people.email', ['warm@example.com']);
      // A trigger makes the insert fail inside the writer's transaction (as a full disk would).
      other.exec("CREATE TRIGGER refuse BEFORE INSERT ON vault_siv BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
      await assert.rejects(vault.tokenize('people.email', ['a@example.com', 'b@example.com']), (e: { code?: string; message: string }) => {
        assert.equal(e.code, 'ERR_STORE_UNAVAILABLE');
        assert.ok(!e.message.includes('a@example.com'), 'no value in the error');
        return true;
      });
      assert.equal(count(path), 1, 'the refused transaction left nothing');
      other.exec('DROP TRIGGER refuse');
      const [t] = await vault.tokenize('people.email', ['a@example.com']);
      assert.deepEqual(await vault.detokenize('people.email', [t!]), ['a@example.com']);
    } finally {
      other.close();
      await vault.close();
      await k.cleanup();
    }
  });

  it('a writer that cannot open its database fails every call with ERR_STORE_UNAVAILABLE', async () => {
    const writer = SivWriter.start(join(tempDir(), 'missing', 'vault.db'));
    const rows = { tokens: new Uint8Array(16), ciphertexts: [new Uint8Array(4)], keyVersion: 1, createdAt: 0, expiresAt: null };
    await assert.rejects(writer.commit([{ namespace: 'a', rows }]), { code: 'ERR_STORE_UNAVAILABLE' });
    await assert.rejects(writer.commit([{ namespace: 'a', rows }]), { code: 'ERR_STORE_UNAVAILABLE' });
    await writer.close();
  });
});
