// `cordon rag ingest` as a library call: documents → chunks (offsets kept) → sanitised (invisible and
// smuggling characters removed, src/guard/sanitise) → redacted
// (detected values become typed placeholders BEFORE anything is embedded or stored) → tagged from the
// contract → provenance signed (DSSE) → embedded → stored. No value detected in a document ever
// reaches the embedder, the store or the audit log; the audit event carries counts and digests.
// A JSONL document (`.jsonl`, `.ndjson`) is a list of records `{"text": …, "subject": id | [ids]}`:
// each record is ingested as its own source (`<file>#<line>`, digest of the line) and its chunks
// carry the subjects' keyed commitments (SubjectTagger), never the ids, so an erasure can find them;
// a record of a tombstoned subject is not ingested (counted as `erased`).
import type { AuditSink } from '../audit/event.js';
import { auditEvent } from '../audit/make-event.js';
import type { Contract, Classification } from '../contracts/types.js';
import { selectDataset } from '../contracts/select-dataset.js';
import { withCustomRecognizers } from '../contracts/with-custom-recognizers.js';
import { sha256 } from '../crypto/hash.js';
import type { PrivateSigningKey } from '../crypto/signing-keys.js';
import type { Recognizer } from '../detect/types.js';
import type { ProfileName } from '../detect/profiles/table.js';
import { CordonError } from '../errors.js';
import { redactText, type Placer } from '../guard/redact/redact.js';
import { sanitise as guardSanitise } from '../guard/sanitise/sanitise.js';
import { classifyChunk } from './classify-chunk.js';
import { indexContract } from './index-contract.js';
import { checkIngestProfile } from './index-profile.js';
import { signProvenance } from './sign-provenance.js';
import { splitText } from './split-text.js';
import { INDEX_NAME, TAG_VALUE, type ChunkStore, type Embedder, type StoredChunk, type SubjectTagger } from './types.js';

/** Largest document, in bytes. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

export interface IngestDocument {
  /** A display name (its base name is kept; directories are dropped). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A sanitiser (src/guard/sanitise's `sanitise` fits): returns the text to keep and what it removed. */
export type Sanitiser = (text: string) => { readonly text: string; readonly removed: readonly unknown[] };

export interface IngestOptions {
  readonly index: string;
  readonly contract: Contract;
  /** The contract's dataset whose columns give classifications and purposes (default: its only one). */
  readonly dataset?: string;
  readonly store: ChunkStore;
  readonly embedder: Embedder;
  /** Signs each chunk's provenance; `keyid` names it in the envelopes (a fingerprint). */
  readonly signer: { readonly key: PrivateSigningKey; readonly keyid: string };
  /** Default: src/guard/sanitise's `sanitise` (tag, bidi, zero-width, private-use, control characters). */
  readonly sanitise?: Sanitiser;
  readonly maxChars?: number;
  /** The lowest classification a chunk gets (default 'internal'). */
  readonly base?: Classification;
  /**
   * The detection profile of the redaction (default: none, every entity). The index records it; an
   * index recorded with another is refused (ERR_RAG_PROFILE_MISMATCH).
   */
  readonly profile?: ProfileName;
  /** Default: the built-in recognizers and the contract's custom ones (its cordonRecognizers). */
  readonly recognizers?: readonly Recognizer[];
  readonly audit?: { readonly sink: AuditSink; readonly principal: string };
  /**
   * Names JSONL records' subjects (by commitment) and turns away erased ones. Required when a record
   * names a subject (`ERR_CONTRACT_INVALID` without it: the contract declares no subject column).
   */
  readonly subjects?: SubjectTagger;
}

export interface IngestResult {
  readonly index: string;
  readonly documents: ReadonlyArray<{ readonly name: string; readonly sha256: string; readonly chunks: number }>;
  readonly chunks: number;
  /** Entity kind → how many distinct values (counted per chunk) were replaced by placeholders. */
  readonly redacted: Readonly<Record<string, number>>;
  readonly classifications: Readonly<Record<string, number>>;
  /** Runs of invisible or smuggling characters the sanitiser removed. */
  readonly sanitised: number;
  /** Chunks stored with a subject's commitment; JSONL records not ingested because their subject was erased (tombstones). */
  readonly subjects: { readonly chunks: number; readonly erased: number };
}

/** One unit of ingestion: a whole text document, or one JSONL record. */
interface Source {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly text: string;
  readonly subjects: readonly string[];
}

const isRecords = (name: string): boolean => /\.(jsonl|ndjson)$/i.test(name);

/** A JSONL document's records: `text` (string, required) and `subject` (a string or strings, optional). */
function recordsOf(name: string, text: string): Source[] {
  const out: Source[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const where = `${name} line ${i + 1}`;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      throw new CordonError('ERR_INPUT_INVALID', `${where} is not JSON (a .jsonl document holds one {"text", "subject"} record per line)`);
    }
    if (typeof r !== 'object' || r === null || Array.isArray(r) || typeof (r as { text?: unknown }).text !== 'string') throw new CordonError('ERR_INPUT_INVALID', `${where}: a record needs a "text" string`);
    const s = (r as { subject?: unknown }).subject;
    const subjects = s === undefined || s === null ? [] : typeof s === 'string' ? [s] : Array.isArray(s) && s.every((x) => typeof x === 'string') ? (s as string[]) : undefined;
    if (subjects === undefined || subjects.some((x) => x === '')) throw new CordonError('ERR_INPUT_INVALID', `${where}: "subject" is a non-empty string or a list of them`);
    // Identical records would get identical chunk ids: one is enough.
    if (seen.has(line)) return;
    seen.add(line);
    out.push({ name: `${name}#${i + 1}`, bytes: new TextEncoder().encode(line), text: (r as { text: string }).text, subjects: [...new Set(subjects)] });
  });
  return out;
}

/** Same value and entity → same placeholder within one document; the values stay in this closure only. */
function documentPlacer(): Placer {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  return {
    async place(values) {
      return values.map(({ value, entity }) => {
        const key = `${entity}\u0000${value}`;
        let p = seen.get(key);
        if (p === undefined) {
          const n = (counts.get(entity) ?? 0) + 1;
          counts.set(entity, n);
          p = `<${entity}_${n}>`;
          seen.set(key, p);
        }
        return p;
      });
    },
  };
}

const baseName = (name: string): string => name.split(/[\\/]/).filter((p) => p !== '').pop() ?? 'document';

/**
 * @example
 * ```ts
 * const r = await ingestDocuments([{ name: 'faq.md', bytes }], { index: 'support', contract, store, embedder, signer });
 * // r.chunks === 12, r.redacted = { EMAIL_ADDRESS: 3 }
 * ```
 */
export async function ingestDocuments(documents: readonly IngestDocument[], o: IngestOptions): Promise<IngestResult> {
  try {
    const result = await ingest(documents, o);
    o.audit?.sink.emit(auditEvent({
      type: 'rag.ingest', outcome: 'success', principal: o.audit.principal,
      attributes: {
        index: o.index, contract: o.contract.id, contract_sha256: o.contract.sha256, documents: result.documents.length, chunks: result.chunks,
        sources: result.documents.map((d) => `sha256:${d.sha256}`).join(','),
        redacted: Object.entries(result.redacted).map(([k, n]) => `${k}:${n}`).join(','),
        classifications: Object.entries(result.classifications).map(([k, n]) => `${k}:${n}`).join(','),
        embedder: o.embedder.id, subject_chunks: result.subjects.chunks, erased_records: result.subjects.erased,
      },
    }));
    return result;
  } catch (e) {
    o.audit?.sink.emit(auditEvent({
      type: 'rag.ingest', outcome: 'failure', principal: o.audit.principal, reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL',
      attributes: { index: o.index, contract: o.contract.id, documents: documents.length },
    }));
    throw e;
  }
}

async function ingest(documents: readonly IngestDocument[], o: IngestOptions): Promise<IngestResult> {
  if (typeof o.index !== 'string' || !INDEX_NAME.test(o.index)) throw new CordonError('ERR_INPUT_INVALID', 'an index name is 1-64 lower-case letters, digits, "-" or "_"');
  const dataset = selectDataset(o.contract, o.dataset);
  if (o.contract.tenant !== undefined && !TAG_VALUE.test(o.contract.tenant)) throw new CordonError('ERR_CONTRACT_INVALID', 'the contract\'s tenant has characters an index cannot filter on (letters, digits and . _ : @ / - only)');
  for (const c of dataset.columns) for (const p of c.purposes) if (!TAG_VALUE.test(p)) throw new CordonError('ERR_CONTRACT_INVALID', `column ${c.name}: a purpose has characters an index cannot filter on (letters, digits and . _ : @ / - only)`);
  const meta = await o.store.meta(o.index);
  if (meta !== undefined && meta.embedder !== o.embedder.id) throw new CordonError('ERR_CONFIG_INVALID', `index ${o.index} was built with the embedder ${meta.embedder}; ingest with the same one`);
  // Before any work: an index redacted under another profile is refused (checked again under the store's lock).
  const profile = o.profile ?? null;
  checkIngestProfile(o.index, meta, profile);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const chunks: Array<Omit<StoredChunk, 'vector' | 'provenance'>> = [];
  const docs: Array<{ name: string; sha256: string; chunks: number }> = [];
  const redacted: Record<string, number> = {};
  const classifications: Record<string, number> = {};
  let sanitised = 0;
  // The contract's own recognizers (cordonRecognizers) find its custom entities, as protect does.
  const recognizers = o.recognizers ?? withCustomRecognizers(o.contract.recognizers?.doc);
  let labelled = 0;
  let erased = 0;
  for (const doc of documents) {
    const name = baseName(doc.name);
    if (doc.bytes.length > MAX_DOCUMENT_BYTES) throw new CordonError('ERR_INPUT_INVALID', `${name} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
    let text: string;
    try {
      text = decoder.decode(doc.bytes);
    } catch {
      throw new CordonError('ERR_INPUT_INVALID', `${name} is not UTF-8 text`);
    }
    const sources: Source[] = isRecords(name) ? recordsOf(name, text) : [{ name, bytes: doc.bytes, text, subjects: [] }];
    let n = 0;
    for (const src of sources) {
      let subjects: string[] = [];
      if (src.subjects.length > 0) {
        if (o.subjects === undefined) throw new CordonError('ERR_CONTRACT_INVALID', `${src.name} names a data subject, but the contract's dataset declares no subject column (primaryKey): its chunks could not be erased by subject`);
        subjects = o.subjects.commit(src.subjects);
        // A tombstone: the record of an erased subject does not come back (docs/erasure.md#rag).
        if (subjects.some((c) => o.subjects!.erased.has(c))) { erased++; continue; }
      }
      const digest = Buffer.from(sha256(src.bytes)).toString('hex');
      const placer = documentPlacer();
      for (const piece of splitText(src.text, o.maxChars === undefined ? {} : { maxChars: o.maxChars })) {
        // Offsets stay those of the source; the stored text is the sanitised one (its digest is signed).
        const s = (o.sanitise ?? guardSanitise)(piece.text);
        const clean = s.text;
        sanitised += s.removed.length;
        const r = await redactText(clean, placer, { ...(o.profile !== undefined ? { profile: o.profile } : {}), recognizers });
        for (const p of r.placeholders) redacted[p.entity] = (redacted[p.entity] ?? 0) + 1;
        const tags = classifyChunk(r.placeholders.map((p) => p.entity), dataset, {
          ...(o.contract.tenant !== undefined ? { tenant: o.contract.tenant } : {}),
          ...(o.base !== undefined ? { base: o.base } : {}),
        });
        classifications[tags.classification] = (classifications[tags.classification] ?? 0) + 1;
        const id = Buffer.from(sha256(new TextEncoder().encode(`${digest}:${piece.start}:${piece.end}`))).toString('hex').slice(0, 32);
        chunks.push({
          id, text: r.text, source: src.name, sourceSha256: digest, start: piece.start, end: piece.end, ...tags,
          ...(subjects.length > 0 ? { subjects: [...subjects].sort(), subjectScope: o.subjects!.scope } : {}),
        });
        if (subjects.length > 0) labelled++;
        n++;
      }
    }
    docs.push({ name, sha256: Buffer.from(sha256(doc.bytes)).toString('hex'), chunks: n });
  }
  const vectors = chunks.length === 0 ? [] : await o.embedder.embed(chunks.map((c) => c.text));
  if (vectors.length !== chunks.length) throw new CordonError('ERR_INTERNAL', 'the embedder returned a different number of vectors');
  const stored: StoredChunk[] = chunks.map((c, i) => ({ ...c, vector: vectors[i]!, provenance: signProvenance(c, o.index, o.signer.key, o.signer.keyid) }));
  if (stored.length > 0) await o.store.add(o.index, stored, { embedder: o.embedder.id, dimensions: vectors[0]!.length, contracts: [indexContract(o.contract)], profile });
  return { index: o.index, documents: docs, chunks: stored.length, redacted, classifications, sanitised, subjects: { chunks: labelled, erased } };
}
