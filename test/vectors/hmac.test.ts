// Wycheproof HMAC-SHA256 (hmac_sha256_test.json) against hmacSha256 / hmac / hmacSha256Verify.
// Full 256-bit tags: valid tags must be computed and verify; invalid (modified) tags must not verify.
// Truncated 128-bit tags: Cordon refuses truncation by default (hmacSha256Verify's minTagLength is 32),
// so a valid truncated tag must be refused (false) under the default and accepted only when the caller
// names the length (minTagLength 16). Modified truncated tags must fail under both.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hmac, hmacSha256, hmacSha256Verify } from '../../src/crypto/index.js';
import { countCases, hex, label, loadVectors, Tally, toHex, type WycheproofCase, type WycheproofFile } from './support.js';

const FILE = 'hmac_sha256_test.json';

interface MacCase extends WycheproofCase {
  readonly key: string;
  readonly msg: string;
  readonly tag: string;
}
interface MacGroup {
  readonly keySize: number;
  readonly tagSize: number;
  readonly tests: readonly MacCase[];
}

const file = loadVectors<WycheproofFile<MacGroup>>(`wycheproof/${FILE}`);

describe(`wycheproof ${FILE} (HMAC-SHA256)`, () => {
  const tally = new Tally(FILE, file.numberOfTests, countCases(file.testGroups));
  const truncatedValid: number[] = [];

  file.testGroups.forEach((g, gi) => {
    const tagBytes = g.tagSize / 8;
    const truncated = tagBytes < 32;
    it(`group ${gi}: key ${g.keySize} bits, tag ${g.tagSize} bits, ${g.tests.length} cases${truncated ? ' (truncated: default refuses, opt-in accepts)' : ''}`, () => {
      for (const t of g.tests) {
        const name = label(FILE, t);
        const key = hex(t.key);
        const msg = hex(t.msg);
        const tag = hex(t.tag);
        assert.equal(tag.length, tagBytes, `${name}: tag length disagrees with group tagSize`);
        const full = hmacSha256(key, msg);
        assert.equal(toHex(hmac('sha256', key, msg)), toHex(full), `${name}: hmac('sha256') = hmacSha256`);
        if (t.result === 'valid') {
          assert.equal(toHex(full.subarray(0, tagBytes)), t.tag, `${name}: computed tag`);
          if (truncated) {
            assert.equal(hmacSha256Verify(key, msg, tag), false, `${name} refused: ${g.tagSize}-bit truncated tag rejected by default`);
            assert.equal(hmacSha256Verify(key, msg, tag, tagBytes), true, `${name}: accepted with minTagLength ${tagBytes}`);
            truncatedValid.push(t.tcId);
          } else {
            assert.equal(hmacSha256Verify(key, msg, tag), true, `${name}: verify`);
          }
          tally.valid(t);
        } else if (t.result === 'invalid') {
          assert.equal(hmacSha256Verify(key, msg, tag), false, `${name}: must be rejected`);
          assert.equal(hmacSha256Verify(key, msg, tag, tagBytes), false, `${name}: must be rejected with minTagLength ${tagBytes}`);
          tally.invalid(t, 'verify → false');
        } else {
          assert.fail(`${name}: no policy for result ${t.result}`);
        }
      }
    });
  });

  it('ran every case once (counts)', (t) => {
    tally.assertComplete(t);
    t.diagnostic(`  of the valid cases, ${truncatedValid.length} have truncated 128-bit tags: refused by default, accepted with minTagLength 16`);
    assert.ok(tally.validPassed > 0 && tally.invalidRejected > 0 && truncatedValid.length > 0);
  });
});
