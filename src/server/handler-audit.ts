// The events a route handler records about what it did (what was found, how many rows), beside the
// authorization decision the app records for every request. Identifiers, counts and entity kinds only,
// never a value. Fail closed: an event the sink refuses stops the answer (ERR_AUDIT_UNAVAILABLE), as a
// decision the sink refuses does.
import { auditEvent } from '../audit/make-event.js';
import type { AuditEvent } from '../audit/event.js';
import { CordonError } from '../errors.js';
import type { RouteContext } from './route.js';

/** `PERSON:2,PHONE_NUMBER:1`: how many findings of each entity kind, by name (no offsets, no values). */
export function entityCounts(entities: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const e of entities) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([e, n]) => `${e}:${n}`).join(',');
}

/** Emits one event for the handler's caller and request; throws ERR_AUDIT_UNAVAILABLE when the sink refuses it. */
export function recordHandlerEvent(ctx: RouteContext, fields: Omit<AuditEvent, 'id' | 'time' | 'principal'>): void {
  try {
    ctx.deps.audit.emit(auditEvent({
      ...fields,
      principal: ctx.caller?.principal.id ?? 'unauthenticated',
      attributes: { ...fields.attributes, request_id: ctx.requestId, via: 'api' },
    }));
  } catch {
    throw new CordonError('ERR_AUDIT_UNAVAILABLE', 'the audit log is unavailable; the request was not completed');
  }
}
