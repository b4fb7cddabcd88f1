// Entitlement-filtered retrieval. The Cedar policies for `rag:read` become a predicate the store
// evaluates inside the vector query (entitlement-predicate.ts), so a chunk the principal may not read
// is never even a candidate; each returned chunk is then re-checked with the decision point and its
// signed provenance verified before use; the query over-fetches, so the top k is filled from
// permitted chunks only; each permitted chunk is scanned for prompt injection as retrieved data
// (marked, or dropped on request); the permitted chunks are spotlighted. Every retrieval is audited with chunk
// ids and counts, never text (the query only as its SHA-256).
import type { AuditSink } from '../audit/event.js';
import { auditEvent } from '../audit/make-event.js';
import { sha256 } from '../crypto/hash.js';
import type { PublicSigningKey } from '../crypto/signing-keys.js';
import { CordonError } from '../errors.js';
import type { Contract } from '../contracts/types.js';
import type { ProfileName } from '../detect/profiles/table.js';
import type { Recognizer } from '../detect/types.js';
import { redactText, type Placer } from '../guard/redact/redact.js';
import { scanInput } from '../guard/scan-input.js';
import type { InjectionClassifier } from '../guard/types.js';
import type { AuthzPrincipal } from '../policy/types.js';
import { chunkRequest, entitlementPredicate, type Authorizer } from './entitlement-predicate.js';
import { queryRecognizers } from './index-contract.js';
import { queryProfile } from './index-profile.js';
import { verifyProvenance } from './sign-provenance.js';
import { spotlight, type Spotlighted } from './spotlight.js';
import { INDEX_NAME, type ChunkHit, type ChunkStore, type Embedder } from './types.js';

export const MAX_QUERY_CHARS = 8192;
export const MAX_K = 100;

export interface RetrieveOptions {
  readonly index: string;
  readonly store: ChunkStore;
  readonly embedder: Embedder;
  readonly pdp: Authorizer;
  /** How many chunks (default 5, at most 100). */
  readonly k?: number;
  /** Verify each chunk's DSSE provenance with this key; a chunk that fails is dropped (and counted). */
  readonly verifyKey?: PublicSigningKey | readonly PublicSigningKey[];
  /** Most candidates to read while filling k (default 20 × k). */
  readonly maxFetch?: number;
  readonly audit?: { readonly sink: AuditSink };
  /**
   * Every permitted chunk is scanned for prompt injection as retrieved data (src/guard scanInput,
   * source 'retrieved'). 'mark' (default) reports the verdict on the chunk; 'drop' leaves flagged
   * chunks out (and reads further to fill k); 'off' skips the scan.
   */
  readonly injection?: 'mark' | 'drop' | 'off';
  /** The classifier scanInput uses (default: the built-in one). */
  readonly classifier?: InjectionClassifier | false;
  /**
   * A contract the index was ingested with, when the caller names one: it must be one the index
   * recorded (ERR_RAG_CONTRACT_MISMATCH otherwise); its custom recognizers redact the query.
   */
  readonly contract?: Contract;
  /**
   * The recognizers that redact the query before it is embedded. Default: the built-in ones and the
   * custom recognizers of `contract`, else of every contract the index recorded at ingestion, so the
   * query is redacted as the chunks were (an index built before contracts were recorded, and no
   * `contract`: the built-in ones only).
   */
  readonly recognizers?: readonly Recognizer[];
  /**
   * The detection profile of that redaction. Default: the one the index recorded at ingestion; another
   * is refused (ERR_RAG_PROFILE_MISMATCH). An index that recorded none uses this one.
   */
  readonly profile?: ProfileName;
}

export interface RetrievedChunk {
  readonly id: string;
  readonly text: string;
  readonly source: string;
  readonly sourceSha256: string;
  readonly start: number;
  readonly end: number;
  readonly classification: string;
  readonly tenant?: string;
  readonly distance: number;
  /** The policies that permitted it. */
  readonly policies: readonly string[];
  /** The injection scan's verdict on the chunk (absent with injection: 'off'). */
  readonly injection?: { readonly flagged: boolean; readonly score: number; readonly rules: readonly string[] };
}

export interface RetrieveResult {
  readonly chunks: readonly RetrievedChunk[];
  readonly spotlighted: Spotlighted;
  /** Candidates the store returned (all inside the predicate). */
  readonly considered: number;
  /** Candidates the decision point refused on re-check (0 unless the predicate was wider than the policy). */
  readonly denied: number;
  /** Candidates whose provenance did not verify. */
  readonly unverified: number;
  /** Permitted chunks the injection scan flagged (dropped with injection: 'drop', else marked). */
  readonly flagged: number;
}

// The query is redacted like the chunks were: no detected value leaves for an embedder.
const throwaway = (): Placer => {
  const n = new Map<string, number>();
  return { async place(v) { return v.map(({ entity }) => { const i = (n.get(entity) ?? 0) + 1; n.set(entity, i); return `<${entity}_${i}>`; }); } };
};

/**
 * @example
 * ```ts
 * const r = await retrieve('how long do refunds take', { id: 'bot', roles: ['llm-app'], tenant: 'acme', attributes: {} }, 'support',
 *   { index: 'kb', store, embedder: hashedEmbedder(), pdp: PolicyEngine.load('policies'), k: 4 });
 * prompt = `${r.spotlighted.instructions}\n\n${r.spotlighted.text}`;
 * ```
 */
export async function retrieve(query: string, principal: AuthzPrincipal, purpose: string, o: RetrieveOptions): Promise<RetrieveResult> {
  const k = o.k ?? 5;
  const querySha = typeof query === 'string' ? Buffer.from(sha256(new TextEncoder().encode(query))).toString('hex') : '';
  const record = (outcome: 'success' | 'failure', attributes: Record<string, string | number | boolean>, reason?: string): void => {
    o.audit?.sink.emit(auditEvent({
      type: 'rag.retrieve', outcome, principal: principal.id, ...(reason !== undefined ? { reason } : {}),
      attributes: { index: o.index, ...(o.contract !== undefined ? { contract_sha256: o.contract.sha256 } : {}), purpose: typeof purpose === 'string' ? purpose.slice(0, 128) : '', k, query_sha256: querySha, ...attributes },
    }));
  };
  try {
    if (typeof query !== 'string' || query.trim() === '' || query.length > MAX_QUERY_CHARS) throw new CordonError('ERR_INPUT_INVALID', `the query must be 1-${MAX_QUERY_CHARS} characters`);
    if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new CordonError('ERR_INPUT_INVALID', `k must be an integer in 1..${MAX_K}`);
    if (typeof o.index !== 'string' || !INDEX_NAME.test(o.index)) throw new CordonError('ERR_INPUT_INVALID', 'an index name is 1-64 lower-case letters, digits, "-" or "_"');
    const time = new Date().toISOString();
    const predicate = entitlementPredicate(o.pdp, principal, purpose, o.index, time);
    if (predicate.anyOf.length === 0) throw new CordonError('ERR_POLICY_DENIED', `the policies let this principal read no chunk of index ${o.index} for this purpose`);
    const meta = await o.store.meta(o.index);
    if (meta === undefined) throw new CordonError('ERR_RAG_INDEX_NOT_FOUND', `there is no index ${o.index} (cordon rag ingest creates it)`);
    if (meta.embedder !== o.embedder.id) throw new CordonError('ERR_CONFIG_INVALID', `index ${o.index} was built with the embedder ${meta.embedder}, not ${o.embedder.id}`);
    const recognizers = o.recognizers ?? queryRecognizers(o.index, meta, o.contract);
    const profile = queryProfile(o.index, meta, o.profile);
    const redactOptions = { recognizers, ...(profile !== undefined ? { profile } : {}) };
    const [vector] = await o.embedder.embed([(await redactText(query, throwaway(), redactOptions)).text]);
    if (vector === undefined || vector.length !== meta.dimensions) throw new CordonError('ERR_CONFIG_INVALID', 'the query vector does not have the index\'s dimensions');
    const maxFetch = Math.max(k, o.maxFetch ?? 20 * k);
    const seen = new Set<string>();
    const out: RetrievedChunk[] = [];
    let denied = 0;
    let unverified = 0;
    let flagged = 0;
    const flaggedIds: string[] = [];
    const mode = o.injection ?? 'mark';
    for (let limit = Math.min(maxFetch, Math.max(2 * k, k + 8)); ; limit = Math.min(maxFetch, limit * 4)) {
      const hits: ChunkHit[] = await o.store.search(o.index, vector, predicate, limit);
      for (const h of hits) {
        if (out.length >= k) break;
        if (seen.has(h.chunk.id)) continue;
        seen.add(h.chunk.id);
        const c = h.chunk;
        // The enforcement point: the same policies decide on the chunk's own tags.
        const d = o.pdp.authorize(chunkRequest(principal, purpose, { ...c, index: o.index }, time));
        if (!d.allowed) { denied++; continue; }
        if (o.verifyKey !== undefined && !verifyProvenance(c, o.index, o.verifyKey)) { unverified++; continue; }
        let injection: RetrievedChunk['injection'];
        if (mode !== 'off') {
          const v = await scanInput(c.text, { source: 'retrieved', ...(o.classifier !== undefined ? { classifier: o.classifier } : {}) });
          injection = { flagged: v.flagged, score: v.score, rules: [...new Set(v.findings.map((f) => `${f.scanner}:${f.rule}`))] };
          if (v.flagged) {
            flagged++;
            flaggedIds.push(c.id);
            if (mode === 'drop') continue;
          }
        }
        out.push({
          id: c.id, text: c.text, source: c.source, sourceSha256: c.sourceSha256, start: c.start, end: c.end,
          classification: c.classification, ...(c.tenant !== undefined ? { tenant: c.tenant } : {}), distance: h.distance, policies: d.policies,
          ...(injection !== undefined ? { injection } : {}),
        });
      }
      if (out.length >= k || hits.length < limit || limit >= maxFetch) break;
    }
    const result: RetrieveResult = { chunks: out, spotlighted: spotlight(out), considered: seen.size, denied, unverified, flagged };
    record('success', { returned: out.length, chunk_ids: out.map((c) => c.id).join(','), considered: seen.size, denied, unverified, flagged, flagged_ids: flaggedIds.join(','), injection: mode, predicate_terms: predicate.anyOf.length });
    return result;
  } catch (e) {
    record('failure', {}, e instanceof CordonError ? e.code : 'ERR_INTERNAL');
    throw e;
  }
}
