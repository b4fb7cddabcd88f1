// Wycheproof AES-GCM (aes_gcm_test.json) against aesGcmSeal / aesGcmOpen.
// Valid cases must seal to ct ‖ tag and open back; invalid ones must fail with ERR_DECRYPTION_FAILED.
// Policy refusals, asserted case by case: Cordon takes only 96-bit IVs (src/crypto/aes-gcm.ts: other
// sizes go through GHASH, and a zero-length IV leaks the hash key, CVE-2017-7822), so every case with
// another IV size must be refused by both seal and open with ERR_CRYPTO_UNSUPPORTED, whatever its result.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aesGcmOpen, aesGcmSeal, GCM_NONCE_LENGTH, GCM_TAG_LENGTH } from '../../src/crypto/index.js';
import {
  countCases, expectCode, hex, label, loadVectors, runAcceptable, Tally, toHex, type WycheproofCase, type WycheproofFile,
} from './support.js';

const FILE = 'aes_gcm_test.json';

interface GcmCase extends WycheproofCase {
  readonly key: string;
  readonly iv: string;
  readonly aad: string;
  readonly msg: string;
  readonly ct: string;
  readonly tag: string;
}
interface GcmGroup {
  readonly keySize: number;
  readonly ivSize: number;
  readonly tagSize: number;
  readonly tests: readonly GcmCase[];
}

const file = loadVectors<WycheproofFile<GcmGroup>>(`wycheproof/${FILE}`);

describe(`wycheproof ${FILE} (AES-GCM)`, () => {
  const tally = new Tally(FILE, file.numberOfTests, countCases(file.testGroups));

  file.testGroups.forEach((g, gi) => {
    const ivBytes = g.ivSize / 8;
    const refusedIv = ivBytes !== GCM_NONCE_LENGTH;
    const title = `group ${gi}: key ${g.keySize}, iv ${g.ivSize}, tag ${g.tagSize} bits, ${g.tests.length} cases` +
      (refusedIv ? ` — refused: ${ivBytes}-byte IV not supported (96-bit only)` : '');
    it(title, () => {
      // Every group in this file uses 128-bit tags, the only size Cordon emits or accepts; a file
      // with truncated tags would need a refusal rule here, so fail loudly rather than misfile them.
      assert.equal(g.tagSize, GCM_TAG_LENGTH * 8, `${FILE} group ${gi}: ${g.tagSize}-bit tags need a refusal rule`);
      for (const t of g.tests) {
        const name = label(FILE, t);
        const key = hex(t.key);
        const iv = hex(t.iv);
        const aad = hex(t.aad);
        const msg = hex(t.msg);
        const sealed = hex(t.ct + t.tag);
        assert.equal(iv.length, ivBytes, `${name}: iv length disagrees with group ivSize`);

        if (refusedIv) {
          const reason = `${ivBytes}-byte IV not supported (96-bit only)`;
          expectCode(() => aesGcmSeal(key, iv, msg, aad), 'ERR_CRYPTO_UNSUPPORTED', `${name} refused: ${reason} (seal)`);
          expectCode(() => aesGcmOpen(key, iv, sealed, aad), 'ERR_CRYPTO_UNSUPPORTED', `${name} refused: ${reason} (open)`);
          if (t.result === 'invalid') tally.invalid(t, `ERR_CRYPTO_UNSUPPORTED, ${reason}`);
          else tally.refuse(t, 'ERR_CRYPTO_UNSUPPORTED', reason);
          continue;
        }

        const checkValid = (): void => {
          assert.equal(toHex(aesGcmSeal(key, iv, msg, aad)), t.ct + t.tag, `${name}: seal`);
          assert.equal(toHex(aesGcmOpen(key, iv, sealed, aad)), t.msg, `${name}: open`);
          // open(seal(x)) = x, and a one-bit change in the tag or in the AAD is caught.
          const again = aesGcmSeal(key, iv, msg, aad);
          assert.equal(toHex(aesGcmOpen(key, iv, again, aad)), t.msg, `${name}: open(seal(x))`);
          again[again.length - 1]! ^= 0x01;
          expectCode(() => aesGcmOpen(key, iv, again, aad), 'ERR_DECRYPTION_FAILED', `${name}: tampered tag`);
          const otherAad = Uint8Array.from([...aad, 0]);
          expectCode(() => aesGcmOpen(key, iv, sealed, otherAad), 'ERR_DECRYPTION_FAILED', `${name}: other AAD`);
        };
        switch (t.result) {
          case 'valid':
            checkValid();
            tally.valid(t);
            break;
          case 'invalid':
            expectCode(() => aesGcmOpen(key, iv, sealed, aad), 'ERR_DECRYPTION_FAILED', `${name}: must be rejected`);
            tally.invalid(t, 'ERR_DECRYPTION_FAILED');
            break;
          case 'acceptable':
            runAcceptable(checkValid, tally, t);
            break;
        }
      }
    });
  });

  it('ran every case once (counts)', (t) => {
    tally.assertComplete(t);
    assert.ok(tally.validPassed > 0 && tally.invalidRejected > 0);
  });
});
