// Builds an event with id and time filled in.
import { randomId } from '../crypto/random.js';
import type { AuditEvent } from './event.js';

export function auditEvent(fields: Omit<AuditEvent, 'id' | 'time'>): AuditEvent {
  return { id: randomId(), time: new Date().toISOString(), ...fields };
}
