// The guard's conversation vault reads the key store as the token vault does: the key, then its
// version, once per place() call and once per key version in a resolve() answer — not again for every
// placeholder (a resolve of many placeholders read both rows per placeholder before).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { countingKeyring, tempKeyring } from '../../helpers/keyring.js';
import { ConversationVault } from '../../../src/vault/conversation/vault.js';
import { SqliteConversationStore } from '../../../src/vault/conversation/sqlite.js';

describe('conversation vault: key-store reads per call', () => {
  it('place() reads the key and its version once; resolve() once per key version, whatever the number of placeholders', async () => {
    const tk = await tempKeyring({ keys: [] });
    const { keyring, reads } = countingKeyring(tk);
    const vault = await ConversationVault.open(SqliteConversationStore.open(join(tk.dir, 'guard.db')), keyring);
    const scope = { tenant: 't1', conversation: 'c1' };
    try {
      await vault.place(scope, [{ value: 'warm', entity: 'PERSON' }]);
      reads.length = 0;
      const values = ['Ann Lee', 'Bob Ray', 'ann@example.org', '+1 202 555 0143', 'Carl Diaz'].map((value, i) => ({ value, entity: i === 2 ? 'EMAIL_ADDRESS' : i === 3 ? 'PHONE_NUMBER' : 'PERSON' }));
      const placeholders = await vault.place(scope, values);
      assert.deepEqual(reads, ['getKey', 'getVersion']);
      reads.length = 0;
      const back = await vault.resolve(scope, placeholders);
      assert.deepEqual(placeholders.map((p) => back.get(p)), values.map((v) => v.value));
      assert.deepEqual(reads, ['getKey', 'getVersion']);
      // After a rotation the answer holds two versions: two read pairs.
      await keyring.rotate('guard-vault');
      const [newer] = await vault.place(scope, [{ value: 'Dana Noor', entity: 'PERSON' }]);
      reads.length = 0;
      const both = await vault.resolve(scope, [...placeholders, newer!]);
      assert.equal(both.get(newer!), 'Dana Noor');
      assert.deepEqual(reads, ['getKey', 'getVersion', 'getKey', 'getVersion']);
    } finally {
      await vault.close();
      await keyring.close();
      await tk.cleanup();
    }
  });
});
