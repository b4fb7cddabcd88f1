// The v2 tokens a server's vault knows committed (src/vault/store/stored-tokens.ts): known values
// are not sent to the writer again, and no delete, by this process or another, is ever hidden by
// what it remembers: a deleted value tokenized again is stored again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir, tempKeyring } from '../../helpers/keyring.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { StoredTokens } from '../../../src/vault/store/stored-tokens.js';
import { TokenVault } from '../../../src/vault/vault.js';

const REFUSE = "CREATE TRIGGER refuse BEFORE INSERT ON vault_siv BEGIN SELECT RAISE(ABORT, 'refused by test'); END";

/** A server's vault (writer thread) at a fresh path, and a second connection to its file. */
async function serverVault() {
  const k = await tempKeyring();
  const path = join(tempDir(), 'vault.db');
  const vault = await TokenVault.open(SqliteVaultStore.open(path, { writerThread: true }), k.keyring);
  const other = new Database(path);
  const count = () => other.prepare('SELECT count(*) FROM vault_siv').pluck().get() as number;
  return { vault, other, count, close: async () => { other.close(); await vault.close(); await k.cleanup(); } };
}

const emails = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}@example.com`);

describe('vault: tokens known committed (server)', () => {
  it('values the writer found stored are not written again; new ones in the same batch are', async () => {
    const s = await serverVault();
    try {
      const known = emails('known', 50);
      const first = await s.vault.tokenize('people.email', known);
      // The second time, the writer finds them stored: from then on they are known.
      assert.deepEqual(await s.vault.tokenize('people.email', known), first);
      // Any insert now fails: a batch of known values still succeeds, so it wrote nothing.
      s.other.exec(REFUSE);
      assert.deepEqual(await s.vault.tokenize('people.email', known), first);
      await assert.rejects(s.vault.tokenize('people.email', [...known.slice(0, 10), 'new@example.com']), { code: 'ERR_STORE_UNAVAILABLE' });
      s.other.exec('DROP TRIGGER refuse');
      const mixed = await s.vault.tokenize('people.email', [...known.slice(0, 10), 'new@example.com']);
      assert.deepEqual(mixed.slice(0, 10), first.slice(0, 10));
      assert.equal(s.count(), 51);
      assert.deepEqual(await s.vault.detokenize('people.email', mixed), [...known.slice(0, 10), 'new@example.com']);
      // The same value in another namespace is not known there.
      s.other.exec(REFUSE);
      await assert.rejects(s.vault.tokenize('other.email', known.slice(0, 1)), { code: 'ERR_STORE_UNAVAILABLE' });
    } finally {
      await s.close();
    }
  });

  it('a row deleted by another connection is stored again when its value is tokenized again', async () => {
    const s = await serverVault();
    try {
      const values = emails('gone', 20);
      const tokens = await s.vault.tokenize('people.email', values);
      await s.vault.tokenize('people.email', values);
      s.other.exec('DELETE FROM vault_siv');
      assert.equal(s.count(), 0);
      assert.deepEqual(await s.vault.tokenize('people.email', values), tokens, 'deterministic: the same tokens');
      assert.equal(s.count(), 20, 'and their rows are back');
      assert.deepEqual(await s.vault.detokenize('people.email', tokens), values);
    } finally {
      await s.close();
    }
  });

  it('a value erased through the vault is stored again when tokenized again', async () => {
    const s = await serverVault();
    try {
      const [t] = await s.vault.tokenize('people.email', ['erase-me@example.com']);
      await s.vault.tokenize('people.email', ['erase-me@example.com']);
      assert.equal(await s.vault.deleteTokens('people.email', [t!]), 1);
      assert.deepEqual(await s.vault.detokenize('people.email', [t!]), [undefined]);
      assert.deepEqual(await s.vault.tokenize('people.email', ['erase-me@example.com']), [t]);
      assert.deepEqual(await s.vault.detokenize('people.email', [t!]), ['erase-me@example.com']);
    } finally {
      await s.close();
    }
  });

  it('forgets everything when the deletion count moves, and never remembers past it', () => {
    let deletions = 0;
    const seen = new StoredTokens(() => deletions, 8);
    const tokens = Buffer.alloc(16 * 4);
    for (let i = 0; i < 4; i++) tokens[i * 16] = i + 1;
    const all = (n: number) => new Uint8Array(n).fill(1);
    const u = seen.unknown('ns', tokens, 4);
    assert.deepEqual(u.missing, [0, 1, 2, 3]);
    // Only the flagged rows (those the writer found stored) are remembered.
    seen.remember('ns', tokens, Uint8Array.of(0, 1, 0, 1), u.deletions);
    assert.deepEqual(seen.unknown('ns', tokens, 4).missing, [0, 2]);
    seen.remember('ns', tokens, all(4), u.deletions);
    assert.deepEqual(seen.unknown('ns', tokens, 4).missing, []);
    assert.deepEqual(seen.unknown('other', tokens, 2).missing, [0, 1]);
    // A delete between the read and the commit: what that commit holds is not remembered.
    const before = seen.unknown('ns2', tokens, 4).deletions;
    deletions++;
    assert.deepEqual(seen.unknown('ns', tokens, 4).missing, [0, 1, 2, 3], 'forgotten after a delete');
    seen.remember('ns2', tokens, all(4), before);
    assert.deepEqual(seen.unknown('ns2', tokens, 4).missing, [0, 1, 2, 3]);
    // Bounded: past the limit all is forgotten, then remembering starts again.
    const now = seen.unknown('ns', tokens, 4).deletions;
    seen.remember('ns', tokens, all(4), now);
    const more = Buffer.alloc(16 * 6, 0xff);
    for (let i = 0; i < 6; i++) more[i * 16] = i;
    seen.remember('ns3', more, all(6), now);
    assert.deepEqual(seen.unknown('ns', tokens, 4).missing, [0, 1, 2, 3]);
    assert.deepEqual(seen.unknown('ns3', more, 6).missing, []);
  });
});
