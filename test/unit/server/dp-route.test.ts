// POST /v1/dp/query in-process with inject(): the query runs over a dataset the server holds (config
// dp.datasets), never over records the caller sends; the policy hook decides dp:query on the dataset
// (attributes from the server's config) before an unknown name is told apart (404); the budget is
// spent (dp.spend audited), an overspending query is 403 ERR_BUDGET_EXHAUSTED with nothing released,
// malformed requests are 400, and a server without a ledger answers 503.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import { ana, DpAnalyticsAuthorizer } from '../../helpers/dp-authorizer.js';
import { SqliteBudgetLedger } from '../../../src/privacy/ledger/sqlite.js';
import { SqliteSubjectIndex } from '../../../src/erasure/store/sqlite.js';
import { lookupTombstones } from '../../../src/server/lookup-tombstones.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: visits-contract
version: 1.0.0
status: active
schema:
  - name: visits
    customProperties:
      - property: cordonPrivacyBudget
        value: { epsilon: 1, maxContributions: 1 }
    properties:
      - name: patient_id
        primaryKey: true
        classification: restricted
      - name: region
        classification: internal
      - name: age
        classification: confidential
`;

describe('server: POST /v1/dp/query', () => {
  let tk: TempKeyring;
  let authz: DpAnalyticsAuthorizer;
  let server: ReturnType<typeof buildServer>;
  let bare: ReturnType<typeof buildServer>;
  const headers = { authorization: 'Bearer good', 'x-cordon-purpose': 'analytics' };
  const records = Array.from({ length: 400 }, (_, i) => ({ patient_id: `p${i}`, region: ['north', 'south'][i % 2]!, age: 20 + (i % 60) }));
  const csv = ['patient_id,region,age', ...records.map((r) => `${r.patient_id},${r.region},${r.age}`)].join('\n') + '\n';

  before(async () => {
    tk = await tempKeyring();
    mkdirSync(join(tk.dir, 'contracts'));
    writeFileSync(join(tk.dir, 'contracts', 'visits.yaml'), CONTRACT);
    writeFileSync(join(tk.dir, 'visits.csv'), csv);
    authz = new DpAnalyticsAuthorizer();
    const options = { authenticators: { jwt: async (t: string) => { if (t !== 'good') throw new Error('bad'); return ana; } }, authorizer: authz };
    const dpDatasets = new Map([['visits', { file: join(tk.dir, 'visits.csv'), contract: 'visits' }]]);
    // The dataset has a subject column (patient_id): erased subjects' records are left out, so the server needs its subject index.
    const index = SqliteSubjectIndex.open(join(tk.dir, 'subjects.db'));
    const deps = { keyring: tk.keyring, audit: tk.audit, recognizers: DEFAULT_RECOGNIZERS, contractsDir: join(tk.dir, 'contracts'), dpDatasets, tombstones: lookupTombstones(async () => index, tk.keyring) };
    server = buildServer({ ...deps, openPrivacyLedger: async () => SqliteBudgetLedger.open(join(tk.dir, 'privacy.db')) }, options);
    bare = buildServer(deps, options);
  });
  after(async () => {
    await server.app.close();
    await bare.app.close();
    await tk.cleanup();
  });

  it('answers a count by known groups, spends ε, audits dp.spend; the policy saw dp:query on the dataset', async () => {
    const r = await server.app.inject({ method: 'POST', url: '/v1/dp/query', headers, payload: { dataset: 'visits', stat: 'count', by: 'region', categories: ['north', 'south'], epsilon: 0.5 } });
    assert.equal(r.statusCode, 200, r.body);
    const doc = r.json();
    assert.deepEqual(doc.rows.map((x: { region: string }) => x.region), ['north', 'south']);
    for (const row of doc.rows) assert.ok(Math.abs(row.count - 200) < 40, JSON.stringify(row));
    assert.equal(doc.mechanism, 'discrete-laplace');
    assert.equal(doc.epsilon, 0.5);
    assert.deepEqual([doc.budget.spent, doc.budget.left], [0.5, 0.5]);
    const seen = authz.seen.at(-1)!;
    assert.equal(seen.action, 'dp:query');
    assert.equal(seen.resource.type, 'dataset');
    assert.equal(seen.resource.id, 'visits');
    // The contract is the server's choice (config), not the caller's.
    assert.equal(seen.resource.attributes['contract'], 'visits');
    const spend = tk.audit.events.filter((e) => e.type === 'dp.spend');
    assert.equal(spend.at(-1)!.outcome, 'success');
    assert.equal(spend.at(-1)!.principal, 'user:ana');
  });

  it('the SQL form, then a query over the budget: 403 ERR_BUDGET_EXHAUSTED, nothing released, audited', async () => {
    const ok = await server.app.inject({ method: 'POST', url: '/v1/dp/query', headers, payload: { dataset: 'visits', sql: 'SELECT COUNT(*) FROM visits', epsilon: 0.25 } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().budget.left, 0.25);
    const over = await server.app.inject({ method: 'POST', url: '/v1/dp/query', headers, payload: { dataset: 'visits', stat: 'count', epsilon: 0.5 } });
    assert.equal(over.statusCode, 403);
    assert.equal(over.json().code, 'ERR_BUDGET_EXHAUSTED');
    assert.equal(over.json().rows, undefined);
    const spend = tk.audit.events.filter((e) => e.type === 'dp.spend');
    assert.equal(spend.at(-1)!.outcome, 'failure');
    assert.equal(spend.at(-1)!.reason, 'ERR_BUDGET_EXHAUSTED');
  });

  it('denied without the purpose the policy wants (403 ERR_POLICY_DENIED), nothing spent', async () => {
    const before = tk.audit.events.filter((e) => e.type === 'dp.spend').length;
    const r = await server.app.inject({ method: 'POST', url: '/v1/dp/query', headers: { authorization: 'Bearer good' }, payload: { dataset: 'visits', stat: 'count', epsilon: 0.1 } });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().code, 'ERR_POLICY_DENIED');
    assert.equal(tk.audit.events.filter((e) => e.type === 'dp.spend').length, before);
  });

  it('malformed requests are 400 and spend nothing', async () => {
    for (const payload of [
      { dataset: 'visits', stat: 'count' },                                   // no epsilon or rho
      { dataset: 'visits', stat: 'count', epsilon: 0.1, rho: 0.1 },           // both
      { dataset: 'visits', stat: 'count', epsilon: -1 },                       // schema
      { dataset: 'visits', stat: 'count', epsilon: 0.1, extra: 1 },               // schema
      { dataset: 'visits', sql: 'SELECT COUNT(*) FROM visits', stat: 'count', epsilon: 0.1 },
      { dataset: '../etc/passwd', stat: 'count', epsilon: 0.1 },
      { dataset: 'visits', stat: 'count', epsilon: 0.1, records },                      // records are never taken from the caller
      { dataset: 'visits', contract: 'other', stat: 'count', epsilon: 0.1 },             // nor the contract
      { stat: 'count', epsilon: 0.1 },                                                   // no dataset
      { dataset: 'visits', sql: 'SELECT COUNT(*) FROM other', epsilon: 0.1 },           // FROM names another dataset
    ]) {
      const r = await server.app.inject({ method: 'POST', url: '/v1/dp/query', headers, payload });
      assert.equal(r.statusCode, 400, JSON.stringify(payload).slice(0, 80));
    }
  });

  it('an unknown dataset: denied by the policy first (403), else 404 ERR_NOT_FOUND; nothing spent', async () => {
    const before = tk.audit.events.filter((e) => e.type === 'dp.spend').length;
    const denied = await server.app.inject({ method: 'POST', url: '/v1/dp/query', headers: { authorization: 'Bearer good' }, payload: { dataset: 'payroll', stat: 'count', epsilon: 0.1 } });
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().code, 'ERR_POLICY_DENIED');
    const unknown = await server.app.inject({ method: 'POST', url: '/v1/dp/query', headers, payload: { dataset: 'payroll', stat: 'count', epsilon: 0.1 } });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'ERR_NOT_FOUND');
    // The policy saw the name with no attributes: none come from the request.
    assert.deepEqual(authz.seen.at(-1)!.resource.attributes, {});
    assert.equal(tk.audit.events.filter((e) => e.type === 'dp.spend').length, before);
  });

  it('a server without a ledger answers 503', async () => {
    const r = await bare.app.inject({ method: 'POST', url: '/v1/dp/query', headers, payload: { dataset: 'visits', stat: 'count', epsilon: 0.1 } });
    assert.equal(r.statusCode, 503);
    assert.equal(r.json().code, 'ERR_STORE_UNAVAILABLE');
  });
});
