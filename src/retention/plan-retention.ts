// Retention, step one (issue 18 item 6): from contracts and a time "now", what each tier holds past
// its retention — the vault's tokens first stored before a dataset's cut-off, the protected outputs
// of runs made before it (subject index), the subject keys (keyScope: subject) of subjects whose
// every row is in such runs, the versions of the operator keys that stopped being primary before
// it, the RAG chunks stored before it in the indexes ingested under the dataset's contract, and the
// tiers Cordon cannot age (chunks stored by an earlier build keep no ingest time; inputs and
// quarantine files are not Cordon's); and for columns with their own retention, the outputs whose
// values of the column are past it (the run is before the column's cut-off, not the dataset's) and
// the column's tokens stored before its cut-off. Reads only: `cordon retention apply --dry-run` prints this
// plan, apply-retention.ts carries it out. Must never: change a store, a file or a key.
import { resolve } from 'node:path';
import type { Contract } from '../contracts/types.js';
import { retentionEnds, type RetentionSpec } from '../contracts/retention-spec.js';
import type { Keyring } from '../keys/keyring.js';
import { planColumns, planPurposes } from '../pipeline/column-plan.js';
import { OPERATOR_KEY_NAMES } from '../pipeline/operator-keys.js';
import type { SubjectIndexStore } from '../erasure/store/types.js';
import { subjectScope } from '../erasure/record-subjects.js';
import { readManifest } from './manifest.js';

/** What the vault must answer for retention (TokenVault). */
export interface RetentionVault {
  createdBefore(namespace: string, before: number, options?: { readonly remove?: boolean }): Promise<number>;
}

/** The RAG store as retention needs it (src/rag's LanceChunkStore fits). */
export interface RetentionRag {
  /** The indexes and the ids of the contracts each was ingested with (absent: not recorded). */
  indexes(): Promise<ReadonlyArray<{ readonly index: string; readonly contracts?: readonly string[] }>>;
  /** Chunks stored before `before` (ms) and chunks with no ingest time; `remove` deletes the former and rewrites the index (`rewrite`: even when none is left). */
  ingestedBefore(index: string, before: number, options?: { readonly remove?: boolean; readonly rewrite?: boolean }): Promise<{ readonly chunks: number; readonly undated: number }>;
}

/** One dataset with a retention, as the plan uses it. */
export interface RetentionDataset {
  /** `<contract id>/<dataset>`. */
  readonly scope: string;
  readonly retention: string;
  /** Data created before this (ISO 8601) is past its retention. */
  readonly cutoff: string;
  readonly namespaces: readonly string[];
  readonly keys: readonly string[];
}

/** A column with its own retention (cordonRetention on the property), shorter than its dataset's. */
export interface RetentionColumn {
  /** `<contract id>/<dataset>`. */
  readonly scope: string;
  readonly column: string;
  readonly retention: string;
  /** The column's values in data created before this (ISO 8601) are past their retention. */
  readonly cutoff: string;
  /** Its vault namespace when it is tokenized. */
  readonly namespace?: string;
}

/** `columns`: the `<scope>#<column>`s whose retention set this namespace's cut-off (absent: datasets'). */
export interface PlannedNamespace { readonly namespace: string; readonly cutoff: string; readonly tokens: number; readonly columns?: readonly string[] }
/** An output whose run is past some columns' cut-off but not its dataset's: those columns' values are set to null. */
export interface PlannedColumnOutput extends PlannedOutput { readonly columns: readonly string[] }
export interface PlannedOutput { readonly runId: string; readonly scope: string; readonly output: string; readonly manifest: string | null; readonly createdAt: string }
/** The chunks of one RAG index stored before its cut-off. */
export interface PlannedRag { readonly index: string; readonly cutoff: string; readonly chunks: number }
/** The subject keys of one dataset whose subjects' data is all past its cut-off. */
export interface PlannedSubjectKeys { readonly scope: string; readonly cutoff: string; readonly keys: number }
export interface PlannedKeyVersion { readonly name: string; readonly version: number; readonly supersededAt: string; readonly cutoff: string }

/** Something past retention (or possibly so) that Cordon cannot erase. */
export interface RetentionUnreachable {
  readonly tier: 'outputs' | 'inputs' | 'quarantine' | 'rag' | 'backups' | 'keys' | 'subject-keys' | 'vault';
  readonly path?: string;
  readonly why: string;
}

export interface RetentionPlan {
  readonly now: string;
  readonly datasets: readonly RetentionDataset[];
  /** Columns with their own retention (absent in a plan journaled by an earlier build). */
  readonly columns?: readonly RetentionColumn[];
  readonly vault: readonly PlannedNamespace[];
  readonly outputs: readonly PlannedOutput[];
  /** Outputs whose columns with a retention are past it (absent in a plan journaled by an earlier build). */
  readonly columnOutputs?: readonly PlannedColumnOutput[];
  /** Per dataset with subject keys to destroy (absent in a plan journaled by an earlier build). */
  readonly subjectKeys?: readonly PlannedSubjectKeys[];
  /** Per RAG index with chunks to delete (absent in a plan journaled by an earlier build). */
  readonly rag?: readonly PlannedRag[];
  readonly keys: readonly PlannedKeyVersion[];
  readonly unreachable: readonly RetentionUnreachable[];
}

export interface PlanDeps {
  readonly index: SubjectIndexStore;
  readonly vault: RetentionVault;
  readonly keyring: Keyring;
  /** The workspace's RAG folder when it holds indexes (named in the receipt). */
  readonly ragDir?: string;
  /** The workspace's RAG store; absent with ragDir set: the RAG tier is listed as unreachable. */
  readonly rag?: RetentionRag;
  /**
   * Destroy superseded versions of the datasets' operator keys (default false). Operator keys are
   * shared by every dataset of the workspace that uses the operator, including datasets of contracts
   * this run was not given: destroying a version makes their values sealed under it unreadable too.
   * Set it only when the run is given every contract of the workspace (the server's schedule reads
   * `contracts.dir`). Even then, a key that a given dataset without a retention uses is never aged.
   */
  readonly destroyKeyVersions?: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The datasets of `contracts` that state a retention, with their cut-offs at `now`. */
export function retentionDatasets(contracts: readonly Contract[], now: number): RetentionDataset[] {
  const out: RetentionDataset[] = [];
  for (const c of contracts) {
    for (const d of c.datasets) {
      if (d.retention === undefined) continue;
      const plan = planColumns(d);
      const own = new Map(d.columns.map((col) => [col.name, col.retention] as const));
      const keys = planPurposes(plan).map((p) => OPERATOR_KEY_NAMES[p]);
      out.push({
        scope: subjectScope(c.id, d.name), retention: d.retention.duration, cutoff: iso(cutoffOf(d.retention, now)),
        namespaces: plan.flatMap((p) => (p.namespace !== undefined && own.get(p.name) === undefined ? [p.namespace] : [])), keys: [...new Set(keys)].sort(),
      });
    }
  }
  return out;
}

/** The columns of `contracts` with their own retention (datasets with or without one), with their cut-offs at `now`. */
export function retentionColumns(contracts: readonly Contract[], now: number): RetentionColumn[] {
  const out: RetentionColumn[] = [];
  for (const c of contracts) {
    for (const d of c.datasets) {
      if (!d.columns.some((col) => col.retention !== undefined)) continue;
      const ns = new Map(planColumns(d).flatMap((p) => (p.namespace !== undefined ? [[p.name, p.namespace] as const] : [])));
      for (const col of d.columns) {
        if (col.retention === undefined) continue;
        const namespace = ns.get(col.name);
        out.push({ scope: subjectScope(c.id, d.name), column: col.name, retention: col.retention.duration, cutoff: iso(cutoffOf(col.retention, now)), ...(namespace !== undefined ? { namespace } : {}) });
      }
    }
  }
  return out;
}

/**
 * The cut-off: the earliest time whose data is still within retention at `now` (data written at t
 * is kept up to and including retentionEnds(t)). retentionEnds is monotonic, so a binary search
 * over milliseconds finds it for calendar units too (P1M from Jan 31).
 */
export function cutoffOf(spec: RetentionSpec, now: number): number {
  let lo = now - (spec.months * 31 + 1) * 86_400_000 - spec.ms;
  let hi = now;
  // retentionEnds(lo) < now <= retentionEnds(hi); find the smallest t with retentionEnds(t) >= now.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (retentionEnds(spec, mid) >= now) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * What is past retention at `now` (see the file header). A namespace or key several datasets share
 * gets the earliest cut-off among them (the longest retention): one dataset's shorter retention
 * never removes what another must keep.
 */
export async function planRetention(contracts: readonly Contract[], now: number, deps: PlanDeps): Promise<RetentionPlan> {
  const datasets = retentionDatasets(contracts, now);
  const columns = retentionColumns(contracts, now);
  const earliest = (m: Map<string, number>, k: string, t: number): void => { m.set(k, Math.min(m.get(k) ?? t, t)); };
  const nsCut = new Map<string, number>();
  const keyCut = new Map<string, number>();
  for (const d of datasets) {
    const t = Date.parse(d.cutoff);
    for (const ns of d.namespaces) earliest(nsCut, ns, t);
    for (const k of d.keys) earliest(keyCut, k, t);
  }
  // A column's own retention sets its namespace's cut-off (still the earliest of every user's).
  const nsColumns = new Map<string, string[]>();
  for (const c of columns) {
    if (c.namespace === undefined) continue;
    earliest(nsCut, c.namespace, Date.parse(c.cutoff));
    nsColumns.set(c.namespace, [...(nsColumns.get(c.namespace) ?? []), `${c.scope}#${c.column}`]);
  }
  // A namespace a given column without any retention (its own or its dataset's) writes to keeps its
  // tokens for ever: a shared namespace (cordonProtect namespace) must not lose them to another's retention.
  const keptNs = new Set<string>();
  for (const c of contracts) {
    for (const d of c.datasets) {
      const own = new Map(d.columns.map((col) => [col.name, col.retention] as const));
      for (const p of planColumns(d)) if (p.namespace !== undefined && (own.get(p.name) ?? d.retention) === undefined) keptNs.add(p.namespace);
    }
  }
  const vault: PlannedNamespace[] = [];
  const keptNotes: RetentionUnreachable[] = [];
  for (const [namespace, t] of [...nsCut].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (keptNs.has(namespace)) {
      keptNotes.push({ tier: 'vault', path: namespace, why: 'not aged: a column without a retention also tokenizes into this namespace, so its tokens are kept for ever' });
      continue;
    }
    const cols = nsColumns.get(namespace);
    vault.push({ namespace, cutoff: iso(t), tokens: await deps.vault.createdBefore(namespace, t), ...(cols !== undefined ? { columns: cols } : {}) });
  }
  const outputs: PlannedOutput[] = [];
  const unreachable: RetentionUnreachable[] = [...keptNotes];
  const seen = new Set<string>();
  const note = (u: RetentionUnreachable): void => {
    const k = `${u.tier}\u0000${u.path ?? ''}`;
    if (!seen.has(k)) { seen.add(k); unreachable.push(u); }
  };
  for (const d of datasets) {
    for (const run of await deps.index.runsBefore(d.scope, Date.parse(d.cutoff))) {
      outputs.push({ runId: run.runId, scope: run.scope, output: run.output, manifest: run.manifest, createdAt: iso(run.createdAt) });
      const m = readManifest(run.manifest);
      if (typeof m?.input?.path === 'string' && m.input.path !== '-') note({ tier: 'inputs', path: resolve(m.input.path), why: 'the input a protect run read: Cordon does not own it' });
      if (typeof m?.quarantine?.path === 'string') note({ tier: 'quarantine', path: resolve(m.quarantine.path), why: 'quarantined rows are input rows Cordon set aside, not an output it owns' });
    }
  }
  // Column retention: outputs of runs before a column's cut-off that its dataset's retention keeps.
  const dsCut = new Map(datasets.map((d) => [d.scope, Date.parse(d.cutoff)]));
  const byRun = new Map<string, { o: PlannedOutput; columns: string[] }>();
  for (const c of columns) {
    for (const run of await deps.index.runsBefore(c.scope, Date.parse(c.cutoff))) {
      if (run.createdAt < (dsCut.get(c.scope) ?? Number.NEGATIVE_INFINITY)) continue; // removed whole
      const e = byRun.get(run.runId) ?? { o: { runId: run.runId, scope: run.scope, output: run.output, manifest: run.manifest, createdAt: iso(run.createdAt) }, columns: [] };
      e.columns.push(c.column);
      byRun.set(run.runId, e);
    }
  }
  const columnOutputs: PlannedColumnOutput[] = [...byRun.values()].map(({ o, columns: cols }) => ({ ...o, columns: cols }));
  const rag = deps.rag === undefined ? [] : await planRag(contracts, datasets, deps.rag, note);
  // Subject keys (crypto-shredding by age): a key whose subject has no row in a run at or after the
  // cut-off seals only values past retention, wherever their copies are.
  const subjectKeys: PlannedSubjectKeys[] = [];
  for (const d of datasets) {
    const keys = await deps.index.subjectKeysBefore(d.scope, Date.parse(d.cutoff));
    if (keys === undefined) note({ tier: 'subject-keys', path: d.scope, why: 'a protect run of this dataset is in progress: its subject keys are aged by the next retention run' });
    else if (keys > 0) subjectKeys.push({ scope: d.scope, cutoff: d.cutoff, keys });
  }
  if (datasets.length > 0 || columns.length > 0) {
    note({ tier: 'outputs', why: 'outputs of datasets without a subject (no primaryKey) and outputs written to stdout are not in the subject index: cordon lineage lists them' });
    if (deps.ragDir !== undefined && deps.rag === undefined) note({ tier: 'rag', path: deps.ragDir, why: 'the RAG store was not opened by this run: its chunks were not aged' });
    note({ tier: 'backups', why: 'backups, archived WAL segments and copies made outside Cordon are beyond its reach' });
  }
  // A key used by a dataset without a retention must outlive every cut-off: its values are kept for ever.
  const keptForever = new Set<string>();
  for (const c of contracts) {
    for (const d of c.datasets) {
      if (d.retention !== undefined) continue;
      for (const p of planPurposes(planColumns(d))) keptForever.add(OPERATOR_KEY_NAMES[p]);
    }
  }
  const keys: PlannedKeyVersion[] = [];
  for (const [name, t] of [...keyCut].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (keptForever.has(name)) {
      note({ tier: 'keys', why: `key ${name} is kept: a dataset without a retention uses it` });
      continue;
    }
    let info;
    try {
      info = await deps.keyring.show(name);
    } catch {
      continue; // never created: nothing was ever sealed under it
    }
    // Version v sealed data while it was primary: until v+1 was created. When that is before the
    // cut-off, everything under v is past retention. The primary version is never destroyed.
    const versions = [...info.versions].sort((a, b) => a.version - b.version);
    for (let i = 0; i + 1 < versions.length; i++) {
      const v = versions[i]!;
      if (v.state === 'destroyed' || v.version === info.primaryVersion) continue;
      const supersededAt = Date.parse(versions[i + 1]!.createdAt);
      if (supersededAt < t) keys.push({ name, version: v.version, supersededAt: iso(supersededAt), cutoff: iso(t) });
    }
  }
  if (deps.destroyKeyVersions !== true && keys.length > 0) {
    note({ tier: 'keys', why: `${keys.length} superseded operator key version(s) past the cut-off are kept: operator keys are shared by every dataset of the workspace; destroy them with --destroy-key-versions when the run is given every contract` });
    return { now: iso(now), datasets, columns, vault, outputs, columnOutputs, subjectKeys, rag, keys: [], unreachable };
  }
  return { now: iso(now), datasets, columns, vault, outputs, columnOutputs, subjectKeys, rag, keys, unreachable };
}

/**
 * The RAG tier: an index ingested under a contract with a retention is aged at the earliest cut-off
 * (the longest retention) of the datasets of every contract it was ingested with — a chunk records
 * its contract only through the index, so the longest retention among them keeps what any must
 * keep. An index also ingested under a contract this run was not given, or with a dataset without a
 * retention, or recording no contract, is not aged (listed); nor are chunks without an ingest time.
 */
async function planRag(contracts: readonly Contract[], datasets: readonly RetentionDataset[], rag: RetentionRag, note: (u: RetentionUnreachable) => void): Promise<PlannedRag[]> {
  const given = new Map(contracts.map((c) => [c.id, c]));
  const cutOf = new Map(datasets.map((d) => [d.scope, Date.parse(d.cutoff)]));
  const out: PlannedRag[] = [];
  for (const { index, contracts: ids } of await rag.indexes()) {
    // Only indexes ingested under a contract of this run with a retention are this run's business.
    if (ids === undefined || !ids.some((id) => given.get(id)?.datasets.some((d) => cutOf.has(subjectScope(id, d.name))) === true)) {
      if (ids === undefined) note({ tier: 'rag', path: index, why: 'the index records no contract (built by an earlier build): its chunks cannot be aged' });
      continue;
    }
    let cut = Number.POSITIVE_INFINITY;
    let why: string | undefined;
    for (const id of ids) {
      const c = given.get(id);
      if (c === undefined) { why = `also ingested under contract ${id}, which this run was not given: its chunks may need a longer retention`; break; }
      for (const d of c.datasets) {
        const t = cutOf.get(subjectScope(id, d.name));
        if (t === undefined) { why = `also ingested under contract ${id}, whose dataset ${d.name} has no retention`; break; }
        cut = Math.min(cut, t);
      }
      if (why !== undefined) break;
    }
    if (why !== undefined) { note({ tier: 'rag', path: index, why: `not aged: ${why}` }); continue; }
    const { chunks, undated } = await rag.ingestedBefore(index, cut);
    if (undated > 0) note({ tier: 'rag', path: index, why: `${undated} chunk(s) keep no ingest time (stored by an earlier build): they cannot be aged; re-ingest their documents` });
    if (chunks > 0) out.push({ index, cutoff: iso(cut), chunks });
  }
  return out;
}
