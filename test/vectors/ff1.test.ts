// FF1 (NIST SP 800-38G Rev. 1) vectors against ff1EncryptString / ff1EncryptDigits and their inverses:
//   - Wycheproof aes_ff1_base{10,16,26,36,62,64}_test.json (FpeStrTest: alphabet strings) and
//     aes_ff1_radix{10,256}_test.json (FpeListTest: digit lists), every case, valid and invalid;
//   - the 9 NIST CSRC FF1 samples (nist-fpe/ff1_nist_samples.json);
//   - every case that must encrypt, again through ff1EncryptBatch / ff1DecryptBatch, one batch per
//     key and radix (the batch path computes the rounds of all values together).
// The test decides independently (BigInt, no call into the code under test) which cases Cordon must
// refuse, and with which code:
//   key not 128/192/256 bits            → ERR_CRYPTO_UNSUPPORTED
//   n < 2, or radix^n < 10^6            → ERR_FPE_DOMAIN  (Rev. 1 §5.2; Wycheproof still calls the
//                                          SmallMessageSize cases valid, under the original ≥ 100 bound)
//   a symbol outside the alphabet/radix → ERR_INPUT_INVALID
// Every other case must encrypt to ct and decrypt back; a valid case refused, or an invalid case
// that no rule explains, fails the test.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ff1DecryptBatch, ff1DecryptDigits, ff1DecryptString, ff1EncryptBatch, ff1EncryptDigits, ff1EncryptString, FF1_MIN_DOMAIN } from '../../src/crypto/index.js';
import type { ErrorCode } from '../../src/errors.js';
import { countCases, expectCode, hex, label, loadVectors, Tally, type WycheproofCase, type WycheproofFile } from './support.js';

interface FpeCase<M> extends WycheproofCase {
  readonly key: string;
  readonly tweak: string;
  readonly msg: M;
  readonly ct: M;
}
interface FpeGroup<M> {
  readonly type: 'FpeStrTest' | 'FpeListTest';
  readonly keySize: number;
  readonly msgSize: number;
  readonly radix: number;
  readonly alphabet?: string;
  readonly tests: readonly FpeCase<M>[];
}

interface Refusal {
  readonly code: ErrorCode;
  /** Stable name of the rule, for the counts. */
  readonly rule: string;
  /** The rule applied to this case, for assertion messages. */
  readonly reason: string;
}

/** The refusals Cordon's policy requires for a case (normally zero or one). */
function refusalsFor(keyBytes: number, radix: number, symbols: readonly (number | undefined)[]): Refusal[] {
  const out: Refusal[] = [];
  if (keyBytes !== 16 && keyBytes !== 24 && keyBytes !== 32) {
    out.push({ code: 'ERR_CRYPTO_UNSUPPORTED', rule: 'key not 128/192/256 bits', reason: `${keyBytes * 8}-bit key (AES-128/192/256 only)` });
  }
  const n = symbols.length;
  const domain = BigInt(radix) ** BigInt(n);
  if (n < 2) {
    out.push({ code: 'ERR_FPE_DOMAIN', rule: 'length < 2', reason: `length ${n} < 2` });
  } else if (domain < BigInt(FF1_MIN_DOMAIN)) {
    out.push({ code: 'ERR_FPE_DOMAIN', rule: 'radix^n < 10^6 (SP 800-38G Rev. 1)', reason: `radix^n = ${radix}^${n} = ${domain} < 10^6 (SP 800-38G Rev. 1)` });
  }
  if (symbols.some((d) => d === undefined || !Number.isInteger(d) || d < 0 || d >= radix)) {
    out.push({ code: 'ERR_INPUT_INVALID', rule: 'symbol outside the alphabet/radix', reason: 'symbol outside the alphabet/radix' });
  }
  return out;
}

/** A uniform view of the string and the digit-list API. */
interface Ff1Api<M> {
  symbols(m: M): (number | undefined)[];
  encrypt(key: Uint8Array, m: M, tweak: Uint8Array): M;
  decrypt(key: Uint8Array, m: M, tweak: Uint8Array): M;
}

function stringApi(alphabet: string): Ff1Api<string> {
  const index = new Map([...alphabet].map((c, i) => [c, i]));
  return {
    symbols: (m) => [...m].map((c) => index.get(c)),
    encrypt: (key, m, tweak) => ff1EncryptString(key, alphabet, m, { tweak }),
    decrypt: (key, m, tweak) => ff1DecryptString(key, alphabet, m, { tweak }),
  };
}

function digitsApi(radix: number): Ff1Api<number[]> {
  return {
    symbols: (m) => m,
    encrypt: (key, m, tweak) => ff1EncryptDigits(key, radix, m, { tweak }),
    decrypt: (key, m, tweak) => ff1DecryptDigits(key, radix, m, { tweak }),
  };
}

function runFile<M extends string | number[]>(fileName: string): void {
  const file = loadVectors<WycheproofFile<FpeGroup<M>>>(`wycheproof/${fileName}`);
  describe(`wycheproof ${fileName} (${file.algorithm}, radix ${file.testGroups[0]?.radix})`, () => {
    const tally = new Tally(fileName, file.numberOfTests, countCases(file.testGroups));
    const smallDomainRefused = new Set<number>();
    const smallFlagged = new Set<number>();

    file.testGroups.forEach((g, gi) => {
      it(`group ${gi}: key ${g.keySize} bits, length ${g.msgSize}, ${g.tests.length} cases`, () => {
        const api = (g.type === 'FpeStrTest' ? stringApi(g.alphabet!) : digitsApi(g.radix)) as unknown as Ff1Api<M>;
        if (g.type === 'FpeStrTest') assert.equal([...g.alphabet!].length, g.radix, `${fileName} group ${gi}: alphabet size`);
        for (const t of g.tests) {
          const name = label(fileName, t);
          const key = hex(t.key);
          const tweak = hex(t.tweak);
          const symbols = api.symbols(t.msg);
          if (t.flags?.includes('SmallMessageSize')) smallFlagged.add(t.tcId);
          const refusals = refusalsFor(key.length, g.radix, symbols);
          assert.ok(refusals.length <= 1, `${name}: ambiguous, several refusal rules apply: ${refusals.map((r) => r.reason).join('; ')}`);
          const refusal = refusals[0];

          if (refusal !== undefined) {
            const what = `${name} refused: ${refusal.reason}`;
            expectCode(() => api.encrypt(key, t.msg, tweak), refusal.code, `${what} (encrypt)`);
            // Decrypt refuses the same input for the same reason (the bad symbols are in msg, the
            // bad key or domain apply to ct alike).
            const decIn = refusal.code === 'ERR_INPUT_INVALID' ? t.msg : t.ct;
            expectCode(() => api.decrypt(key, decIn, tweak), refusal.code, `${what} (decrypt)`);
            if (t.result === 'valid') {
              tally.refuse(t, refusal.code, refusal.rule);
              if (refusal.code === 'ERR_FPE_DOMAIN') smallDomainRefused.add(t.tcId);
            } else if (t.result === 'invalid') {
              tally.invalid(t, `${refusal.code}, ${refusal.rule}`);
            } else {
              tally.acceptable(t, `refused ${refusal.code}`);
            }
            continue;
          }

          assert.notEqual(t.result, 'invalid', `${name}: invalid case that no refusal rule covers`);
          assert.deepEqual(api.encrypt(key, t.msg, tweak), t.ct, `${name}: encrypt`);
          assert.deepEqual(api.decrypt(key, t.ct, tweak), t.msg, `${name}: decrypt`);
          if (t.result === 'valid') tally.valid(t);
          else tally.acceptable(t, 'accepted');
        }
      });
    });

    it('ran every case once (counts); small-domain refusals are exactly the SmallMessageSize cases', (t) => {
      tally.assertComplete(t);
      assert.ok(tally.validPassed > 0 && tally.invalidRejected > 0);
      assert.deepEqual([...smallDomainRefused].sort((a, b) => a - b), [...smallFlagged].sort((a, b) => a - b));
    });
  });
}

for (const f of ['base10', 'base16', 'base26', 'base36', 'base62', 'base64']) runFile<string>(`aes_ff1_${f}_test.json`);
for (const f of ['radix10', 'radix256']) runFile<number[]>(`aes_ff1_${f}_test.json`);

interface NistFile {
  readonly numberOfTests: number;
  readonly tests: readonly {
    id: string; aesKeyBits: number; radix: number; alphabet: string; key: string; tweak: string; plaintext: string; ciphertext: string;
  }[];
}

describe('nist-fpe/ff1_nist_samples.json (NIST SP 800-38G FF1 samples)', () => {
  const v = loadVectors<NistFile>('nist-fpe/ff1_nist_samples.json');
  it(`all ${v.numberOfTests} samples, AES-128/192/256, radix 10 and 36`, () => {
    assert.equal(v.tests.length, 9);
    assert.equal(v.numberOfTests, 9);
    for (const s of v.tests) {
      const key = hex(s.key);
      const tweak = hex(s.tweak);
      assert.equal(key.length * 8, s.aesKeyBits, `${s.id}: key size`);
      assert.equal(s.alphabet, '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, s.radix), `${s.id}: alphabet`);
      assert.equal(ff1EncryptString(key, s.alphabet, s.plaintext, { tweak }), s.ciphertext, `${s.id}: encrypt`);
      assert.equal(ff1DecryptString(key, s.alphabet, s.ciphertext, { tweak }), s.plaintext, `${s.id}: decrypt`);
      const digits = [...s.plaintext].map((c) => s.alphabet.indexOf(c));
      const ct = ff1EncryptDigits(key, s.radix, digits, { tweak });
      assert.equal(ct.map((d) => s.alphabet[d]).join(''), s.ciphertext, `${s.id}: digits API`);
    }
  });
});

describe('ff1EncryptBatch / ff1DecryptBatch on every case that must encrypt (one batch per key and radix)', () => {
  const files = ['base10', 'base16', 'base26', 'base36', 'base62', 'base64', 'radix10', 'radix256'].map((f) => `aes_ff1_${f}_test.json`);
  for (const fileName of files) {
    it(fileName, () => {
      const file = loadVectors<WycheproofFile<FpeGroup<string | number[]>>>(`wycheproof/${fileName}`);
      const batches = new Map<string, Array<{ name: string; key: Uint8Array; radix: number; msg: number[]; ct: number[]; tweak: Uint8Array }>>();
      let count = 0;
      for (const g of file.testGroups) {
        const index = g.type === 'FpeStrTest' ? new Map([...g.alphabet!].map((c, i) => [c, i])) : undefined;
        const digits = (m: string | number[]): (number | undefined)[] => (typeof m === 'string' ? [...m].map((c) => index!.get(c)) : m);
        for (const t of g.tests) {
          const key = hex(t.key);
          const msg = digits(t.msg);
          if (refusalsFor(key.length, g.radix, msg).length > 0) continue;
          const k = `${t.key}/${g.radix}`;
          if (!batches.has(k)) batches.set(k, []);
          batches.get(k)!.push({ name: label(fileName, t), key, radix: g.radix, msg: msg as number[], ct: digits(t.ct) as number[], tweak: hex(t.tweak) });
          count++;
        }
      }
      assert.ok(count > 0);
      for (const cases of batches.values()) {
        const { key, radix } = cases[0]!;
        const ct = ff1EncryptBatch(key, radix, cases.map((c) => ({ digits: c.msg, tweak: c.tweak })));
        const pt = ff1DecryptBatch(key, radix, cases.map((c) => ({ digits: c.ct, tweak: c.tweak })));
        cases.forEach((c, j) => {
          assert.deepEqual(ct[j], c.ct, `${c.name}: batch encrypt`);
          assert.deepEqual(pt[j], c.msg, `${c.name}: batch decrypt`);
        });
      }
    });
  }

  it('the 9 NIST samples, one batch per key', () => {
    const v = loadVectors<NistFile>('nist-fpe/ff1_nist_samples.json');
    const byKey = new Map<string, NistFile['tests'][number][]>();
    for (const s of v.tests) byKey.set(`${s.key}/${s.radix}`, [...(byKey.get(`${s.key}/${s.radix}`) ?? []), s]);
    let n = 0;
    for (const group of byKey.values()) {
      const { key, radix, alphabet } = { key: hex(group[0]!.key), radix: group[0]!.radix, alphabet: group[0]!.alphabet };
      const items = group.map((s) => ({ digits: [...s.plaintext].map((c) => alphabet.indexOf(c)), tweak: hex(s.tweak) }));
      ff1EncryptBatch(key, radix, items).forEach((ct, j) => { assert.equal(ct.map((d) => alphabet[d]).join(''), group[j]!.ciphertext, `${group[j]!.id}: batch encrypt`); n++; });
    }
    assert.equal(n, 9);
  });
});
