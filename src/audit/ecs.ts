// Elastic Common Schema (ECS 8.x) view of a logged event, one JSON object per line for a SIEM.
// Field names follow ECS (`@timestamp`, `event.action`, `event.outcome`, `user.name`, …); Cordon's
// own fields go under `cordon.*` and non-sensitive attributes under `labels`.
import type { LoggedEvent } from './entry.js';

export const ECS_VERSION = '8.11.0';

/** Maps a logged event to an ECS document. */
export function toEcs(e: LoggedEvent): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    '@timestamp': e.time,
    ecs: { version: ECS_VERSION },
    event: {
      id: e.id,
      kind: 'event',
      action: e.type,
      outcome: e.outcome,
      sequence: e.seq,
      dataset: 'cordon.audit',
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
    },
    user: { name: e.principal },
  };
  const cordon: Record<string, unknown> = {};
  if (e.key !== undefined) cordon.key = e.key;
  if (e.subject !== undefined) cordon.subject = e.subject;
  if (Object.keys(cordon).length > 0) doc.cordon = cordon;
  if (e.attributes !== undefined) doc.labels = Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k, String(v)]));
  return doc;
}
