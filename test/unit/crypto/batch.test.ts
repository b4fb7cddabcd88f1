// The batch helpers the token vault uses agree with the one-shot functions: hmacSha256Each with
// hmacSha256, aesGcmSealEach with aesGcmOpen (nonce ‖ ciphertext ‖ tag), UTF-8 included.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hmacSha256, hmacSha256Each } from '../../../src/crypto/hmac.js';
import { aesGcmOpen, aesGcmSeal, aesGcmSealEach, GCM_NONCE_LENGTH } from '../../../src/crypto/aes-gcm.js';
import { randomBytes } from '../../../src/crypto/random.js';

const enc = new TextEncoder();
const values = ['', 'a', 'ada@example.com', 'Zoë 😀', 'x'.repeat(1000)];

describe('crypto batch helpers', () => {
  it('hmacSha256Each(key, prefix, values) = hmacSha256(key, prefix ‖ UTF-8(value))', () => {
    const key = randomBytes(32);
    const prefix = enc.encode('customers.email\u0000');
    const macs = hmacSha256Each(key, prefix, values);
    values.forEach((v, i) => assert.deepEqual(new Uint8Array(macs[i]!), hmacSha256(key, prefix, enc.encode(v))));
  });

  it('aesGcmSealEach gives nonce ‖ aesGcmSeal(…) per item, which aesGcmOpen opens', () => {
    const key = randomBytes(32);
    const items = values.map((plaintext, i) => ({ nonce: randomBytes(GCM_NONCE_LENGTH), plaintext, aad: enc.encode(`aad-${i}`) }));
    const sealed = aesGcmSealEach(key, items);
    items.forEach((it, i) => {
      const s = sealed[i]!;
      assert.deepEqual(new Uint8Array(s.subarray(0, GCM_NONCE_LENGTH)), it.nonce);
      assert.deepEqual(new Uint8Array(s.subarray(GCM_NONCE_LENGTH)), aesGcmSeal(key, it.nonce, enc.encode(it.plaintext), it.aad));
      assert.equal(new TextDecoder().decode(aesGcmOpen(key, it.nonce, s.subarray(GCM_NONCE_LENGTH), it.aad)), it.plaintext);
    });
  });

  it('refuses a bad key or nonce length like aesGcmSeal', () => {
    assert.throws(() => aesGcmSealEach(randomBytes(31), [{ nonce: randomBytes(12), plaintext: 'x', aad: new Uint8Array() }]), { code: 'ERR_CRYPTO_UNSUPPORTED' });
    assert.throws(() => aesGcmSealEach(randomBytes(32), [{ nonce: randomBytes(8), plaintext: 'x', aad: new Uint8Array() }]), { code: 'ERR_CRYPTO_UNSUPPORTED' });
  });
});
