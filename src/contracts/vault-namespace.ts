// The vault namespace a tokenized column's tokens live in: the column's cordonProtect `namespace`
// when the contract names one (columns of several datasets sharing tokens, so a join key stays
// joinable), else `<dataset>.<column>`. A column name the vault does not take as a namespace
// ("Full Name", "Phone (home)", "e-mail@work": what spreadsheet headers hold) is spelled with
// underscores and followed by a digest of the exact name, so two names that spell alike stay apart.
// Protect, reveal, erasure (through the run manifest), retention and the server's resource catalog
// all ask here, so they cannot disagree. Pure.
import { sha256 } from '../crypto/hash.js';
import type { ContractColumn } from './types.js';

/** What a declared namespace may be: the same names the vault API accepts (POST /v1/tokenize). */
export const VAULT_NAMESPACE_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * @example
 * ```ts
 * vaultNamespace('customers', { name: 'email', protect: { operator: 'tokenize', params: {}, namespace: 'crm.email' } }); // 'crm.email'
 * ```
 */
export function vaultNamespace(dataset: string, column: Pick<ContractColumn, 'name' | 'protect'>): string {
  if (column.protect?.namespace !== undefined) return column.protect.namespace;
  const plain = `${dataset}.${column.name}`;
  if (VAULT_NAMESPACE_RE.test(plain)) return plain;
  const digest = Buffer.from(sha256(new TextEncoder().encode(plain))).toString('hex').slice(0, 16);
  const spelled = plain.replace(/[^A-Za-z0-9._:-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 128 - 1 - digest.length);
  return `${spelled === '' ? 'ns' : spelled}:${digest}`;
}
