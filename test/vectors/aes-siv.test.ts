// AES-SIV (RFC 5297) vectors against aesSivSeal / aesSivOpen:
//   - Wycheproof aes_siv_cmac_test.json: deterministic AEAD (DaeadTest); the one AD string is one S2V
//     component; ct is already SIV ‖ C.
//   - Wycheproof aead_aes_siv_cmac_test.json: nonce-based AES-SIV (RFC 5297 §3 / §6 AEAD_AES_SIV_CMAC_*):
//     S2V components are [aad, nonce], the nonce being the last component (as @noble/ciphers' aessiv
//     documents); the file splits the output as ct and tag, and the sealed form is tag (SIV) ‖ ct.
//   - RFC 5297 Appendix A.1/A.2 and miscreant's extra vectors (rfc5297-aes-siv/aes_siv_rfc5297.json).
// Valid: seal must match byte for byte and open must give the message back; invalid: open must fail
// with ERR_DECRYPTION_FAILED. All key sizes in these files (256/384/512 bits) are supported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aesSivOpen, aesSivSeal } from '../../src/crypto/index.js';
import {
  countCases, expectCode, hex, label, loadVectors, runAcceptable, Tally, toHex, type WycheproofCase, type WycheproofFile,
} from './support.js';

interface DaeadCase extends WycheproofCase {
  readonly key: string;
  readonly aad: string;
  readonly msg: string;
  readonly ct: string;
}
interface AeadCase extends DaeadCase {
  readonly iv: string;
  readonly tag: string;
}
interface Group<C> {
  readonly keySize: number;
  readonly ivSize?: number;
  readonly tests: readonly C[];
}

/** Checks one valid SIV case: deterministic seal, open, and rejection of a one-bit change anywhere. */
function checkValid(name: string, key: Uint8Array, msg: Uint8Array, ad: Uint8Array[], sealedHex: string): void {
  const sealed = aesSivSeal(key, msg, ad);
  assert.equal(toHex(sealed), sealedHex, `${name}: seal`);
  assert.equal(toHex(aesSivSeal(key, msg, ad)), sealedHex, `${name}: seal is deterministic`);
  assert.equal(toHex(aesSivOpen(key, hex(sealedHex), ad)), toHex(msg), `${name}: open`);
  // A flipped bit in the SIV, in the last ciphertext byte, or in any AD component must be caught.
  for (const pos of new Set([0, sealed.length - 1])) {
    const bad = Uint8Array.from(sealed);
    bad[pos]! ^= 0x80;
    expectCode(() => aesSivOpen(key, bad, ad), 'ERR_DECRYPTION_FAILED', `${name}: flipped byte ${pos}`);
  }
  if (ad.length > 0) {
    const otherAd = ad.map((c, i) => (i === ad.length - 1 ? Uint8Array.from([...c, 0]) : c));
    expectCode(() => aesSivOpen(key, sealed, otherAd), 'ERR_DECRYPTION_FAILED', `${name}: changed last AD component`);
  }
}

function runWycheproof<C extends DaeadCase>(fileName: string, components: (t: C) => Uint8Array[], sealedHex: (t: C) => string): void {
  const file = loadVectors<WycheproofFile<Group<C>>>(`wycheproof/${fileName}`);
  describe(`wycheproof ${fileName} (${file.algorithm})`, () => {
    const tally = new Tally(fileName, file.numberOfTests, countCases(file.testGroups));
    file.testGroups.forEach((g, gi) => {
      const ivPart = g.ivSize === undefined ? '' : `, nonce ${g.ivSize} bits`;
      it(`group ${gi}: key ${g.keySize} bits${ivPart}, ${g.tests.length} cases`, () => {
        for (const t of g.tests) {
          const name = label(fileName, t);
          const key = hex(t.key);
          const ad = components(t);
          const valid = (): void => checkValid(name, key, hex(t.msg), ad, sealedHex(t));
          switch (t.result) {
            case 'valid':
              valid();
              tally.valid(t);
              break;
            case 'invalid':
              expectCode(() => aesSivOpen(key, hex(sealedHex(t)), ad), 'ERR_DECRYPTION_FAILED', `${name}: must be rejected`);
              tally.invalid(t, 'ERR_DECRYPTION_FAILED');
              break;
            case 'acceptable':
              runAcceptable(valid, tally, t);
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
}

// Deterministic: one AD component, SIV ‖ C.
runWycheproof<DaeadCase>('aes_siv_cmac_test.json', (t) => [hex(t.aad)], (t) => t.ct);
// Nonce-based: components [aad, nonce] (the aad component is present even when empty), SIV ‖ C.
runWycheproof<AeadCase>('aead_aes_siv_cmac_test.json', (t) => [hex(t.aad), hex(t.iv)], (t) => t.tag + t.ct);

interface Rfc5297File {
  readonly siv: readonly { id: string; origin: string; key: string; ad: readonly string[]; plaintext: string; ciphertext: string }[];
  readonly aead: readonly { name: string; alg: string; key: string; ad: string; nonce: string; plaintext: string; ciphertext: string }[];
}

describe('rfc5297-aes-siv/aes_siv_rfc5297.json (RFC 5297 A.1/A.2, miscreant)', () => {
  const v = loadVectors<Rfc5297File>('rfc5297-aes-siv/aes_siv_rfc5297.json');

  it(`S2V vectors with 0..3 AD components (${v.siv.length} cases)`, () => {
    assert.equal(v.siv.length, 6);
    for (const s of v.siv) {
      checkValid(`${s.id} (${s.origin})`, hex(s.key), hex(s.plaintext), s.ad.map(hex), s.ciphertext);
    }
  });

  it('RFC 5297 A.1 and A.2 are present by id', () => {
    assert.equal(v.siv.find((s) => s.id === 'siv-1')?.origin, 'RFC 5297 Appendix A.1');
    assert.equal(v.siv.find((s) => s.id === 'siv-2')?.origin, 'RFC 5297 Appendix A.2');
  });

  // miscreant's AEAD file also holds AES-PMAC-SIV, a different MAC in S2V that Cordon does not
  // implement: those entries are not applicable, and their ciphertexts must not open under AES-SIV.
  const cmac = v.aead.filter((a) => a.alg === 'AES-SIV');
  const pmac = v.aead.filter((a) => a.alg === 'AES-PMAC-SIV');

  it(`nonce-based (AEAD interface) AES-SIV vectors: components [ad, nonce] (${cmac.length} cases)`, () => {
    assert.equal(cmac.length, 3);
    for (const a of cmac) {
      checkValid(a.name, hex(a.key), hex(a.plaintext), [hex(a.ad), hex(a.nonce)], a.ciphertext);
    }
  });

  it(`AES-PMAC-SIV entries (${pmac.length}) are not applicable: they must not open under AES-SIV (CMAC)`, () => {
    assert.equal(pmac.length + cmac.length, v.aead.length, 'an entry with an unknown alg');
    assert.equal(pmac.length, 3);
    for (const a of pmac) {
      expectCode(() => aesSivOpen(hex(a.key), hex(a.ciphertext), [hex(a.ad), hex(a.nonce)]), 'ERR_DECRYPTION_FAILED', `${a.name}: not AES-SIV`);
    }
  });
});
