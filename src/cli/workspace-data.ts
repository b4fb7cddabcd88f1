// What several commands open the same way: a contract file, and the workspace's token vault (its
// vault.db, or a PostgreSQL store from --store or CORDON_VAULT_URL).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../errors.js';
import { parseContract } from '../contracts/parse-contract.js';
import type { Contract } from '../contracts/types.js';
import type { Keyring } from '../keys/keyring.js';
import { TokenVault } from '../vault/vault.js';
import { SqliteVaultStore } from '../vault/store/sqlite.js';
import { PostgresVaultStore } from '../vault/store/postgres.js';

export function readContract(path: string): Contract {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return parseContract(text);
}

/** The vault of the workspace at `home`; `store` (or CORDON_VAULT_URL) names a PostgreSQL one instead. */
export async function openVault(home: string, keyring: Keyring, store?: string): Promise<{ vault: TokenVault; description: string }> {
  const url = store ?? process.env['CORDON_VAULT_URL'];
  if (url === undefined) return { vault: await TokenVault.open(SqliteVaultStore.open(join(home, 'vault.db')), keyring), description: 'sqlite:vault.db' };
  if (!/^postgres(?:ql)?:\/\//.test(url)) throw new CordonError('ERR_USAGE', '--store must be a postgres:// URL (without it the workspace\'s vault.db is used)');
  return { vault: await TokenVault.open(await PostgresVaultStore.open(url), keyring), description: 'postgres' };
}
