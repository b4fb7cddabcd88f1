// POST /v1/dp/query over a dataset whose contract requires consent (docs/consent.md): only records
// whose subject holds a standing grant of the request's purpose in the registry are counted, whatever
// X-Cordon-Consent claims; an erased subject's records never count (tombstones); no purpose or no
// registry is refused before the policy. The answer does not say how many records were left out.
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
import { SqliteConsentStore } from '../../../src/consent/store/sqlite.js';
import { lookupTombstones } from '../../../src/server/lookup-tombstones.js';
import { lookupConsent } from '../../../src/consent/lookup-consent.js';
import { changeConsent } from '../../../src/consent/change-consent.js';
import { commitSubject, subjectIndexKey } from '../../../src/erasure/commitment.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: visits-contract
version: 1.0.0
status: active
schema:
  - name: visits
    customProperties:
      - property: cordonPrivacyBudget
        value: { epsilon: 1000, maxContributions: 1 }
      - property: cordonConsent
        value: { required: true }
    properties:
      - { name: patient_id, primaryKey: true, classification: restricted }
      - { name: region, classification: internal }
`;

describe('server: POST /v1/dp/query on a dataset that requires consent', () => {
  let tk: TempKeyring;
  let index: SqliteSubjectIndex;
  let registry: SqliteConsentStore;
  const authz = new DpAnalyticsAuthorizer();
  let server: ReturnType<typeof buildServer>;
  let noRegistry: ReturnType<typeof buildServer>;
  const ids = Array.from({ length: 40 }, (_, i) => `p${i}`);

  before(async () => {
    tk = await tempKeyring();
    mkdirSync(join(tk.dir, 'contracts'));
    writeFileSync(join(tk.dir, 'contracts', 'visits.yaml'), CONTRACT);
    writeFileSync(join(tk.dir, 'visits.csv'), ['patient_id,region', ...ids.map((id) => `${id},north`)].join('\n') + '\n');
    index = SqliteSubjectIndex.open(join(tk.dir, 'subjects.db'));
    registry = SqliteConsentStore.open(join(tk.dir, 'consent.db'));
    const change = { registry, keyring: tk.keyring, auditSubject: () => 'x', emit: () => undefined };
    // p0..p19 granted analytics; p5 withdrew it; p6 was erased; p20..p39 granted marketing only.
    for (const id of ids.slice(0, 20)) await changeConsent({ action: 'grant', subjectId: id, purposes: ['analytics'], principal: 'dpo' }, change);
    for (const id of ids.slice(20)) await changeConsent({ action: 'grant', subjectId: id, purposes: ['marketing'], principal: 'dpo' }, change);
    await changeConsent({ action: 'withdraw', subjectId: 'p5', purposes: ['analytics'], principal: 'dpo' }, change);
    await index.addTombstone({ commitment: commitSubject(await subjectIndexKey(tk.keyring), 'p6'), scope: 'visits-contract/visits', erasureId: 'e-1', at: Date.now() });
    const options = { authenticators: { jwt: async (t: string) => { if (t !== 'good') throw new Error('bad'); return ana; } }, authorizer: authz };
    const deps = {
      keyring: tk.keyring, audit: tk.audit, recognizers: DEFAULT_RECOGNIZERS, contractsDir: join(tk.dir, 'contracts'),
      dpDatasets: new Map([['visits', { file: join(tk.dir, 'visits.csv'), contract: 'visits' }]]),
      tombstones: lookupTombstones(async () => index, tk.keyring),
      openPrivacyLedger: async () => SqliteBudgetLedger.open(join(tk.dir, 'privacy.db')),
    };
    server = buildServer({ ...deps, consent: lookupConsent(async () => registry, tk.keyring) }, options);
    noRegistry = buildServer(deps, options);
  });
  after(async () => {
    await server.app.close();
    await noRegistry.app.close();
    await index.close();
    await registry.close();
    await tk.cleanup();
  });

  const query = { dataset: 'visits', stat: 'count', by: 'region', categories: ['north'], epsilon: 25 };

  it('counts only the subjects that granted the purpose and are not erased, whatever the consent header says', async () => {
    const r = await server.app.inject({ method: 'POST', url: '/v1/dp/query', headers: { authorization: 'Bearer good', 'x-cordon-purpose': 'analytics', 'x-cordon-consent': 'granted' }, payload: query });
    assert.equal(r.statusCode, 200, r.body);
    // 18 = p0..p19 less p5 (withdrew) and p6 (erased). Noise at ε = 25 (sensitivity 1): |x| ≥ 1 with probability ~1e-11.
    assert.equal(Math.round(r.json().rows[0].count), 18, r.body);
    assert.deepEqual(Object.keys(r.json()).filter((k) => /consent|erased|rows?In/i.test(k)), [], 'no exact count of the records left out');
    assert.equal(authz.seen.at(-1)!.context.consent, true, 'context.consent is the registry\'s (records without a grant were left out)');
  });

  it('no purpose, or no consent registry: refused before the policy (ERR_CONSENT_MISSING)', async () => {
    const before = authz.seen.length;
    const bare = await server.app.inject({ method: 'POST', url: '/v1/dp/query', headers: { authorization: 'Bearer good', 'x-cordon-consent': 'granted' }, payload: query });
    assert.equal(bare.json().code, 'ERR_CONSENT_MISSING', bare.body);
    const none = await noRegistry.app.inject({ method: 'POST', url: '/v1/dp/query', headers: { authorization: 'Bearer good', 'x-cordon-purpose': 'analytics' }, payload: query });
    assert.equal(none.json().code, 'ERR_CONSENT_MISSING', none.body);
    assert.equal(authz.seen.length, before, 'the policy was not asked');
  });
});
