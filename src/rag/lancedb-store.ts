// The ChunkStore on LanceDB (embedded, @lancedb/lancedb 0.31.0): one table per index under the
// workspace's rag/ folder. The entitlement predicate is compiled here into a LanceDB (DataFusion SQL)
// filter and applied as a PRE-filter of the vector search, so the nearest chunks are chosen only
// among permitted ones. Filter literals come only from allow-listed values (TAG_VALUE, the four
// classifications, hex digests) and are quoted with '' doubling as well: no caller text is pasted.
// Writes to one index are serialised across processes (index-lock.ts). The only file that imports
// LanceDB or Arrow. Erasure by subject (eraseSubject) deletes a subject's chunks, then rewrites the
// index and prunes every older version: a LanceDB delete only marks rows, and compaction leaves a
// fragment with few deletions as it is, so without the rewrite the text stays in the data files.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Float64, Int32, List, Schema, Utf8 } from 'apache-arrow';
import { CLASSIFICATIONS, type Classification } from '../contracts/types.js';
import { CordonError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { checkIngestProfile, parseIndexProfile } from './index-profile.js';
import { parseIndexContracts, withIndexContracts } from './index-contract.js';
import { withIndexLock } from './index-lock.js';
import { INDEX_NAME, TAG_VALUE, type ChunkHit, type ChunkPredicate, type ChunkStore, type IndexErasure, type IndexMeta, type PredicateTerm, type StoredChunk, type SubjectChunkEraser } from './types.js';

const CLASS_SET: ReadonlySet<string> = new Set(CLASSIFICATIONS);
const COLUMNS = ['_distance', 'id', 'text', 'source', 'source_sha256', 'span_start', 'span_end', 'tenant', 'classification', 'allowed_purposes', 'entities', 'provenance'];

function literal(value: string, kind: 'tag' | 'classification' | 'hex' | 'id'): string {
  const ok = kind === 'tag' ? TAG_VALUE.test(value) : kind === 'classification' ? CLASS_SET.has(value) : kind === 'id' ? /^[0-9a-f]{32}$/.test(value) : /^[0-9a-f]{64}$/.test(value);
  if (!ok) throw new CordonError('ERR_INPUT_INVALID', `a ${kind} value outside the allowed alphabet cannot reach a filter`);
  return `'${value.replace(/'/g, "''")}'`;
}

function termSql(t: PredicateTerm): string {
  const parts: string[] = [];
  switch (t.tenant.kind) {
    case 'equals': parts.push(`tenant = ${literal(t.tenant.tenant, 'tag')}`); break;
    case 'other-than': parts.push(`(tenant IS NOT NULL AND tenant <> ${literal(t.tenant.tenant, 'tag')})`); break;
    case 'any-tenant': parts.push('tenant IS NOT NULL'); break;
    case 'none': parts.push('tenant IS NULL'); break;
  }
  if (t.classifications.length === 0) return 'FALSE';
  parts.push(`classification IN (${t.classifications.map((c: Classification) => literal(c, 'classification')).join(', ')})`);
  switch (t.purpose.kind) {
    case 'any': break;
    case 'contains': parts.push(`array_has(allowed_purposes, ${literal(t.purpose.purpose, 'tag')})`); break;
    case 'not-contains': parts.push(`NOT array_has(allowed_purposes, ${literal(t.purpose.purpose, 'tag')})`); break;
  }
  return `(${parts.join(' AND ')})`;
}

/** The SQL filter for a predicate (exported for tests); undefined when nothing is permitted. */
export function predicateSql(p: ChunkPredicate): string | undefined {
  if (p.anyOf.length === 0) return undefined;
  return p.anyOf.map(termSql).join(' OR ');
}

function schema(dimensions: number): Schema {
  const str = (name: string, nullable = false) => new Field(name, new Utf8(), nullable);
  return new Schema([
    str('id'),
    new Field('vector', new FixedSizeList(dimensions, new Field('item', new Float32(), true)), false),
    str('text'), str('source'), str('source_sha256'),
    new Field('span_start', new Int32(), false), new Field('span_end', new Int32(), false),
    str('tenant', true), str('classification'),
    new Field('allowed_purposes', new List(new Field('item', new Utf8(), true)), false),
    new Field('entities', new List(new Field('item', new Utf8(), true)), false),
    str('provenance'),
    ...SUBJECT_FIELDS(),
    INGESTED_FIELD(),
  ]);
}

/** Added after the first release: tables made before have them added (null: no subject named). */
const SUBJECT_FIELDS = (): Field[] => [new Field('subjects', new List(new Field('item', new Utf8(), true)), true), new Field('subject_scope', new Utf8(), true)];
const SUBJECT_COLUMNS_SQL = [{ name: 'subjects', valueSql: "arrow_cast(NULL, 'List(Utf8)')" }, { name: 'subject_scope', valueSql: "arrow_cast(NULL, 'Utf8')" }];

/** Added for retention (docs/retention.md#rag): when the chunk was stored, ms since the epoch; null in chunks of older tables. */
const INGESTED_FIELD = (): Field => new Field('ingested_at', new Float64(), true);
const INGESTED_COLUMN_SQL = { name: 'ingested_at', valueSql: "arrow_cast(NULL, 'Float64')" };

async function hasColumn(table: lancedb.Table, name: string): Promise<boolean> {
  return (await table.schema()).fields.some((f) => f.name === name);
}

async function hasSubjectColumns(table: lancedb.Table): Promise<boolean> {
  return (await table.schema()).fields.some((f) => f.name === 'subjects');
}

const list = (v: unknown): string[] => (v === null || v === undefined ? [] : Array.from(v as Iterable<string>));

/**
 * @example
 * const store = await LanceChunkStore.open(join(home, 'rag'));
 * await store.search('kb', vector, predicate, 10);
 */
export class LanceChunkStore implements ChunkStore, SubjectChunkEraser {
  readonly #dir: string;
  readonly #db: lancedb.Connection;

  private constructor(dir: string, db: lancedb.Connection) {
    this.#dir = dir;
    this.#db = db;
  }

  static async open(dir: string): Promise<LanceChunkStore> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      return new LanceChunkStore(dir, await lancedb.connect(dir));
    } catch (e) {
      throw new CordonError('ERR_STORE_UNAVAILABLE', 'the vector store could not be opened', { cause: e });
    }
  }

  #metaPath(index: string): string {
    if (!INDEX_NAME.test(index)) throw new CordonError('ERR_INPUT_INVALID', 'an index name is 1-64 lower-case letters, digits, "-" or "_"');
    return join(this.#dir, `${index}.meta.json`);
  }

  async meta(index: string): Promise<IndexMeta | undefined> {
    const path = this.#metaPath(index);
    if (!existsSync(path)) return undefined;
    const m = JSON.parse(readFileSync(path, 'utf8')) as IndexMeta;
    if (typeof m.embedder !== 'string' || !Number.isInteger(m.dimensions)) throw new CordonError('ERR_CONFIG_INVALID', `${path} is not an index description`);
    const contracts = m.contracts === undefined ? undefined : parseIndexContracts(m.contracts, `${index}.meta.json`);
    const profile = m.profile === undefined ? undefined : parseIndexProfile(m.profile, `${index}.meta.json`);
    return { embedder: m.embedder, dimensions: m.dimensions, ...(contracts !== undefined ? { contracts } : {}), ...(profile !== undefined ? { profile } : {}) };
  }

  async add(index: string, chunks: readonly StoredChunk[], meta: IndexMeta): Promise<void> {
    const path = this.#metaPath(index);
    // Create, replace (delete + add) and the meta file under one cross-process lock (index-lock.ts).
    await withIndexLock(this.#dir, index, () => this.#add(index, path, chunks, meta));
  }

  async #add(index: string, path: string, chunks: readonly StoredChunk[], meta: IndexMeta): Promise<void> {
    const known = await this.meta(index);
    if (known !== undefined && (known.embedder !== meta.embedder || known.dimensions !== meta.dimensions)) {
      throw new CordonError('ERR_CONFIG_INVALID', `index ${index} holds ${known.dimensions}-dimension vectors of ${known.embedder}`);
    }
    // The redaction profile is checked under the lock too: two ingestions with different profiles racing
    // to create one index cannot both pass ingest's early check and mix their chunks.
    if (meta.profile !== undefined) checkIngestProfile(index, known, meta.profile);
    for (const c of chunks) if (c.vector.length !== meta.dimensions) throw new TypeError('every vector must have the index\'s dimensions');
    const names = await this.#db.tableNames();
    const table = names.includes(index) ? await this.#db.openTable(index) : await this.#db.createEmptyTable(index, schema(meta.dimensions));
    if (names.includes(index) && !(await hasSubjectColumns(table))) await table.addColumns(SUBJECT_COLUMNS_SQL);
    if (names.includes(index) && !(await hasColumn(table, 'ingested_at'))) await table.addColumns([INGESTED_COLUMN_SQL]);
    const at = Date.now();
    const sources = [...new Set(chunks.map((c) => c.sourceSha256))];
    if (sources.length > 0 && names.includes(index)) await table.delete(`source_sha256 IN (${sources.map((s) => literal(s, 'hex')).join(', ')})`);
    await table.add(chunks.map((c) => ({
      id: c.id, vector: Array.from(c.vector), text: c.text, source: c.source, source_sha256: c.sourceSha256,
      span_start: c.start, span_end: c.end, tenant: c.tenant ?? null, classification: c.classification,
      allowed_purposes: [...c.allowedPurposes], entities: [...c.entities], provenance: c.provenance,
      subjects: c.subjects !== undefined && c.subjects.length > 0 ? [...c.subjects] : null,
      subject_scope: c.subjects !== undefined && c.subjects.length > 0 ? c.subjectScope ?? null : null,
      ingested_at: at,
    })));
    table.close();
    // The metadata records every contract the index was ingested with (under the lock: none is lost).
    const contracts = withIndexContracts(known, meta.contracts);
    // A new index records its profile; an existing one keeps its record (or its lack of one).
    const profile = known === undefined ? meta.profile : known.profile;
    if (known === undefined || contracts !== known.contracts) {
      writeFileAtomic(path, JSON.stringify({ embedder: meta.embedder, dimensions: meta.dimensions, ...(contracts !== undefined ? { contracts } : {}), ...(profile !== undefined ? { profile } : {}) }) + '\n', { force: true, mode: 0o600 });
    }
  }

  async search(index: string, vector: Float32Array, where: ChunkPredicate, limit: number): Promise<ChunkHit[]> {
    const filter = predicateSql(where);
    if (filter === undefined || !(await this.#db.tableNames()).includes(index)) return [];
    const table = await this.#db.openTable(index);
    try {
      // The subject labels are signed with the chunk (sign-provenance.ts), so they are read back to verify; older tables have none.
      const labelled = await hasSubjectColumns(table);
      const rows = await table.vectorSearch(Array.from(vector)).distanceType('cosine').where(filter).select(labelled ? [...COLUMNS, 'subjects', 'subject_scope'] : COLUMNS).limit(limit).toArray();
      return rows.map((r: Record<string, unknown>) => ({
        distance: Number(r._distance),
        chunk: {
          id: String(r.id), text: String(r.text), source: String(r.source), sourceSha256: String(r.source_sha256),
          start: Number(r.span_start), end: Number(r.span_end), classification: String(r.classification) as Classification,
          ...(r.tenant === null || r.tenant === undefined ? {} : { tenant: String(r.tenant) }),
          allowedPurposes: list(r.allowed_purposes), entities: list(r.entities), provenance: String(r.provenance),
          ...(list(r.subjects).length > 0 ? { subjects: list(r.subjects) } : {}),
          ...(r.subject_scope === null || r.subject_scope === undefined ? {} : { subjectScope: String(r.subject_scope) }),
        },
      }));
    } finally {
      table.close();
    }
  }

  async eraseSubject(commitment: string, scope: string | undefined, options: { readonly rewriteAll?: boolean } = {}): Promise<IndexErasure[]> {
    const subject = literal(commitment, 'hex');
    const out: IndexErasure[] = [];
    for (const index of (await this.#db.tableNames()).filter((n) => INDEX_NAME.test(n)).sort()) {
      out.push(await withIndexLock(this.#dir, index, () => this.#eraseIn(index, subject, scope, options.rewriteAll === true)));
    }
    return out;
  }

  async #eraseIn(index: string, subject: string, scope: string | undefined, rewriteAll: boolean): Promise<IndexErasure> {
    const table = await this.#db.openTable(index);
    let deleted = 0;
    let unlabelled: number;
    try {
      if (!(await hasSubjectColumns(table))) {
        // Built before chunks recorded subjects: nothing in it can be found by subject.
        unlabelled = await table.countRows();
      } else {
        const rows = await table.query().where(`array_has(subjects, ${subject})`).select(['id', 'subject_scope']).toArray();
        const ids = rows.filter((r: Record<string, unknown>) => scope === undefined || r.subject_scope === scope).map((r: Record<string, unknown>) => String(r.id));
        for (let i = 0; i < ids.length; i += 500) await table.delete(`id IN (${ids.slice(i, i + 500).map((id) => literal(id, 'id')).join(', ')})`);
        deleted = ids.length;
        unlabelled = await table.countRows('subjects IS NULL');
      }
      if (deleted > 0 || rewriteAll) await this.#rewrite(index, table);
    } finally {
      table.close();
    }
    return { index, chunksDeleted: deleted, unlabelled };
  }

  /** The indexes of the store and the ids of the contracts each was ingested with (absent: not recorded). */
  async indexes(): Promise<Array<{ index: string; contracts?: string[] }>> {
    const out: Array<{ index: string; contracts?: string[] }> = [];
    for (const index of (await this.#db.tableNames()).filter((n) => INDEX_NAME.test(n)).sort()) {
      const ids = (await this.meta(index))?.contracts?.map((c) => c.id);
      out.push({ index, ...(ids !== undefined ? { contracts: [...new Set(ids)] } : {}) });
    }
    return out;
  }

  /**
   * Retention (docs/retention.md#rag): how many chunks of `index` were stored before `before` (ms
   * since the epoch), and how many keep no ingest time (stored by an earlier build). With `remove`,
   * under the index's lock, deletes the former and rewrites the index and prunes its older versions
   * so their text leaves the files, as an erasure does; `rewrite` rewrites even when nothing is left
   * to delete (a resumed run: a delete may have happened before a crash).
   */
  async ingestedBefore(index: string, before: number, options: { readonly remove?: boolean; readonly rewrite?: boolean } = {}): Promise<{ chunks: number; undated: number }> {
    if (!INDEX_NAME.test(index)) throw new CordonError('ERR_INPUT_INVALID', 'an index name is 1-64 lower-case letters, digits, "-" or "_"');
    if (!Number.isSafeInteger(before)) throw new TypeError('before must be milliseconds since the epoch');
    if (!(await this.#db.tableNames()).includes(index)) return { chunks: 0, undated: 0 };
    const run = async (): Promise<{ chunks: number; undated: number }> => {
      const table = await this.#db.openTable(index);
      try {
        if (!(await hasColumn(table, 'ingested_at'))) {
          if (options.remove === true && options.rewrite === true) await this.#rewrite(index, table);
          return { chunks: 0, undated: await table.countRows() };
        }
        // A number from a safe integer: nothing a caller typed reaches the filter.
        const where = `ingested_at < ${before}`;
        const chunks = await table.countRows(where);
        const undated = await table.countRows('ingested_at IS NULL');
        if (options.remove === true) {
          if (chunks > 0) await table.delete(where);
          if (chunks > 0 || options.rewrite === true) await this.#rewrite(index, table);
        }
        return { chunks, undated };
      } finally {
        table.close();
      }
    };
    return options.remove === true ? withIndexLock(this.#dir, index, run) : run();
  }

  /** Writes the live rows into new files and removes every older version's files (the deleted rows' bytes with them). */
  async #rewrite(index: string, table: lancedb.Table): Promise<void> {
    const live = await table.query().toArrow();
    if (live.numRows === 0) {
      // LanceDB cannot overwrite with nothing: the emptied index is made anew, its folder removed.
      const s = await table.schema();
      table.close();
      await this.#db.dropTable(index);
      (await this.#db.createEmptyTable(index, s)).close();
      return;
    }
    await table.add(live, { mode: 'overwrite' });
    // We hold the index's lock, so no other writer has files in flight (the reason deleteUnverified is off by default).
    await table.optimize({ cleanupOlderThan: new Date(Date.now() + 1000), deleteUnverified: true });
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
