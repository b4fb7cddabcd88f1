// The retention receipt: one per `cordon retention apply` run, in the erasure receipt's format (a
// DSSE envelope signed with the workspace's receipt key, src/erasure/receipt.ts) over a statement
// of what the run did in each tier — the datasets and their cut-offs, the outputs removed (with
// their SHA-256), the tokens deleted per namespace, the subject keys destroyed per dataset, the key
// versions destroyed, the audit index of
// its `retention.apply` event — and what it could not reach. Verified offline like an erasure
// receipt (`cordon receipt verify`): parse, type, signature, then shape.
import { CordonError } from '../errors.js';
import { keyFingerprint, signMessage, verifyMessage, type PrivateSigningKey, type PublicSigningKey } from '../crypto/signing-keys.js';
import { envelopeJson, pae, parseEnvelope } from '../sign/dsse.js';
import type { RetentionState } from './apply-retention.js';
import type { RetentionColumn, RetentionDataset, RetentionUnreachable } from './plan-retention.js';

export const RETENTION_RECEIPT_PAYLOAD_TYPE = 'application/vnd.cordon.retention-receipt.v1+json';

/** The signed statement. */
export interface RetentionReceipt {
  readonly type: 'cordon.retention-receipt/v1';
  readonly retentionId: string;
  readonly principal: string;
  /** The time the cut-offs were computed from. */
  readonly now: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly datasets: readonly RetentionDataset[];
  /** Columns with their own retention and their cut-offs. */
  readonly columns: readonly RetentionColumn[];
  readonly tiers: {
    readonly outputs: {
      readonly action: 'removed'; readonly files: number; readonly items: ReadonlyArray<{ readonly path: string; readonly runId: string; readonly scope: string; readonly createdAt: string; readonly sha256: string | null; readonly status: 'removed' | 'gone'; readonly at: string }>;
      /** Outputs rewritten with columns past their own retention set to null: per column, the files this run aged. */
      readonly columns: {
        readonly action: 'nulled'; readonly files: number;
        readonly perColumn: ReadonlyArray<{ readonly scope: string; readonly column: string; readonly cutoff: string; readonly files: number }>;
        readonly items: ReadonlyArray<{ readonly path: string; readonly runId: string; readonly scope: string; readonly createdAt: string; readonly columns: readonly string[]; readonly sha256: string | null; readonly status: 'aged' | 'aged-before'; readonly at: string }>;
      };
    };
    readonly vault: { readonly action: 'deleted'; readonly tokensDeleted: number; readonly namespaces: ReadonlyArray<{ readonly namespace: string; readonly cutoff: string; readonly planned: number; readonly deleted: number; readonly columns?: readonly string[] }>; readonly at: string };
    readonly rag: { readonly action: 'deleted'; readonly chunksDeleted: number; readonly indexes: ReadonlyArray<{ readonly index: string; readonly cutoff: string; readonly planned: number; readonly deleted: number }>; readonly at: string };
    readonly subjectKeys: { readonly action: 'destroyed'; readonly keysDestroyed: number; readonly scopes: ReadonlyArray<{ readonly scope: string; readonly cutoff: string; readonly planned: number; readonly destroyed: number }>; readonly at: string };
    readonly keys: { readonly action: 'destroyed'; readonly versionsDestroyed: number; readonly versions: ReadonlyArray<{ readonly name: string; readonly version: number }>; readonly at: string };
    readonly audit: { readonly action: 'appended'; readonly event: 'retention.apply'; readonly index: number | null; readonly at: string };
  };
  readonly unreachable: readonly RetentionUnreachable[];
  /** The signer's key fingerprint (`sha256:` of its SPKI). */
  readonly signer: string;
}

/** The receipt statement of a finished run; ERR_RETENTION_INCOMPLETE when a tier is not done. */
export function retentionReceiptOf(s: RetentionState, signer: PublicSigningKey): RetentionReceipt {
  const open = [...s.outputs.filter((o) => o.status === 'pending' || o.status === 'removing'), ...(s.columnOutputs ?? []).filter((o) => o.status === 'pending' || o.status === 'rewriting')];
  if (s.vault?.at === undefined || s.rag?.at === undefined || s.subjectKeys?.at === undefined || s.keys?.at === undefined || s.audit === undefined || s.finishedAt === undefined || open.length > 0) {
    throw new CordonError('ERR_RETENTION_INCOMPLETE', `retention run ${s.retentionId} has tiers not done yet: run it again to resume`);
  }
  const items = s.outputs.filter((o) => o.status === 'removed' || o.status === 'gone').map((o) => ({
    path: o.output, runId: o.runId, scope: o.scope, createdAt: o.createdAt, sha256: o.sha256 ?? null, status: o.status as 'removed' | 'gone', at: o.at ?? s.finishedAt!,
  }));
  const aged = (s.columnOutputs ?? []).filter((o) => o.status === 'aged' || o.status === 'aged-before');
  const perColumn = (s.plan.columns ?? []).map((c) => ({
    scope: c.scope, column: c.column, cutoff: c.cutoff,
    files: aged.filter((o) => o.status === 'aged' && o.scope === c.scope && (o.aged ?? o.columns).includes(c.column)).length,
  }));
  const columnItems = aged.map((o) => ({
    path: o.output, runId: o.runId, scope: o.scope, createdAt: o.createdAt, columns: o.status === 'aged' ? (o.aged ?? o.columns) : o.columns,
    sha256: o.sha256 ?? null, status: o.status as 'aged' | 'aged-before', at: o.at ?? s.finishedAt!,
  }));
  const vaultColumns = new Map((s.plan.vault).map((n) => [n.namespace, n.columns] as const));
  return {
    type: 'cordon.retention-receipt/v1', retentionId: s.retentionId, principal: s.principal, now: s.plan.now, startedAt: s.startedAt, finishedAt: s.finishedAt,
    datasets: s.plan.datasets, columns: s.plan.columns ?? [],
    tiers: {
      outputs: {
        action: 'removed', files: items.filter((i) => i.status === 'removed').length, items,
        columns: { action: 'nulled', files: columnItems.filter((i) => i.status === 'aged').length, perColumn, items: columnItems },
      },
      vault: {
        action: 'deleted', tokensDeleted: s.vault.deleted, at: s.vault.at,
        namespaces: s.vault.namespaces.map((n) => { const cols = vaultColumns.get(n.namespace); return { ...n, ...(cols !== undefined ? { columns: cols } : {}) }; }),
      },
      rag: { action: 'deleted', chunksDeleted: s.rag.deleted, indexes: s.rag.indexes.map((r) => ({ index: r.index, cutoff: r.cutoff, planned: r.planned, deleted: r.deleted })), at: s.rag.at },
      subjectKeys: { action: 'destroyed', keysDestroyed: s.subjectKeys.destroyed, scopes: s.subjectKeys.scopes, at: s.subjectKeys.at },
      keys: { action: 'destroyed', versionsDestroyed: s.keys.destroyed, versions: s.keys.versions.map((k) => ({ name: k.name, version: k.version })), at: s.keys.at },
      audit: { action: 'appended', event: 'retention.apply', index: s.audit.index, at: s.audit.at },
    },
    unreachable: s.unreachable,
    signer: keyFingerprint(signer),
  };
}

/** The signed receipt as DSSE JSON text. */
export function signRetentionReceipt(receipt: RetentionReceipt, key: PrivateSigningKey): string {
  if (receipt.signer !== keyFingerprint(key.publicKey)) throw new TypeError('signRetentionReceipt: the receipt names another signer');
  const payload = new TextEncoder().encode(JSON.stringify(receipt));
  const sig = signMessage(key, pae(RETENTION_RECEIPT_PAYLOAD_TYPE, payload));
  return JSON.stringify(envelopeJson({ payloadType: RETENTION_RECEIPT_PAYLOAD_TYPE, payload, signatures: [{ keyid: receipt.signer, sig }] }), null, 2) + '\n';
}

function invalid(why: string): CordonError {
  return new CordonError('ERR_SIGNATURE_INVALID', `the retention receipt does not verify: ${why}`);
}

/** The DSSE payload type of a receipt's text, or undefined when it is not an envelope. */
export function receiptPayloadType(text: string): string | undefined {
  try {
    return parseEnvelope(JSON.parse(text)).payloadType;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a retention receipt against trusted keys, in steps: the envelope parses, its type is a
 * retention receipt's, a signature by a trusted key covers it, the statement has the shape and names
 * that key. Any failure is ERR_SIGNATURE_INVALID.
 */
export function verifyRetentionReceipt(text: string, trusted: PublicSigningKey | readonly PublicSigningKey[]): RetentionReceipt {
  let env;
  try {
    env = parseEnvelope(JSON.parse(text));
  } catch {
    throw invalid('not a DSSE envelope');
  }
  if (env.payloadType !== RETENTION_RECEIPT_PAYLOAD_TYPE) throw invalid('not a retention receipt (payload type)');
  const message = pae(env.payloadType, env.payload);
  const key = (Array.isArray(trusted) ? trusted : [trusted as PublicSigningKey]).find((k) => env.signatures.some((sg) => verifyMessage(k, message, sg.sig)));
  if (key === undefined) throw invalid('no signature by the given key');
  let r: RetentionReceipt;
  try {
    r = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(env.payload)) as RetentionReceipt;
  } catch {
    throw invalid('the statement is not JSON');
  }
  if (r === null || typeof r !== 'object' || r.type !== 'cordon.retention-receipt/v1' || typeof r.retentionId !== 'string' || typeof r.tiers !== 'object' || r.tiers === null || !Array.isArray(r.unreachable)) throw invalid('the statement is not a retention receipt');
  if (r.signer !== keyFingerprint(key)) throw invalid('the statement names another signer');
  return r;
}
