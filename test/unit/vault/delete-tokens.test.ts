// Issue 18 item 3: the vault deletes a subject's tokens. v2 and preserve (v1) tokens go, other
// values keep theirs, unknown and malformed tokens are skipped, and after VACUUM the SQLite file
// holds no byte of a deleted row's ciphertext.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tempKeyring } from '../../helpers/keyring.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { PostgresVaultStore } from '../../../src/vault/store/postgres.js';
import type { VaultStore } from '../../../src/vault/types.js';
import { PG_SKIP, ScratchSchemas } from '../../helpers/pg-schemas.js';

const schemas = new ScratchSchemas('cordon_vault_delete');
const BACKENDS: Array<[string, () => Promise<VaultStore>, { skip?: string }]> = [
  ['SQLite', async () => SqliteVaultStore.open(join(tempDir(), 'vault.db')), {}],
  ['PostgreSQL', async () => PostgresVaultStore.open((await schemas.create()).url), PG_SKIP],
];

describe('vault: deleteTokens', () => {
  after(() => schemas.dropAll());
  for (const [name, open, skip] of BACKENDS) it(`${name}: deletes v2 and preserve tokens in their namespace only; vacuum runs`, skip, async () => {
    const k = await tempKeyring();
    const vault = await TokenVault.open(await open(), k.keyring);
    try {
      const [a, b] = await vault.tokenize('people.email', ['a@example.com', 'b@example.com']);
      const [card] = await vault.tokenize('people.card', ['4111111111111111'], { format: { kind: 'preserve', keepLast: 4 } });
      const [other] = await vault.tokenize('other.email', ['a@example.com']);
      assert.equal(await vault.deleteTokens('people.email', [a!, 'tok_v2_AAAAAAAAAAAAAAAAAAAAAA', 'x'.repeat(5000), '']), 1);
      assert.equal(await vault.deleteTokens('people.card', [card!]), 1);
      assert.deepEqual(await vault.detokenize('people.email', [a!, b!]), [undefined, 'b@example.com']);
      assert.deepEqual(await vault.detokenize('people.card', [card!]), [undefined]);
      assert.deepEqual(await vault.detokenize('other.email', [other!]), ['a@example.com']);
      // Deleting again is a no-op.
      assert.equal(await vault.deleteTokens('people.email', [a!]), 0);
      await assert.rejects(vault.deleteTokens('bad namespace', [a!]), { code: 'ERR_INPUT_INVALID' });
      await vault.vacuum();
      assert.deepEqual(await vault.detokenize('people.email', [b!]), ['b@example.com']);
    } finally {
      await vault.close();
      await k.cleanup();
    }
  });

  it('after vacuum the database file no longer holds the deleted ciphertext', async () => {
    const k = await tempKeyring();
    const dir = tempDir();
    const path = join(dir, 'vault.db');
    const store = SqliteVaultStore.open(path);
    const vault = await TokenVault.open(store, k.keyring);
    try {
      const [t] = await vault.tokenize('n', ['erase-me-please-0123456789']);
      const sealed = (await store.getSiv('n', [Buffer.from(t!.slice(7), 'base64url')])).values().next().value!.ciphertext;
      await vault.vacuum();
      assert.ok(readFileSync(path).includes(Buffer.from(sealed)), 'the row is on disk before the delete');
      await vault.deleteTokens('n', [t!]);
      await vault.vacuum();
      assert.equal(readFileSync(path).includes(Buffer.from(sealed)), false);
    } finally {
      await vault.close();
      await k.cleanup();
    }
  });
});
