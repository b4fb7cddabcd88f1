// Background WAL checkpoints (src/sqlite/checkpointer.ts): with them on, committed pages reach the
// database file without the writer ever checkpointing (its own threshold is raised far above what
// the test writes); stop() ends the worker and leaves the data readable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tempKeyring } from '../../helpers/keyring.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { TokenVault } from '../../../src/vault/vault.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background WAL checkpoints', () => {
  it('a worker moves committed pages into the database file; the writer never has to', async () => {
    const tk = await tempKeyring();
    const path = join(tempDir(), 'vault.db');
    const vault = await TokenVault.open(SqliteVaultStore.open(path, { backgroundCheckpoints: true }), tk.keyring);
    try {
      const values = Array.from({ length: 4000 }, (_, i) => `person${i}@example.com`);
      const tokens = await vault.tokenize('crm.email', values);
      const before = statSync(path).size;
      let after = before;
      for (let waited = 0; waited < 10_000 && after <= before; waited += 100) {
        await sleep(100);
        after = statSync(path).size;
      }
      assert.ok(after > before, `vault.db stayed at ${before} bytes: no checkpoint ran`);
      assert.deepEqual(await vault.detokenize('crm.email', tokens.slice(0, 5)), values.slice(0, 5));
    } finally {
      await vault.close();
      await tk.cleanup();
    }
    // Closed cleanly: the file opens again with every value.
    const again = SqliteVaultStore.open(path);
    assert.equal(await again.count(), 4000);
    await again.close();
  });
});
