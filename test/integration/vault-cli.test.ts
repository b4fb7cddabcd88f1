// `cordon vault rewrap` on a workspace: values tokenized through the library, the vault key
// rotated with the CLI, rewrap re-seals them, the old version can then be disabled and every token
// still resolves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.js';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';

describe('cordon vault rewrap', () => {
  it('re-seals under the new version; tokens still resolve after the old version is disabled', async () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const env = { ...s.env } as NodeJS.ProcessEnv;
      const open = async () => {
        const ws = await openWorkspace({ env, cwd: s.dir });
        return { ws, vault: await TokenVault.open(SqliteVaultStore.open(join(ws.home, 'vault.db')), ws.keyring) };
      };
      let { ws, vault } = await open();
      const values = ['ada@example.com', 'alan@example.com', 'grace@example.com'];
      const tokens = await vault.tokenize('people.email', values);
      await vault.close();
      await ws.close();

      assert.equal(s.run(['keys', 'rotate', 'vault']).status, 0);
      const r = s.run(['vault', 'rewrap', '--json']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { rewrapped: 3, version: 2 });
      assert.equal(s.run(['keys', 'set-min-version', 'vault', '2']).status, 0);
      for (const v of values) assert.equal(r.stdout.includes(v) || r.stderr.includes(v), false);

      ({ ws, vault } = await open());
      assert.deepEqual(await vault.detokenize('people.email', tokens), values);
      await vault.close();
      await ws.close();
    } finally {
      s.cleanup();
    }
  });

  it('refuses a --store that is not a postgres:// URL', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const r = s.run(['vault', 'rewrap', '--store', 'mysql://x']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /ERR_USAGE/);
    } finally {
      s.cleanup();
    }
  });
});
