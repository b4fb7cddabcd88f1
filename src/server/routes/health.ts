// GET /v1/healthz (the process answers) and GET /v1/readyz (the vault and key store answer).
// Public: no credential, no policy decision, nothing about the data in the answer.
import { Type } from '@sinclair/typebox';
import type { RouteSpec } from '../route.js';

const Status = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('ready')]) }, { additionalProperties: false });

export const healthRoutes: readonly RouteSpec[] = [
  {
    method: 'GET', url: '/v1/healthz', summary: 'liveness: the process answers', tags: ['health'],
    response: Status,
    async handler() { return { status: 'ok' }; },
  },
  {
    method: 'GET', url: '/v1/readyz', summary: 'readiness: the key store answers (503 when it does not)', tags: ['health'],
    response: Status,
    async handler(_input, ctx) {
      await ctx.deps.keyring.list();
      return { status: 'ready' };
    },
  },
];
