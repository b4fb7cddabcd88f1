// The erasure receipt (issue 18 item 4): a DSSE envelope (src/sign/dsse.ts; Ed25519 or ECDSA, the
// signing keys of src/crypto/signing-keys.ts) over a JSON statement of what one erasure did in each
// tier — counts, times, digests of the rewritten files, the audit index of its `erase` event — and
// what it could not reach. It names the subject only by the audit commitment. Verified offline
// against a public key the verifier trusts (verify steps: parse, type, signature, then shape).
import { CordonError } from '../errors.js';
import { keyFingerprint, signMessage, verifyMessage, type PrivateSigningKey, type PublicSigningKey } from '../crypto/signing-keys.js';
import { envelopeJson, pae, parseEnvelope } from '../sign/dsse.js';
import type { ErasureState, Unreachable } from './erase-subject.js';

export const RECEIPT_PAYLOAD_TYPE = 'application/vnd.cordon.erasure-receipt.v1+json';

export interface ReceiptOutput {
  readonly path: string;
  readonly runId: string;
  readonly rowsRemoved: number;
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  readonly sha256Before: string;
  readonly sha256After: string;
  readonly at: string;
}

/** The signed statement. */
export interface ErasureReceipt {
  readonly type: 'cordon.erasure-receipt/v1';
  readonly erasureId: string;
  /** The audit log's commitment to the subject (`hmac-sha256:…`), never the id. */
  readonly subject: string;
  /** `<contract id>/<dataset>`, or `*` for every contract. */
  readonly scope: string;
  readonly reason: string;
  readonly principal: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly tiers: {
    readonly tombstone: { readonly action: 'recorded'; readonly at: string };
    /** The subject's own keys (keyScope: subject) destroyed: values sealed under them are unreadable in every copy. */
    readonly subjectKeys: { readonly action: 'destroyed'; readonly keysDestroyed: number; readonly at: string };
    readonly outputs: { readonly action: 'rewritten'; readonly files: number; readonly rowsRemoved: number; readonly items: readonly ReceiptOutput[] };
    readonly vault: { readonly action: 'deleted'; readonly tokensDeleted: number; readonly sharedTokensKept: number; readonly namespaces: readonly string[]; readonly vacuumed: boolean; readonly at: string };
    /** Chunks naming the subject deleted from every RAG index (`absent`: the workspace has no RAG store). */
    readonly rag: { readonly action: 'deleted' | 'absent'; readonly chunksDeleted: number; readonly indexes: ReadonlyArray<{ readonly index: string; readonly chunksDeleted: number }>; readonly at: string };
    readonly audit: { readonly action: 'appended'; readonly event: 'erase'; readonly index: number | null; readonly at: string };
  };
  readonly unreachable: readonly Unreachable[];
  /** The signer's key fingerprint (`sha256:` of its SPKI). */
  readonly signer: string;
}

/** The receipt statement of a finished erasure; ERR_ERASURE_INCOMPLETE when a tier is not done. */
export function receiptOf(state: ErasureState, signer: PublicSigningKey): ErasureReceipt {
  const open = state.targets.filter((t) => t.status !== 'done' && t.status !== 'unreachable');
  if (state.tombstoneAt === undefined || state.subjectKeys === undefined || state.vault === undefined || state.rag === undefined || state.audit === undefined || state.finishedAt === undefined || open.length > 0) {
    throw new CordonError('ERR_ERASURE_INCOMPLETE', `erasure ${state.erasureId} has tiers not done yet: run it again to resume`);
  }
  const items = state.targets.filter((t) => t.status === 'done').map((t) => ({
    path: t.output, runId: t.runId, rowsRemoved: t.rows.length, rowsBefore: t.rowsBefore!, rowsAfter: t.rowsAfter!, sha256Before: t.oldSha256!, sha256After: t.newSha256!, at: t.at!,
  }));
  return {
    type: 'cordon.erasure-receipt/v1', erasureId: state.erasureId, subject: state.subject, scope: state.scope, reason: state.reason, principal: state.principal,
    startedAt: state.startedAt, finishedAt: state.finishedAt,
    tiers: {
      tombstone: { action: 'recorded', at: state.tombstoneAt },
      subjectKeys: { action: 'destroyed', keysDestroyed: state.subjectKeys.destroyed, at: state.subjectKeys.at },
      outputs: { action: 'rewritten', files: items.length, rowsRemoved: items.reduce((n, i) => n + i.rowsRemoved, 0), items },
      vault: { action: 'deleted', tokensDeleted: state.vault.deleted, sharedTokensKept: state.vault.shared, namespaces: state.vault.namespaces, vacuumed: state.vault.vacuumed, at: state.vault.at },
      rag: { action: state.rag.present ? 'deleted' : 'absent', chunksDeleted: state.rag.deleted, indexes: state.rag.indexes, at: state.rag.at },
      audit: { action: 'appended', event: 'erase', index: state.audit.index, at: state.audit.at },
    },
    unreachable: state.unreachable,
    signer: keyFingerprint(signer),
  };
}

/** The signed receipt as DSSE JSON text. */
export function signReceipt(receipt: ErasureReceipt, key: PrivateSigningKey): string {
  if (receipt.signer !== keyFingerprint(key.publicKey)) throw new TypeError('signReceipt: the receipt names another signer');
  const payload = new TextEncoder().encode(JSON.stringify(receipt));
  const sig = signMessage(key, pae(RECEIPT_PAYLOAD_TYPE, payload));
  return JSON.stringify(envelopeJson({ payloadType: RECEIPT_PAYLOAD_TYPE, payload, signatures: [{ keyid: receipt.signer, sig }] }), null, 2) + '\n';
}

function invalid(why: string): CordonError {
  return new CordonError('ERR_SIGNATURE_INVALID', `the erasure receipt does not verify: ${why}`);
}

/**
 * Verifies a receipt against a trusted key (or any of several: each version of the workspace's
 * receipt key), in steps: the envelope parses, its type is a receipt's, a signature by a trusted
 * key covers it, the statement has a receipt's shape and names that key as signer.
 * Any failure is ERR_SIGNATURE_INVALID.
 */
export function verifyReceipt(text: string, trusted: PublicSigningKey | readonly PublicSigningKey[]): ErasureReceipt {
  let env;
  try {
    env = parseEnvelope(JSON.parse(text));
  } catch {
    throw invalid('not a DSSE envelope');
  }
  if (env.payloadType !== RECEIPT_PAYLOAD_TYPE) throw invalid('not an erasure receipt (payload type)');
  const message = pae(env.payloadType, env.payload);
  const key = (Array.isArray(trusted) ? trusted : [trusted as PublicSigningKey]).find((k) => env.signatures.some((s) => verifyMessage(k, message, s.sig)));
  if (key === undefined) throw invalid('no signature by the given key');
  let r: ErasureReceipt;
  try {
    r = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(env.payload)) as ErasureReceipt;
  } catch {
    throw invalid('the statement is not JSON');
  }
  if (r === null || typeof r !== 'object' || r.type !== 'cordon.erasure-receipt/v1' || typeof r.erasureId !== 'string' || typeof r.tiers !== 'object' || r.tiers === null || !Array.isArray(r.unreachable)) throw invalid('the statement is not a receipt');
  if (r.signer !== keyFingerprint(key)) throw invalid('the statement names another signer');
  return r;
}
