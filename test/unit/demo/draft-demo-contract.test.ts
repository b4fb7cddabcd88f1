// The demo's contract edits and its policy grant: one purpose on one tokenized column; policy.json
// created when missing, left alone when it already grants, extended (other entries kept) when not,
// and never rewritten when it does not parse.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CUSTOMER_COLUMNS, generateCustomers } from '../../../src/demo/generate-customers.js';
import { draftDemoContract } from '../../../src/demo/draft-demo-contract.js';
import { ensureDemoGrant } from '../../../src/demo/ensure-demo-grant.js';
import { classifyColumns } from '../../../src/detect/columns/index.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { CordonError } from '../../../src/errors.js';
import { tempDir } from '../../helpers/keyring.js';

describe('draftDemoContract', () => {
  const columns = classifyColumns({ columns: CUSTOMER_COLUMNS, records: generateCustomers({ rows: 100, seed: 1 }) }, { recognizers: DEFAULT_RECOGNIZERS });

  it('allows the purpose on the ssn column only, and keeps the draft\'s operators for the rest', () => {
    const d = draftDemoContract({ dataset: 'customers', columns, purpose: 'fraud-investigation', source: 'customers.csv' });
    assert.equal(d.revealColumn, 'ssn');
    const ds = d.contract.datasets[0]!;
    assert.deepEqual(ds.columns.filter((c) => c.purposes.length > 0).map((c) => [c.name, c.purposes]), [['ssn', ['fraud-investigation']]]);
    assert.equal(ds.columns.find((c) => c.name === 'ssn')!.protect?.operator, 'tokenize');
    assert.equal(ds.columns.find((c) => c.name === 'card')!.protect?.operator, 'fpe');
    // The draft marks the id column as the data subject, so date-shift can run.
    assert.equal(ds.subject, 'customer_id');
    assert.equal(ds.columns.find((c) => c.name === 'signup_date')!.protect?.operator, 'date-shift');
    assert.match(d.text, /# cordon demo: fraud-investigation may reveal this column/);
  });
});

describe('ensureDemoGrant', () => {
  it('creates policy.json when it is missing', () => {
    const home = tempDir('cordon-demo-policy-');
    const g = ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation');
    assert.equal(g.status, 'created');
    assert.deepEqual(JSON.parse(readFileSync(join(home, 'policy.json'), 'utf8')), { principals: { 'demo:analyst': ['fraud-investigation'] } });
  });

  it('leaves a policy that grants the purpose untouched', () => {
    const home = tempDir('cordon-demo-policy-');
    const text = '{"principals":{"demo:analyst":["fraud-investigation"],"local:alice":["x"]}}';
    writeFileSync(join(home, 'policy.json'), text);
    assert.equal(ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation').status, 'present');
    assert.equal(readFileSync(join(home, 'policy.json'), 'utf8'), text);
  });

  it('adds the one grant to a policy without it, keeping every other entry', () => {
    const home = tempDir('cordon-demo-policy-');
    writeFileSync(join(home, 'policy.json'), '{"principals":{"local:alice":["billing"],"demo:analyst":["audit"]}}');
    const g = ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation');
    assert.equal(g.status, 'added');
    assert.deepEqual(JSON.parse(readFileSync(join(home, 'policy.json'), 'utf8')), { principals: { 'local:alice': ['billing'], 'demo:analyst': ['audit', 'fraud-investigation'] } });
  });

  it('never rewrites a policy file it cannot read', () => {
    const home = tempDir('cordon-demo-policy-');
    writeFileSync(join(home, 'policy.json'), '{"principals": oops');
    assert.throws(() => ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation'), (e: unknown) => e instanceof CordonError && e.code === 'ERR_CONFIG_INVALID');
    assert.equal(readFileSync(join(home, 'policy.json'), 'utf8'), '{"principals": oops');
  });
});
