// POST /v1/tokenize and /v1/detokenize: batches through the workspace's token vault. The namespace
// is the resource the policy decides on; values and tokens never reach the audit log or metrics
// labels. An unknown or expired token comes back as null.
import { Type, type Static } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import type { TokenVault } from '../../vault/vault.js';
import { Purpose, type RouteContext, type RouteSpec, type ServerDeps } from '../route.js';

/** Most values or tokens in one request. */
export const MAX_BATCH = 1000;
/** Longest value accepted (characters). */
export const MAX_VALUE_LENGTH = 4096;

const Namespace = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', description: 'the vault namespace (e.g. payments.card)' });

const TokenizeBody = Type.Object({
  namespace: Namespace,
  values: Type.Array(Type.String({ maxLength: MAX_VALUE_LENGTH }), { minItems: 1, maxItems: MAX_BATCH }),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: false });

const DetokenizeBody = Type.Object({
  namespace: Namespace,
  tokens: Type.Array(Type.String({ maxLength: 1024 }), { minItems: 1, maxItems: MAX_BATCH }),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: false });

/** A namespace is a column (`dataset.column` when the protect pipeline made it); attributes from the contracts. */
const column = (namespace: string, deps: ServerDeps) => ({ type: 'column' as const, id: namespace, attributes: deps.catalog?.column(namespace) ?? {} });

function vaultOf(ctx: RouteContext): TokenVault {
  if (ctx.deps.vault === undefined) throw new CordonError('ERR_WORKSPACE_MISSING', 'this server has no token vault');
  return ctx.deps.vault;
}

export const tokenRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/tokenize', summary: 'tokens for a batch of values, in order (the same value gets the same token)', tags: ['vault'],
    action: 'tokenize',
    resource: ({ body }, deps) => column((body as Static<typeof TokenizeBody>).namespace, deps),
    body: TokenizeBody,
    response: Type.Object({ tokens: Type.Array(Type.String()) }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof TokenizeBody>;
      const tokens = await vaultOf(ctx).tokenize(b.namespace, b.values);
      ctx.metrics.vault.inc({ op: 'tokenize' });
      ctx.metrics.vaultValues.inc({ op: 'tokenize' }, b.values.length);
      return { tokens };
    },
  },
  {
    method: 'POST', url: '/v1/detokenize', summary: 'the values of a batch of tokens, in order; null for a token the namespace does not hold', tags: ['vault'],
    action: 'detokenize',
    resource: ({ body }, deps) => column((body as Static<typeof DetokenizeBody>).namespace, deps),
    body: DetokenizeBody,
    response: Type.Object({ values: Type.Array(Type.Union([Type.String(), Type.Null()])) }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof DetokenizeBody>;
      const values = await vaultOf(ctx).detokenize(b.namespace, b.tokens);
      ctx.metrics.vault.inc({ op: 'detokenize' });
      ctx.metrics.vaultValues.inc({ op: 'detokenize' }, b.tokens.length);
      return { values: values.map((v) => v ?? null) };
    },
  },
];
