// POST /v1/encrypt and /v1/decrypt: field-level AES-256-GCM through the `encrypt` operator
// (src/transform) under the workspace's `field` key. Dataset and field are bound into the AAD, so
// a ciphertext moved to another field fails to open; every open failure is the one
// ERR_DECRYPTION_FAILED (422) for the whole batch, never which value failed.
import { Type, type Static } from '@sinclair/typebox';
import { CordonError, decryptionFailed } from '../../errors.js';
import { encrypt } from '../../transform/operators/encrypt.js';
import { loadOperatorKeys, OPERATOR_KEY_NAMES } from '../../pipeline/operator-keys.js';
import { Purpose, type RouteSpec, type ServerDeps } from '../route.js';
import { MAX_BATCH, MAX_VALUE_LENGTH } from './tokens.js';

const Name = (description: string) => Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', description });

const EncryptBody = Type.Object({
  dataset: Name('the dataset the values belong to (bound into the ciphertext)'),
  field: Name('the field the values belong to (bound into the ciphertext)'),
  values: Type.Array(Type.String({ maxLength: MAX_VALUE_LENGTH }), { minItems: 1, maxItems: MAX_BATCH }),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: false });

const DecryptBody = Type.Object({
  dataset: Name('as when encrypted'),
  field: Name('as when encrypted'),
  ciphertexts: Type.Array(Type.String({ maxLength: 2 * MAX_VALUE_LENGTH }), { minItems: 1, maxItems: MAX_BATCH }),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: false });

/**
 * The column as a policy resource: attributes from the contracts, and the tenant of the field key
 * (the key store's, never the request's) when the contracts give none. A contract tenant and a key
 * tenant that differ are refused: the key of one tenant never encrypts another tenant's column.
 */
async function column(b: { dataset: string; field: string }, deps: ServerDeps) {
  const attributes: Record<string, string | readonly string[]> = { dataset: b.dataset, ...deps.catalog?.column(`${b.dataset}.${b.field}`) };
  const keyTenant = await deps.keyring.tenantOf(OPERATOR_KEY_NAMES.envelope);
  if (keyTenant !== undefined) {
    if (attributes['tenant'] !== undefined && attributes['tenant'] !== keyTenant) {
      throw new CordonError('ERR_POLICY_DENIED', 'the field key belongs to another tenant than this column');
    }
    attributes['tenant'] = keyTenant;
  }
  return { type: 'column' as const, id: `${b.dataset}.${b.field}`, attributes };
}

export const fieldRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/encrypt', summary: 'field-level encryption of a batch of values (a fresh nonce each: equal values differ)', tags: ['fields'],
    action: 'encrypt',
    resource: ({ body }, deps) => column(body as Static<typeof EncryptBody>, deps),
    body: EncryptBody,
    response: Type.Object({ ciphertexts: Type.Array(Type.String()) }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof EncryptBody>;
      const keys = await loadOperatorKeys(ctx.deps.keyring, ['envelope']);
      const opCtx = { dataset: b.dataset, field: b.field, keys };
      return { ciphertexts: b.values.map((v) => encrypt.apply(v, {}, opCtx)) };
    },
  },
  {
    method: 'POST', url: '/v1/decrypt', summary: 'the values of a batch of field ciphertexts (same dataset and field as when encrypted)', tags: ['fields'],
    action: 'decrypt',
    resource: ({ body }, deps) => column(body as Static<typeof DecryptBody>, deps),
    body: DecryptBody,
    response: Type.Object({ values: Type.Array(Type.String()) }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof DecryptBody>;
      const keys = await loadOperatorKeys(ctx.deps.keyring, ['envelope'], { allVersions: true });
      const opCtx = { dataset: b.dataset, field: b.field, keys };
      try {
        return { values: b.ciphertexts.map((c) => encrypt.invert!(c, {}, opCtx)) };
      } catch {
        // A malformed ciphertext, a wrong field, a disabled version: one answer (STYLE pattern 5).
        throw decryptionFailed();
      }
    },
  },
];
