// Wycheproof ECDSA P-256 / SHA-256 with DER signatures (ecdsa_secp256r1_sha256_test.json) against
// ecdsaVerify, the primitive under `cordon verify` for P-256 keys: every valid signature verifies,
// and every invalid one — BER and malformed encodings, r or s out of range or zero, modified
// integers, edge-case keys — returns false and never throws.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ecdsaVerify } from '../../src/crypto/ecdsa.js';
import { countCases, hex, label, loadVectors, Tally, type WycheproofCase, type WycheproofFile } from './support.js';

const FILE = 'ecdsa_secp256r1_sha256_test.json';

interface EcdsaCase extends WycheproofCase {
  readonly msg: string;
  readonly sig: string;
}
interface EcdsaGroup {
  readonly publicKey: { readonly curve: string };
  readonly publicKeyDer: string;
  readonly sha: string;
  readonly tests: readonly EcdsaCase[];
}

const file = loadVectors<WycheproofFile<EcdsaGroup>>(`wycheproof/${FILE}`);

describe(`wycheproof ${FILE} (ECDSA P-256 verify, DER)`, () => {
  it(`all ${file.testGroups.length} key groups`, (t) => {
    const tally = new Tally(FILE, file.numberOfTests, countCases(file.testGroups));
    for (const g of file.testGroups) {
      assert.equal(g.publicKey.curve, 'secp256r1');
      assert.equal(g.sha, 'SHA-256');
      const spki = hex(g.publicKeyDer);
      for (const c of g.tests) {
        let ok: boolean;
        try {
          ok = ecdsaVerify('P-256', spki, hex(c.msg), hex(c.sig));
        } catch (e) {
          assert.fail(`${label(FILE, c)}: threw ${String(e)}`);
        }
        if (c.result === 'valid') {
          assert.ok(ok, `${label(FILE, c)}: valid signature rejected`);
          tally.valid(c);
        } else if (c.result === 'invalid') {
          assert.ok(!ok, `${label(FILE, c)}: invalid signature accepted`);
          tally.invalid(c, 'verify → false');
        } else {
          tally.acceptable(c, ok ? 'accepted' : 'rejected');
        }
      }
    }
    tally.assertComplete(t);
  });
});
