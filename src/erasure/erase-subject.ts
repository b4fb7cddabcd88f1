// `cordon erase` as a library call (issue 18 items 3 and 5): one data subject's rows removed from
// every tier Cordon knows, as a resumable sequence of steps recorded in the erasure journal:
//   1. tombstone      — later protect runs (and reveals) drop the subject, whatever happens next;
//   1b. subject keys  — the subject's own keys (keyScope: subject) destroyed: every copy of the
//                       values sealed under them is unreadable from here on (crypto-shredding);
//   2. outputs        — each protected output holding the subject's rows (subject index) is
//                       rewritten without them: new file journaled (its SHA-256), renamed into
//                       place, manifest updated, index rows removed (removeRows is idempotent);
//   3. vault          — the tokens only those rows held are deleted in their namespaces
//                       (optionally VACUUM);
//   3b. rag           — the chunks naming the subject (by commitment) deleted from every RAG index,
//                       the indexes rewritten and old versions pruned so the text is in no file;
//   4. audit          — one `erase` event carrying only the audit commitment, never the id.
// A crash (kill -9) at any point leaves the journal at the last finished step; running the same
// erasure again resumes there. The result is complete only when every tier is done or listed as
// unreachable; only then does a caller write a receipt. Must never: record, log or return the id.
import { readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { CordonError } from '../errors.js';
import { randomBytes } from '../crypto/random.js';
import type { Keyring } from '../keys/keyring.js';
import type { AuditEvent } from '../audit/event.js';
import { auditEvent } from '../audit/make-event.js';
import { AtomicFile } from '../io/atomic-file.js';
import { formatFromPath, type DatasetFormat } from '../io/dataset.js';
import { commitSubject, hexOf, subjectIndexKey } from './commitment.js';
import { fileSha256, rewriteWithout } from './rewrite-output.js';
import type { JournalRecord, SubjectIndexStore, SubjectRun } from './store/types.js';

/** The vault as erasure needs it. */
export interface TokenEraser {
  deleteTokens(namespace: string, tokens: readonly string[]): Promise<number>;
  vacuum(): Promise<void>;
}

/** The RAG stores as erasure needs them (src/rag's LanceChunkStore fits). */
export interface RagEraser {
  /** Deletes the chunks naming `commitment` (hex) in `scope` (or all) from every index; `rewriteAll` on resume. */
  eraseSubject(commitment: string, scope: string | undefined, options?: { readonly rewriteAll?: boolean }): Promise<ReadonlyArray<{ readonly index: string; readonly chunksDeleted: number; readonly unlabelled: number }>>;
}

/** Appends an event to the audit log and returns its index in the log (undefined when the sink has none). */
export interface AuditAppender {
  append(event: AuditEvent): Promise<number | undefined>;
}

export interface EraseInput {
  readonly subjectId: string;
  /** `<contract id>/<dataset>`; absent: the subject in every contract. */
  readonly scope?: string;
  /** Why (e.g. "GDPR Art. 17 request #123"): goes to the audit event and the receipt. Never the id. */
  readonly reason: string;
  readonly principal: string;
  /** VACUUM the vault after deleting (docs/erasure.md#the-vault). */
  readonly vacuum?: boolean;
}

export interface EraseDeps {
  readonly index: SubjectIndexStore;
  readonly keyring: Keyring;
  readonly vault: TokenEraser;
  readonly audit: AuditAppender;
  /** The workspace's RAG store; absent: the workspace has none (the receipt's RAG tier says so). */
  readonly rag?: RagEraser;
  /** The audit log's commitment to the subject (audit/commitment.ts). */
  readonly auditSubject: string;
  /** Test hook: called after each journaled step, with its name (crash tests kill the process here). */
  readonly onStep?: (step: string) => void | Promise<void>;
}

/** Something Cordon knows of but did not (or could not) erase. */
export interface Unreachable {
  readonly tier: 'outputs' | 'inputs' | 'quarantine' | 'backups' | 'rag';
  readonly path?: string;
  readonly why: string;
}

export interface OutputTarget {
  readonly runId: string;
  readonly output: string;
  readonly manifest: string | null;
  readonly rows: readonly number[];
  status: 'pending' | 'journaled' | 'done' | 'unreachable';
  oldSha256?: string;
  newSha256?: string;
  rowsBefore?: number;
  rowsAfter?: number;
  /** Tokens only these rows held, by namespace: kept in the journal until the vault step, then dropped. */
  tokens?: Record<string, string[]>;
  /** Tokens of these rows that other rows hold too: never deleted. Dropped with `tokens`. */
  shared?: Record<string, string[]>;
  at?: string;
}

/** The journal's state of one erasure (JSON in the store). No id, no value; tokens only until step 3. */
export interface ErasureState {
  readonly v: 1;
  readonly erasureId: string;
  readonly scope: string;
  readonly reason: string;
  readonly principal: string;
  readonly subject: string;
  readonly startedAt: string;
  tombstoneAt?: string;
  /** Subject keys destroyed (keyScope: subject columns), in the erasure's scope. */
  subjectKeys?: { destroyed: number; at: string };
  readonly targets: OutputTarget[];
  readonly unreachable: Unreachable[];
  vault?: { deleted: number; shared: number; namespaces: string[]; vacuumed: boolean; at: string };
  /** Set before the RAG deletes begin: a resumed erasure then rewrites every index (a delete may have happened unjournaled). */
  ragStarted?: boolean;
  rag?: { present: boolean; deleted: number; indexes: Array<{ index: string; chunksDeleted: number }>; at: string };
  audit?: { index: number | null; at: string };
  finishedAt?: string;
}

interface ManifestLike {
  input?: { path?: string };
  output?: { path?: string; sha256?: string; rows?: number; format?: DatasetFormat; encrypted?: boolean };
  rows?: { out?: number };
  quarantine?: { path?: string };
  columns?: Array<{ name: string; operator: string; namespace?: string }>;
  erasures?: Array<{ erasureId: string; rowsRemoved: number; at: string }>;
}

function readManifest(path: string | null): ManifestLike | undefined {
  if (path === null) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof m === 'object' && m !== null ? (m as ManifestLike) : undefined;
  } catch {
    return undefined;
  }
}

function writeManifest(path: string, m: ManifestLike): void {
  const f = new AtomicFile(path, { force: true, inputs: [] });
  try {
    const text = Buffer.from(JSON.stringify(m, null, 2) + '\n');
    for (let off = 0; off < text.length; ) off += writeSync(f.fd, text, off, text.length - off);
    f.commit();
  } catch (e) {
    f.abort();
    throw e;
  }
}

const now = (): string => new Date().toISOString();

/** An erasure named by the subject's commitment instead of its id (a server job resumed after a restart keeps no id). */
export type CommittedEraseInput = Omit<EraseInput, 'subjectId'> & {
  /** The subject index's commitment to the subject (commitment.ts). */
  readonly commitment: Uint8Array;
};

/** Runs `plan` anew or resumes an unfinished erasure of the same subject and scope. */
async function openState(input: CommittedEraseInput, deps: EraseDeps, commitment: Uint8Array, scope: string): Promise<ErasureState> {
  const hex = hexOf(commitment);
  const open = (await deps.index.unfinished()).find((r) => hexOf(r.commitment) === hex && r.scope === scope);
  if (open !== undefined) return JSON.parse(open.state) as ErasureState;
  const found = await deps.index.find(commitment, input.scope);
  const unreachable: Unreachable[] = [];
  const seen = new Set<string>();
  const note = (u: Unreachable): void => {
    const k = `${u.tier}\u0000${u.path ?? ''}`;
    if (!seen.has(k)) { seen.add(k); unreachable.push(u); }
  };
  for (const { run } of found) {
    const m = readManifest(run.manifest);
    // Files Cordon read or set aside but does not own: named, never touched.
    if (typeof m?.input?.path === 'string' && m.input.path !== '-') note({ tier: 'inputs', path: resolve(m.input.path), why: 'the input a protect run read: Cordon does not own it' });
    if (typeof m?.quarantine?.path === 'string') note({ tier: 'quarantine', path: resolve(m.quarantine.path), why: 'quarantined rows are unprotected input rows, not in the subject index' });
  }
  note({ tier: 'backups', why: 'backups, archived WAL segments and copies made outside Cordon are beyond its reach' });
  const state: ErasureState = {
    v: 1, erasureId: `er_${Buffer.from(randomBytes(12)).toString('hex')}`, scope, reason: input.reason, principal: input.principal,
    subject: deps.auditSubject, startedAt: now(),
    targets: found.map(({ run, rows }: { run: SubjectRun; rows: readonly number[] }) => ({ runId: run.runId, output: run.output, manifest: run.manifest, rows: [...rows], status: 'pending' as const })),
    unreachable,
  };
  return state;
}

/**
 * Erases one subject (see the file header). Resumes an unfinished erasure of the same subject and
 * scope. Returns the finished state, from which a receipt is made (receipt.ts).
 *
 * @example
 * ```ts
 * const done = await eraseSubject({ subjectId: 'cust-42', reason: 'GDPR Art. 17 request #123', principal }, deps);
 * console.log(done.targets.length, done.vault?.deleted);
 * ```
 */
export async function eraseSubject(input: EraseInput, deps: EraseDeps): Promise<ErasureState> {
  if (typeof input.subjectId !== 'string' || input.subjectId === '') throw new CordonError('ERR_USAGE', 'the subject id is empty');
  if (typeof input.reason !== 'string' || input.reason.trim() === '') throw new CordonError('ERR_USAGE', 'an erasure needs a reason (--reason)');
  // The reason goes to the audit log and the receipt: it must not carry the id it is about.
  if (input.reason.includes(input.subjectId)) throw new CordonError('ERR_USAGE', 'the reason must not contain the subject id (it is written to the audit log and the receipt)');
  const { subjectId, ...rest } = input;
  return eraseCommitted({ ...rest, commitment: commitSubject(await subjectIndexKey(deps.keyring), subjectId) }, deps);
}

/**
 * eraseSubject's steps for a subject named by its commitment (the server's erasure jobs, which
 * persist no id, resume so after a restart). The caller has checked the reason against the id.
 */
export async function eraseCommitted(input: CommittedEraseInput, deps: EraseDeps): Promise<ErasureState> {
  if (typeof input.reason !== 'string' || input.reason.trim() === '') throw new CordonError('ERR_USAGE', 'an erasure needs a reason (--reason)');
  const commitment = input.commitment;
  const scope = input.scope ?? '*';
  const state = await openState(input, deps, commitment, scope);
  const save = async (done = false): Promise<void> => {
    const r: JournalRecord = { erasureId: state.erasureId, commitment, scope, state: JSON.stringify(state), done };
    await deps.index.putJournal(r);
  };
  const step = async (name: string): Promise<void> => { await save(); await deps.onStep?.(name); };
  await step('planned');

  // 1. The tombstone first: from here on no run brings the subject back.
  if (state.tombstoneAt === undefined) {
    await deps.index.addTombstone({ commitment, scope, erasureId: state.erasureId, at: Date.now() });
    state.tombstoneAt = now();
    await step('tombstone');
  }

  // 1b. Crypto-shredding: right after the tombstone, so every copy of the subject's subject-keyed
  // values (outputs not rewritten, copies outside Cordon, backups) is unreadable before anything else.
  if (state.subjectKeys === undefined) {
    const destroyed = await deps.index.destroySubjectKeys(commitment, input.scope);
    state.subjectKeys = { destroyed, at: now() };
    await step('subject-keys');
  }

  // 2. Outputs.
  for (const t of state.targets) {
    if (t.status === 'done' || t.status === 'unreachable') continue;
    const m = readManifest(t.manifest);
    const unreachable = async (why: string): Promise<void> => {
      t.status = 'unreachable';
      state.unreachable.push({ tier: 'outputs', path: t.output, why });
      await step('output-unreachable');
    };
    if (t.status === 'journaled') {
      // Resumed after a crash: the rename happened when the file is the journaled new one.
      const cur = await fileSha256(t.output);
      if (cur === t.oldSha256) t.status = 'pending';
      else if (cur !== t.newSha256) { await unreachable('the file changed during an interrupted erasure'); continue; }
    }
    if (t.status === 'pending') {
      if (m === undefined || m.output === undefined) { await unreachable('no readable run manifest: the file cannot be checked'); continue; }
      if (m.output.encrypted === true) { await unreachable('an encrypted output is not rewritten; the tombstone keeps the subject out of later runs'); continue; }
      const format = m.output.format ?? formatFromPath(t.output.replace(/\.cdn$/i, ''));
      if (format === undefined) { await unreachable('unknown format'); continue; }
      const cur = await fileSha256(t.output);
      if (cur === undefined) { await unreachable('the file is gone (moved or deleted outside Cordon)'); continue; }
      if (cur !== m.output.sha256) { await unreachable('the file is not the one Cordon wrote (SHA-256 differs from its manifest)'); continue; }
      const tokenized = (m.columns ?? []).filter((c) => c.operator === 'tokenize' && typeof c.namespace === 'string').map((c) => ({ column: c.name, namespace: c.namespace! }));
      let rw;
      try {
        rw = await rewriteWithout({ path: t.output, format, remove: new Set(t.rows), tokenized, keyring: deps.keyring });
      } catch (e) {
        if (e instanceof CordonError && e.code === 'ERR_ERASURE_TARGET_CHANGED') { await unreachable('the file has fewer rows than the subject index names'); continue; }
        throw e;
      }
      Object.assign(t, {
        status: 'journaled', oldSha256: cur, newSha256: rw.sha256, rowsBefore: rw.rowsBefore, rowsAfter: rw.rowsAfter,
        tokens: Object.fromEntries(rw.tokens), shared: Object.fromEntries(rw.shared),
      });
      try {
        await step('output-journaled');
        rw.commit();
      } catch (e) {
        await rw.abort();
        throw e;
      }
      await deps.onStep?.('output-renamed');
    }
    // The manifest describes the new file; the index forgets the rows and moves the later ones up.
    if (m !== undefined && t.manifest !== null) {
      const erasures = (m.erasures ?? []).filter((x) => x.erasureId !== state.erasureId);
      erasures.push({ erasureId: state.erasureId, rowsRemoved: t.rows.length, at: now() });
      writeManifest(t.manifest, {
        ...m, output: { ...m.output, sha256: t.newSha256!, rows: t.rowsAfter! }, rows: { ...m.rows, out: t.rowsAfter! }, erasures,
      });
    }
    await deps.index.removeRows(t.runId, commitment, t.rows);
    t.status = 'done';
    t.at = now();
    await step('output-done');
  }

  // 3. The vault: tokens only the removed rows held.
  if (state.vault === undefined) {
    // A token another subject's row holds in any output stays, even where only this subject held it.
    const collect = (pick: (t: OutputTarget) => Record<string, string[]> | undefined): Map<string, Set<string>> => {
      const byNs = new Map<string, Set<string>>();
      for (const t of state.targets) {
        for (const [ns, tokens] of Object.entries(pick(t) ?? {})) {
          const s = byNs.get(ns) ?? new Set<string>();
          for (const tok of tokens) s.add(tok);
          byNs.set(ns, s);
        }
      }
      return byNs;
    };
    const kept = collect((t) => t.shared);
    const byNs = collect((t) => t.tokens);
    for (const [ns, s] of byNs) for (const tok of kept.get(ns) ?? []) s.delete(tok);
    const shared = [...kept.values()].reduce((n, s) => n + s.size, 0);
    let deleted = 0;
    for (const [ns, tokens] of byNs) deleted += await deps.vault.deleteTokens(ns, [...tokens]);
    if (input.vacuum === true) await deps.vault.vacuum();
    state.vault = { deleted, shared, namespaces: [...byNs.keys()].sort(), vacuumed: input.vacuum === true, at: now() };
    // The tokens have done their work: the journal keeps no link to the subject's rows.
    for (const t of state.targets) { delete t.tokens; delete t.shared; }
    await step('vault');
  }

  // 3b. RAG: the chunks that name the subject, in every index. The text must leave the files too,
  // so the store rewrites what it deleted from; a resumed step (a delete may have happened before a
  // crash) rewrites every index.
  if (state.rag === undefined) {
    if (deps.rag === undefined) {
      state.rag = { present: false, deleted: 0, indexes: [], at: now() };
    } else {
      const resumed = state.ragStarted === true;
      if (!resumed) { state.ragStarted = true; await step('rag-started'); }
      const r = await deps.rag.eraseSubject(hexOf(commitment), input.scope, { rewriteAll: resumed });
      for (const i of r) {
        if (i.unlabelled > 0) state.unreachable.push({ tier: 'rag', path: i.index, why: `${i.unlabelled} chunk(s) of this index name no subject (documents ingested without one): a mention of the subject in them is not found by subject` });
      }
      state.rag = { present: true, deleted: r.reduce((n, i) => n + i.chunksDeleted, 0), indexes: r.map((i) => ({ index: i.index, chunksDeleted: i.chunksDeleted })), at: now() };
    }
    await step('rag');
  }

  // 4. The audit event: the commitment only.
  if (state.audit === undefined) {
    const rowsRemoved = state.targets.filter((t) => t.status === 'done').reduce((n, t) => n + t.rows.length, 0);
    const index = await deps.audit.append(auditEvent({
      type: 'erase', outcome: 'success', principal: state.principal, subject: state.subject,
      attributes: {
        erasureId: state.erasureId, scope: state.scope, reason: state.reason, outputsRewritten: state.targets.filter((t) => t.status === 'done').length,
        rowsRemoved, tokensDeleted: state.vault.deleted, ragChunksDeleted: state.rag.deleted, subjectKeysDestroyed: state.subjectKeys.destroyed, unreachable: state.unreachable.length,
      },
    }));
    state.audit = { index: index ?? null, at: now() };
    await step('audit');
  }

  state.finishedAt ??= now();
  await save(true);
  await deps.onStep?.('done');
  return state;
}
