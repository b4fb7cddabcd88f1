// The server's erasures (POST /v1/erase, docs/erasure.md#the-api): each request becomes a job that
// runs erasure/erase-subject.ts — the same resumable, journaled steps as `cordon erase` — and ends
// in a signed receipt. A request waits for its job at most `waitMs` (below the handler deadline)
// and otherwise answers `running` with the job's id, which GET /v1/erase/jobs/{id} follows: a long
// erasure (large outputs to rewrite, a VACUUM) neither holds a request past its deadline nor blocks
// the event loop (its file and store work is asynchronous I/O). Jobs run one at a time (two
// erasures rewriting the same output at once would each find the other's file changed); a second
// request for the same subject and scope joins the job already queued or running. Jobs are kept in
// the workspace store (the subject index's erasure_jobs): their status and receipt outlive a
// restart, and the jobs a stopped server left queued or running resume when it starts (resume()),
// by the subject's commitments — the journal carries the erasure on from its last step.
// Must never: keep, log or answer the subject id; the approvals and jobs know the commitments only.
import { isCordonError } from '../errors.js';
import { randomId } from '../crypto/random.js';
import type { PrivateSigningKey } from '../crypto/signing-keys.js';
import type { Keyring } from '../keys/keyring.js';
import { approveErasure, approversOf, consumeApprovals, type ApprovalView } from '../erasure/approve-erasure.js';
import { commitSubject, hexOf, subjectIndexKey } from '../erasure/commitment.js';
import { eraseCommitted, type AuditAppender, type RagEraser, type TokenEraser } from '../erasure/erase-subject.js';
import { receiptOf, signReceipt, type ErasureReceipt } from '../erasure/receipt.js';
import type { ErasureJobRecord, SubjectIndexStore } from '../erasure/store/types.js';
import { HttpError } from './errors.js';

/** What erasures need from the workspace (src/server/open.ts builds it from one). */
export interface ErasureBackend {
  readonly keyring: Keyring;
  /** The subject index: the same store for every call (its opener keeps and closes it). */
  index(): Promise<SubjectIndexStore>;
  readonly vault: TokenEraser;
  readonly audit: AuditAppender;
  /** The workspace's RAG store for one erasure (opened per job, closed after it); undefined: the workspace has none. */
  rag?(): Promise<{ readonly eraser: RagEraser; close(): Promise<void> } | undefined>;
  /** The audit log's commitment to a subject id (audit/commitment.ts). */
  auditSubject(subjectId: string): Promise<string>;
  /** The receipt's signer (the workspace's cordon-receipt-signing key). */
  signer(): Promise<PrivateSigningKey>;
  /** After a receipt is signed: the lineage event of the rewritten files. A failure here is ignored (the erasure is done). */
  afterReceipt?(receipt: ErasureReceipt): Promise<void>;
}

export interface EraseRequest {
  readonly subjectId: string;
  /** `<contract id>/<dataset>`, or absent for every contract. */
  readonly scope?: string;
  readonly reason: string;
  readonly principal: string;
  /** The erasure's tenant (its policy resource's): reading the job later is decided on it. */
  readonly tenant?: string;
  readonly vacuum?: boolean;
}

/** A job as the API shows it. */
export interface ErasureJobView {
  readonly jobId: string;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  readonly scope: string;
  readonly principal: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** The signed receipt (DSSE envelope, `cordon receipt verify` checks it), once done. */
  readonly receipt?: unknown;
  readonly erasureId?: string;
  readonly summary?: { outputs: number; rowsRemoved: number; tokensDeleted: number; subjectKeysDestroyed: number; unreachable: number };
  /** Why a failed job stopped: a code only (POST the erasure again to resume it). */
  readonly error?: { code: string; message: string };
}

/** What a job runs: the subject by its commitments only (what a restarted server resumes from). */
interface JobRun {
  readonly scope?: string;
  readonly reason: string;
  readonly principal: string;
  readonly tenant?: string;
  readonly vacuum?: boolean;
  /** The audit log's commitment to the subject (never the id). */
  readonly auditSubject: string;
}

/** A job's stored state (ErasureJobRecord.state). */
interface JobState {
  readonly v: 1;
  readonly view: ErasureJobView;
  readonly run: JobRun;
}

interface Job {
  readonly key: string;
  readonly commitment: Uint8Array;
  readonly run: JobRun;
  view: ErasureJobView;
  done: Promise<void>;
}

const keyOf = (commitment: Uint8Array, scope: string | undefined): string => `${hexOf(commitment)}\u0000${scope ?? '*'}`;

export interface ErasureJobsOptions {
  /** How long POST /v1/erase waits for its job before answering `running` (default 10 s; keep it below limits.handlerTimeoutMs). */
  readonly waitMs?: number;
  /** How long a finished job can still be read (default 1 h), also from the store after a restart. */
  readonly keepMs?: number;
  /** Most jobs kept (default 1000): the oldest finished ones go first. */
  readonly maxJobs?: number;
}

export class ErasureJobs {
  readonly waitMs: number;
  readonly #backend: ErasureBackend;
  readonly #keepMs: number;
  readonly #maxJobs: number;
  readonly #jobs = new Map<string, Job>();
  /** Queued or running jobs by subject commitment and scope. */
  readonly #open = new Map<string, Job>();
  #tail: Promise<void> = Promise.resolve();
  /** Set when shutdown stopped waiting (idle's bound): queued jobs no longer start. */
  #stopping = false;

  constructor(backend: ErasureBackend, options: ErasureJobsOptions = {}) {
    this.#backend = backend;
    this.waitMs = options.waitMs ?? 10_000;
    this.#keepMs = options.keepMs ?? 60 * 60 * 1000;
    this.#maxJobs = options.maxJobs ?? 1000;
  }

  /** Records `approver`'s approval of erasing the subject in `scope` (erasure/approve-erasure.ts). */
  async approve(input: { subjectId: string; scope?: string; approver: string; tenant?: string; ttlMs?: number }): Promise<ApprovalView> {
    return approveErasure(input, { index: await this.#backend.index(), keyring: this.#backend.keyring });
  }

  /** Whose approval of erasing the subject in `scope`, given for `tenant`, stands now: the policy's `context.approvedBy`. */
  async approvers(subjectId: string, scope: string | undefined, tenant: string | undefined): Promise<string[]> {
    return approversOf({ subjectId, ...(scope !== undefined ? { scope } : {}), ...(tenant !== undefined ? { tenant } : {}) }, { index: await this.#backend.index(), keyring: this.#backend.keyring });
  }

  /** Uses up the approvals an erasure was authorised on; false when one no longer stands (erasure/approve-erasure.ts). */
  async consume(subjectId: string, scope: string | undefined, approvers: readonly string[]): Promise<boolean> {
    return consumeApprovals({ subjectId, approvers, ...(scope !== undefined ? { scope } : {}) }, { index: await this.#backend.index(), keyring: this.#backend.keyring });
  }

  /** The audit log's commitment to a subject id (never the id), for an event about a refused erasure. */
  auditSubject(subjectId: string): Promise<string> {
    return this.#backend.auditSubject(subjectId);
  }

  /** Queues the erasure (or joins the one of the same subject and scope already queued or running). */
  async start(req: EraseRequest): Promise<ErasureJobView> {
    const commitment = commitSubject(await subjectIndexKey(this.#backend.keyring), req.subjectId);
    const key = keyOf(commitment, req.scope);
    const open = this.#open.get(key);
    if (open !== undefined) return open.view;
    await this.#prune();
    const run: JobRun = {
      reason: req.reason, principal: req.principal, auditSubject: await this.#backend.auditSubject(req.subjectId),
      ...(req.scope !== undefined ? { scope: req.scope } : {}), ...(req.tenant !== undefined ? { tenant: req.tenant } : {}), ...(req.vacuum === true ? { vacuum: true } : {}),
    };
    const view: ErasureJobView = { jobId: `ej_${randomId()}`, status: 'queued', scope: req.scope ?? '*', principal: req.principal, startedAt: new Date().toISOString() };
    // Stored before it is queued: from here on a restart resumes it.
    await this.#store({ key, commitment, run, view, done: Promise.resolve() }, true);
    return this.#queue(key, commitment, run, view).view;
  }

  /**
   * Queues the jobs a previous server left queued or running (stopped, killed, or past its
   * shutdown bound): each resumes its erasure from the journal. Call once at start. Returns how many.
   */
  async resume(): Promise<number> {
    const records = await (await this.#backend.index()).openJobs();
    let n = 0;
    for (const r of records) {
      const st = JSON.parse(r.state) as JobState;
      const key = keyOf(r.commitment, st.run.scope);
      if (this.#jobs.has(r.jobId) || this.#open.has(key)) continue;
      this.#queue(key, r.commitment, st.run, { ...st.view, status: 'queued' });
      n++;
    }
    return n;
  }

  /** The job's view after it finished or `ms` passed, whichever is first. */
  async wait(jobId: string, ms: number): Promise<ErasureJobView> {
    const job = this.#jobs.get(jobId);
    if (job === undefined) throw new HttpError('ERR_NOT_FOUND', 'no such erasure job');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([job.done, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]);
    clearTimeout(timer);
    return job.view;
  }

  /** A job's view (this server's, or a stored one of an earlier start); ERR_NOT_FOUND when unknown or forgotten. */
  async get(jobId: string): Promise<ErasureJobView> {
    const job = this.#jobs.get(jobId) ?? await this.#stored(jobId);
    if (job === undefined) throw new HttpError('ERR_NOT_FOUND', 'no such erasure job');
    return job.view;
  }

  /** The tenant a job was started for (its policy resource's), for GET /v1/erase/jobs/{id}; undefined for none or an unknown job. */
  async tenantOf(jobId: string): Promise<string | undefined> {
    return (this.#jobs.get(jobId) ?? await this.#stored(jobId))?.run.tenant;
  }

  /**
   * Resolves true once every queued job has ended (shutdown), or false after `ms`: then the jobs
   * not yet started stay queued in the store and the running one is left to stop when the stores
   * close under it; its journal and stored job resume it at the next start.
   */
  async idle(ms = Number.POSITIVE_INFINITY): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const bound = Number.isFinite(ms) ? new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); }) : new Promise<boolean>(() => undefined);
    const finished = await Promise.race([this.#tail.then(() => true), bound]);
    clearTimeout(timer);
    if (!finished) this.#stopping = true;
    return finished;
  }

  #queue(key: string, commitment: Uint8Array, run: JobRun, view: ErasureJobView): Job {
    const job: Job = { key, commitment, run, view, done: Promise.resolve() };
    job.done = this.#tail.then(() => this.#run(job));
    this.#tail = job.done;
    this.#jobs.set(view.jobId, job);
    this.#open.set(key, job);
    return job;
  }

  async #stored(jobId: string): Promise<Pick<Job, 'view' | 'run'> | undefined> {
    const r = await (await this.#backend.index()).getJob(jobId);
    if (r === undefined) return undefined;
    const st = JSON.parse(r.state) as JobState;
    return { view: st.view, run: st.run };
  }

  async #store(job: Job, open: boolean): Promise<void> {
    const state: JobState = { v: 1, view: job.view, run: job.run };
    const r: ErasureJobRecord = { jobId: job.view.jobId, commitment: job.commitment, scope: job.run.scope ?? '*', state: JSON.stringify(state), open, updatedAt: Date.now() };
    await (await this.#backend.index()).putJob(r);
  }

  async #run(job: Job): Promise<void> {
    // Past the shutdown bound: not started; it stays queued in the store for the next start.
    if (this.#stopping) return;
    const b = this.#backend;
    const req = job.run;
    let rag: { readonly eraser: RagEraser; close(): Promise<void> } | undefined;
    try {
      job.view = { ...job.view, status: 'running' };
      await this.#store(job, true);
      rag = await b.rag?.();
      const state = await eraseCommitted({
        commitment: job.commitment, reason: req.reason, principal: req.principal,
        ...(req.scope !== undefined ? { scope: req.scope } : {}), ...(req.vacuum === true ? { vacuum: true } : {}),
      }, { index: await b.index(), keyring: b.keyring, vault: b.vault, audit: b.audit, auditSubject: req.auditSubject, ...(rag !== undefined ? { rag: rag.eraser } : {}) });
      const signer = await b.signer();
      const receipt = receiptOf(state, signer.publicKey);
      const envelope = JSON.parse(signReceipt(receipt, signer)) as unknown;
      const t = receipt.tiers;
      job.view = {
        ...job.view, status: 'done', finishedAt: new Date().toISOString(), erasureId: receipt.erasureId, receipt: envelope,
        summary: { outputs: t.outputs.files, rowsRemoved: t.outputs.rowsRemoved, tokensDeleted: t.vault.tokensDeleted, subjectKeysDestroyed: t.subjectKeys.keysDestroyed, unreachable: receipt.unreachable.length },
      };
      await this.#store(job, false);
      await b.afterReceipt?.(receipt).catch(() => undefined);
    } catch (e) {
      // The code only: a store's message may name paths or hosts. The journal keeps the progress.
      const code = isCordonError(e) ? e.code : 'ERR_INTERNAL';
      job.view = { ...job.view, status: 'failed', finishedAt: new Date().toISOString(), error: { code, message: `the erasure stopped (${code}); POST the same erasure again to resume it` } };
      // Stopped by the shutdown (its stores closed under it): left open in the store, resumed at the next start.
      if (!this.#stopping) await this.#store(job, false).catch(() => undefined);
    } finally {
      await rag?.close().catch(() => undefined);
      this.#open.delete(job.key);
    }
  }

  /** Forgets finished jobs past keepMs (in memory and in the store), and the oldest finished ones beyond maxJobs (in memory). */
  async #prune(): Promise<void> {
    const now = Date.now();
    await (await this.#backend.index()).pruneJobs(now - this.#keepMs);
    for (const [id, j] of this.#jobs) {
      const end = j.view.finishedAt === undefined ? undefined : Date.parse(j.view.finishedAt);
      if (end !== undefined && (now - end > this.#keepMs || this.#jobs.size >= this.#maxJobs)) this.#jobs.delete(id);
    }
    if (this.#jobs.size >= this.#maxJobs) throw new HttpError('ERR_RATE_LIMITED', 'too many erasures queued; retry later', { 'retry-after': '60' });
  }
}
