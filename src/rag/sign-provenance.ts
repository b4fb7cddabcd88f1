// Each chunk's provenance as a DSSE envelope (github.com/secure-systems-lab/dsse, the PAE code in
// src/sign/dsse.ts): which file (SHA-256), which span, what it was classified as, for which tenant
// and purposes, the data subjects it names (keyed commitments and their scope, issue 18) and the
// digest of the exact text stored. Retrieval verifies it before a chunk is used, so tags edited in
// the vector store (a restricted chunk relabelled public, a subject label moved to another chunk or
// taken off one, which would hide it from an erasure) are caught.
// v1 statements (before subjects were signed) verify only for chunks that name no subject: a v1
// signature never covered a label, so a labelled v1 chunk is dropped until it is ingested again.
import { sha256 } from '../crypto/hash.js';
import { signMessage, verifyMessage, type PrivateSigningKey, type PublicSigningKey } from '../crypto/signing-keys.js';
import { pae, parseEnvelope } from '../sign/dsse.js';
import type { StoredChunk } from './types.js';

export const PROVENANCE_PAYLOAD_TYPE = 'application/vnd.cordon.rag-chunk.v2+json';
/** Envelopes signed before subjects were part of the statement. */
export const PROVENANCE_PAYLOAD_TYPE_V1 = 'application/vnd.cordon.rag-chunk.v1+json';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

type Unsigned = Omit<StoredChunk, 'provenance' | 'vector'>;

/** The chunk's subject labels as the store keeps them: none is null, and so is a scope without subjects. */
function labels(c: Unsigned): { subjects: readonly string[] | null; subjectScope: string | null } {
  const subjects = c.subjects !== undefined && c.subjects.length > 0 ? c.subjects : null;
  return { subjects, subjectScope: subjects !== null ? c.subjectScope ?? null : null };
}

function v1Statement(c: Unsigned, index: string): string {
  return JSON.stringify({
    index, id: c.id, source: c.source, sourceSha256: c.sourceSha256, start: c.start, end: c.end,
    tenant: c.tenant ?? null, classification: c.classification, allowedPurposes: c.allowedPurposes, entities: c.entities,
    textSha256: hex(sha256(new TextEncoder().encode(c.text))),
  });
}

/** The signed statement: every field retrieval decides on or shows, and the subject labels erasure finds the chunk by. Keys in a fixed order. */
export function provenanceStatement(c: Unsigned, index: string): string {
  const { subjects, subjectScope } = labels(c);
  return JSON.stringify({
    index, id: c.id, source: c.source, sourceSha256: c.sourceSha256, start: c.start, end: c.end,
    tenant: c.tenant ?? null, classification: c.classification, allowedPurposes: c.allowedPurposes, entities: c.entities,
    subjects, subjectScope,
    textSha256: hex(sha256(new TextEncoder().encode(c.text))),
  });
}

/** The DSSE envelope (JSON text) over the chunk's statement. */
export function signProvenance(c: Unsigned, index: string, key: PrivateSigningKey, keyid: string): string {
  const payload = new TextEncoder().encode(provenanceStatement(c, index));
  const sig = signMessage(key, pae(PROVENANCE_PAYLOAD_TYPE, payload));
  return JSON.stringify({
    payload: Buffer.from(payload).toString('base64'), payloadType: PROVENANCE_PAYLOAD_TYPE,
    signatures: [{ keyid, sig: Buffer.from(sig).toString('base64') }],
  });
}

/**
 * True when the envelope is signed by `key` and its statement matches the chunk exactly (tags,
 * offsets, source, subject labels, text digest). Any failure is just false: the caller drops the
 * chunk and audits it.
 */
export function verifyProvenance(c: Omit<StoredChunk, 'vector'>, index: string, trusted: PublicSigningKey | readonly PublicSigningKey[]): boolean {
  try {
    const env = parseEnvelope(JSON.parse(c.provenance));
    let expected: string;
    if (env.payloadType === PROVENANCE_PAYLOAD_TYPE) expected = provenanceStatement(c, index);
    else if (env.payloadType === PROVENANCE_PAYLOAD_TYPE_V1 && labels(c).subjects === null) expected = v1Statement(c, index);
    else return false;
    if (Buffer.compare(Buffer.from(env.payload), Buffer.from(new TextEncoder().encode(expected))) !== 0) return false;
    const message = pae(env.payloadType, env.payload);
    const keys = Array.isArray(trusted) ? trusted : [trusted as PublicSigningKey];
    return env.signatures.some((s) => keys.some((k) => verifyMessage(k, message, s.sig)));
  } catch {
    return false;
  }
}
