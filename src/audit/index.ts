// cordon/audit: security events and sinks. Re-exports only.
export type { AuditEvent, AuditEventType, AuditSink } from './event.js';
export { JsonlAuditSink, MemoryAuditSink } from './jsonl-sink.js';
export { auditEvent } from './make-event.js';
