// The right to erasure over the API (issue 18 item 3, docs/erasure.md#the-api):
//   POST /v1/erase/approvals  (erase:approve) — a person approves erasing one subject, for a while;
//   POST /v1/erase            (erase)         — `cordon erase`'s steps as a job (server/erasure-jobs.ts),
//                                               answered with the signed receipt, or `running` and the job id;
//   GET  /v1/erase/jobs/{id}  (erase:read)    — a job's status and, once done, its receipt.
// Resource: Api::"erasure", with the erasure's tenant (erasureResource). POST /v1/erase gives the policy `context.approvedBy`, the people whose
// approval stands, so the policy can require that someone other than the caller approved
// (policies/erasure.cedar); the erasure uses those approvals up (one approval, one erasure). The subject id is in the body only: never in a URL, a log line, an
// audit event (the `erase` event carries the audit commitment) or an answer.
import { recordHandlerEvent } from '../handler-audit.js';
import { Type, type Static } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import { subjectScope } from '../../erasure/record-subjects.js';
import type { ErasureJobs } from '../erasure-jobs.js';
import type { AuthzPrincipal, AuthzResource } from '../../policy/types.js';
import type { RouteSpec, ServerDeps } from '../route.js';

const Subject = Type.String({ minLength: 1, maxLength: 256, description: 'the data subject\'s id (the contract\'s primaryKey value); never logged, never answered' });
const Contract = Type.String({ minLength: 1, maxLength: 256, description: 'with dataset: only this contract\'s dataset (the contract\'s id); absent: the subject in every contract' });
const Dataset = Type.String({ minLength: 1, maxLength: 256, description: 'the dataset of the contract (its schema name)' });

const ApproveBody = Type.Object({
  subject: Subject,
  contract: Type.Optional(Contract),
  dataset: Type.Optional(Dataset),
  expiresInSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 604800, description: 'how long the approval stands (default 86400, at most 7 days)' })),
}, { additionalProperties: false });

const ApproveAnswer = Type.Object({
  scope: Type.String({ description: '`<contract>/<dataset>`, or `*` for every contract' }),
  approver: Type.String(),
  approvedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
}, { additionalProperties: false });

const EraseBody = Type.Object({
  subject: Subject,
  contract: Type.Optional(Contract),
  dataset: Type.Optional(Dataset),
  reason: Type.String({ minLength: 1, maxLength: 1000, description: 'why, e.g. "GDPR Art. 17 request #123" (audit log and receipt; must not contain the id)' }),
  vacuum: Type.Optional(Type.Boolean({ description: 'after deleting tokens, rewrite the vault store (docs/erasure.md#the-vault)' })),
}, { additionalProperties: false });

const Envelope = Type.Object({
  payloadType: Type.String(),
  payload: Type.String({ description: 'base64 of the receipt statement (JSON)' }),
  signatures: Type.Array(Type.Object({ keyid: Type.String(), sig: Type.String() }, { additionalProperties: false })),
}, { additionalProperties: false, description: 'the signed erasure receipt (DSSE); save it as JSON and check it with `cordon receipt verify`' });

const JobAnswer = Type.Object({
  jobId: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')], { description: 'queued or running: follow GET /v1/erase/jobs/{jobId}' }),
  scope: Type.String(),
  principal: Type.String(),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
  erasureId: Type.Optional(Type.String()),
  receipt: Type.Optional(Envelope),
  summary: Type.Optional(Type.Object({
    outputs: Type.Integer(), rowsRemoved: Type.Integer(), tokensDeleted: Type.Integer(), subjectKeysDestroyed: Type.Integer(), unreachable: Type.Integer(),
  }, { additionalProperties: false })),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false })),
}, { additionalProperties: false });

const JobParams = Type.Object({ id: Type.String({ pattern: '^ej_[A-Za-z0-9_-]{1,64}$' }) }, { additionalProperties: false });

type Scoped = { contract?: string; dataset?: string };

/** The erasure's scope from the body: both of contract and dataset, or neither. */
function scopeOf(b: Scoped): string | undefined {
  if ((b.contract === undefined) !== (b.dataset === undefined)) throw new CordonError('ERR_INPUT_INVALID', 'give both contract and dataset, or neither');
  return b.contract === undefined ? undefined : subjectScope(b.contract, b.dataset!);
}

function jobs(deps: ServerDeps): ErasureJobs {
  if (deps.erasure === undefined) throw new CordonError('ERR_WORKSPACE_MISSING', 'this server does not erase (no subject index)');
  return deps.erasure;
}

/**
 * The erasure as a policy resource, `Api::"erasure"` with a tenant (docs/erasure.md#tenants): the
 * tenant of the contract the erasure names, from the server's contracts (forbid.cross-tenant then
 * keeps other tenants' callers out of it); otherwise (every contract, or a contract the server does
 * not know) the caller's own. Read from Cordon's records and the verified credential, never the body.
 */
function erasureResource(b: Scoped, deps: ServerDeps, caller: AuthzPrincipal): AuthzResource {
  const owned = b.contract === undefined ? undefined : deps.catalog?.contractById(b.contract)['tenant'];
  return erasureApi(typeof owned === 'string' ? owned : caller.tenant);
}

function erasureApi(tenant: string | undefined): AuthzResource {
  return { type: 'service', id: 'erasure', attributes: tenant !== undefined ? { tenant } : {} };
}

const tenantOf = (r: AuthzResource): string | undefined => (typeof r.attributes['tenant'] === 'string' ? r.attributes['tenant'] : undefined);

export const eraseRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/erase/approvals', summary: 'approve erasing one data subject (separation of duties: POST /v1/erase gives the policy whose approvals stand)', tags: ['erasure'],
    action: 'erase:approve',
    resource: ({ body }, deps, caller) => erasureResource(body as Scoped, deps, caller),
    body: ApproveBody,
    response: ApproveAnswer,
    async handler({ body }, ctx) {
      const b = body as Static<typeof ApproveBody>;
      const scope = scopeOf(b);
      // The approval is for the erasure's tenant: an erasure counts only approvals of its own tenant.
      const tenant = tenantOf(erasureResource(b, ctx.deps, ctx.caller!.principal));
      const a = await jobs(ctx.deps).approve({
        subjectId: b.subject, approver: ctx.caller!.principal.id, ...(scope !== undefined ? { scope } : {}), ...(tenant !== undefined ? { tenant } : {}),
        ...(b.expiresInSeconds !== undefined ? { ttlMs: b.expiresInSeconds * 1000 } : {}),
      });
      return { scope: a.scope, approver: a.approver, approvedAt: new Date(a.approvedAt).toISOString(), expiresAt: new Date(a.expiresAt).toISOString() };
    },
  },
  {
    method: 'POST', url: '/v1/erase', summary: 'erase one data subject from every tier Cordon knows, as `cordon erase` does, with a signed receipt', tags: ['erasure'],
    action: 'erase',
    resource: ({ body }, deps, caller) => erasureResource(body as Scoped, deps, caller),
    // The policy sees whose approvals of this erasure, given for its tenant, stand (policies/erasure.cedar asks for another person's).
    async context({ body }, deps, resource) {
      if (deps.erasure === undefined) return {};
      const b = body as Static<typeof EraseBody>;
      return { approvedBy: await deps.erasure.approvers(b.subject, scopeOf(b), tenantOf(resource)) };
    },
    body: EraseBody,
    response: JobAnswer,
    async handler({ body }, ctx) {
      const b = body as Static<typeof EraseBody>;
      const scope = scopeOf(b);
      // Refused here, before a job exists: the reason goes to the audit log and the receipt.
      if (b.reason.includes(b.subject)) throw new CordonError('ERR_USAGE', 'the reason must not contain the subject id (it is written to the audit log and the receipt)');
      const j = jobs(ctx.deps);
      // An approval authorises one erasure: the ones the decision counted are used up here, all or
      // none, atomically; if another erasure used one first (or it expired since), this one is
      // refused as the policy would refuse it now. Joining a queued job uses them up too.
      if (!await j.consume(b.subject, scope, ctx.decidedOn.approvedBy ?? [])) {
        // The decision event said allow; this one says what happened after it, so the log never
        // shows an allowed erasure that did not run without the refusal beside it.
        recordHandlerEvent(ctx, {
          type: 'erase', outcome: 'failure', reason: 'ERR_POLICY_DENIED', subject: await j.auditSubject(b.subject),
          attributes: { scope: scope ?? '*', refused: 'approval-no-longer-stands' },
        });
        throw new CordonError('ERR_POLICY_DENIED', 'an approval this erasure was allowed on was used by another erasure or expired; approve it again');
      }
      const tenant = tenantOf(erasureResource(b, ctx.deps, ctx.caller!.principal));
      const job = await j.start({
        subjectId: b.subject, reason: b.reason, principal: ctx.caller!.principal.id, ...(tenant !== undefined ? { tenant } : {}),
        ...(scope !== undefined ? { scope } : {}), ...(b.vacuum === true ? { vacuum: true } : {}),
      });
      return j.wait(job.jobId, j.waitMs);
    },
  },
  {
    method: 'GET', url: '/v1/erase/jobs/:id', summary: 'an erasure job\'s status and, once done, its signed receipt', tags: ['erasure'],
    action: 'erase:read',
    // The job's tenant, recorded when it started: another tenant's caller is denied (forbid.cross-tenant).
    resource: async ({ params }, deps) => erasureApi(await deps.erasure?.tenantOf(params['id']!)),
    params: JobParams,
    response: JobAnswer,
    async handler({ params }, ctx) {
      return jobs(ctx.deps).get(params['id']!);
    },
  },
];
