// Wycheproof HKDF-SHA256 (hkdf_sha256_test.json) against hkdf('sha256', ikm, salt, info, size).
// Valid: the output must equal okm (an empty salt means HashLen zero bytes, RFC 5869 §2.2).
// Invalid (SizeTooLarge): RFC 5869 §2.3 caps L at 255·HashLen = 8160 bytes; a larger size is a
// programming error, so hkdfExpand throws a RangeError rather than a CordonError.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hkdf, hkdfExpand, hkdfExtract, hkdfSha256 } from '../../src/crypto/index.js';
import { countCases, hex, label, loadVectors, Tally, toHex, type WycheproofCase, type WycheproofFile } from './support.js';

const FILE = 'hkdf_sha256_test.json';

interface HkdfCase extends WycheproofCase {
  readonly ikm: string;
  readonly salt: string;
  readonly info: string;
  readonly size: number;
  readonly okm: string;
}
interface HkdfGroup {
  readonly keySize: number;
  readonly tests: readonly HkdfCase[];
}

const file = loadVectors<WycheproofFile<HkdfGroup>>(`wycheproof/${FILE}`);

describe(`wycheproof ${FILE} (HKDF-SHA256)`, () => {
  const tally = new Tally(FILE, file.numberOfTests, countCases(file.testGroups));

  file.testGroups.forEach((g, gi) => {
    it(`group ${gi}: ikm ${g.keySize} bits, ${g.tests.length} cases`, () => {
      for (const t of g.tests) {
        const name = label(FILE, t);
        const ikm = hex(t.ikm);
        const salt = hex(t.salt);
        const info = hex(t.info);
        if (t.result === 'valid') {
          const okm = hkdf('sha256', ikm, salt, info, t.size);
          assert.equal(toHex(okm), t.okm, `${name}: okm`);
          assert.equal(toHex(hkdfSha256(ikm, salt, info, t.size)), t.okm, `${name}: hkdfSha256`);
          assert.equal(toHex(hkdfExpand('sha256', hkdfExtract('sha256', ikm, salt), info, t.size)), t.okm, `${name}: extract then expand`);
          if (salt.length === 0) {
            assert.equal(toHex(hkdf('sha256', ikm, undefined, info, t.size)), t.okm, `${name}: undefined salt = empty salt`);
          }
          tally.valid(t);
        } else if (t.result === 'invalid') {
          assert.ok(t.size > 255 * 32, `${name}: the only invalid HKDF cases expected are sizes above 8160`);
          assert.throws(() => hkdf('sha256', ikm, salt, info, t.size), RangeError, `${name}: size ${t.size} must throw`);
          tally.invalid(t, `RangeError, size > 255·32`);
        } else {
          assert.fail(`${name}: no policy for result ${t.result}`);
        }
      }
    });
  });

  it('ran every case once (counts)', (t) => {
    tally.assertComplete(t);
    assert.ok(tally.validPassed > 0 && tally.invalidRejected > 0);
  });
});
