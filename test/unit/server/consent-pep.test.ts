// Issue 18 item 7: the server's PEP reads consent from the registry for a column whose contract
// requires it (cordonConsent): the caller's X-Cordon-Consent is overridden; no subject, no purpose,
// no registry, or no grant of the purpose is 403 ERR_CONSENT_MISSING before the policy decides, with
// the refusal audited (never the subject id); a grant gives the policy context.consent = true, and
// a withdrawal takes effect on the next request. Columns without cordonConsent are unchanged.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import { ResourceCatalog } from '../../../src/server/catalog.js';
import type { Authorizer, AuthzRequest } from '../../../src/server/authorize.js';
import type { Principal } from '../../../src/server/principal.js';
import type { ConsentLookup } from '../../../src/server/route.js';
import { SqliteConsentStore } from '../../../src/consent/store/sqlite.js';
import { changeConsent } from '../../../src/consent/change-consent.js';
import { lookupConsent } from '../../../src/consent/lookup-consent.js';
import { lookupTombstones } from '../../../src/server/lookup-tombstones.js';
import { SqliteSubjectIndex } from '../../../src/erasure/store/sqlite.js';
import { commitSubject, subjectIndexKey } from '../../../src/erasure/commitment.js';

const contract = (id: string, dataset: string, consent: boolean) => `apiVersion: v3.1.0
kind: DataContract
id: ${id}
version: 1.0.0
status: active
schema:
  - name: ${dataset}
${consent ? '    customProperties: [{ property: cordonConsent, value: { required: true } }]\n' : ''}    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal }
      - { name: email, logicalType: string, classification: restricted, customProperties: [{ property: cordonEntity, value: EMAIL_ADDRESS }, { property: cordonProtect, value: { operator: tokenize } }] }
`;

class AllowAll implements Authorizer {
  readonly seen: AuthzRequest[] = [];
  authorize(r: AuthzRequest) { this.seen.push(r); return { allowed: true, policies: ['allow-all'], errors: [] }; }
}

describe('server: consent from the registry (issue 18 item 7)', () => {
  let tk: TempKeyring;
  let vault: TokenVault;
  let registry: SqliteConsentStore;
  let index: SqliteSubjectIndex;
  const alice: Principal = { id: 'user:alice', roles: [], attributes: {}, via: 'jwt' };
  const auth = { authorization: 'Bearer t' };
  before(async () => {
    tk = await tempKeyring();
    vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
    mkdirSync(join(tk.dir, 'contracts'));
    writeFileSync(join(tk.dir, 'contracts', 'people.yaml'), contract('people', 'people', true));
    writeFileSync(join(tk.dir, 'contracts', 'staff.yaml'), contract('staff', 'staff', false));
    registry = SqliteConsentStore.open(join(tk.dir, 'consent.db'));
    index = SqliteSubjectIndex.open(join(tk.dir, 'subjects.db'));
  });
  after(async () => { await registry.close(); await index.close(); await vault.close(); await tk.cleanup(); });

  it('the registry decides consent for consent-requiring columns, before the policy', async () => {
    const lookup: ConsentLookup = lookupConsent(async () => registry, tk.keyring);
    const authz = new AllowAll();
    const make = (consent?: ConsentLookup, tombstones = true) => buildServer({
      keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS, catalog: ResourceCatalog.load(join(tk.dir, 'contracts')), ...(consent ? { consent } : {}),
      ...(tombstones ? { tombstones: lookupTombstones(async () => index, tk.keyring) } : {}),
    }, { authenticators: { jwt: async () => alice }, authorizer: authz });
    const s = make(lookup);
    const call = (headers: Record<string, string>, namespace = 'people.email') => s.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { ...auth, ...headers }, payload: { namespace, values: ['a@example.com'] } });
    try {
      const deps = { registry, keyring: tk.keyring, auditSubject: () => 'x', emit: () => undefined };
      await changeConsent({ action: 'grant', subjectId: 'subj-77', purposes: ['analytics'], principal: 'p' }, deps);
      const seen = authz.seen.length;
      for (const headers of <Array<Record<string, string>>>[
        { 'x-cordon-purpose': 'analytics' },
        { 'x-cordon-subject': 'subj-77' },
        { 'x-cordon-subject': 'subj-77', 'x-cordon-purpose': 'marketing', 'x-cordon-consent': 'granted' },
        { 'x-cordon-subject': 'subj-other', 'x-cordon-purpose': 'analytics' },
      ]) {
        const r = await call(headers);
        assert.equal(r.statusCode, 403, JSON.stringify(headers));
        assert.equal(r.json().code, 'ERR_CONSENT_MISSING');
      }
      assert.equal(authz.seen.length, seen, 'refused before the policy');
      const refusals = tk.audit.events.filter((e) => e.type === 'authz.decision' && e.reason === 'ERR_CONSENT_MISSING');
      assert.equal(refusals.length, 4);
      assert.equal(JSON.stringify(tk.audit.events).includes('subj-77'), false);

      const ok = await call({ 'x-cordon-subject': 'subj-77', 'x-cordon-purpose': 'analytics', 'x-cordon-consent': 'denied' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(authz.seen.at(-1)!.context.consent, true, 'the registry, not the caller\'s header');

      await changeConsent({ action: 'withdraw', subjectId: 'subj-77', purposes: ['analytics'], principal: 'p' }, deps);
      assert.equal((await call({ 'x-cordon-subject': 'subj-77', 'x-cordon-purpose': 'analytics' })).statusCode, 403);

      // Reveal over the API (detokenize, decrypt) on the column: the withdrawal holds there too, and
      // a caller header claiming consent the registry does not have is refused before the policy.
      const before = authz.seen.length;
      const claims = { 'x-cordon-subject': 'subj-77', 'x-cordon-purpose': 'analytics', 'x-cordon-consent': 'granted' };
      const det = await s.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...auth, ...claims }, payload: { namespace: 'people.email', tokens: [(ok.json() as { tokens: string[] }).tokens[0]!] } });
      assert.equal(det.statusCode, 403, det.body);
      assert.equal(det.json().code, 'ERR_CONSENT_MISSING');
      assert.equal(det.body.includes('a@example.com'), false);
      const dec = await s.app.inject({ method: 'POST', url: '/v1/decrypt', headers: { ...auth, ...claims }, payload: { dataset: 'people', field: 'email', ciphertexts: ['enc_v1_AAAA'] } });
      assert.equal(dec.statusCode, 403, dec.body);
      assert.equal(dec.json().code, 'ERR_CONSENT_MISSING');
      assert.equal(authz.seen.length, before, 'refused before the policy');
      await changeConsent({ action: 'grant', subjectId: 'subj-77', purposes: ['analytics'], principal: 'p' }, deps);
      const back = await s.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...auth, 'x-cordon-subject': 'subj-77', 'x-cordon-purpose': 'analytics' }, payload: { namespace: 'people.email', tokens: [(ok.json() as { tokens: string[] }).tokens[0]!] } });
      assert.equal(back.statusCode, 200, back.body);
      assert.deepEqual(back.json(), { values: ['a@example.com'] });
      assert.equal(authz.seen.at(-1)!.context.consent, true);

      // A column without cordonConsent: the caller's header as before, no subject needed.
      const staff = await call({ 'x-cordon-consent': 'denied' }, 'staff.email');
      assert.equal(staff.statusCode, 200);
      assert.equal(authz.seen.at(-1)!.context.consent, false);

      // An erased subject is refused on the column whatever grant still stands (the tombstone is in
      // the people contract's scope); a server without a subject index refuses a named subject.
      const granted = { 'x-cordon-subject': 'subj-77', 'x-cordon-purpose': 'analytics' };
      const tokens = [(ok.json() as { tokens: string[] }).tokens[0]!];
      const noIndex = make(lookup, false);
      try {
        const r = await noIndex.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...auth, ...granted }, payload: { namespace: 'people.email', tokens } });
        assert.equal(r.statusCode, 503, r.body);
        assert.equal(r.json().code, 'ERR_WORKSPACE_MISSING');
      } finally {
        await noIndex.app.close();
      }
      await index.addTombstone({ commitment: commitSubject(await subjectIndexKey(tk.keyring), 'subj-77'), scope: 'people/people', erasureId: 'e-1', at: Date.now() });
      const erased = await s.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...auth, ...granted }, payload: { namespace: 'people.email', tokens } });
      assert.equal(erased.statusCode, 403, erased.body);
      assert.equal(erased.json().code, 'ERR_SUBJECT_ERASED');
      assert.equal(erased.body.includes('a@example.com'), false);
    } finally {
      await s.app.close();
    }
    // No registry wired: fail closed.
    const none = make();
    try {
      const r = await none.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { ...auth, 'x-cordon-subject': 'subj-77', 'x-cordon-purpose': 'analytics' }, payload: { namespace: 'people.email', values: ['v'] } });
      assert.equal(r.statusCode, 403);
    } finally {
      await none.app.close();
    }
  });
});
