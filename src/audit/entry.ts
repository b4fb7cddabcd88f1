// The bytes of a log entry: the event as JSON with its position (`seq`) inside, so an entry moved,
// deleted or inserted elsewhere no longer matches its index. The leaf hash covers exactly these
// bytes, and the store keeps exactly these bytes; they are never re-serialised for verification.
import { CordonError } from '../errors.js';
import type { AuditEvent, AuditEventType } from './event.js';

export const ENTRY_VERSION = 1;

/** An event together with its index in the log. */
export interface LoggedEvent extends AuditEvent {
  readonly seq: number;
}

/** Entry bytes for `event` at index `seq` (fixed field order). */
export function encodeEntry(event: AuditEvent, seq: number): Uint8Array {
  const o: Record<string, unknown> = { v: ENTRY_VERSION, seq, id: event.id, time: event.time, type: event.type, outcome: event.outcome, principal: event.principal };
  if (event.key !== undefined) o.key = event.key.version === undefined ? { name: event.key.name } : { name: event.key.name, version: event.key.version };
  if (event.subject !== undefined) o.subject = event.subject;
  if (event.reason !== undefined) o.reason = event.reason;
  if (event.attributes !== undefined) o.attributes = event.attributes;
  return Buffer.from(JSON.stringify(o), 'utf8');
}

/** Parses entry bytes; ERR_AUDIT_CHAIN_BROKEN when they are not an entry. */
export function decodeEntry(bytes: Uint8Array): LoggedEvent {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', 'an audit log entry is not valid JSON');
  }
  if (typeof o !== 'object' || o === null || o.v !== ENTRY_VERSION || typeof o.seq !== 'number' || typeof o.id !== 'string' || typeof o.time !== 'string' || typeof o.type !== 'string' || typeof o.principal !== 'string' || (o.outcome !== 'success' && o.outcome !== 'failure')) {
    throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', 'an audit log entry does not have the entry shape');
  }
  const { v: _v, ...rest } = o;
  return { ...(rest as unknown as AuditEvent), type: o.type as AuditEventType, seq: o.seq };
}
