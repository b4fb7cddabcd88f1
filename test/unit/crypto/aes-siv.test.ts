// AES-SIV on node:crypto (src/crypto/aes-siv.ts) against @noble/ciphers' aessiv, the implementation
// it replaced, on random keys (256/384/512 bits), AD component lists (0..5 components, empty, whole
// blocks and not, long enough for the CBC path of the CMAC) and plaintexts (0 bytes to 4 KiB, both
// CTR paths). Sealed outputs must be identical; open must invert and reject any one-byte change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { aessiv } from '@noble/ciphers/aes.js';
import { aesSivOpen, aesSivOpenEach, aesSivSeal, aesSivSealEach, SIV_MAX_AD_COMPONENTS } from '../../../src/crypto/aes-siv.js';

const KEY_SIZES = [32, 48, 64] as const;
const LENGTHS = [0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 80, 100, 255, 256, 257, 1000, 4096];
const bytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
const enc = (x: string): Uint8Array => new TextEncoder().encode(x);

describe('AES-SIV on node:crypto equals @noble/ciphers aessiv', () => {
  for (const keySize of KEY_SIZES) {
    it(`key ${keySize * 8} bits: plaintext lengths ${LENGTHS[0]}..${LENGTHS[LENGTHS.length - 1]}, 0..5 AD components`, () => {
      for (const len of LENGTHS) {
        for (let r = 0; r < 8; r++) {
          const key = bytes(keySize);
          const pt = bytes(len);
          const ad = Array.from({ length: r % 6 }, () => bytes(LENGTHS[randomInt(LENGTHS.length)]!));
          const sealed = aesSivSeal(key, pt, ad);
          const what = `key ${keySize} B, pt ${len} B, ${ad.length} AD (${ad.map((a) => a.length).join(',')})`;
          assert.deepEqual(sealed, aessiv(key, ...ad).encrypt(pt), `${what}: seal`);
          assert.deepEqual(aesSivOpen(key, sealed, ad), pt, `${what}: open`);
          assert.deepEqual(aessiv(key, ...ad).decrypt(sealed), pt, `${what}: noble opens ours`);
        }
      }
    });
  }

  it('open rejects a change in any byte, in any AD component, or a missing/extra component', () => {
    const key = bytes(64);
    const ad = [bytes(10), bytes(32)];
    const sealed = aesSivSeal(key, bytes(40), ad);
    for (let i = 0; i < sealed.length; i++) {
      const bad = Uint8Array.from(sealed);
      bad[i]! ^= 1 << (i % 8);
      assert.throws(() => aesSivOpen(key, bad, ad), { code: 'ERR_DECRYPTION_FAILED' });
    }
    assert.throws(() => aesSivOpen(key, sealed, [ad[0]!, Uint8Array.from([...ad[1]!.subarray(1), 0])]), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => aesSivOpen(key, sealed, [ad[0]!]), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => aesSivOpen(key, sealed, [...ad, new Uint8Array(0)]), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => aesSivOpen(key, sealed.subarray(0, 15), ad), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => aesSivOpen(bytes(64), sealed, ad), { code: 'ERR_DECRYPTION_FAILED' });
  });

  it(`accepts ${SIV_MAX_AD_COMPONENTS} AD components and refuses more`, () => {
    const key = bytes(32);
    const ad = Array.from({ length: SIV_MAX_AD_COMPONENTS }, (_, i) => Uint8Array.of(i));
    const pt = bytes(5);
    const sealed = aesSivSeal(key, pt, ad);
    assert.deepEqual(sealed, aessiv(key, ...ad).encrypt(pt));
    assert.deepEqual(aesSivOpen(key, sealed, ad), pt);
    assert.throws(() => aesSivSeal(key, bytes(5), [...ad, new Uint8Array(0)]), { code: 'ERR_CRYPTO_UNSUPPORTED' });
    assert.throws(() => aesSivOpen(key, sealed, [...ad, new Uint8Array(0)]), { code: 'ERR_CRYPTO_UNSUPPORTED' });
    assert.throws(() => aesSivSeal(bytes(16), bytes(5)), { code: 'ERR_CRYPTO_UNSUPPORTED' });
    assert.throws(() => aesSivOpen(bytes(40), sealed), { code: 'ERR_CRYPTO_UNSUPPORTED' });
  });

  it('S2V state kept per AD list: many lists (eviction), same bytes split differently, repeated lists', () => {
    const key = bytes(32);
    const pt = bytes(20);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 150; i++) {
        const ad = [enc(`col-${i}`), enc('v1')];
        assert.deepEqual(aesSivSeal(key, pt, ad), aessiv(key, ...ad).encrypt(pt), `AD list ${i}, round ${round}`);
      }
    }
    const a = aesSivSeal(key, pt, [enc('ab'), enc('c')]);
    const b = aesSivSeal(key, pt, [enc('a'), enc('bc')]);
    assert.notDeepEqual(a, b);
    assert.deepEqual(b, aessiv(key, enc('a'), enc('bc')).encrypt(pt));
    assert.throws(() => aesSivOpen(key, a, [enc('a'), enc('bc')]), { code: 'ERR_DECRYPTION_FAILED' });
    const long = [bytes(600)];
    assert.deepEqual(aesSivSeal(key, pt, long), aessiv(key, ...long).encrypt(pt));
    assert.deepEqual(aesSivOpen(key, aesSivSeal(key, pt, long), long), pt);
  });

  it('the per-key cache follows changes to the bytes of the same key object', () => {
    const key = bytes(64);
    const pt = bytes(32);
    const a = aesSivSeal(key, pt);
    key[0]! ^= 1;
    const b = aesSivSeal(key, pt);
    assert.deepEqual(b, aessiv(Uint8Array.from(key)).encrypt(pt));
    assert.notDeepEqual(a, b);
    key[40]! ^= 1; // the CTR half
    assert.deepEqual(aesSivSeal(key, pt), aessiv(Uint8Array.from(key)).encrypt(pt));
  });

  // The batch forms (the token vault's): lanes of CMAC blocks and one CTR keystream per batch.
  it('aesSivSealEach equals noble aessiv value by value; aesSivOpenEach inverts it', () => {
    const texts = ['', 'a', 'é', '😀', ...LENGTHS.map((n) => 'x'.repeat(n)), ...Array.from({ length: 60 }, (_, i) => randomBytes(i * 3).toString('base64').slice(0, i * 3)), 'Zoë Müller ☃ '.repeat(11)];
    for (const keySize of KEY_SIZES) {
      const key = bytes(keySize);
      const ad = [enc('cordon-vault-v2'), enc('customers.email')];
      const { ivs, ciphertexts } = aesSivSealEach(key, ad, texts);
      assert.equal(ivs.length, texts.length * 16);
      texts.forEach((t, i) => {
        const ref = aessiv(key, ...ad).encrypt(new TextEncoder().encode(t));
        assert.deepEqual(new Uint8Array(Buffer.concat([ivs.subarray(i * 16, i * 16 + 16), ciphertexts[i]!])), ref, `key ${keySize} B, text ${i} (${t.length} chars)`);
      });
      assert.deepEqual(aesSivOpenEach(key, ad, ivs, ciphertexts).map((b) => b.toString('utf8')), texts);
      assert.deepEqual(aesSivSealEach(key, ad, []).ciphertexts, []);
    }
  });

  it('aesSivOpenEach fails the whole batch on a change in any V, any C byte, the AD or the key', () => {
    const key = bytes(64);
    const ad = [enc('v2'), enc('ns')];
    const texts = ['alpha', 'b'.repeat(40), 'c'.repeat(200)];
    const { ivs, ciphertexts } = aesSivSealEach(key, ad, texts);
    for (let i = 0; i < ivs.length; i++) {
      const bad = Buffer.from(ivs);
      bad[i]! ^= 1 << (i % 8);
      assert.throws(() => aesSivOpenEach(key, ad, bad, ciphertexts), { code: 'ERR_DECRYPTION_FAILED' });
    }
    ciphertexts.forEach((c, k) => {
      for (let i = 0; i < c.length; i++) {
        const bad = ciphertexts.map((x) => Buffer.from(x));
        bad[k]![i]! ^= 1 << (i % 8);
        assert.throws(() => aesSivOpenEach(key, ad, ivs, bad), { code: 'ERR_DECRYPTION_FAILED' });
      }
    });
    // Two items swapped: each V now meets the other's C.
    assert.throws(() => aesSivOpenEach(key, ad, ivs, [ciphertexts[1]!, ciphertexts[0]!, ciphertexts[2]!]), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => aesSivOpenEach(key, [enc('v2'), enc('other')], ivs, ciphertexts), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => aesSivOpenEach(bytes(64), ad, ivs, ciphertexts), { code: 'ERR_DECRYPTION_FAILED' });
    assert.throws(() => aesSivOpenEach(key, ad, ivs.subarray(0, 40), ciphertexts), { code: 'ERR_DECRYPTION_FAILED' });
    assert.deepEqual(aesSivOpenEach(key, ad, ivs, ciphertexts).map((b) => b.toString()), texts, 'the inputs were not modified');
  });
});
