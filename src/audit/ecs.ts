// Elastic Common Schema (ECS 8.x) view of a logged event, one JSON object per line for a SIEM.
// Field names follow ECS (`@timestamp`, `event.action`, `event.outcome`, `user.name`, …); Cordon's
// own fields go under `cordon.*` and non-sensitive attributes under `labels`. Attributes that have
// an ECS field are also set there (`source.ip`, `http.request.id`), so a SIEM's stock rules see them.
import type { AuditEventType } from './event.js';
import type { LoggedEvent } from './entry.js';

export const ECS_VERSION = '8.11.0';

/**
 * ECS categorization (https://www.elastic.co/guide/en/ecs/current/ecs-allowed-values-event-category.html):
 * one row per event type, so a new type does not compile without one. Decisions (`token.reveal`,
 * `authz.decision`) add `allowed` or `denied` from the outcome.
 */
const CATEGORIZATION: Record<AuditEventType, { category: string; type: string; decision?: true }> = {
  'key.create': { category: 'configuration', type: 'creation' },
  'key.rotate': { category: 'configuration', type: 'change' },
  'key.retire': { category: 'configuration', type: 'change' },
  'key.min_version': { category: 'configuration', type: 'change' },
  'key.destroy': { category: 'configuration', type: 'deletion' },
  'key.unwrap': { category: 'configuration', type: 'access' },
  'datakey.generate': { category: 'configuration', type: 'creation' },
  'datakey.unwrap': { category: 'configuration', type: 'access' },
  'file.encrypt': { category: 'file', type: 'creation' },
  'file.decrypt': { category: 'file', type: 'access' },
  'file.rewrap': { category: 'file', type: 'change' },
  'token.reveal': { category: 'database', type: 'access', decision: true },
  'token.detokenize': { category: 'database', type: 'access', decision: true },
  'protect.run': { category: 'process', type: 'end' },
  'detect.request': { category: 'api', type: 'info' },
  'contract.change': { category: 'configuration', type: 'change' },
  'authz.decision': { category: 'api', type: 'access', decision: true },
  'artifact.sign': { category: 'file', type: 'creation' },
  'artifact.verify': { category: 'file', type: 'info' },
  'jwt.issue': { category: 'iam', type: 'creation' },
  'dp.spend': { category: 'database', type: 'access', decision: true },
  'risk.gate': { category: 'database', type: 'info', decision: true },
  'guard.redact': { category: 'database', type: 'creation' },
  'guard.restore': { category: 'database', type: 'access', decision: true },
  'guard.chat': { category: 'network', type: 'connection' },
  'guard.embed': { category: 'network', type: 'connection' },
  'rag.ingest': { category: 'database', type: 'creation' },
  'rag.retrieve': { category: 'database', type: 'access' },
  'erase': { category: 'database', type: 'deletion' },
  'retention.apply': { category: 'database', type: 'deletion' },
  'consent.change': { category: 'database', type: 'change' },
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;
/** Only an address goes to `source.ip` (an ECS `ip` field a SIEM indexes as one); anything else stays a label. */
const isIp = (v: string): boolean => IPV4.test(v) || (v.includes(':') && IPV6.test(v));

/** Maps a logged event to an ECS document. */
export function toEcs(e: LoggedEvent): Record<string, unknown> {
  // Own rows only: a type read back from an older or newer log (or "constructor") gets no category.
  const c = Object.hasOwn(CATEGORIZATION, e.type) ? CATEGORIZATION[e.type] : undefined;
  const types = c === undefined ? [] : [c.type, ...(c.decision ? [e.outcome === 'success' ? 'allowed' : 'denied'] : [])];
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
      ...(c !== undefined ? { category: [c.category], type: types } : {}),
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
    },
    user: { name: e.principal },
  };
  const cordon: Record<string, unknown> = {};
  if (e.key !== undefined) cordon.key = e.key;
  if (e.subject !== undefined) cordon.subject = e.subject;
  if (Object.keys(cordon).length > 0) doc.cordon = cordon;
  const source = e.attributes?.['source'];
  if (typeof source === 'string' && isIp(source)) doc.source = { ip: source };
  const requestId = e.attributes?.['request_id'];
  if (typeof requestId === 'string' && requestId !== '') doc.http = { request: { id: requestId } };
  if (e.attributes !== undefined) doc.labels = Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k, String(v)]));
  return doc;
}
