// `cordon retention apply` as a library call (issue 18 item 6): the plan (plan-retention.ts) carried
// out tier by tier, each step journaled so a run killed at any point (kill -9) is completed by the
// next one:
//   1. outputs — each protected output of a run made before its dataset's cut-off is removed
//                whole (every row of a file was written at the same time, so a file is past its
//                retention all at once: removed, never rewritten); its manifest gets a
//                `retention` note and the run leaves the subject index. A file whose SHA-256 is not
//                the one its manifest records is not Cordon's any more: listed as unreachable.
//   1b. columns — each output of a run before a column's own cut-off (not its dataset's) is
//                rewritten with the column's values set to null (erasure/rewrite-output.ts: a
//                temporary file renamed over it), its new digest journaled before the rename; the
//                manifest gets `agedColumns` and the new digest. A column already aged is skipped.
//   2. vault   — the tokens first stored before the cut-off are deleted in the datasets' namespaces;
//   2b. subject keys — the keys (keyScope: subject) of subjects with no row in a run at or after the
//                cut-off are deleted: every copy of the values sealed under them is unreadable;
//   2c. rag    — the chunks of indexes ingested under the datasets' contracts stored before the
//                cut-off are deleted, the index rewritten and its old versions pruned (as erase);
//   3. keys    — versions of the datasets' operator keys superseded before the cut-off are
//                destroyed (crypto-shredding: every copy of data sealed under them is unreadable);
//   4. audit   — one `retention.apply` event with the counts.
// The journal is the erasure journal (erasure/store): a record with scope `retention` and an
// all-zero commitment, which no subject's HMAC commitment can equal. The run is complete only
// when every tier is done or listed as unreachable; only then does a caller write a receipt.
// Must never: remove a file it did not write, or destroy a key version that is primary.
import { unlinkSync } from 'node:fs';
import { randomBytes } from '../crypto/random.js';
import type { Contract } from '../contracts/types.js';
import type { Keyring } from '../keys/keyring.js';
import { auditEvent } from '../audit/make-event.js';
import type { AuditAppender } from '../erasure/erase-subject.js';
import { formatFromPath } from '../io/dataset.js';
import { fileSha256, rewriteWithout } from '../erasure/rewrite-output.js';
import type { JournalRecord, SubjectIndexStore } from '../erasure/store/types.js';
import { markAged, markRemoved, readManifest } from './manifest.js';
import { planRetention, type RetentionRag, type PlannedColumnOutput, type PlannedOutput, type RetentionPlan, type RetentionUnreachable, type RetentionVault } from './plan-retention.js';

/** The journal's scope for retention runs. */
export const RETENTION_SCOPE = 'retention';
const NO_SUBJECT = new Uint8Array(32);

export interface ApplyRetentionInput {
  readonly contracts: readonly Contract[];
  /** Milliseconds since the epoch (default: the clock). */
  readonly now?: number;
  readonly principal: string;
}

export interface ApplyRetentionDeps {
  readonly index: SubjectIndexStore;
  readonly vault: RetentionVault;
  readonly keyring: Keyring;
  readonly audit: AuditAppender;
  readonly ragDir?: string;
  /** The workspace's RAG store (PlanDeps.rag). */
  readonly rag?: RetentionRag;
  /** Destroy superseded operator key versions (PlanDeps.destroyKeyVersions; default false). */
  readonly destroyKeyVersions?: boolean;
  /** Test hook: called after each journaled step, with its name (crash tests kill the process here). */
  readonly onStep?: (step: string) => void | Promise<void>;
}

export interface OutputStep extends PlannedOutput {
  status: 'pending' | 'removing' | 'removed' | 'gone' | 'unreachable';
  sha256?: string;
  at?: string;
}

/** An output whose columns are aged: `rewriting` journals the new file's digest before the rename; `aged-before`: an earlier run aged them. */
export interface ColumnOutputStep extends PlannedColumnOutput {
  status: 'pending' | 'rewriting' | 'aged' | 'aged-before' | 'unreachable';
  /** The columns this run set to null (those not aged before). */
  aged?: string[];
  oldSha256?: string;
  sha256?: string;
  at?: string;
}

/** One retention run's journaled state. No value, no id: paths, counts, digests and times. */
export interface RetentionState {
  readonly v: 1;
  readonly retentionId: string;
  readonly principal: string;
  readonly startedAt: string;
  readonly plan: RetentionPlan;
  readonly outputs: OutputStep[];
  /** Absent in a state journaled by an earlier build. */
  columnOutputs?: ColumnOutputStep[];
  readonly unreachable: RetentionUnreachable[];
  vault?: { readonly namespaces: Array<{ namespace: string; cutoff: string; planned: number; deleted: number }>; deleted: number; at?: string };
  /** `started` is journaled before an index's delete: a resumed run then rewrites it even when nothing is left to delete. */
  rag?: { readonly indexes: Array<{ index: string; cutoff: string; planned: number; deleted: number; started: boolean }>; deleted: number; at?: string };
  subjectKeys?: { readonly scopes: Array<{ scope: string; cutoff: string; planned: number; destroyed: number }>; destroyed: number; at?: string };
  keys?: { readonly versions: Array<{ name: string; version: number; destroyed: boolean }>; destroyed: number; at?: string };
  audit?: { index: number | null; at: string };
  finishedAt?: string;
  /** True when this run resumed one an earlier process left unfinished. */
  resumed?: boolean;
}

const stamp = (): string => new Date().toISOString();

/** The unfinished retention run, if a process stopped in one. */
export async function unfinishedRetention(index: SubjectIndexStore): Promise<RetentionState | undefined> {
  const open = (await index.unfinished()).find((r) => r.scope === RETENTION_SCOPE);
  return open === undefined ? undefined : (JSON.parse(open.state) as RetentionState);
}

/**
 * Applies retention (see the file header): resumes an unfinished run first (its plan and cut-offs
 * as they were), else plans at `now` and runs the plan. Returns the finished state, from which a
 * receipt is made (receipt.ts).
 *
 * @example
 * ```ts
 * const done = await applyRetention({ contracts: [contract], principal }, deps);
 * console.log(done.vault?.deleted, done.outputs.filter((o) => o.status === 'removed').length);
 * ```
 */
export async function applyRetention(input: ApplyRetentionInput, deps: ApplyRetentionDeps): Promise<RetentionState> {
  let state = await unfinishedRetention(deps.index);
  if (state !== undefined) state.resumed = true;
  else {
    const plan = await planRetention(input.contracts, input.now ?? Date.now(), deps);
    state = {
      v: 1, retentionId: `rt_${Buffer.from(randomBytes(12)).toString('hex')}`, principal: input.principal, startedAt: stamp(), plan,
      outputs: plan.outputs.map((o) => ({ ...o, status: 'pending' as const })), unreachable: [...plan.unreachable],
      columnOutputs: (plan.columnOutputs ?? []).map((o) => ({ ...o, status: 'pending' as const })),
    };
  }
  const s = state;
  const save = async (done = false): Promise<void> => {
    const r: JournalRecord = { erasureId: s.retentionId, commitment: NO_SUBJECT, scope: RETENTION_SCOPE, state: JSON.stringify(s), done };
    await deps.index.putJournal(r);
  };
  const step = async (name: string): Promise<void> => { await save(); await deps.onStep?.(name); };
  await step('planned');

  // 1. Outputs: removed whole.
  for (const o of s.outputs) {
    if (o.status === 'removed' || o.status === 'gone' || o.status === 'unreachable') continue;
    const m = readManifest(o.manifest);
    const cur = await fileSha256(o.output);
    if (o.status === 'pending') {
      if (cur === undefined) o.status = 'gone';
      else if (m?.output?.sha256 === undefined || cur !== m.output.sha256) {
        o.status = 'unreachable';
        s.unreachable.push({ tier: 'outputs', path: o.output, why: m === undefined ? 'no readable run manifest: the file cannot be checked' : 'the file is not the one Cordon wrote (SHA-256 differs from its manifest)' });
        await step('output-unreachable');
        continue;
      } else {
        o.status = 'removing';
        o.sha256 = cur;
        await step('output-removing');
      }
    }
    if (o.status === 'removing') {
      // Resumed: the file is the journaled one (remove it) or gone (removed before the crash).
      if (cur !== undefined && cur === o.sha256) unlinkSync(o.output);
      else if (cur !== undefined) {
        o.status = 'unreachable';
        s.unreachable.push({ tier: 'outputs', path: o.output, why: 'the file changed during an interrupted retention run' });
        await step('output-unreachable');
        continue;
      }
      o.status = 'removed';
    }
    if (m !== undefined && o.manifest !== null && m.retention?.retentionId !== s.retentionId) {
      markRemoved(o.manifest, m, { retentionId: s.retentionId, removedAt: stamp(), retention: datasetRetention(s, o.scope) });
    }
    // The rows are gone: an erasure must not look for the subject there any more.
    await deps.index.abortRun(o.runId);
    o.at = stamp();
    await step('output-done');
  }

  // 1b. Columns past their own retention: their values set to null, the file rewritten.
  s.columnOutputs ??= [];
  for (const o of s.columnOutputs) {
    if (o.status === 'aged' || o.status === 'aged-before' || o.status === 'unreachable') continue;
    const unreachable = async (why: string): Promise<void> => {
      o.status = 'unreachable';
      s.unreachable.push({ tier: 'outputs', path: o.output, why });
      await step('column-output-unreachable');
    };
    const m = readManifest(o.manifest);
    const cur = await fileSha256(o.output);
    if (o.status === 'rewriting') {
      // Resumed: renamed when the file is the journaled new one; else rewrite it again.
      if (cur === o.sha256) o.status = 'aged';
      else if (cur === o.oldSha256) o.status = 'pending';
      else { await unreachable('the file changed during an interrupted retention run'); continue; }
    }
    if (o.status === 'pending') {
      if (m === undefined || m.output === undefined || o.manifest === null) { await unreachable('no readable run manifest: the file cannot be checked'); continue; }
      const todo = o.columns.filter((c) => !(m.agedColumns ?? []).some((a) => a.column === c));
      if (todo.length === 0) { o.status = 'aged-before'; o.at = stamp(); await step('column-output-done'); continue; }
      if (m.output.encrypted === true) { await unreachable('an encrypted output is not rewritten: its columns past retention are kept'); continue; }
      const format = m.output.format ?? formatFromPath(o.output.replace(/\.cdn$/i, ''));
      if (format === undefined) { await unreachable('unknown format'); continue; }
      if (cur === undefined) { await unreachable('the file is gone (moved or deleted outside Cordon)'); continue; }
      if (cur !== m.output.sha256) { await unreachable('the file is not the one Cordon wrote (SHA-256 differs from its manifest)'); continue; }
      const rw = await rewriteWithout({ path: o.output, format, remove: new Set(), blank: new Set(todo), tokenized: [], keyring: deps.keyring });
      Object.assign(o, { status: 'rewriting', aged: todo, oldSha256: cur, sha256: rw.sha256 });
      try {
        await step('column-output-journaled');
        rw.commit();
      } catch (e) {
        await rw.abort();
        throw e;
      }
      await deps.onStep?.('column-output-renamed');
      o.status = 'aged';
    }
    if (m !== undefined && o.manifest !== null && o.sha256 !== undefined && m.output?.sha256 !== o.sha256) {
      const at = stamp();
      markAged(o.manifest, m, o.sha256, (o.aged ?? o.columns).map((column) => ({ column, retentionId: s.retentionId, retention: columnRetention(s, o.scope, column), agedAt: at })));
    }
    o.at = stamp();
    await step('column-output-done');
  }

  // 2. The vault, namespace by namespace.
  s.vault ??= { namespaces: s.plan.vault.map((n) => ({ namespace: n.namespace, cutoff: n.cutoff, planned: n.tokens, deleted: -1 })), deleted: 0 };
  if (s.vault.at === undefined) {
    for (const n of s.vault.namespaces) {
      if (n.deleted >= 0) continue;
      n.deleted = await deps.vault.createdBefore(n.namespace, Date.parse(n.cutoff), { remove: true });
      await step('vault-namespace');
    }
    s.vault.deleted = s.vault.namespaces.reduce((k, n) => k + n.deleted, 0);
    s.vault.at = stamp();
    await step('vault');
  }

  // 2b. Subject keys whose subjects' data is all past retention: crypto-shredding by age. Counted
  // again at apply time (the plan's count is what the dry run saw); a scope with a protect run in
  // progress is left to the next run.
  s.subjectKeys ??= { scopes: (s.plan.subjectKeys ?? []).map((k) => ({ scope: k.scope, cutoff: k.cutoff, planned: k.keys, destroyed: -1 })), destroyed: 0 };
  if (s.subjectKeys.at === undefined) {
    for (const k of s.subjectKeys.scopes) {
      if (k.destroyed >= 0) continue;
      const n = await deps.index.subjectKeysBefore(k.scope, Date.parse(k.cutoff), { destroy: true });
      if (n === undefined) s.unreachable.push({ tier: 'subject-keys', path: k.scope, why: 'a protect run of this dataset began: its subject keys are aged by the next retention run' });
      k.destroyed = n ?? 0;
      await step('subject-keys-scope');
    }
    s.subjectKeys.destroyed = s.subjectKeys.scopes.reduce((n, k) => n + k.destroyed, 0);
    s.subjectKeys.at = stamp();
    await step('subject-keys');
  }

  // 2c. RAG chunks stored before the cut-off.
  s.rag ??= { indexes: (s.plan.rag ?? []).map((r) => ({ index: r.index, cutoff: r.cutoff, planned: r.chunks, deleted: -1, started: false })), deleted: 0 };
  if (s.rag.at === undefined) {
    for (const r of s.rag.indexes) {
      if (r.deleted >= 0) continue;
      if (deps.rag === undefined) {
        s.unreachable.push({ tier: 'rag', path: r.index, why: 'the RAG store was not opened by the run that resumed this one' });
        r.deleted = 0;
      } else {
        const resumed = r.started;
        if (!resumed) { r.started = true; await step('rag-index-started'); }
        r.deleted = (await deps.rag.ingestedBefore(r.index, Date.parse(r.cutoff), { remove: true, rewrite: resumed })).chunks;
      }
      await step('rag-index');
    }
    s.rag.deleted = s.rag.indexes.reduce((n, r) => n + r.deleted, 0);
    s.rag.at = stamp();
    await step('rag');
  }

  // 3. Key versions: crypto-shredding.
  s.keys ??= { versions: s.plan.keys.map((k) => ({ name: k.name, version: k.version, destroyed: false })), destroyed: 0 };
  if (s.keys.at === undefined) {
    for (const k of s.keys.versions) {
      if (k.destroyed) continue;
      await deps.keyring.destroyVersion(k.name, k.version);
      k.destroyed = true;
      await step('key-version');
    }
    s.keys.destroyed = s.keys.versions.length;
    s.keys.at = stamp();
    await step('keys');
  }

  // 4. The audit event.
  if (s.audit === undefined) {
    const index = await deps.audit.append(auditEvent({
      type: 'retention.apply', outcome: 'success', principal: s.principal,
      attributes: {
        retentionId: s.retentionId, datasets: s.plan.datasets.map((d) => d.scope).join(','),
        outputsRemoved: s.outputs.filter((o) => o.status === 'removed').length,
        columnOutputsAged: s.columnOutputs.filter((o) => o.status === 'aged').length, tokensDeleted: s.vault.deleted,
        ragChunksDeleted: s.rag.deleted, subjectKeysDestroyed: s.subjectKeys.destroyed, keyVersionsDestroyed: s.keys.destroyed, unreachable: s.unreachable.length,
      },
    }));
    s.audit = { index: index ?? null, at: stamp() };
    await step('audit');
  }

  s.finishedAt ??= stamp();
  await save(true);
  await deps.onStep?.('done');
  return s;
}

function columnRetention(s: RetentionState, scope: string, column: string): string {
  return s.plan.columns?.find((c) => c.scope === scope && c.column === column)?.retention ?? '';
}

function datasetRetention(s: RetentionState, scope: string): string {
  return s.plan.datasets.find((d) => d.scope === scope)?.retention ?? '';
}
