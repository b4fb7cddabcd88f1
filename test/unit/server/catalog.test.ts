// ResourceCatalog: column and contract attributes from the contracts folder — classification,
// allowed purposes, dataset, and the contract's tenant and owner — and the refusal of a folder in
// which two contracts give one column (or one contract name) different tenants.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../helpers/paths.js';
import { tempDir } from '../../helpers/keyring.js';
import { ResourceCatalog } from '../../../src/server/catalog.js';

const base = readFileSync(repoPath('test/fixtures/contracts/customers.odcs.yaml'), 'utf8');
const withHead = (extra: string) => base.replace('status: active\n', `status: active\n${extra}`);

function folder(files: Record<string, string>): string {
  const d = join(tempDir('cordon-catalog-'), 'contracts');
  mkdirSync(d);
  for (const [n, text] of Object.entries(files)) writeFileSync(join(d, n), text);
  return d;
}

describe('ResourceCatalog', () => {
  it('puts the contract\'s tenant and owner on every column, and on the contract by file stem', () => {
    const c = ResourceCatalog.load(folder({ 'customers.yaml': withHead('tenant: acme\nteam:\n  name: crm-team\n') }));
    assert.deepEqual(c.column('customers.full_name'), { classification: 'restricted', allowedPurposes: ['fraud-investigation'], dataset: 'customers', tenant: 'acme', owner: 'crm-team' });
    assert.deepEqual(c.contract('customers'), { tenant: 'acme', owner: 'crm-team' });
    assert.deepEqual(c.column('customers.nope'), {});
    assert.deepEqual(c.contract('nope'), {});
  });

  it('a contract without tenant or owner adds neither', () => {
    const c = ResourceCatalog.load(folder({ 'customers.yaml': base }));
    assert.equal('tenant' in c.column('customers.email'), false);
    assert.equal('owner' in c.column('customers.email'), false);
    assert.deepEqual(c.contract('customers'), {});
  });

  it('two contracts that give one column different tenants stop the load; the same tenant is fine', () => {
    assert.throws(() => ResourceCatalog.load(folder({ 'a.yaml': withHead('tenant: acme\n'), 'b.yaml': withHead('tenant: globex\n') })), (e: { code?: string }) => e.code === 'ERR_CONTRACT_INVALID');
    assert.throws(() => ResourceCatalog.load(folder({ 'a.yaml': withHead('tenant: acme\n'), 'b.yaml': base })), (e: { code?: string }) => e.code === 'ERR_CONTRACT_INVALID');
    assert.equal(ResourceCatalog.load(folder({ 'a.yaml': withHead('tenant: acme\n'), 'b.yaml': withHead('tenant: acme\n') })).column('customers.email')['tenant'], 'acme');
  });
});
