// A vault that stays open (the server) must honour a vault-key version destroyed or disabled after
// it derived that version's working keys, also when another process changed the key store.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { countingKeyring, tempKeyring } from '../../helpers/keyring.js';
import { Keyring } from '../../../src/keys/keyring.js';
import { LocalKek } from '../../../src/keys/kek/local.js';
import { SqliteKeyStore } from '../../../src/keys/store/sqlite.js';
import { MemoryAuditSink } from '../../../src/audit/jsonl-sink.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';

describe('vault: key version state is checked on every use, not only on first derivation', () => {
  for (const change of ['destroyed', 'disabled'] as const) {
    it(`detokenize refuses tokens of a version ${change} by another keyring on the same store`, async () => {
      const tk = await tempKeyring({ keys: [] });
      const vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
      // Another process: its own keyring over the same key store file.
      const other = new Keyring({ store: SqliteKeyStore.open(join(tk.dir, 'keys.db')), kek: new LocalKek(new Uint8Array(tk.masterKey)), audit: new MemoryAuditSink(), principal: 'admin' });
      try {
        const [token] = await vault.tokenize('ns', ['4111 1111 1111 1111']);
        assert.deepEqual(await vault.detokenize('ns', [token!]), ['4111 1111 1111 1111']);
        await other.rotate('vault');
        if (change === 'destroyed') await other.destroyVersion('vault', 1);
        else await other.setMinDecryptionVersion('vault', 2);
        await assert.rejects(vault.detokenize('ns', [token!]), { code: change === 'destroyed' ? 'ERR_KEY_VERSION_DESTROYED' : 'ERR_KEY_VERSION_DISABLED' });
        // New values go under version 2 and still round-trip.
        const [t2] = await vault.tokenize('ns', ['5500 0000 0000 0004']);
        assert.deepEqual(await vault.detokenize('ns', [t2!]), ['5500 0000 0000 0004']);
      } finally {
        await other.close();
        await vault.close();
        await tk.cleanup();
      }
    });
  }

  it('a tokenize or detokenize call reads the key store twice (the key, then its version), not five times', async () => {
    const tk = await tempKeyring({ keys: [] });
    const { keyring, reads } = countingKeyring(tk);
    const vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), keyring);
    try {
      const [warm] = await vault.tokenize('ns', ['first']);
      await vault.detokenize('ns', [warm!]);
      reads.length = 0;
      const [token] = await vault.tokenize('ns', ['jane@example.com']);
      assert.deepEqual(reads, ['getKey', 'getVersion']);
      reads.length = 0;
      assert.deepEqual(await vault.detokenize('ns', [token!]), ['jane@example.com']);
      assert.deepEqual(reads, ['getKey', 'getVersion']);
      reads.length = 0;
      await vault.tokenize('ns', ['5500 0000 0000 0004'], { format: { kind: 'preserve', keepLast: 4 } });
      assert.deepEqual(reads, ['getKey', 'getVersion']);
    } finally {
      await vault.close();
      await keyring.close();
      await tk.cleanup();
    }
  });
});
