// Issue 18 item 3: POST /v1/erase with separation of duties. With the shipped policies
// (policies/erasure.cedar): an officer erasing on their own approval is denied, another officer's
// approval lets them erase (200 with a receipt that verifies), no approval is denied, an approval
// expires, an approval of one contract's erasure does not cover an erasure everywhere. The
// approval store and the audit log never hold the subject id. A slow erasure answers `running`
// and GET /v1/erase/jobs/{id} gives its receipt once done.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { repoPath } from '../../helpers/paths.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import { PolicyEngine } from '../../../src/policy/policy-engine.js';
import type { Principal } from '../../../src/server/principal.js';
import { SqliteSubjectIndex } from '../../../src/erasure/store/sqlite.js';
import { commitSubject, hexOf, subjectIndexKey } from '../../../src/erasure/commitment.js';
import { verifyReceipt } from '../../../src/erasure/receipt.js';
import { generateSigningKey } from '../../../src/crypto/signing-keys.js';
import { ErasureJobs, type ErasureBackend } from '../../../src/server/erasure-jobs.js';
import { ResourceCatalog } from '../../../src/server/catalog.js';

const officer = (id: string): Principal => ({ id, roles: ['privacy-officer'], attributes: {}, via: 'jwt' });
const tenanted = (id: string, tenant: string): Principal => ({ ...officer(id), tenant });
const PEOPLE: Record<string, Principal> = {
  cleo: officer('cleo@acme.example'), dana: officer('dana@acme.example'), ana: { id: 'ana@acme.example', roles: ['data-scientist'], attributes: {}, via: 'jwt' },
  tina: tenanted('tina@acme.example', 'acme'), tom: tenanted('tom@acme.example', 'acme'), gus: tenanted('gus@globex.example', 'globex'),
};

describe('server: POST /v1/erase with separation of duties (issue 18 item 3)', () => {
  let tk: TempKeyring;
  let vault: TokenVault;
  let index: SqliteSubjectIndex;
  const signer = generateSigningKey('ed25519');
  const backend = (): ErasureBackend => ({
    keyring: tk.keyring, index: async () => index, vault,
    audit: { async append(e) { tk.audit.emit(e); return tk.audit.events.length - 1; } },
    auditSubject: async () => 'hmac-sha256:test-commitment',
    signer: async () => signer,
  });
  const make = (jobs: ErasureJobs, catalog?: ResourceCatalog) => buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS, erasure: jobs, ...(catalog !== undefined ? { catalog } : {}) }, {
    authenticators: { jwt: async (t) => { const p = PEOPLE[t]; if (p === undefined) throw new Error('bad'); return p; } },
    authorizer: PolicyEngine.load(repoPath('policies')),
  });
  const call = (s: ReturnType<typeof buildServer>, who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, headers: { authorization: `Bearer ${who}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  before(async () => {
    tk = await tempKeyring();
    vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
    index = SqliteSubjectIndex.open(join(tk.dir, 'subjects.db'));
  });
  after(async () => { await index.close(); await vault.close(); await tk.cleanup(); });

  it('the same person approving and erasing is denied; a second person\'s approval allows it', async () => {
    const s = make(new ErasureJobs(backend()));
    try {
      const approved = await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-4711' });
      assert.equal(approved.statusCode, 200, approved.body);
      const a = approved.json();
      assert.equal(a.scope, '*');
      assert.equal(a.approver, 'cleo@acme.example');
      assert.equal(Date.parse(a.expiresAt) - Date.parse(a.approvedAt), 24 * 3600 * 1000);

      const self = await call(s, 'cleo', 'POST', '/v1/erase', { subject: 'cust-4711', reason: 'GDPR Art. 17 request #1' });
      assert.equal(self.statusCode, 403, self.body);
      assert.equal(self.json().code, 'ERR_POLICY_DENIED');
      const denied = tk.audit.events.filter((e) => e.type === 'authz.decision' && e.attributes?.['action'] === 'erase').at(-1)!;
      assert.equal(denied.attributes?.['decision'], 'deny');
      assert.equal(denied.attributes?.['approved_by'], 'cleo@acme.example');
      assert.equal(denied.attributes?.['policies'], 'forbid.erase-without-another-approval');

      const other = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-4711', reason: 'GDPR Art. 17 request #1' });
      assert.equal(other.statusCode, 200, other.body);
      const job = other.json();
      assert.equal(job.status, 'done');
      assert.equal(job.principal, 'dana@acme.example');
      assert.deepEqual(job.summary, { outputs: 0, rowsRemoved: 0, tokensDeleted: 0, subjectKeysDestroyed: 0, unreachable: 1 });
      // The receipt verifies offline, as `cordon receipt verify` checks it.
      const receipt = verifyReceipt(JSON.stringify(job.receipt), signer.publicKey);
      assert.equal(receipt.erasureId, job.erasureId);
      assert.equal(receipt.principal, 'dana@acme.example');
      assert.equal(receipt.reason, 'GDPR Art. 17 request #1');
      // eraseSubject ran: the tombstone keeps the subject out of later runs.
      const c = hexOf(commitSubject(await subjectIndexKey(tk.keyring), 'cust-4711'));
      assert.ok((await index.tombstones('any/scope')).has(c));
      const allowed = tk.audit.events.filter((e) => e.type === 'authz.decision' && e.attributes?.['action'] === 'erase').at(-1)!;
      assert.equal(allowed.attributes?.['decision'], 'allow');
      assert.equal(tk.audit.events.filter((e) => e.type === 'erase').length, 1);
      // The id is in no audit event and nowhere in the subject index's file.
      assert.ok(!JSON.stringify(tk.audit.events).includes('cust-4711'));
      assert.ok(!readFileSync(join(tk.dir, 'subjects.db')).includes('cust-4711'));
      // Reading the job back gives the same receipt.
      const again = await call(s, 'dana', 'GET', `/v1/erase/jobs/${job.jobId}`);
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(again.json().receipt, job.receipt);
    } finally {
      await s.app.close();
    }
  });

  it('no approval is denied; an expired approval no longer counts; a contract\'s approval does not cover an erasure everywhere', async () => {
    const s = make(new ErasureJobs(backend()));
    try {
      const none = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-2', reason: 'CCPA deletion #2' });
      assert.equal(none.statusCode, 403, none.body);

      assert.equal((await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-2', expiresInSeconds: 1 })).statusCode, 200);
      await new Promise((r) => setTimeout(r, 1100));
      const expired = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-2', reason: 'CCPA deletion #2' });
      assert.equal(expired.statusCode, 403, expired.body);
      const last = tk.audit.events.filter((e) => e.type === 'authz.decision' && e.attributes?.['action'] === 'erase').at(-1)!;
      assert.equal(last.attributes?.['approved_by'], '');

      assert.equal((await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-2', contract: 'crm', dataset: 'customers' })).statusCode, 200);
      const wider = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-2', reason: 'CCPA deletion #2' });
      assert.equal(wider.statusCode, 403, wider.body);
      const narrow = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-2', contract: 'crm', dataset: 'customers', reason: 'CCPA deletion #2' });
      assert.equal(narrow.statusCode, 200, narrow.body);
      assert.equal(narrow.json().scope, 'crm/customers');

      // Someone who may not approve cannot make an approval count; half a scope is refused.
      assert.equal((await call(s, 'ana', 'POST', '/v1/erase/approvals', { subject: 'cust-3' })).statusCode, 403);
      const half = await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-3', contract: 'crm' });
      assert.equal(half.statusCode, 400);
      assert.equal(half.json().code, 'ERR_INPUT_INVALID');
      // A reason holding the id is refused (it goes to the audit log and the receipt), and the id is not echoed.
      assert.equal((await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-5' })).statusCode, 200);
      const leaky = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-5', reason: 'erase cust-5 please' });
      assert.equal(leaky.statusCode, 400, leaky.body);
      assert.equal(leaky.json().code, 'ERR_USAGE');
      assert.ok(!leaky.body.includes('cust-5'));
    } finally {
      await s.app.close();
    }
  });

  it('a slow erasure answers running; GET /v1/erase/jobs/{id} gives the receipt once done', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const jobs = new ErasureJobs({ ...backend(), signer: async () => { await gate; return signer; } }, { waitMs: 50 });
    const s = make(jobs);
    try {
      assert.equal((await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-9' })).statusCode, 200);
      const first = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-9', reason: 'GDPR Art. 17 request #9' });
      assert.equal(first.statusCode, 200, first.body);
      const job = first.json();
      assert.equal(job.status, 'running');
      assert.equal(job.receipt, undefined);
      // The same erasure asked for again (on a new approval: the first was used up) joins the running job.
      const reused = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-9', reason: 'GDPR Art. 17 request #9' });
      assert.equal(reused.statusCode, 403, reused.body);
      assert.equal((await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-9' })).statusCode, 200);
      const joined = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-9', reason: 'GDPR Art. 17 request #9' });
      assert.equal(joined.json().jobId, job.jobId);
      assert.equal((await call(s, 'dana', 'GET', `/v1/erase/jobs/${job.jobId}`)).json().status, 'running');
      release();
      await jobs.idle();
      const done = await call(s, 'dana', 'GET', `/v1/erase/jobs/${job.jobId}`);
      assert.equal(done.json().status, 'done');
      assert.equal(verifyReceipt(JSON.stringify(done.json().receipt), signer.publicKey).erasureId, done.json().erasureId);
      const unknown = await call(s, 'dana', 'GET', '/v1/erase/jobs/ej_nope');
      assert.equal(unknown.statusCode, 404);
      assert.equal((await call(s, 'ana', 'GET', `/v1/erase/jobs/${job.jobId}`)).statusCode, 403);
    } finally {
      await s.app.close();
    }
  });

  it('an approval authorises one erasure: a second erasure on it is denied, also when both ask at once (issue 18 gap 4)', async () => {
    const s = make(new ErasureJobs(backend()));
    try {
      assert.equal((await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-11' })).statusCode, 200);
      const first = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-11', reason: 'GDPR Art. 17 request #11' });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().status, 'done');
      const c = commitSubject(await subjectIndexKey(tk.keyring), 'cust-11');
      assert.deepEqual(await index.approvals(c, '*', Date.now()), [], 'the approval is gone once used');
      const second = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-11', reason: 'GDPR Art. 17 request #11' });
      assert.equal(second.statusCode, 403, second.body);
      assert.equal(second.json().code, 'ERR_POLICY_DENIED');
      // A contract's approval is used up by the contract's erasure; a `*` approval by the first erasure it covers.
      assert.equal((await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-12' })).statusCode, 200);
      const scoped = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-12', contract: 'crm', dataset: 'customers', reason: 'CCPA deletion #12' });
      assert.equal(scoped.statusCode, 200, scoped.body);
      assert.equal((await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-12', reason: 'CCPA deletion #12' })).statusCode, 403);

      // Two erasures on one approval at the same time: exactly one goes through.
      assert.equal((await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-13' })).statusCode, 200);
      const both = await Promise.all([
        call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-13', reason: 'GDPR Art. 17 request #13' }),
        call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-13', contract: 'crm', dataset: 'customers', reason: 'GDPR Art. 17 request #13' }),
      ]);
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 403], both.map((r) => r.body).join(' | '));
      assert.equal(both.find((r) => r.statusCode === 403)!.json().code, 'ERR_POLICY_DENIED');
    } finally {
      await s.app.close();
    }
  });

  it('an approval used up between the decision and the handler: 403, and the audit log shows the refusal after the allow', async () => {
    // Another erasure takes the approval in that gap (the race the concurrent case above can hit):
    // consume() answering false is what the handler then sees.
    class Raced extends ErasureJobs {
      override async consume(): Promise<boolean> { return false; }
    }
    const s = make(new Raced(backend()));
    try {
      assert.equal((await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'cust-14' })).statusCode, 200);
      const r = await call(s, 'dana', 'POST', '/v1/erase', { subject: 'cust-14', reason: 'GDPR Art. 17 request #14' });
      assert.equal(r.statusCode, 403, r.body);
      assert.equal(r.json().code, 'ERR_POLICY_DENIED');
      const allowed = tk.audit.events.filter((e) => e.type === 'authz.decision' && e.attributes?.['action'] === 'erase').at(-1)!;
      assert.equal(allowed.attributes?.['decision'], 'allow');
      const refused = tk.audit.events.filter((e) => e.type === 'erase' && e.outcome === 'failure').at(-1);
      assert.ok(refused !== undefined, 'the refusal after an allow is in the audit log');
      assert.equal(refused.reason, 'ERR_POLICY_DENIED');
      assert.equal(refused.attributes?.['request_id'], allowed.attributes?.['request_id'], 'the same request');
      assert.match(refused.subject ?? '', /^hmac-sha256:/);
      assert.ok(!JSON.stringify(tk.audit.events).includes('cust-14'));
    } finally {
      await s.app.close();
    }
  });

  it('the erasure resource carries a tenant: another tenant\'s approval does not count, its callers cannot read the job or erase in the tenant\'s contract (issue 18 gap 6)', async () => {
    // Contract `crm` belongs to globex (the server's contracts folder says so).
    const catalog = new ResourceCatalog(new Map(), new Map(), new Set(), new Map([['crm', { tenant: 'globex' }]]));
    const s = make(new ErasureJobs(backend()), catalog);
    const lastErase = () => tk.audit.events.filter((e) => e.type === 'authz.decision' && e.attributes?.['action'] === 'erase').at(-1)!;
    try {
      // gus (globex) approves erasing cust-21 everywhere; for tina (acme) that approval does not stand.
      assert.equal((await call(s, 'gus', 'POST', '/v1/erase/approvals', { subject: 'cust-21' })).statusCode, 200);
      const foreign = await call(s, 'tina', 'POST', '/v1/erase', { subject: 'cust-21', reason: 'GDPR Art. 17 request #21' });
      assert.equal(foreign.statusCode, 403, foreign.body);
      assert.equal(lastErase().attributes?.['approved_by'], '');
      // tom (acme) approves: tina erases; the job is acme's.
      assert.equal((await call(s, 'tom', 'POST', '/v1/erase/approvals', { subject: 'cust-21' })).statusCode, 200);
      const ok = await call(s, 'tina', 'POST', '/v1/erase', { subject: 'cust-21', reason: 'GDPR Art. 17 request #21' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(lastErase().attributes?.['approved_by'], 'tom@acme.example');
      const jobId = ok.json().jobId as string;
      assert.equal((await call(s, 'tom', 'GET', `/v1/erase/jobs/${jobId}`)).statusCode, 200);
      const peek = await call(s, 'gus', 'GET', `/v1/erase/jobs/${jobId}`);
      assert.equal(peek.statusCode, 403, peek.body);
      // A caller without a tenant cannot read a tenant's job either.
      assert.equal((await call(s, 'dana', 'GET', `/v1/erase/jobs/${jobId}`)).statusCode, 403);
      // crm is globex's: acme's officers can neither approve nor erase in it; globex's can approve it.
      assert.equal((await call(s, 'tom', 'POST', '/v1/erase/approvals', { subject: 'cust-22', contract: 'crm', dataset: 'customers' })).statusCode, 403);
      assert.equal((await call(s, 'gus', 'POST', '/v1/erase/approvals', { subject: 'cust-22', contract: 'crm', dataset: 'customers' })).statusCode, 200);
      const cross = await call(s, 'tina', 'POST', '/v1/erase', { subject: 'cust-22', contract: 'crm', dataset: 'customers', reason: 'CCPA deletion #22' });
      assert.equal(cross.statusCode, 403, cross.body);
      assert.equal(lastErase().attributes?.['policies'], 'forbid.cross-tenant');
    } finally {
      await s.app.close();
    }
  });

  it('without an erasure backend the routes answer 503', async () => {
    const s = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS }, {
      authenticators: { jwt: async (t) => PEOPLE[t]! }, authorizer: PolicyEngine.load(repoPath('policies')),
    });
    try {
      const r = await call(s, 'cleo', 'POST', '/v1/erase/approvals', { subject: 'x' });
      assert.equal(r.statusCode, 503);
      assert.equal(r.json().code, 'ERR_WORKSPACE_MISSING');
    } finally {
      await s.app.close();
    }
  });
});
