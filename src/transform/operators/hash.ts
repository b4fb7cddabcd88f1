// hash: a keyed pseudonym, HMAC-SHA256 under a `mac` key, hex or base64url, truncated. Without the
// key nobody can test guesses (an unkeyed hash of a phone number is reversed by enumeration).
// Scope: with the default `scope: 'key'` only the key and the value enter the HMAC, so equal values
// give equal pseudonyms in every dataset sharing the key (joins work); `scope: 'field'` also binds
// dataset and field, so pseudonyms cannot be linked across fields. Not reversible.
import { hmacSha256Short } from '../../crypto/index.js';
import type { Operator } from '../types.js';
import { encodeParts, toBase64url } from '../encoding.js';
import { enumParam, intParam, paramObject } from '../params.js';

export interface HashParams {
  /** Default `hex`. */
  readonly encoding: 'hex' | 'base64url';
  /** Output characters, ≥ 16 (64 bits in hex). Default 32; at most 64 (hex) or 43 (base64url). */
  readonly length: number;
  /** Default `key`. */
  readonly scope: 'key' | 'field';
}

const MAX_LENGTH = { hex: 64, base64url: 43 } as const;

/** @example hash.apply('ann@example.com', hash.parseParams({}), ctx) // 32 hex characters */
export const hash: Operator<HashParams> = {
  name: 'hash',
  reversible: false,
  parseParams(raw) {
    const o = paramObject('hash', raw, ['encoding', 'length', 'scope']);
    const encoding = enumParam('hash', o, 'encoding', ['hex', 'base64url'] as const, 'hex');
    return {
      encoding,
      length: intParam('hash', o, 'length', 32, 16, MAX_LENGTH[encoding]),
      scope: enumParam('hash', o, 'scope', ['key', 'field'] as const, 'key'),
    };
  },
  apply(value, params, ctx) {
    const key = ctx.keys.material('mac').material;
    const msg = params.scope === 'key'
      ? encodeParts('cordon/hash/v1/key', value)
      : encodeParts('cordon/hash/v1/field', ctx.dataset, ctx.field, value);
    const mac = hmacSha256Short(key, msg);
    const text = params.encoding === 'hex' ? Buffer.from(mac).toString('hex') : toBase64url(mac);
    return text.slice(0, params.length);
  },
};
