// GET /v1/healthz (the process answers) and GET /v1/readyz (the store answers — read past any cache —
// and the audit log takes writes).
// Public: no credential, no policy decision, nothing about the data in the answer.
import { Type } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import type { RouteSpec } from '../route.js';

const Status = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('ready')]) }, { additionalProperties: false });

export const healthRoutes: readonly RouteSpec[] = [
  {
    method: 'GET', url: '/v1/healthz', summary: 'liveness: the process answers', tags: ['health'],
    response: Status,
    async handler() { return { status: 'ok' }; },
  },
  {
    method: 'GET', url: '/v1/readyz', summary: 'readiness: the key store answers and the audit log takes writes (503 when either does not)', tags: ['health'],
    response: Status,
    async handler(_input, ctx) {
      await ctx.deps.keyring.list();
      if (ctx.deps.probeStore !== undefined) {
        try {
          await ctx.deps.probeStore();
        } catch {
          throw new CordonError('ERR_STORE_UNAVAILABLE', 'the store is unavailable');
        }
      }
      if (ctx.deps.flushAudit !== undefined) {
        try {
          await ctx.deps.flushAudit();
        } catch {
          throw new CordonError('ERR_AUDIT_UNAVAILABLE', 'the audit log is unavailable');
        }
      }
      return { status: 'ready' };
    },
  },
];
