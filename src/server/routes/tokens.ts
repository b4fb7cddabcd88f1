// POST /v1/tokenize and /v1/detokenize: batches through the workspace's token vault. The namespace
// is the resource the policy decides on; values and tokens never reach the audit log or metrics
// labels. An unknown or expired token comes back as null. A list column's protected value (the JSON
// text of a list of tokens, as protect writes it: io/list-text.ts) is detokenized element by element
// and comes back as the list's JSON text, as `cordon reveal` gives it; a vault token never starts
// with `[`, so the two cannot be confused.
import { Type, type Static } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import { listElements, listOrUndefined, relist } from '../../io/list-text.js';
import type { TokenVault } from '../../vault/vault.js';
import { Purpose, type RouteContext, type RouteSpec, type ServerDeps } from '../route.js';

/** Most values or tokens in one request. */
export const MAX_BATCH = 1000;
/** Longest value accepted (characters). */
export const MAX_VALUE_LENGTH = 4096;
/** Longest token, or list of tokens as JSON text, accepted by /v1/detokenize (characters). */
export const MAX_TOKEN_TEXT_LENGTH = 64 * 1024;
/** Most tokens one /v1/detokenize request looks up, list elements counted one by one. */
export const MAX_DETOKENIZE_ELEMENTS = 10 * MAX_BATCH;

const Namespace = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', description: 'the vault namespace (e.g. payments.card)' });

const TokenizeBody = Type.Object({
  namespace: Namespace,
  values: Type.Array(Type.String({ maxLength: MAX_VALUE_LENGTH }), { minItems: 1, maxItems: MAX_BATCH }),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: false });

const DetokenizeBody = Type.Object({
  namespace: Namespace,
  tokens: Type.Array(Type.String({ maxLength: MAX_TOKEN_TEXT_LENGTH, description: 'a token, or a list column\'s protected value: the JSON text of a list of tokens (["tok_…",null])' }), { minItems: 1, maxItems: MAX_BATCH }),
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
    method: 'POST', url: '/v1/detokenize', summary: 'the values of a batch of tokens, in order; null for a token the namespace does not hold. A list of tokens (its JSON text) gives the list of values (its JSON text), null when the namespace lacks one of its tokens', tags: ['vault'],
    action: 'detokenize',
    resource: ({ body }, deps) => column((body as Static<typeof DetokenizeBody>).namespace, deps),
    body: DetokenizeBody,
    response: Type.Object({ values: Type.Array(Type.Union([Type.String(), Type.Null()])) }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof DetokenizeBody>;
      const lists = b.tokens.map(listOrUndefined);
      const flat = lists.some((l) => l !== undefined) ? b.tokens.flatMap((t, i) => (lists[i] === undefined ? [t] : listElements(lists[i]!))) : b.tokens;
      if (flat.length > MAX_DETOKENIZE_ELEMENTS) {
        throw new CordonError('ERR_INPUT_INVALID', `a request looks up at most ${MAX_DETOKENIZE_ELEMENTS} tokens, list elements counted one by one; this one holds ${flat.length}: split it`);
      }
      const found = flat.length > 0 ? await vaultOf(ctx).detokenize(b.namespace, flat) : [];
      const values = flat === b.tokens ? found : relist(b.tokens, lists, found);
      ctx.metrics.vault.inc({ op: 'detokenize' });
      ctx.metrics.vaultValues.inc({ op: 'detokenize' }, flat.length);
      return { values: values.map((v) => v ?? null) };
    },
  },
];
