// Each chunk's provenance as a DSSE envelope (github.com/secure-systems-lab/dsse, the PAE code in
// src/sign/dsse.ts): which file (SHA-256), which span, what it was classified as, for which tenant
// and purposes, and the digest of the exact text stored. Retrieval verifies it before a chunk is
// used, so tags edited in the vector store (a restricted chunk relabelled public) are caught.
import { sha256 } from '../crypto/hash.js';
import { signMessage, verifyMessage, type PrivateSigningKey, type PublicSigningKey } from '../crypto/signing-keys.js';
import { pae, parseEnvelope } from '../sign/dsse.js';
import type { StoredChunk } from './types.js';

export const PROVENANCE_PAYLOAD_TYPE = 'application/vnd.cordon.rag-chunk.v1+json';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The signed statement: every field retrieval decides on or shows. Keys in a fixed order. */
export function provenanceStatement(c: Omit<StoredChunk, 'provenance' | 'vector'>, index: string): string {
  return JSON.stringify({
    index, id: c.id, source: c.source, sourceSha256: c.sourceSha256, start: c.start, end: c.end,
    tenant: c.tenant ?? null, classification: c.classification, allowedPurposes: c.allowedPurposes, entities: c.entities,
    textSha256: hex(sha256(new TextEncoder().encode(c.text))),
  });
}

/** The DSSE envelope (JSON text) over the chunk's statement. */
export function signProvenance(c: Omit<StoredChunk, 'provenance' | 'vector'>, index: string, key: PrivateSigningKey, keyid: string): string {
  const payload = new TextEncoder().encode(provenanceStatement(c, index));
  const sig = signMessage(key, pae(PROVENANCE_PAYLOAD_TYPE, payload));
  return JSON.stringify({
    payload: Buffer.from(payload).toString('base64'), payloadType: PROVENANCE_PAYLOAD_TYPE,
    signatures: [{ keyid, sig: Buffer.from(sig).toString('base64') }],
  });
}

/**
 * True when the envelope is signed by `key` and its statement matches the chunk exactly (tags,
 * offsets, source, text digest). Any failure is just false: the caller drops the chunk and audits it.
 */
export function verifyProvenance(c: Omit<StoredChunk, 'vector'>, index: string, trusted: PublicSigningKey | readonly PublicSigningKey[]): boolean {
  try {
    const env = parseEnvelope(JSON.parse(c.provenance));
    if (env.payloadType !== PROVENANCE_PAYLOAD_TYPE) return false;
    const expected = new TextEncoder().encode(provenanceStatement(c, index));
    if (Buffer.compare(Buffer.from(env.payload), Buffer.from(expected)) !== 0) return false;
    const message = pae(env.payloadType, env.payload);
    const keys = Array.isArray(trusted) ? trusted : [trusted as PublicSigningKey];
    return env.signatures.some((s) => keys.some((k) => verifyMessage(k, message, s.sig)));
  } catch {
    return false;
  }
}
