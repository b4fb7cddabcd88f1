// What several commands open the same way: a contract file, and the workspace's token vault (its
// vault.db or shared store, or a separate PostgreSQL vault from --store or CORDON_VAULT_URL).
import { readFileSync } from 'node:fs';
import { CordonError } from '../errors.js';
import { parseContract } from '../contracts/parse-contract.js';
import type { Contract } from '../contracts/types.js';
import type { Workspace } from '../workspace/workspace.js';
import { TokenVault } from '../vault/vault.js';
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

/**
 * The workspace's vault (its vault.db, or the shared store's table); `store` (or CORDON_VAULT_URL)
 * names a separate PostgreSQL vault instead.
 */
export async function openVault(ws: Workspace, store?: string): Promise<{ vault: TokenVault; description: string }> {
  const url = store ?? process.env['CORDON_VAULT_URL'];
  if (url === undefined) return { vault: await ws.openVault(), description: ws.store.kind === 'local' ? 'sqlite:vault.db' : ws.storeDescription };
  if (!/^postgres(?:ql)?:\/\//.test(url)) throw new CordonError('ERR_USAGE', '--store must be a postgres:// URL (without it the workspace\'s vault.db is used)');
  return { vault: await TokenVault.open(await PostgresVaultStore.open(url), ws.keyring), description: 'postgres' };
}
