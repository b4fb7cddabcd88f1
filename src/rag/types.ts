// The RAG guard's shared shapes: a stored chunk with its tags, the store and embedder extension
// points (one small interface each), and the entitlement predicate as DATA. The predicate is never
// SQL: each store adapter compiles it for its own query language from allow-listed values, so no
// caller text is ever pasted into a filter. Pure types; no I/O.
import type { Classification, RecognizerDoc } from '../contracts/types.js';
import type { ProfileName } from '../detect/profiles/table.js';

/** The tags retrieval is decided on, plus provenance. Offsets are UTF-16 indices into the source file's text. */
export interface ChunkTags {
  /** The contract's tenant; absent when the contract names none. */
  readonly tenant?: string;
  readonly classification: Classification;
  /** Purposes the contract allows for every entity the chunk held (empty: none). */
  readonly allowedPurposes: readonly string[];
  /** Entity kinds detected in the chunk before redaction, sorted, each once. */
  readonly entities: readonly string[];
}

/** One chunk as stored: redacted text, its vector and tags, and the signed provenance (a DSSE envelope, JSON). */
export interface StoredChunk extends ChunkTags {
  /** Hex, 32 characters: SHA-256 over the source digest and offsets, so re-ingesting a file gives the same ids. */
  readonly id: string;
  /** The redacted, sanitised text that was embedded (placeholders such as <PERSON_1>, never values). */
  readonly text: string;
  readonly vector: Float32Array;
  /** The source file's name as given at ingestion (a base name, no directories). */
  readonly source: string;
  /** SHA-256 (hex) of the source file's bytes. */
  readonly sourceSha256: string;
  readonly start: number;
  readonly end: number;
  /** The provenance envelope (DSSE JSON) signed at ingestion. */
  readonly provenance: string;
  /**
   * The data subjects the chunk's record names (a JSONL record's `subject`), as keyed commitments
   * (hex HMAC under the subject-index key, docs/erasure.md), never ids; absent or empty: none named.
   */
  readonly subjects?: readonly string[];
  /** `<contract id>/<dataset>` of those subjects (the scope an erasure with --contract narrows to). */
  readonly subjectScope?: string;
}

/** One chunk a search found, with its distance (smaller is nearer). */
export interface ChunkHit {
  readonly chunk: Omit<StoredChunk, 'vector'>;
  readonly distance: number;
}

/** Who may be given chunks of this tenant: a principal's own tenant, any other tenant, or chunks with none. */
export type TenantCondition =
  | { readonly kind: 'equals'; readonly tenant: string }
  | { readonly kind: 'other-than'; readonly tenant: string }
  | { readonly kind: 'any-tenant' }
  | { readonly kind: 'none' };

/** Whether the chunk's allowedPurposes must hold the request's purpose. */
export type PurposeCondition =
  | { readonly kind: 'any' }
  | { readonly kind: 'contains'; readonly purpose: string }
  | { readonly kind: 'not-contains'; readonly purpose: string };

/** One permitted region of the tag space. */
export interface PredicateTerm {
  readonly tenant: TenantCondition;
  readonly classifications: readonly Classification[];
  readonly purpose: PurposeCondition;
}

/** A disjunction of terms; no terms means nothing is permitted (a store must return nothing). */
export interface ChunkPredicate {
  readonly anyOf: readonly PredicateTerm[];
}

/**
 * Where chunks live. One adapter per backend (lancedb-store.ts; a pgvector store can follow): the
 * predicate is evaluated INSIDE the vector query, never after it.
 */
export interface ChunkStore {
  /** Adds chunks, first removing any earlier chunks of the same source files (re-ingestion replaces). */
  add(index: string, chunks: readonly StoredChunk[], meta: IndexMeta): Promise<void>;
  /** The nearest `limit` chunks that satisfy `where`, nearest first; [] for an index that does not exist. */
  search(index: string, vector: Float32Array, where: ChunkPredicate, limit: number): Promise<ChunkHit[]>;
  /** The index's metadata, or undefined when there is no such index. */
  meta(index: string): Promise<IndexMeta | undefined>;
  close(): Promise<void>;
}

/**
 * How ingestion names a record's data subjects: their commitments and the tombstoned ones. Built by
 * the caller from the subject index (src/erasure), so src/rag never holds the subject-index key.
 */
export interface SubjectTagger {
  /** `<contract id>/<dataset>`. */
  readonly scope: string;
  /** The hex commitments of `ids`, in order. */
  commit(ids: readonly string[]): string[];
  /** Hex commitments of subjects erased in this scope (tombstones): their records are not ingested. */
  readonly erased: ReadonlySet<string>;
}

/** What an erasure removed from one index. */
export interface IndexErasure {
  readonly index: string;
  /** Chunks of the subject deleted (their text is gone from the index's files: rewritten and pruned). */
  readonly chunksDeleted: number;
  /** Chunks that name no subject (documents ingested without one, or before subjects were recorded): not searchable by subject. */
  readonly unlabelled: number;
}

/** Deletes a subject's chunks from every index of a store (erasure's RAG tier). */
export interface SubjectChunkEraser {
  /**
   * Deletes the chunks naming `commitment` (hex) in `scope` (or every scope) from every index, then
   * rewrites each index that lost chunks (or every index, with `rewriteAll`: a resumed erasure) and
   * prunes old versions, so the deleted text is in no file of the store afterwards.
   */
  eraseSubject(commitment: string, scope: string | undefined, options?: { readonly rewriteAll?: boolean }): Promise<IndexErasure[]>;
}

/** What an index was built with: the query must be embedded (and redacted) the same way. */
export interface IndexMeta {
  readonly embedder: string;
  readonly dimensions: number;
  /**
   * The contracts its chunks were ingested with, each once (absent in indexes built before they were
   * recorded). Their custom recognizers are kept so a query is redacted as the chunks were.
   */
  readonly contracts?: readonly IndexContract[];
  /**
   * The detection profile its chunks were redacted with (null: none, every entity); absent in indexes
   * built before it was recorded, and in an add() that does not say (then nothing is checked).
   */
  readonly profile?: ProfileName | null;
}

/** A contract an index was ingested with: identity, digest of its text, and its custom recognizers. */
export interface IndexContract {
  readonly id: string;
  readonly name?: string;
  readonly version: string;
  /** SHA-256 (hex) of the contract text: what a query's --contract is matched on. */
  readonly sha256: string;
  /** The contract's cordonRecognizers document, when it has one. */
  readonly recognizers?: RecognizerDoc;
}

/**
 * Turns texts into vectors. `id` names the model and its settings: an index remembers it and
 * refuses queries embedded by another.
 *
 * @example
 * const e: Embedder = { id: 'hashed-v1-256', dimensions: 256, async embed(texts) { return texts.map(f); } };
 */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Index names: lower-case letters, digits, '-' and '_', 1-64 characters, starting with a letter or digit. */
export const INDEX_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Tenants and purposes that may reach a filter: an allow-listed alphabet, 1-128 characters. */
export const TAG_VALUE = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/;
