// Wycheproof Ed25519 (ed25519_test.json) against ed25519Verify (RFC 8032 §5.1.7, strict).
// Valid signatures must verify; every invalid one must return false, never throw: wrong lengths,
// non-canonical or invalid R, S ≥ L (malleability, s + L, s + 2L, ...), special values of R and S.
// Each valid signature must also stop verifying after a one-bit change to the message or signature.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ed25519Verify } from '../../src/crypto/index.js';
import { countCases, hex, label, loadVectors, Tally, type WycheproofCase, type WycheproofFile } from './support.js';

const FILE = 'ed25519_test.json';

interface EddsaCase extends WycheproofCase {
  readonly msg: string;
  readonly sig: string;
}
interface EddsaGroup {
  readonly publicKey: { readonly curve: string; readonly keySize: number; readonly pk: string };
  readonly tests: readonly EddsaCase[];
}

const file = loadVectors<WycheproofFile<EddsaGroup>>(`wycheproof/${FILE}`);

describe(`wycheproof ${FILE} (Ed25519 verify)`, () => {
  const tally = new Tally(FILE, file.numberOfTests, countCases(file.testGroups));
  const byFlag = new Map<string, number>();

  // 78 small groups (one public key each): one it() for all, every assertion naming its tcId.
  it(`all ${file.testGroups.length} key groups`, () => {
    for (const g of file.testGroups) {
      assert.equal(g.publicKey.curve, 'edwards25519');
      const pk = hex(g.publicKey.pk);
      for (const t of g.tests) {
        const name = label(FILE, t);
        const msg = hex(t.msg);
        const sig = hex(t.sig);
        let ok = false;
        try {
          ok = ed25519Verify(pk, msg, sig);
        } catch (e) {
          assert.fail(`${name}: verify must return a boolean, not throw (${String(e)})`);
        }
        if (t.result === 'valid') {
          assert.equal(ok, true, `${name}: must verify`);
          const m2 = Uint8Array.from([...msg, 0]);
          assert.equal(ed25519Verify(pk, m2, sig), false, `${name}: extended message must not verify`);
          for (const pos of [0, 31, 32, 63]) {
            const s2 = Uint8Array.from(sig);
            s2[pos]! ^= 0x01;
            assert.equal(ed25519Verify(pk, msg, s2), false, `${name}: signature with byte ${pos} changed must not verify`);
          }
          tally.valid(t);
        } else if (t.result === 'invalid') {
          assert.equal(ok, false, `${name}: must be rejected`);
          tally.invalid(t, 'verify → false');
          for (const f of t.flags ?? []) byFlag.set(f, (byFlag.get(f) ?? 0) + 1);
        } else {
          assert.fail(`${name}: no policy for result ${t.result}`);
        }
      }
    }
  });

  it('ran every case once (counts)', (t) => {
    tally.assertComplete(t);
    t.diagnostic(`  invalid cases by flag: ${[...byFlag].map(([f, n]) => `${f} ${n}`).join(', ')}`);
    assert.ok(tally.validPassed > 0 && tally.invalidRejected > 0);
  });
});
