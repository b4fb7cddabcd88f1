// Sends every event to several sinks in order (the Merkle log first: it is the record).
import type { AuditEvent, AuditSink } from './event.js';

export class TeeAuditSink implements AuditSink {
  readonly sinks: readonly AuditSink[];

  constructor(sinks: readonly AuditSink[]) {
    this.sinks = sinks;
  }

  emit(event: AuditEvent): void {
    for (const s of this.sinks) s.emit(event);
  }
}
