import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getSuite, SUITES } from '../../../src/crypto/suites.js';
import { aesGcmOpen, aesGcmSeal } from '../../../src/crypto/aes-gcm.js';
import { aesSivOpen, aesSivSeal } from '../../../src/crypto/aes-siv.js';
import { ff1EncryptString, ff1DecryptString } from '../../../src/crypto/ff1.js';
import { wrapKey, unwrapKey } from '../../../src/crypto/wrap.js';
import { constantTimeEqual } from '../../../src/crypto/constant-time.js';
import { randomBytes } from '../../../src/crypto/random.js';
import { ed25519Generate, ed25519Sign, ed25519Verify } from '../../../src/crypto/ed25519.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('crypto core', () => {
  it('suites: looked up by name and id, unknown refused', () => {
    for (const s of Object.values(SUITES)) {
      assert.equal(getSuite(s.name), s);
      assert.equal(getSuite(s.id), s);
    }
    assert.equal(new Set(Object.values(SUITES).map((s) => s.id)).size, Object.keys(SUITES).length, 'suite ids are unique');
    assert.throws(() => getSuite('ROT13'), { code: 'ERR_CRYPTO_UNSUPPORTED' });
    assert.throws(() => getSuite(99), { code: 'ERR_CRYPTO_UNSUPPORTED' });
    assert.throws(() => getSuite('A256GCM', 'stream'), { code: 'ERR_CRYPTO_UNSUPPORTED' });
    assert.equal(getSuite('CBS256-GCM', 'stream').kind, 'stream');
  });

  it('AES-GCM round-trips and fails on any change, with one code', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const sealed = aesGcmSeal(key, nonce, enc('hello'), enc('aad'));
    assert.deepEqual(aesGcmOpen(key, nonce, sealed, enc('aad')), enc('hello'));
    assert.throws(() => aesGcmOpen(key, nonce, sealed, enc('other')), { code: 'ERR_DECRYPTION_FAILED' });
    for (let i = 0; i < sealed.length; i++) {
      const bad = sealed.slice();
      bad[i]! ^= 1;
      assert.throws(() => aesGcmOpen(key, nonce, bad, enc('aad')), { code: 'ERR_DECRYPTION_FAILED' });
    }
    assert.throws(() => aesGcmOpen(key, nonce, sealed.subarray(0, 15)), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => aesGcmSeal(key, randomBytes(16), enc('x')), { code: 'ERR_CRYPTO_UNSUPPORTED' });
    assert.throws(() => aesGcmSeal(randomBytes(20), nonce, enc('x')), { code: 'ERR_CRYPTO_UNSUPPORTED' });
  });

  it('AES-SIV is deterministic and bound to its associated data', () => {
    const key = randomBytes(64);
    const a = aesSivSeal(key, enc('4111111111111111'), [enc('orders.card')]);
    assert.deepEqual(aesSivSeal(key, enc('4111111111111111'), [enc('orders.card')]), a);
    assert.notDeepEqual(aesSivSeal(key, enc('4111111111111111'), [enc('users.card')]), a);
    assert.deepEqual(aesSivOpen(key, a, [enc('orders.card')]), enc('4111111111111111'));
    assert.throws(() => aesSivOpen(key, a, [enc('users.card')]), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => aesSivSeal(randomBytes(16), enc('x')), { code: 'ERR_CRYPTO_UNSUPPORTED' });
  });

  it('FF1 keeps the format and enforces the domain', () => {
    const key = randomBytes(32);
    const ct = ff1EncryptString(key, '0123456789', '4111111111111111');
    assert.match(ct, /^\d{16}$/);
    assert.notEqual(ct, '4111111111111111');
    assert.equal(ff1DecryptString(key, '0123456789', ct), '4111111111111111');
    assert.throws(() => ff1EncryptString(key, '0123456789', '12345'), { code: 'ERR_FPE_DOMAIN' });
    assert.match(ff1EncryptString(key, '0123456789', '123456'), /^\d{6}$/);
    assert.throws(() => ff1EncryptString(key, '0123456789', '12345a'), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => ff1EncryptString(key, '0123456789', '1'.repeat(4097)), { code: 'ERR_FPE_DOMAIN' });
    assert.throws(() => ff1EncryptString(key, '0123456789', '123456', { tweak: new Uint8Array(257) }), { code: 'ERR_FPE_DOMAIN' });
    assert.notEqual(ff1EncryptString(key, '0123456789', '123456789', { tweak: enc('a') }), ff1EncryptString(key, '0123456789', '123456789', { tweak: enc('b') }));
  });

  it('key wrapping binds the AAD', () => {
    const kek = randomBytes(32);
    const k = randomBytes(32);
    const w = wrapKey(kek, k, enc('name\x001'));
    assert.deepEqual(unwrapKey(kek, w, enc('name\x001')), k);
    assert.throws(() => unwrapKey(kek, w, enc('name\x002')), { code: 'ERR_DECRYPTION_FAILED' });
    assert.notDeepEqual(wrapKey(kek, k, enc('a')), wrapKey(kek, k, enc('a')), 'fresh nonce per wrap');
  });

  it('constant-time comparison', () => {
    assert.equal(constantTimeEqual(enc('abc'), enc('abc')), true);
    assert.equal(constantTimeEqual(enc('abc'), enc('abd')), false);
    assert.equal(constantTimeEqual(enc('abc'), enc('abcd')), false);
    assert.equal(constantTimeEqual(new Uint8Array(0), new Uint8Array(0)), true);
  });

  it('Ed25519 signs and verifies; any change fails', () => {
    const kp = ed25519Generate();
    const sig = ed25519Sign(kp.seed, enc('checkpoint'));
    assert.equal(ed25519Verify(kp.publicKey, enc('checkpoint'), sig), true);
    assert.equal(ed25519Verify(kp.publicKey, enc('checkpoinT'), sig), false);
    const bad = sig.slice();
    bad[0]! ^= 1;
    assert.equal(ed25519Verify(kp.publicKey, enc('checkpoint'), bad), false);
    assert.equal(ed25519Verify(kp.publicKey.subarray(1), enc('checkpoint'), sig), false);
  });
});
