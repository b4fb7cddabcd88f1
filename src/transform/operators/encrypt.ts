// encrypt: field-level AES-256-GCM under an `envelope` key, a fresh random 96-bit nonce per value
// (so equal values give different outputs). The AAD binds dataset, field and key version (STYLE
// pattern 4): a value copied into another field or dataset fails to open. Output
// `enc_v<version>_` + base64url(nonce ‖ ciphertext ‖ tag). Every invert failure is ERR_DECRYPTION_FAILED.
// Random nonces: stay well below 2^32 encryptions per key version (NIST SP 800-38D §8.3); rotate.
import { aesGcmOpen, aesGcmSeal, GCM_NONCE_LENGTH, randomBytes } from '../../crypto/index.js';
import { decryptionFailed } from '../../errors.js';
import type { Operator } from '../types.js';
import { encodeParts, fromUtf8, parseVersionedToken, toBase64url, utf8 } from '../encoding.js';
import { paramObject } from '../params.js';

export type EncryptParams = Record<string, never>;

const PREFIX = 'enc_';

function aad(dataset: string, field: string, version: number): Uint8Array {
  return encodeParts('cordon/encrypt/v1', dataset, field, String(version));
}

/** @example encrypt.apply('Ann', {}, ctx) // 'enc_v1_…' (different every time) */
export const encrypt: Operator<EncryptParams> = {
  name: 'encrypt',
  reversible: true,
  parseParams(raw) {
    paramObject('encrypt', raw, []);
    return {};
  },
  apply(value, _params, ctx) {
    const { version, material } = ctx.keys.material('envelope');
    const nonce = randomBytes(GCM_NONCE_LENGTH);
    const sealed = aesGcmSeal(material, nonce, utf8(value), aad(ctx.dataset, ctx.field, version));
    const out = new Uint8Array(nonce.length + sealed.length);
    out.set(nonce, 0);
    out.set(sealed, nonce.length);
    return `${PREFIX}v${version}_${toBase64url(out)}`;
  },
  invert(token, _params, ctx) {
    const { version, body } = parseVersionedToken(PREFIX, token);
    if (body.length < GCM_NONCE_LENGTH) throw decryptionFailed();
    const material = ctx.keys.materialVersion('envelope', version);
    const plain = aesGcmOpen(material, body.subarray(0, GCM_NONCE_LENGTH), body.subarray(GCM_NONCE_LENGTH), aad(ctx.dataset, ctx.field, version));
    return fromUtf8(plain);
  },
};
