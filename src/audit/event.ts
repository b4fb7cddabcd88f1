// The shape of a security event. Events carry identifiers, counts and outcomes only: never key
// material, plaintext, passphrases or PINs. The tamper-evident log (log.ts) stores these same
// events; this shape is the contract between emitters and sinks (docs/audit.md lists the types).

export type AuditEventType =
  | 'key.create'
  | 'key.rotate'
  | 'key.retire'
  | 'key.min_version'
  | 'key.destroy'
  | 'key.unwrap'
  | 'datakey.generate'
  | 'datakey.unwrap'
  | 'file.encrypt'
  | 'file.decrypt'
  | 'file.rewrap'
  | 'token.reveal'
  | 'token.detokenize'
  | 'protect.run'
  | 'detect.request'
  | 'contract.change'
  | 'authz.decision'
  | 'artifact.sign'
  | 'artifact.verify'
  | 'jwt.issue'
  | 'dp.spend'
  | 'risk.gate'
  | 'guard.redact'
  | 'guard.restore'
  | 'guard.chat'
  | 'guard.embed'
  | 'rag.ingest'
  | 'rag.retrieve'
  | 'erase'
  | 'retention.apply'
  | 'consent.change';

export interface AuditEvent {
  /** Random UUID. */
  readonly id: string;
  /** ISO-8601 UTC time. */
  readonly time: string;
  readonly type: AuditEventType;
  readonly outcome: 'success' | 'failure';
  /** Who acted: a user name, service identity or `local:<os user>`. */
  readonly principal: string;
  readonly key?: { readonly name: string; readonly version?: number };
  /**
   * The data subject the event concerns, only ever as a keyed commitment
   * (`subjectCommitment()`: `hmac-sha256:<hex>`), never the subject id itself.
   */
  readonly subject?: string;
  /** Error code when outcome is failure. */
  readonly reason?: string;
  /** Non-sensitive attributes: object ids, counts, digests. */
  readonly attributes?: Readonly<Record<string, string | number | boolean>>;
}

/** Receives events. One method, so a sink is one small file (JSONL now, the Merkle log later). */
export interface AuditSink {
  emit(event: AuditEvent): void;
}
