// Data contracts: ODCS v3.1.0 documents validated against the standard's schema, Cordon's
// customProperties read per column, every problem reported with its path and ERR_CONTRACT_INVALID.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseContract } from '../../../src/contracts/parse-contract.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/contracts/${name}`, import.meta.url), 'utf8');

describe('parseContract', () => {
  it('accepts the ODCS project\'s full example', () => {
    const c = parseContract(fixture('full-example.odcs.yaml'));
    assert.equal(c.id, '53581432-6c55-4ba2-a65f-72344a91553a');
    assert.deepEqual(c.datasets.map((d) => d.name), ['tbl', 'receivers']);
    assert.equal(c.datasets[0]!.columns.find((x) => x.name === 'rcvr_id')?.classification, 'restricted');
    assert.match(c.sha256, /^[0-9a-f]{64}$/);
  });

  it('reads cordonEntity, cordonProtect and cordonPurposes; an unclassified column is confidential', () => {
    const c = parseContract(fixture('customers.odcs.yaml'));
    const [ds] = c.datasets;
    const col = (n: string) => ds!.columns.find((x) => x.name === n)!;
    assert.deepEqual(col('full_name'), { name: 'full_name', logicalType: 'string', required: false, classification: 'restricted', entity: 'PERSON', protect: { operator: 'tokenize', params: {} }, purposes: ['fraud-investigation'] });
    assert.deepEqual(col('email').protect, { operator: 'deterministic', params: { scope: 'customers' } });
    assert.equal(col('customer_id').required, true);
    assert.equal(col('notes').classification, 'confidential', 'fail closed');
  });

  const bad: Array<[string, string, RegExp]> = [
    ['not YAML', 'a: [1,\n', /not valid YAML/],
    ['not ODCS', 'kind: DataContract\napiVersion: v9\n', /ODCS v3\.1\.0/],
    ['a duplicate key', 'id: a\nid: b\n', /not valid YAML/],
    ['a bad classification', fixture('customers.odcs.yaml').replace('classification: internal', 'classification: secret-ish'), /classification/],
    ['cordonProtect without an operator', fixture('customers.odcs.yaml').replace('{ operator: keep }', '{ params: {} }'), /cordonProtect/],
    ['an unknown operator', fixture('customers.odcs.yaml').replace('{ operator: keep }', '{ operator: shred }'), /shred/],
    ['bad operator params', fixture('customers.odcs.yaml').replace('{ operator: keep }', '{ operator: mask, params: { keepFirst: -1 } }'), /keepFirst/],
    ['a parameter the run operator lacks', fixture('customers.odcs.yaml').replace('{ operator: tokenize }', '{ operator: tokenize, params: { colour: red } }'), /colour/],
    ['a misspelt cordonProtect key (namespace)', fixture('customers.odcs.yaml').replace('{ operator: tokenize }', '{ operator: tokenize, namepsace: crm.people }'), /cordonProtect\/namepsace: unknown key/],
    ['a misspelt cordonProtect key (keyScope)', fixture('customers.odcs.yaml').replace('{ operator: keep }', '{ operator: keep, keyscope: subject }'), /cordonProtect\/keyscope: unknown key/],
    ['a duplicate column', fixture('customers.odcs.yaml').replace('name: notes', 'name: email'), /duplicate column/],
    ['no dataset', 'apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n', /no dataset/],
  ];
  for (const [what, text, msg] of bad) {
    it(`refuses ${what} with ERR_CONTRACT_INVALID`, () => {
      assert.throws(() => parseContract(text), (e: { code?: string; message?: string }) => e.code === 'ERR_CONTRACT_INVALID' && msg.test(e.message ?? ''));
    });
  }

  it('refuses an oversized document before parsing it', () => {
    assert.throws(() => parseContract('#'.repeat(5 * 1024 * 1024)), { code: 'ERR_CONTRACT_INVALID' });
  });
  it('reads the contract\'s tenant and owner (ODCS team name, or the older team array\'s owner member)', () => {
    const full = parseContract(fixture('full-example.odcs.yaml'));
    assert.equal(full.tenant, 'ClimateQuantumInc');
    assert.equal(full.owner, 'my-team');
    const base = fixture('customers.odcs.yaml');
    const plain = parseContract(base);
    assert.equal('tenant' in plain, false);
    assert.equal('owner' in plain, false);
    const withTenant = (extra: string) => base.replace('status: active\n', `status: active\n${extra}`);
    assert.equal(parseContract(withTenant('tenant: acme\n')).tenant, 'acme');
    const legacy = parseContract(withTenant('team:\n  - username: ann@acme.example\n    role: steward\n  - username: bob@acme.example\n    role: Owner\n'));
    assert.equal(legacy.owner, 'bob@acme.example');
    assert.throws(() => parseContract(withTenant('tenant: "acme corp; drop"\n')), (e: { code?: string }) => e.code === 'ERR_CONTRACT_INVALID');
  });
});
