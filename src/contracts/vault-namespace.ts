// The vault namespace a tokenized column's tokens live in: the column's cordonProtect `namespace`
// when the contract names one (columns of several datasets sharing tokens, so a join key stays
// joinable), else `<dataset>.<column>`. Protect, reveal, erasure (through the run manifest),
// retention and the server's resource catalog all ask here, so they cannot disagree. Pure.
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
  return column.protect?.namespace ?? `${dataset}.${column.name}`;
}
