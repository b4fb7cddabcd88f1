// hmacSha256Short (JavaScript SHA-256 from the key's kept inner/outer states) gives the bytes of
// node:crypto's HMAC-SHA256 for every key length (empty, short, one block, longer than a block: hashed
// first) and every message length across the padding boundaries (55/56, 63/64, 119/120 bytes) and the
// switch to node:crypto (SHORT_MESSAGE_BYTES), on random inputs; hmacSha256Each agrees on both paths.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { hmacSha256Each, hmacSha256Short } from '../../../src/crypto/hmac.js';
import { SHORT_MESSAGE_BYTES } from '../../../src/crypto/hmac-short.js';
import { randomBytes } from '../../../src/crypto/random.js';

const reference = (key: Uint8Array, msg: Uint8Array): Uint8Array => new Uint8Array(createHmac('sha256', key).update(msg).digest());

describe('hmacSha256Short', () => {
  it('equals node:crypto HMAC-SHA256 for every message length up to past the node:crypto switch', () => {
    for (const keyLength of [0, 1, 16, 32, 63, 64, 65, 100]) {
      const key = randomBytes(keyLength);
      for (let n = 0; n <= SHORT_MESSAGE_BYTES + 70; n++) {
        const msg = randomBytes(n);
        assert.deepEqual(hmacSha256Short(key, msg), reference(key, msg), `key ${keyLength} bytes, message ${n} bytes`);
      }
    }
  });

  it('RFC 4231 test case 2 (key "Jefe")', () => {
    const mac = hmacSha256Short(new TextEncoder().encode('Jefe'), new TextEncoder().encode('what do ya want for nothing?'));
    assert.equal(Buffer.from(mac).toString('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('a subarray message and a key whose bytes change between calls', () => {
    const key = randomBytes(32);
    const big = randomBytes(300);
    assert.deepEqual(hmacSha256Short(key, big.subarray(7, 90)), reference(key, big.subarray(7, 90)));
    const before = hmacSha256Short(key, big.subarray(0, 40));
    key[0]! ^= 1;
    assert.deepEqual(hmacSha256Short(key, big.subarray(0, 40)), reference(key, big.subarray(0, 40)));
    assert.notDeepEqual(hmacSha256Short(key, big.subarray(0, 40)), before);
  });

  it('hmacSha256Each = HMAC(key, prefix ‖ UTF-8(value)) on random strings, short and long, lone surrogates as U+FFFD', () => {
    const key = randomBytes(32);
    const prefix = new TextEncoder().encode('customers.email\u0000');
    const alphabet = ['a', 'Z', '7', ' ', 'é', 'ß', '中', '😀', '\ud800', '\udc00'];
    const values: string[] = [];
    for (let i = 0; i < 400; i++) {
      const len = i % 120;
      let v = '';
      for (let k = 0; k < len; k++) v += alphabet[(i * 7 + k * 13 + (k * k) % 5) % alphabet.length]!;
      values.push(v);
    }
    const macs = hmacSha256Each(key, prefix, values);
    values.forEach((v, i) => {
      assert.ok(Buffer.isBuffer(macs[i]));
      assert.deepEqual(new Uint8Array(macs[i]!), new Uint8Array(createHmac('sha256', key).update(prefix).update(Buffer.from(v, 'utf8')).digest()), `value ${i}`);
    });
  });
});
