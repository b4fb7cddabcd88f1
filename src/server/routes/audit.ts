// GET /v1/audit/events (what `cordon audit show --json` prints, filtered and bounded),
// GET /v1/audit/checkpoint (the newest signed checkpoint) and GET /v1/audit/proof/:eventId (what
// `cordon audit prove` prints). Events never hold values or tokens (src/audit/event.ts), so the
// answers hold none either. Resource: `audit` `audit-log`; action `audit:read`.
import { Type, type Static } from '@sinclair/typebox';
import { decodeEntry, type LoggedEvent } from '../../audit/entry.js';
import type { MerkleAuditLog } from '../../audit/log.js';
import type { NoteVerifier } from '../../audit/signed-note.js';
import { CordonError } from '../../errors.js';
import { HttpError } from '../errors.js';
import type { RouteSpec, ServerDeps } from '../route.js';

/** Events per answer: the default, and the most `limit` may ask for. */
export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 1000;

const resource = () => ({ type: 'audit' as const, id: 'audit-log', attributes: {} });

const EventsQuery = Type.Object({
  since: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'only events at or after this ISO-8601 time or date' })),
  type: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$', description: 'only events of this type (e.g. authz.decision)' })),
  principal: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'only events by this principal' })),
  limit: Type.Optional(Type.String({ pattern: '^(?:[1-9][0-9]{0,2}|1000)$', description: `at most this many events, 1-${MAX_EVENT_LIMIT} (default ${DEFAULT_EVENT_LIMIT})` })),
  from: Type.Optional(Type.String({ pattern: '^(?:0|[1-9][0-9]{0,14})$', description: 'start at this log index (the `next` of a previous answer)' })),
}, { additionalProperties: false });

const Event = Type.Object({
  seq: Type.Integer({ description: 'the index of the event in the log' }),
  id: Type.String(),
  time: Type.String(),
  type: Type.String(),
  outcome: Type.String(),
  principal: Type.String(),
  key: Type.Optional(Type.Object({ name: Type.String(), version: Type.Optional(Type.Integer()) }, { additionalProperties: false })),
  subject: Type.Optional(Type.String({ description: 'a keyed commitment to the data subject, never the subject id' })),
  reason: Type.Optional(Type.String()),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]))),
}, { additionalProperties: false });

const EventsAnswer = Type.Object({
  events: Type.Array(Event),
  next: Type.Optional(Type.Integer({ description: 'present when more events may match: pass it as `from`' })),
}, { additionalProperties: false });

const CheckpointAnswer = Type.Object({
  size: Type.Integer({ description: 'tree size the checkpoint covers' }),
  checkpoint: Type.String({ description: 'the signed note (C2SP tlog-checkpoint)' }),
  verifierKey: Type.String({ description: 'the log\'s verifier key; a verifier should use one it already trusts' }),
  createdAt: Type.String(),
}, { additionalProperties: false });

const ProofParams = Type.Object({ eventId: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) }, { additionalProperties: false });

const ProofAnswer = Type.Object({
  format: Type.Literal('cordon-audit-inclusion-proof/v1'),
  eventId: Type.String(),
  index: Type.Integer(),
  treeSize: Type.Integer(),
  entry: Type.String({ description: 'base64 of the exact entry bytes' }),
  proof: Type.Array(Type.String(), { description: 'base64 hashes, leaf end first (RFC 9162)' }),
  checkpoint: Type.String(),
  verifierKey: Type.String(),
}, { additionalProperties: false });

function auditOf(deps: ServerDeps): { log: MerkleAuditLog; verifier(): Promise<NoteVerifier> } {
  if (deps.auditLog === undefined) throw new CordonError('ERR_WORKSPACE_MISSING', 'this server has no tamper-evident audit log');
  return deps.auditLog;
}

function parseSince(v: string): string {
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new CordonError('ERR_INPUT_INVALID', 'since expects an ISO-8601 time or date');
  return new Date(t).toISOString();
}

export const auditRoutes: readonly RouteSpec[] = [
  {
    method: 'GET', url: '/v1/audit/events', summary: 'audit events, oldest first, as `cordon audit show --json` gives them (never values)', tags: ['audit'],
    action: 'audit:read', resource,
    query: EventsQuery,
    response: EventsAnswer,
    async handler({ query }, ctx) {
      const { log } = auditOf(ctx.deps);
      const q = query as Static<typeof EventsQuery>;
      const limit = q.limit !== undefined ? Number(q.limit) : DEFAULT_EVENT_LIMIT;
      await log.flush(); // queued events (PostgreSQL) are visible, this request's decision included
      const rows = await log.store.query({
        from: q.from !== undefined ? Number(q.from) : 0, limit,
        ...(q.since !== undefined ? { since: parseSince(q.since) } : {}),
        ...(q.type !== undefined ? { type: q.type } : {}),
        ...(q.principal !== undefined ? { principal: q.principal } : {}),
      });
      const events: LoggedEvent[] = rows.map((r) => decodeEntry(r.entry));
      return { events, ...(rows.length === limit ? { next: rows[rows.length - 1]!.index + 1 } : {}) };
    },
  },
  {
    method: 'GET', url: '/v1/audit/checkpoint', summary: 'the newest signed checkpoint of the audit log (signs one when there is none yet)', tags: ['audit'],
    action: 'audit:read', resource,
    response: CheckpointAnswer,
    async handler(_input, ctx) {
      const { log } = auditOf(ctx.deps);
      await log.flush();
      const cp = (await log.store.checkpoints()).at(-1) ?? await log.checkpoint();
      return { size: cp.size, checkpoint: cp.note, verifierKey: await log.verifierKey(), createdAt: cp.createdAt };
    },
  },
  {
    method: 'GET', url: '/v1/audit/proof/:eventId', summary: 'an inclusion proof of one event against the newest signed checkpoint, as `cordon audit prove` prints it', tags: ['audit'],
    action: 'audit:read', resource,
    params: ProofParams,
    errors: { 404: 'no audit event with that id (ERR_NOT_FOUND)' },
    response: ProofAnswer,
    async handler({ params }, ctx) {
      const { log, verifier } = auditOf(ctx.deps);
      const id = params['eventId']!;
      await log.flush();
      if (await log.store.findIndex(id) === undefined) throw new HttpError('ERR_NOT_FOUND', 'no audit event with that id');
      return log.prove(id, [await verifier()]);
    },
  },
];
