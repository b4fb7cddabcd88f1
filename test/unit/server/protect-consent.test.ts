// Issue 18 item 7: POST /v1/protect honours consent and erasure as cordon protect does. On a dataset
// whose contract requires consent, records whose subject holds no grant of the request's purpose in
// the registry (never granted, withdrawn, no id) are left out and counted, whatever X-Cordon-Consent
// claims; a purpose is needed before the policy is asked; a server without a registry refuses. On
// any dataset with a subject column the records of erased subjects (tombstones) are left out and
// counted; a server without a subject index refuses such a request (fail closed). The answer says
// which input rows its records are; the audit event counts, never an id. SQLite and PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { PG_SKIP, ScratchSchemas } from '../../helpers/pg-schemas.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import { ResourceCatalog } from '../../../src/server/catalog.js';
import type { Authorizer, AuthzRequest } from '../../../src/server/authorize.js';
import type { Principal } from '../../../src/server/principal.js';
import { lookupTombstones } from '../../../src/server/lookup-tombstones.js';
import { lookupConsent } from '../../../src/consent/lookup-consent.js';
import { SqliteConsentStore } from '../../../src/consent/store/sqlite.js';
import { PostgresConsentStore } from '../../../src/consent/store/postgres.js';
import type { ConsentStore } from '../../../src/consent/store/types.js';
import { changeConsent } from '../../../src/consent/change-consent.js';
import { SqliteSubjectIndex } from '../../../src/erasure/store/sqlite.js';
import { PostgresSubjectIndex } from '../../../src/erasure/store/postgres.js';
import type { SubjectIndexStore } from '../../../src/erasure/store/types.js';
import { commitSubject, subjectIndexKey } from '../../../src/erasure/commitment.js';

const contract = (id: string, consent: boolean) => `apiVersion: v3.1.0
kind: DataContract
id: ${id}
version: 1.0.0
status: active
schema:
  - name: ${id}
${consent ? '    customProperties: [{ property: cordonConsent, value: { required: true } }]\n' : ''}    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal }
      - { name: email, logicalType: string, classification: restricted, customProperties: [{ property: cordonEntity, value: EMAIL_ADDRESS }, { property: cordonProtect, value: { operator: tokenize } }] }
      - { name: age, logicalType: integer, classification: internal }
`;

class AllowAll implements Authorizer {
  readonly seen: AuthzRequest[] = [];
  authorize(r: AuthzRequest) { this.seen.push(r); return { allowed: true, policies: ['allow-all'], errors: [] }; }
}

const mail = (id: string) => `${id}@mail.example`;

function suite(name: string, open: (dir: string) => Promise<{ registry: ConsentStore; index: SubjectIndexStore }>, options: { skip?: string } = {}, done?: () => Promise<void>): void {
  describe(`POST /v1/protect: consent and tombstones (${name})`, options, () => {
    let tk: TempKeyring;
    let vault: TokenVault;
    let registry: ConsentStore;
    let index: SubjectIndexStore;
    const alice: Principal = { id: 'user:alice', roles: [], attributes: {}, via: 'jwt' };
    const auth = { authorization: 'Bearer t' };
    const authz = new AllowAll();
    before(async () => {
      tk = await tempKeyring();
      vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
      mkdirSync(join(tk.dir, 'contracts'));
      writeFileSync(join(tk.dir, 'contracts', 'people.yaml'), contract('people', true));
      writeFileSync(join(tk.dir, 'contracts', 'staff.yaml'), contract('staff', false));
      ({ registry, index } = await open(tk.dir));
      const deps = { registry, keyring: tk.keyring, auditSubject: () => 'x', emit: () => undefined };
      for (const id of ['subj-1', 'subj-2', 'subj-4']) await changeConsent({ action: 'grant', subjectId: id, purposes: ['analytics'], principal: 'p' }, deps);
      await changeConsent({ action: 'grant', subjectId: 'subj-3', purposes: ['marketing'], principal: 'p' }, deps);
      await changeConsent({ action: 'withdraw', subjectId: 'subj-2', purposes: ['analytics'], principal: 'p' }, deps);
      const key = await subjectIndexKey(tk.keyring);
      await index.addTombstone({ commitment: commitSubject(key, 'subj-4'), scope: 'people/people', erasureId: 'e-1', at: Date.now() });
      await index.addTombstone({ commitment: commitSubject(key, '42'), scope: '*', erasureId: 'e-2', at: Date.now() });
    });
    after(async () => { await registry.close(); await index.close(); await vault.close(); await tk.cleanup(); await done?.(); });

    const make = (wired: { consent?: boolean; tombstones?: boolean } = {}) => buildServer({
      keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS, contractsDir: join(tk.dir, 'contracts'), catalog: ResourceCatalog.load(join(tk.dir, 'contracts')),
      ...(wired.consent !== false ? { consent: lookupConsent(async () => registry, tk.keyring) } : {}),
      ...(wired.tombstones !== false ? { tombstones: lookupTombstones(async () => index, tk.keyring) } : {}),
    }, { authenticators: { jwt: async () => alice }, authorizer: authz });
    const PEOPLE = ['subj-1', 'subj-2', 'subj-3', '', 'subj-4', 'subj-1'].map((id) => ({ id, email: mail(id || 'none') }));

    it('keeps only consented, not erased subjects; a header claiming consent admits no row; counted and audited', async () => {
      const s = make();
      try {
        const r = await s.app.inject({ method: 'POST', url: '/v1/protect', headers: { ...auth, 'x-cordon-consent': 'granted' }, payload: { contract: 'people', records: PEOPLE, purpose: 'analytics' } });
        assert.equal(r.statusCode, 200, r.body);
        const body = r.json() as { records: Array<{ id: string; email: string }>; rows: number[]; withoutConsent: number; erased: number };
        assert.deepEqual(body.rows, [1, 6]);
        assert.deepEqual(body.records.map((x) => x.id), ['subj-1', 'subj-1']);
        assert.match(body.records[0]!.email, /^tok_/);
        // subj-2 withdrew, subj-3 granted another purpose, row 4 has no id: no consent. subj-4 consented but was erased.
        assert.equal(body.withoutConsent, 3);
        assert.equal(body.erased, 1);
        for (const id of ['subj-2', 'subj-3', 'subj-4']) assert.equal(r.body.includes(mail(id)), false, id);
        assert.equal(authz.seen.at(-1)!.context.consent, true, 'the policy sees the registry\'s gate');
        const run = tk.audit.events.filter((e) => e.type === 'protect.run').at(-1)!;
        assert.equal(run.outcome, 'success');
        assert.deepEqual([run.attributes?.['purpose'], run.attributes?.['rowsIn'], run.attributes?.['rowsOut'], run.attributes?.['rowsWithoutConsent'], run.attributes?.['rowsErased']], ['analytics', 6, 2, 3, 1]);
        assert.equal(/subj-\d/.test(JSON.stringify(tk.audit.events)), false, 'no subject id in the audit log');

        // A withdrawal applies from the next request.
        await changeConsent({ action: 'withdraw', subjectId: 'subj-1', purposes: ['analytics'], principal: 'p' }, { registry, keyring: tk.keyring, auditSubject: () => 'x', emit: () => undefined });
        const after = await s.app.inject({ method: 'POST', url: '/v1/protect', headers: auth, payload: { contract: 'people', records: PEOPLE, purpose: 'analytics' } });
        assert.deepEqual((after.json() as { rows: number[]; withoutConsent: number }).rows, []);
        assert.equal((after.json() as { withoutConsent: number }).withoutConsent, 5);
        await changeConsent({ action: 'grant', subjectId: 'subj-1', purposes: ['analytics'], principal: 'p' }, { registry, keyring: tk.keyring, auditSubject: () => 'x', emit: () => undefined });

        // No purpose: refused before the policy, with the refusal audited.
        const seen = authz.seen.length;
        const np = await s.app.inject({ method: 'POST', url: '/v1/protect', headers: { ...auth, 'x-cordon-consent': 'granted' }, payload: { contract: 'people', records: PEOPLE } });
        assert.equal(np.statusCode, 403);
        assert.equal(np.json().code, 'ERR_CONSENT_MISSING');
        assert.equal(authz.seen.length, seen);
        assert.equal(tk.audit.events.at(-1)!.reason, 'ERR_CONSENT_MISSING');
      } finally {
        await s.app.close();
      }
    });

    it('a dataset without cordonConsent: no purpose needed, the caller\'s header reaches the policy, erased subjects (an integer id too) are left out', async () => {
      const s = make();
      try {
        const records = [{ id: 'subj-4', email: mail('a') }, { id: 'subj-3', email: mail('b') }, { id: 42, email: mail('c') }, { id: '42', email: mail('d') }];
        const r = await s.app.inject({ method: 'POST', url: '/v1/protect', headers: { ...auth, 'x-cordon-consent': 'denied' }, payload: { contract: 'staff', records } });
        assert.equal(r.statusCode, 200, r.body);
        const body = r.json() as { records: Array<{ id: string }>; rows: number[]; erased: number; withoutConsent?: number };
        // subj-4's tombstone is in scope people/people only; 42's is in every scope.
        assert.deepEqual(body.rows, [1, 2]);
        assert.equal(body.erased, 2);
        assert.equal(body.withoutConsent, undefined);
        assert.equal(authz.seen.at(-1)!.context.consent, false);
        // An error the pipeline raises names the request's row, not its place among the rows kept.
        const bad = await s.app.inject({ method: 'POST', url: '/v1/protect', headers: auth, payload: { contract: 'staff', records: [{ id: 42, email: mail('a') }, { id: 'subj-3', email: mail('b'), age: 'old' }] } });
        assert.equal(bad.statusCode, 400, bad.body);
        assert.match(bad.json().message, /^row 2\b/);
      } finally {
        await s.app.close();
      }
    });

    it('fails closed without a registry or a subject index', async () => {
      const noRegistry = make({ consent: false });
      try {
        const r = await noRegistry.app.inject({ method: 'POST', url: '/v1/protect', headers: auth, payload: { contract: 'people', records: PEOPLE, purpose: 'analytics' } });
        assert.equal(r.statusCode, 403);
        assert.equal(r.json().code, 'ERR_CONSENT_MISSING');
      } finally {
        await noRegistry.app.close();
      }
      const noIndex = make({ tombstones: false });
      try {
        const r = await noIndex.app.inject({ method: 'POST', url: '/v1/protect', headers: auth, payload: { contract: 'staff', records: [{ id: 'x', email: mail('x') }] } });
        assert.equal(r.statusCode, 503);
        assert.equal(r.json().code, 'ERR_WORKSPACE_MISSING');
        assert.equal(r.body.includes(mail('x')), false);
      } finally {
        await noIndex.app.close();
      }
    });
  });
}

suite('SQLite', async (dir) => ({ registry: SqliteConsentStore.open(join(dir, 'consent.db')), index: SqliteSubjectIndex.open(join(dir, 'subjects.db')) }));
const schemas = new ScratchSchemas('cordon_protect_consent');
suite('PostgreSQL', async () => {
  const { url } = await schemas.create();
  return { registry: await PostgresConsentStore.open(url), index: await PostgresSubjectIndex.open(url) };
}, PG_SKIP, () => schemas.dropAll());
