// A tokenized column's vault namespace: the declared one, else <dataset>.<column>; a column name the
// vault does not take (spaces, brackets, @ — spreadsheet headers) is spelled with underscores and a
// digest of the exact name, so it is valid, stable, and apart from a name spelled alike.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VAULT_NAMESPACE_RE, vaultNamespace } from '../../../src/contracts/vault-namespace.js';

const ns = (dataset: string, name: string): string => vaultNamespace(dataset, { name });

describe('vaultNamespace', () => {
  it('keeps <dataset>.<column> and a declared namespace as they are', () => {
    assert.equal(ns('customers', 'email'), 'customers.email');
    assert.equal(ns('customers', 'address.city'), 'customers.address.city');
    assert.equal(vaultNamespace('customers', { name: 'Full Name', protect: { operator: 'tokenize', params: {}, namespace: 'crm.name' } }), 'crm.name');
  });

  it('gives column names the vault refuses a valid, stable namespace of their own', () => {
    const names = ['Full Name', 'Full_Name ', 'Phone (home)', 'e-mail@work', 'Straße', 'x'.repeat(300), '   ', '名前'];
    const seen = new Set<string>();
    for (const name of names) {
      const n = ns('export', name);
      assert.match(n, VAULT_NAMESPACE_RE, name);
      assert.equal(ns('export', name), n, 'the same name gives the same namespace');
      seen.add(n);
    }
    assert.equal(seen.size, names.length, 'names spelled alike stay apart');
    assert.match(ns('export', 'Full Name'), /^export\.Full_Name:[0-9a-f]{16}$/);
    assert.match(ns('_raw', 'id'), /^raw\.id:[0-9a-f]{16}$/, 'a dataset name starting with _');
  });
});
