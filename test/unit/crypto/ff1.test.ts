// FF1 on node:crypto (src/crypto/ff1.ts) against @noble/ciphers' FF1, the implementation it
// replaced, on random keys, tweaks and inputs: radix 10, 26, 36, 62 (the fpe alphabets and more),
// radix 2, 16, 256 and 65535 (powers of two, large radix), lengths across the Number/BigInt boundary
// (radix^v = 2^45) and up to FF1_MAX_LENGTH, tweaks of 0 to 256 bytes, all three key sizes.
// Outputs must be identical. Also: ff1Prepare, the per-key cache, and the errors by code; the batch
// functions (ff1EncryptBatch/ff1DecryptBatch) against noble value by value, on batches that mix the
// round-per-call path with the one-by-one fallbacks (BigInt numerals, d > 16, tails of two blocks),
// and across batches under one key with more tweaks than the batch path remembers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { FF1 } from '@noble/ciphers/ff1.js';
import {
  _numMod, ff1DecryptBatch, ff1DecryptDigits, ff1EncryptBatch, ff1EncryptDigits, ff1Prepare, FF1_MAX_LENGTH, FF1_MIN_DOMAIN, type Ff1BatchItem,
} from '../../../src/crypto/ff1.js';
import { CordonError } from '../../../src/errors.js';

const KEY_SIZES = [16, 24, 32] as const;

function minLength(radix: number): number {
  let n = 2;
  while (radix ** n < FF1_MIN_DOMAIN) n++;
  return n;
}

function randomDigits(radix: number, n: number): number[] {
  return Array.from({ length: n }, () => randomInt(radix));
}

/** One comparison with noble: encrypt equal, decrypt equal, and decrypt inverts encrypt. */
function check(radix: number, n: number, tweakLength: number, keySize: number): void {
  const key = new Uint8Array(randomBytes(keySize));
  const tweak = new Uint8Array(randomBytes(tweakLength));
  const x = randomDigits(radix, n);
  const ref = FF1(radix, key, tweak);
  const ct = ff1EncryptDigits(key, radix, x, { tweak });
  const what = `radix ${radix}, n ${n}, tweak ${tweakLength} B, key ${keySize * 8} bits`;
  assert.deepEqual(ct, ref.encrypt([...x]), `${what}: encrypt`);
  assert.deepEqual(ff1DecryptDigits(key, radix, ct, { tweak }), x, `${what}: round trip`);
  const y = randomDigits(radix, n);
  assert.deepEqual(ff1DecryptDigits(key, radix, y, { tweak }), ref.decrypt([...y]), `${what}: decrypt`);
}

describe('FF1 on node:crypto equals @noble/ciphers FF1', () => {
  for (const radix of [10, 26, 36, 62]) {
    it(`radix ${radix}: every length from the minimum to 64, random tweaks and key sizes`, () => {
      for (let n = minLength(radix); n <= 64; n++) {
        for (let r = 0; r < 6; r++) check(radix, n, randomInt(0, 48), KEY_SIZES[r % 3]!);
      }
    });
  }

  it('radix 10 lengths around the Number/BigInt switch (v = 13, 14) and 16 digits, many inputs', () => {
    for (const n of [16, 25, 26, 27, 28, 29]) for (let r = 0; r < 60; r++) check(10, n, randomInt(0, 40), KEY_SIZES[r % 3]!);
  });

  it('tweak lengths 0..256 (every padding offset of Q), 16 digits', () => {
    for (let t = 0; t <= 256; t++) check(10, 16, t, KEY_SIZES[t % 3]!);
  });

  it('radix 2, 16, 256, 65535 (powers of two and the largest radix)', () => {
    for (const radix of [2, 16, 256, 65535]) {
      for (let n = minLength(radix); n <= minLength(radix) + 40; n++) check(radix, n, randomInt(0, 20), KEY_SIZES[n % 3]!);
    }
  });

  it('long inputs (d > 16: several PRF output blocks; Q of many blocks)', () => {
    for (const [radix, n] of [[10, 100], [10, 333], [36, 257], [62, 1000], [2, 4096], [65535, 300]] as const) {
      check(radix, n, randomInt(0, 64), KEY_SIZES[n % 3]!);
    }
  });

  it(`FF1_MAX_LENGTH (${FF1_MAX_LENGTH}) symbols of radix 65535 round-trip`, () => {
    const key = new Uint8Array(randomBytes(32));
    const x = randomDigits(65535, FF1_MAX_LENGTH);
    const ct = ff1EncryptDigits(key, 65535, x);
    assert.equal(ct.length, FF1_MAX_LENGTH);
    assert.deepEqual(ff1DecryptDigits(key, 65535, ct), x);
  });
});

describe('ff1Prepare', () => {
  it('gives the same outputs as ff1EncryptDigits for every length, and inverts', () => {
    const key = new Uint8Array(randomBytes(32));
    const tweak = new Uint8Array(randomBytes(11));
    const f = ff1Prepare(key, 36, { tweak });
    assert.equal(f.radix, 36);
    for (let n = 4; n < 40; n++) {
      const x = randomDigits(36, n);
      const ct = f.encrypt(x);
      assert.deepEqual(ct, ff1EncryptDigits(key, 36, x, { tweak }));
      assert.deepEqual(f.decrypt(ct), x);
    }
  });

  it('copies key and tweak: later changes to the caller buffers change nothing', () => {
    const key = new Uint8Array(randomBytes(16));
    const tweak = new Uint8Array(randomBytes(8));
    const x = randomDigits(10, 16);
    const expected = FF1(10, Uint8Array.from(key), Uint8Array.from(tweak)).encrypt([...x]);
    const f = ff1Prepare(key, 10, { tweak });
    key.fill(0);
    tweak.fill(0);
    assert.deepEqual(f.encrypt(x), expected);
  });

  it('refuses what ff1EncryptDigits refuses, with the same codes', () => {
    const key = new Uint8Array(randomBytes(32));
    assert.throws(() => ff1Prepare(new Uint8Array(20), 10), { code: 'ERR_CRYPTO_UNSUPPORTED' });
    assert.throws(() => ff1Prepare(key, 1), { code: 'ERR_FPE_DOMAIN' });
    assert.throws(() => ff1Prepare(key, 65536), { code: 'ERR_FPE_DOMAIN' });
    assert.throws(() => ff1Prepare(key, 10.5), { code: 'ERR_FPE_DOMAIN' });
    assert.throws(() => ff1Prepare(key, 10, { tweak: new Uint8Array(257) }), { code: 'ERR_FPE_DOMAIN' });
    const f = ff1Prepare(key, 10);
    assert.throws(() => f.encrypt([1, 2, 3, 4, 5]), { code: 'ERR_FPE_DOMAIN' });
    assert.throws(() => f.decrypt(new Array<number>(FF1_MAX_LENGTH + 1).fill(0)), { code: 'ERR_FPE_DOMAIN' });
    assert.throws(() => f.encrypt([1, 2, 3, 4, 5, 10]), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => f.decrypt([1, 2, 3, 4, 5, -1]), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => f.encrypt([1, 2, 3, 4, 5, 0.5]), { code: 'ERR_INPUT_INVALID' });
  });
});

describe('FF1 per-key cache', () => {
  it('follows changes to the bytes of the same key object', () => {
    const key = new Uint8Array(randomBytes(32));
    const x = randomDigits(10, 16);
    const a = ff1EncryptDigits(key, 10, x);
    assert.deepEqual(a, FF1(10, Uint8Array.from(key)).encrypt([...x]));
    key[0]! ^= 1;
    const b = ff1EncryptDigits(key, 10, x);
    assert.deepEqual(b, FF1(10, Uint8Array.from(key)).encrypt([...x]));
    assert.notDeepEqual(a, b);
  });

  it('keeps keys, tweaks and radixes apart (many tweaks under one key: LRU eviction)', () => {
    const key = new Uint8Array(randomBytes(16));
    const ref = new Map<number, number[]>();
    const x = randomDigits(10, 12);
    for (let round = 0; round < 2; round++) {
      for (let t = 0; t < 600; t++) {
        const tweak = new TextEncoder().encode(`field-${t}`);
        const ct = ff1EncryptDigits(key, 10, x, { tweak });
        if (round === 0) ref.set(t, ct);
        else assert.deepEqual(ct, ref.get(t), `tweak ${t}`);
      }
    }
    assert.deepEqual(ref.get(599), FF1(10, key, new TextEncoder().encode('field-599')).encrypt([...x]));
  });

  it('does not change its input array', () => {
    const key = new Uint8Array(randomBytes(32));
    const x = randomDigits(62, 20);
    const copy = [...x];
    ff1EncryptDigits(key, 62, x);
    ff1DecryptDigits(key, 62, x);
    assert.deepEqual(x, copy);
  });
});

describe('ff1EncryptBatch / ff1DecryptBatch', () => {
  /** Items of one radix: lengths on both sides of every fast-path bound, tweaks of 0..80 bytes, some repeated. */
  function items(radix: number, count: number): Ff1BatchItem[] {
    const shared = new Uint8Array(randomBytes(randomInt(0, 40)));
    const max = radix <= 10 ? 70 : radix <= 62 ? 40 : 12;
    return Array.from({ length: count }, (_, j) => ({
      digits: randomDigits(radix, randomInt(minLength(radix), max + 1)),
      tweak: j % 5 === 0 ? shared : new Uint8Array(randomBytes(randomInt(0, 81))),
    }));
  }

  for (const radix of [10, 16, 36, 62, 2, 65535]) {
    it(`radix ${radix}: each output is noble's FF1 of that item; decrypt inverts; inputs unchanged`, () => {
      for (const keySize of KEY_SIZES) {
        const key = new Uint8Array(randomBytes(keySize));
        const batch = items(radix, 300);
        const copies = batch.map((it) => [...it.digits]);
        const ct = ff1EncryptBatch(key, radix, batch);
        assert.equal(ct.length, batch.length);
        batch.forEach((it, j) => {
          assert.deepEqual(ct[j], FF1(radix, key, it.tweak).encrypt([...it.digits]), `radix ${radix}, item ${j}, n ${it.digits.length}, tweak ${it.tweak.length} B`);
          assert.deepEqual(it.digits, copies[j]);
        });
        const back = ff1DecryptBatch(key, radix, batch.map((it, j) => ({ digits: ct[j]!, tweak: it.tweak })));
        assert.deepEqual(back, copies);
        // Decrypt of arbitrary inputs equals noble's decrypt too (not only of our ciphertexts).
        const dec = ff1DecryptBatch(key, radix, batch);
        batch.forEach((it, j) => assert.deepEqual(dec[j], FF1(radix, key, it.tweak).decrypt([...it.digits]), `decrypt item ${j}`));
      }
    });
  }

  it('the same value and tweak twice in a batch, and a batch of one, give the one-value outputs', () => {
    const key = new Uint8Array(randomBytes(32));
    const tweak = new TextEncoder().encode('t');
    const x = randomDigits(10, 12);
    const [a, b] = ff1EncryptBatch(key, 10, [{ digits: x, tweak }, { digits: x, tweak }]);
    assert.deepEqual(a, ff1EncryptDigits(key, 10, x, { tweak }));
    assert.deepEqual(b, a);
    assert.deepEqual(ff1EncryptBatch(key, 10, [{ digits: x, tweak }]), [a]);
    assert.deepEqual(ff1EncryptBatch(key, 10, []), []);
  });

  it('remembered per-tweak blocks: later batches, a tweak repeated within a batch, and past the bound (cleared, rebuilt) give the one-value outputs', () => {
    // fpe's tweaks name the kept ends (a card's last four), so one key sees thousands of them across
    // blocks: more than the batch path keeps per key (16,384), twice, in batches of 2,000, one tweak
    // in ten repeated within its batch, lengths on both sides of the batchable bound mixed in.
    const key = new Uint8Array(randomBytes(16));
    const tweaks = Array.from({ length: 18_000 }, (_, t) => new TextEncoder().encode(`cordon/fpe/v1|default||${t % 10_000},${t}`));
    const ref = new Map<number, number[]>();
    const x = randomDigits(10, 12);
    const long = randomDigits(10, 40);
    for (let round = 0; round < 2; round++) {
      for (let from = 0; from < tweaks.length; from += 2000) {
        const at = Array.from({ length: 2000 }, (_, j) => (j % 10 === 9 ? from + j - 1 : from + j));
        const batch = at.map((t) => ({ digits: t % 1000 === 0 ? long : x, tweak: tweaks[t]! }));
        const ct = ff1EncryptBatch(key, 10, batch);
        at.forEach((t, j) => {
          if (round === 0 && !ref.has(t)) ref.set(t, ff1EncryptDigits(key, 10, batch[j]!.digits, { tweak: tweaks[t]! }));
          assert.deepEqual(ct[j], ref.get(t), `round ${round}, tweak ${t}`);
        });
      }
    }
    assert.deepEqual(ref.get(17_998), FF1(10, key, tweaks[17_998]!).encrypt([...x]));
    assert.deepEqual(ref.get(17_000), FF1(10, key, tweaks[17_000]!).encrypt([...long]));
  });

  it('refuses a batch with any invalid item, with the code ff1EncryptDigits gives it', () => {
    const key = new Uint8Array(randomBytes(32));
    const ok = { digits: randomDigits(10, 12), tweak: new Uint8Array(0) };
    const code = (f: () => unknown): string => { try { f(); } catch (e) { return e instanceof CordonError ? e.code : 'other'; } return 'none'; };
    for (const bad of [
      { digits: [1, 2, 3], tweak: new Uint8Array(0) },
      { digits: [...ok.digits.slice(0, 11), 10], tweak: new Uint8Array(0) },
      { digits: ok.digits, tweak: new Uint8Array(257) },
    ]) {
      const single = code(() => ff1EncryptDigits(key, 10, bad.digits, { tweak: bad.tweak }));
      assert.notEqual(single, 'none');
      assert.equal(code(() => ff1EncryptBatch(key, 10, [ok, bad, ok])), single);
    }
    assert.equal(code(() => ff1EncryptBatch(new Uint8Array(15), 10, [ok])), 'ERR_CRYPTO_UNSUPPORTED');
  });
});

describe('FF1 NUM(S) mod radix^m on Numbers (_numMod)', () => {
  it('equals the BigInt value for moduli at and around every path bound, on random, all-0xff and all-zero bytes', () => {
    const moduli = [2, 3, 10, 255, 256, 65535, 65536, 10 ** 5, 10 ** 6, 2 ** 20 - 1, 2 ** 20, 2 ** 20 + 1, 10 ** 7, 36 ** 5, 62 ** 5, 10 ** 10,
      2 ** 36 - 1, 2 ** 36, 2 ** 36 + 1, 10 ** 11, 2 ** 37 - 1, 2 ** 37, 2 ** 37 + 1, 10 ** 13, 2 ** 45 - 1, 2 ** 45];
    for (const m of moduli) {
      for (const d of [4, 8, 12, 16]) {
        const cases = [new Uint8Array(d).fill(0xff), new Uint8Array(d), ...Array.from({ length: 200 }, () => new Uint8Array(randomBytes(d)))];
        for (const s of cases) {
          // Placed at an offset inside a larger buffer, as the batch reads it.
          const buf = new Uint8Array(d + 20);
          buf.set(s, 7);
          const expected = Number(BigInt('0x' + Buffer.from(s).toString('hex')) % BigInt(m));
          assert.equal(_numMod(buf, 7, d, m), expected, `m ${m}, d ${d}, s ${Buffer.from(s).toString('hex')}`);
        }
      }
    }
  });

  it('equals it next to exact multiples of m (where a floating quotient rounds up)', () => {
    for (const m of [3, 7, 10 ** 5, 10 ** 6, 2 ** 20 - 3, 999_983, 10 ** 9 + 7, 2 ** 36 - 5]) {
      for (let r = 0; r < 300; r++) {
        // A 64-bit value k·m + δ for δ in {-1, 0, 1} (mod 2^64), written big-endian.
        const k = BigInt('0x' + Buffer.from(randomBytes(8)).toString('hex')) / BigInt(m);
        const v = (k * BigInt(m) + BigInt((r % 3) - 1) + (1n << 64n)) % (1n << 64n);
        const s = new Uint8Array(Buffer.from(v.toString(16).padStart(16, '0'), 'hex'));
        assert.equal(_numMod(s, 0, 8, m), Number(v % BigInt(m)), `m ${m}, v ${v}`);
      }
    }
  });
});
