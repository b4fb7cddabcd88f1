// What several commands open the same way: a contract file, and the workspace's token vault (its
// vault.db or shared store, or a separate PostgreSQL vault from --store or CORDON_VAULT_URL).
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readInsideFolder } from '../io/read-inside.js';
import { CordonError } from '../errors.js';
import { parseContract } from '../contracts/parse-contract.js';
import type { Contract, RecognizerDoc } from '../contracts/types.js';
import { recognizerDocFromYaml } from '../contracts/load-recognizers.js';
import type { Workspace } from '../workspace/workspace.js';
import { TokenVault } from '../vault/vault.js';
import { PostgresVaultStore } from '../vault/store/postgres.js';

/** A contract file; `recognizers` (a recognizer file's path, `--recognizers`) join the contract's own. */
export function readContract(path: string, recognizers?: string): Contract {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  // A recognizer file the contract names is read from the contract's folder (parseContract checks the path stays in it by text, readInsideFolder through symlinks too).
  return parseContract(text, {
    readFile: (ref) => readInsideFolder(dirname(path), ref),
    ...(recognizers !== undefined ? { recognizers: { doc: readRecognizerFile(recognizers), source: recognizers } } : {}),
  });
}

/** A recognizer file (`--recognizers FILE`) as a checked document: ERR_IO or ERR_RECOGNIZERS_INVALID. */
export function readRecognizerFile(path: string): RecognizerDoc {
  return recognizerDocFromYaml(readText(path));
}

/** A text file, or ERR_IO naming it. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
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
