// Issue 18 gap 5: POST /v1/erase's jobs live in the workspace store. A finished job's status and
// receipt are read back by a new ErasureJobs over the same store (a restarted server); a job
// stopped by a bounded shutdown (running: its erasure cut off before its audit step; queued: never
// started) is left open and, on the next start, resume() carries both to the end under the same job
// ids, the running one from its journal (the same erasure id, one audit event). On SQLite and PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { PG_SKIP, ScratchSchemas } from '../../helpers/pg-schemas.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { SqliteSubjectIndex } from '../../../src/erasure/store/sqlite.js';
import { PostgresSubjectIndex } from '../../../src/erasure/store/postgres.js';
import type { SubjectIndexStore } from '../../../src/erasure/store/types.js';
import { verifyReceipt } from '../../../src/erasure/receipt.js';
import { generateSigningKey } from '../../../src/crypto/signing-keys.js';
import type { AuditEvent } from '../../../src/audit/event.js';
import { ErasureJobs, type ErasureBackend } from '../../../src/server/erasure-jobs.js';

function restartSuite(name: string, openIndex: (dir: string) => Promise<SubjectIndexStore>, options: { skip?: string } = {}, done?: () => Promise<void>): void {
  describe(`server: erasure jobs survive a restart (${name})`, options, () => {
    let tk: TempKeyring;
    let vault: TokenVault;
    let index: SubjectIndexStore;
    const signer = generateSigningKey('ed25519');
    const erased: AuditEvent[] = [];
    const backend = (append?: (e: AuditEvent) => Promise<number>): ErasureBackend => ({
      keyring: tk.keyring, index: async () => index, vault,
      audit: { append: append ?? (async (e) => { erased.push(e); return erased.length - 1; }) },
      auditSubject: async (id) => `hmac-sha256:audit-${id.length}`,
      signer: async () => signer,
    });

    before(async () => {
      tk = await tempKeyring();
      vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
      index = await openIndex(tk.dir);
    });
    after(async () => { await index.close(); await vault.close(); await tk.cleanup(); await done?.(); });

    it('a finished job is read back, receipt and all, after a restart', async () => {
      const first = new ErasureJobs(backend());
      const job = await first.start({ subjectId: 'cust-1', reason: 'GDPR Art. 17 request #1', principal: 'dana', tenant: 'acme' });
      await first.idle();
      const view = await first.get(job.jobId);
      assert.equal(view.status, 'done');
      const restarted = new ErasureJobs(backend());
      assert.equal(await restarted.resume(), 0, 'nothing to resume');
      const again = await restarted.get(job.jobId);
      assert.deepEqual(again, view);
      assert.equal(verifyReceipt(JSON.stringify(again.receipt), signer.publicKey).erasureId, view.erasureId);
      assert.equal(await restarted.tenantOf(job.jobId), 'acme');
      await assert.rejects(restarted.get('ej_unknown'), (e: { code?: string }) => e.code === 'ERR_NOT_FOUND');
      // The store keeps the commitments only.
      const stored = await index.getJob(job.jobId);
      assert.ok(stored !== undefined && !stored.open);
      assert.ok(!stored.state.includes('cust-1'));
    });

    it('a bounded shutdown leaves a running and a queued job open; the next start resumes both to the end', async () => {
      let cut!: (e: Error) => void;
      // The first server's audit append never completes: its erasure is running at shutdown.
      const first = new ErasureJobs(backend(() => new Promise<number>((_, reject) => { cut = reject; })));
      const running = await first.start({ subjectId: 'cust-2', reason: 'GDPR Art. 17 request #2', principal: 'dana' });
      const queued = await first.start({ subjectId: 'cust-3', reason: 'GDPR Art. 17 request #3', principal: 'dana', scope: 'crm/customers' });
      const before = erased.length;
      assert.equal(await first.idle(100), false, 'the bound passed with an erasure running');
      assert.equal((await first.get(running.jobId)).status, 'running');
      // The stores close under it (here: its audit write fails): it is not recorded as failed.
      cut(new Error('store closed'));
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual((await index.openJobs()).map((r) => r.jobId).sort(), [running.jobId, queued.jobId].sort());
      const journal = (await index.unfinished()).map((r) => r.erasureId);
      assert.equal(journal.length, 1, 'the running erasure stopped part way, journaled');

      const restarted = new ErasureJobs(backend());
      assert.equal(await restarted.resume(), 2);
      assert.equal(await restarted.idle(), true);
      const a = await restarted.get(running.jobId);
      const b = await restarted.get(queued.jobId);
      assert.equal(a.status, 'done', JSON.stringify(a.error));
      assert.equal(b.status, 'done', JSON.stringify(b.error));
      assert.equal(b.scope, 'crm/customers');
      assert.equal(a.erasureId, journal[0], 'resumed from the journal, not started anew');
      assert.equal(verifyReceipt(JSON.stringify(a.receipt), signer.publicKey).erasureId, journal[0]);
      assert.equal(erased.length - before, 2, 'one erase event per erasure');
      assert.deepEqual(await index.openJobs(), []);
      assert.equal(await new ErasureJobs(backend()).resume(), 0);
    });

    it('without a bound, shutdown waits for the running erasure', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => { release = r; });
      const jobs = new ErasureJobs({ ...backend(), signer: async () => { await gate; return signer; } });
      const job = await jobs.start({ subjectId: 'cust-4', reason: 'GDPR Art. 17 request #4', principal: 'dana' });
      const idle = jobs.idle(60_000);
      setTimeout(release, 50);
      assert.equal(await idle, true);
      assert.equal((await jobs.get(job.jobId)).status, 'done');
    });
  });
}

restartSuite('SQLite', async (dir) => SqliteSubjectIndex.open(join(dir, 'subjects.db')));
const schemas = new ScratchSchemas('cordon_erase_jobs');
restartSuite('PostgreSQL', async () => PostgresSubjectIndex.open((await schemas.create()).url), PG_SKIP, () => schemas.dropAll());
