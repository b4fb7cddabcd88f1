// The demo's contract edits and its policy grant: one purpose on one tokenized column that is not
// restricted; the Cedar permit policies/demo.cedar created when missing (with the policy folder when
// there is none, migrating an older policy.json), left alone when present, and never written beside
// a policy.json that does not parse.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('allows the purpose on the phone column only (not restricted), and keeps the draft\'s operators for the rest', () => {
    const d = draftDemoContract({ dataset: 'customers', columns, purpose: 'fraud-investigation', source: 'customers.csv' });
    assert.equal(d.revealColumn, 'phone');
    const ds = d.contract.datasets[0]!;
    assert.deepEqual(ds.columns.filter((c) => c.purposes.length > 0).map((c) => [c.name, c.purposes]), [['phone', ['fraud-investigation']]]);
    assert.equal(ds.columns.find((c) => c.name === 'phone')!.protect?.operator, 'tokenize');
    assert.notEqual(ds.columns.find((c) => c.name === 'phone')!.classification, 'restricted');
    assert.equal(ds.columns.find((c) => c.name === 'card')!.protect?.operator, 'fpe');
    // The draft marks the id column as the data subject, so date-shift can run.
    assert.equal(ds.subject, 'customer_id');
    assert.equal(ds.columns.find((c) => c.name === 'signup_date')!.protect?.operator, 'date-shift');
    assert.match(d.text, /# cordon demo: fraud-investigation may reveal this column/);
  });
});

describe('ensureDemoGrant', () => {
  const reveal = (columnClass: string, purpose: string) => ({
    principal: { id: 'demo:analyst', kind: 'user' as const, roles: [], attributes: {} },
    action: 'reveal' as const,
    resource: { type: 'column' as const, id: 'customers.phone', attributes: { classification: columnClass, allowedPurposes: ['fraud-investigation'], dataset: 'customers' } },
    context: { purpose, time: '2026-12-01T00:00:00Z' },
  });

  it('creates the policy folder (the examples) and demo.cedar when there is none; the permit decides', async () => {
    const home = tempDir('cordon-demo-policy-');
    const g = await ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation');
    assert.equal(g.status, 'created');
    assert.equal(g.path, join(home, 'policies', 'demo.cedar'));
    for (const f of ['forbids.cedar', 'cordon.cedarschema', 'tests/guardrails.yaml']) assert.ok(existsSync(join(home, 'policies', f)), f);
    assert.deepEqual(g.policy.authorize(reveal('confidential', 'fraud-investigation')).policies, ['demo.reveal']);
    assert.equal(g.policy.authorize(reveal('confidential', 'marketing')).allowed, false);
    // The example guardrails still apply: restricted data needs MFA.
    assert.deepEqual(g.policy.authorize(reveal('restricted', 'fraud-investigation')).policies, ['forbid.restricted-reveal-without-mfa']);
  });

  it('adds demo.cedar to an existing policy folder, then leaves it as it is', async () => {
    const home = tempDir('cordon-demo-policy-');
    assert.equal((await ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation')).status, 'created');
    rmSync(join(home, 'policies', 'demo.cedar'));
    assert.equal((await ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation')).status, 'added');
    const edited = readFileSync(join(home, 'policies', 'demo.cedar'), 'utf8').replace('"fraud-investigation"', '"billing"');
    writeFileSync(join(home, 'policies', 'demo.cedar'), edited);
    const g = await ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation');
    assert.equal(g.status, 'present');
    assert.equal(readFileSync(join(home, 'policies', 'demo.cedar'), 'utf8'), edited);
    assert.equal(g.policy.authorize(reveal('confidential', 'fraud-investigation')).allowed, false, 'the owner\'s edit decides');
  });

  it('migrates an older workspace\'s policy.json first, keeping its grants', async () => {
    const home = tempDir('cordon-demo-policy-');
    writeFileSync(join(home, 'policy.json'), '{"principals":{"local:alice":["billing"]}}');
    const g = await ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation');
    assert.equal(g.status, 'created');
    assert.equal(g.migratedGrants, 1);
    const alice = { ...reveal('confidential', 'billing'), principal: { id: 'local:alice', kind: 'user' as const, roles: [], attributes: {} } };
    assert.equal(g.policy.authorize({ ...alice, resource: { ...alice.resource, attributes: { ...alice.resource.attributes, allowedPurposes: ['billing'] } } }).allowed, true);
  });

  it('never writes beside a policy.json it cannot read', async () => {
    const home = tempDir('cordon-demo-policy-');
    writeFileSync(join(home, 'policy.json'), '{"principals": oops');
    await assert.rejects(ensureDemoGrant(home, 'demo:analyst', 'fraud-investigation'), (e: unknown) => e instanceof CordonError && e.code === 'ERR_CONFIG_INVALID');
    assert.equal(readFileSync(join(home, 'policy.json'), 'utf8'), '{"principals": oops');
    assert.equal(existsSync(join(home, 'policies')), false);
  });
});
