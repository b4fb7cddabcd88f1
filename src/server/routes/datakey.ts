// POST /v1/datakey (a fresh data key, in plaintext and wrapped under a named key, for client-side
// envelope encryption) and POST /v1/datakey/unwrap. The caller's context (e.g. an object id) is
// bound into the wrap, so a wrapped key only unwraps with the same context. Every unwrap failure is
// the one ERR_DECRYPTION_FAILED (422), whatever the cause.
import { Type, type Static } from '@sinclair/typebox';
import { decryptionFailed, isCordonError } from '../../errors.js';
import { generateDataKey, unwrapDataKey } from '../../keys/envelope.js';
import { keyResource } from '../key-resource.js';
import { Purpose, type RouteSpec } from '../route.js';

const KeyName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });
const Context = Type.String({ maxLength: 1024, description: 'bound into the wrap (e.g. the id of the object the key encrypts); default ""' });
const B64 = (maxLength: number, description: string) => Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', maxLength, description });

const Wrapped = Type.Object({
  key: KeyName,
  version: Type.Integer({ minimum: 1 }),
  wrapped: B64(256, 'the wrapped data key, base64'),
}, { additionalProperties: false });

const GenerateBody = Type.Object({ key: KeyName, context: Type.Optional(Context), purpose: Type.Optional(Purpose) }, { additionalProperties: false });
const UnwrapBody = Type.Object({ wrapped: Wrapped, context: Type.Optional(Context), purpose: Type.Optional(Purpose) }, { additionalProperties: false });

const enc = new TextEncoder();
const b64 = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');

export const datakeyRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/datakey', summary: 'a fresh 256-bit data key: plaintext and wrapped under the primary version of a key', tags: ['keys'],
    action: 'datakey:generate',
    resource: ({ body }, deps) => keyResource((body as Static<typeof GenerateBody>).key, deps),
    body: GenerateBody,
    response: Type.Object({ plaintext: B64(64, 'the data key, base64; use it and forget it'), wrapped: Wrapped }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof GenerateBody>;
      const { dataKey, wrappedKey } = await generateDataKey(ctx.deps.keyring, b.key, enc.encode(b.context ?? ''));
      return { plaintext: b64(dataKey), wrapped: { key: wrappedKey.keyName, version: wrappedKey.version, wrapped: b64(wrappedKey.wrapped) } };
    },
  },
  {
    method: 'POST', url: '/v1/datakey/unwrap', summary: 'the plaintext of a wrapped data key (same context as when it was generated)', tags: ['keys'],
    action: 'datakey:unwrap',
    resource: ({ body }, deps) => keyResource((body as Static<typeof UnwrapBody>).wrapped.key, deps),
    body: UnwrapBody,
    response: Type.Object({ plaintext: B64(64, 'the data key, base64') }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof UnwrapBody>;
      const wrapped = Buffer.from(b.wrapped.wrapped, 'base64');
      if (wrapped.length === 0) throw decryptionFailed();
      let dk: Uint8Array;
      try {
        dk = await unwrapDataKey(ctx.deps.keyring, { keyName: b.wrapped.key, version: b.wrapped.version, wrapped: new Uint8Array(wrapped) }, enc.encode(b.context ?? ''));
      } catch (e) {
        // A wrapped key of the wrong shape fails like a wrong one: the one decryption error.
        if (isCordonError(e, 'ERR_CRYPTO_UNSUPPORTED') || isCordonError(e, 'ERR_FORMAT_UNSUPPORTED')) throw decryptionFailed();
        throw e;
      }
      return { plaintext: b64(dk) };
    },
  },
];
