// Issue 14, item 10: the ECS export puts what ECS has a field for in that field: event.category and
// event.type for every event type, source.ip and http.request.id from the attributes the server records.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEventType } from '../../../src/audit/event.js';
import type { LoggedEvent } from '../../../src/audit/entry.js';
import { toEcs } from '../../../src/audit/ecs.js';

const base = { id: '7d1c0f9e-0000-4000-8000-000000000001', time: '2026-12-06T05:00:00.000Z', seq: 3, principal: 'svc:etl' };
const ev = (over: Partial<LoggedEvent> & { type: AuditEventType }): LoggedEvent => ({ ...base, outcome: 'success', ...over });
type Doc = { event: { category?: string[]; type?: string[] }; source?: { ip: string }; http?: { request: { id: string } }; labels?: Record<string, string> };

/** Every event type, so a type without a categorization fails here as well as in the compiler. */
const ALL_TYPES: Record<AuditEventType, true> = {
  'key.create': true, 'key.rotate': true, 'key.retire': true, 'key.min_version': true, 'key.destroy': true, 'key.unwrap': true,
  'datakey.generate': true, 'datakey.unwrap': true, 'file.encrypt': true, 'file.decrypt': true, 'file.rewrap': true,
  'token.reveal': true, 'token.detokenize': true, 'protect.run': true, 'detect.request': true, 'contract.change': true, 'authz.decision': true,
  'artifact.sign': true, 'artifact.verify': true, 'jwt.issue': true, 'dp.spend': true, 'risk.gate': true, 'guard.redact': true, 'guard.restore': true, 'guard.chat': true, 'guard.embed': true, 'rag.ingest': true, 'rag.retrieve': true, 'erase': true, 'consent.change': true, 'retention.apply': true,
};
const ECS_CATEGORIES = new Set(['api', 'authentication', 'configuration', 'database', 'driver', 'email', 'file', 'host', 'iam', 'intrusion_detection', 'library', 'malware', 'network', 'package', 'process', 'registry', 'session', 'threat', 'vulnerability', 'web']);
const ECS_TYPES = new Set(['access', 'admin', 'allowed', 'change', 'connection', 'creation', 'deletion', 'denied', 'end', 'error', 'group', 'indicator', 'info', 'installation', 'protocol', 'start', 'user']);

describe('ECS export fields (issue 14 item 10)', () => {
  for (const type of Object.keys(ALL_TYPES) as AuditEventType[]) {
    it(`${type}: event.category and event.type hold ECS allowed values`, () => {
      const d = toEcs(ev({ type })) as Doc;
      assert.ok(d.event.category !== undefined && d.event.category.length === 1 && ECS_CATEGORIES.has(d.event.category[0]!), `category of ${type}`);
      assert.ok(d.event.type !== undefined && d.event.type.length >= 1 && d.event.type.every((t) => ECS_TYPES.has(t)), `type of ${type}`);
    });
  }

  it('a decision adds allowed or denied from the outcome', () => {
    assert.deepEqual((toEcs(ev({ type: 'authz.decision' })) as Doc).event, { ...(toEcs(ev({ type: 'authz.decision' })) as Doc).event, category: ['api'], type: ['access', 'allowed'] });
    assert.deepEqual((toEcs(ev({ type: 'token.reveal', outcome: 'failure', reason: 'ERR_POLICY_DENIED' })) as Doc).event.type, ['access', 'denied']);
    assert.deepEqual((toEcs(ev({ type: 'key.rotate' })) as Doc).event.type, ['change']);
  });

  it('source.ip and http.request.id come from the source and request_id attributes', () => {
    const d = toEcs(ev({ type: 'authz.decision', attributes: { source: '203.0.113.9', request_id: 'req-42', action: 'tokenize' } })) as Doc;
    assert.deepEqual(d.source, { ip: '203.0.113.9' });
    assert.deepEqual(d.http, { request: { id: 'req-42' } });
    assert.equal(d.labels?.['action'], 'tokenize');
    assert.deepEqual((toEcs(ev({ type: 'authz.decision', attributes: { source: '::1' } })) as Doc).source, { ip: '::1' });
  });

  it('a source that is not an address stays a label only; no attributes, no source or http', () => {
    const d = toEcs(ev({ type: 'authz.decision', attributes: { source: 'not an ip' } })) as Doc;
    assert.equal(d.source, undefined);
    assert.equal(d.labels?.['source'], 'not an ip');
    const bare = toEcs(ev({ type: 'key.create' })) as Doc;
    assert.equal(bare.source, undefined);
    assert.equal(bare.http, undefined);
  });

  it('a type the table does not know (an older or newer log) gets no category instead of a wrong one', () => {
    const d = toEcs({ ...ev({ type: 'key.create' }), type: 'constructor' as AuditEventType }) as Doc;
    assert.equal(d.event.category, undefined);
    assert.equal(d.event.type, undefined);
  });
});
