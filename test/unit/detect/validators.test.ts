// Validators for the identifier recognizers, each with published valid values and near misses:
// ABA routing (Federal Reserve routing numbers of real banks), NHS mod-11 (NHS Digital's example),
// NINO (HMRC prefix rules), ITIN (IRS group ranges), Base58Check (Bitcoin wiki addresses, the genesis
// block's), Bech32/Bech32m (every BIP-173 and BIP-350 vector, from the reference tests in
// github.com/sipa/bech32 ref/python/tests.py, MIT). SHA-256d results are cross-checked with node:crypto.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { abaRoutingValid, abaRoutingValidator } from '../../../src/detect/validators/aba-routing.js';
import { nhsValid, nhsValidator } from '../../../src/detect/validators/uk-nhs.js';
import { ninoValid, ninoValidator } from '../../../src/detect/validators/uk-nino.js';
import { itinValid, itinValidator } from '../../../src/detect/validators/us-itin.js';
import { base58Decode, base58checkDecode, bitcoinBase58AddressValid } from '../../../src/detect/validators/base58check.js';
import { bech32Decode, segwitAddressDecode, segwitAddressValid } from '../../../src/detect/validators/bech32.js';
import { cryptoAddressValidator } from '../../../src/detect/validators/crypto-address.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { phoneValidator } from '../../../src/detect/recognizers/phone.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('ABA routing number', () => {
  it('accepts real routing numbers', () => {
    // Federal Reserve Bank of Boston, JPMorgan Chase NY, Bank of America NY, Wells Fargo AZ.
    for (const v of ['011000015', '021000021', '026009593', '122105155', '0110-0001-5']) assert.equal(abaRoutingValid(v), true, v);
  });
  it('rejects a wrong check digit, a bad routing symbol, repeated digits and wrong lengths', () => {
    for (const v of [
      '021000022', '011000016', // check digit off by one
      '131000018', // passes the 3-7-1 sum, but 13 is no Federal Reserve routing symbol
      '000000000', '12345678', '0210000210', '02100002a',
    ]) assert.equal(abaRoutingValid(v), false, v);
  });
  it('as a validator: valid or invalid', () => {
    assert.equal(abaRoutingValidator.validate('021000021'), 'valid');
    assert.equal(abaRoutingValidator.validate('021000022'), 'invalid');
  });
});

describe('NHS number (mod 11)', () => {
  it('accepts valid numbers, spaced or not', () => {
    for (const v of ['943 476 5919', '9434765919', '943-476-5919', '123 456 7881']) assert.equal(nhsValid(v), true, v);
  });
  it('rejects a wrong check digit, check value 10, repeated digits and wrong lengths', () => {
    for (const v of ['943 476 5918', '9434765960' /* check value 10: never issued */, '0000000000', '943476591', '94347659190']) {
      assert.equal(nhsValid(v), false, v);
    }
  });
  it('as a validator: valid only in the NHS layout 3-3-4 with spaces, unknown when bare or dashed', () => {
    assert.equal(nhsValidator.validate('943 476 5919'), 'valid');
    assert.equal(nhsValidator.validate('9434765919'), 'unknown');
    assert.equal(nhsValidator.validate('943-476-5919'), 'unknown');
    assert.equal(nhsValidator.validate('943 476 5918'), 'invalid');
  });
});

describe('UK National Insurance number', () => {
  it('accepts allocated prefixes with a suffix A-D, compact or spaced, any case', () => {
    for (const v of ['AB123456C', 'AB 12 34 56 C', 'JG103759A', 'jg103759a', 'OA123456D', 'PE 123456 B']) assert.equal(ninoValid(v), true, v);
  });
  it('rejects excluded letters, unallocated prefixes, bad suffixes and lengths', () => {
    for (const v of [
      'QQ123456C', // the HMRC documentation example: Q is never a first letter
      'DA123456A', 'FA123456A', 'IA123456A', 'UA123456A', 'VA123456A', // first letter D F I Q U V
      'AD123456A', 'AF123456A', 'AI123456A', 'AO123456A', 'AQ123456A', 'AU123456A', 'AV123456A', // second D F I O Q U V
      'BG123456A', 'GB123456A', 'KN123456A', 'NK123456A', 'NT123456A', 'TN123456A', 'ZZ123456A', // not allocated
      'AB123456E', 'AB12345C', 'AB1234567C', 'A1123456C',
    ]) assert.equal(ninoValid(v), false, v);
  });
  it('as a validator', () => {
    assert.equal(ninoValidator.validate('AB 12 34 56 C'), 'valid');
    assert.equal(ninoValidator.validate('QQ 12 34 56 C'), 'invalid');
  });
});

describe('US ITIN structure', () => {
  it('accepts area 9 with a group in 50-65, 70-88, 90-92, 94-99', () => {
    for (const v of ['912-50-1234', '912-65-1234', '912-70-1234', '912-88-1234', '912-90-1234', '912-92-1234', '912-94-1234', '999 99 9999', '950651234']) {
      assert.equal(itinValid(v), true, v);
    }
  });
  it('rejects other groups, other areas and lengths', () => {
    for (const v of ['912-49-1234', '912-66-1234', '912-69-1234', '912-89-1234', '912-93-1234', '900-00-1234', '812-70-1234', '536-22-1234', '91270123', '9127012345']) {
      assert.equal(itinValid(v), false, v);
    }
  });
  it('as a validator: valid in the 3-2-4 layout, unknown when bare, invalid when the rules fail', () => {
    assert.equal(itinValidator.validate('912-70-1234'), 'valid');
    assert.equal(itinValidator.validate('912 70 1234'), 'valid');
    assert.equal(itinValidator.validate('912701234'), 'unknown');
    assert.equal(itinValidator.validate('912-93-1234'), 'invalid');
  });
});

describe('Base58Check (Bitcoin legacy addresses)', () => {
  it('decodes base58 (draft-msporny-base58 examples)', () => {
    assert.equal(Buffer.from(base58Decode('2NEpo7TZRRrLZSi2U')!).toString(), 'Hello World!');
    assert.equal(hex(base58Decode('11233QC4')!), '0000287fb4cd');
    assert.equal(hex(base58Decode('1')!), '00');
    assert.equal(base58Decode('0OIl'), undefined);
    assert.equal(base58Decode('1'.repeat(65)), undefined);
  });
  it('accepts mainnet P2PKH and P2SH addresses', () => {
    for (const v of [
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', // the genesis block's coinbase
      '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', // Bitcoin wiki, P2PKH
      '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', // Bitcoin wiki, P2SH
    ]) assert.equal(bitcoinBase58AddressValid(v), true, v);
  });
  it('rejects any one changed character, a testnet version byte and non-base58 text', () => {
    const genesis = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
    for (let i = 1; i < genesis.length; i++) {
      const c = genesis[i] === 'z' ? 'y' : 'z';
      const changed = genesis.slice(0, i) + c + genesis.slice(i + 1);
      assert.equal(bitcoinBase58AddressValid(changed), false, changed);
    }
    // Testnet P2PKH (version 0x6f): a good checksum, but not a mainnet address.
    assert.equal(base58checkDecode('mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn')?.[0], 0x6f);
    assert.equal(bitcoinBase58AddressValid('mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn'), false);
    assert.equal(bitcoinBase58AddressValid('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0'), false);
    assert.equal(bitcoinBase58AddressValid(''), false);
  });
  it('its SHA-256d checksum agrees with node:crypto', () => {
    const raw = base58Decode('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')!;
    const payload = raw.subarray(0, 21);
    const once = createHash('sha256').update(payload).digest();
    const twice = createHash('sha256').update(once).digest();
    assert.equal(hex(raw.subarray(21)), twice.subarray(0, 4).toString('hex'));
    assert.equal(hex(base58checkDecode('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')!), hex(payload));
  });
});

describe('Bech32 / Bech32m (BIP-173, BIP-350 vectors)', () => {
  const VALID_BECH32 = [
    'A12UEL5L',
    'a12uel5l',
    'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
    'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
    '11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j',
    'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
    '?1ezyfcl',
  ];
  const VALID_BECH32M = [
    'A1LQFN3A',
    'a1lqfn3a',
    'an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6',
    'abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx',
    '11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8',
    'split1checkupstagehandshakeupstreamerranterredcaperredlc445v',
    '?1v759aa',
  ];
  const INVALID_BECH32: Array<[string, string]> = [
    [' 1nwldj5', 'HRP character out of range'],
    ['\x7F1axkwrx', 'HRP character out of range'],
    ['\x801eym55h', 'HRP character out of range'],
    ['an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx', 'overall max length exceeded'],
    ['pzry9x0s0muk', 'no separator character'],
    ['1pzry9x0s0muk', 'empty HRP'],
    ['x1b4n0q5v', 'invalid data character'],
    ['li1dgmt3', 'too short checksum'],
    ['de1lg7wt\xFF', 'invalid character in checksum'],
    ['A1G7SGD8', 'checksum calculated with uppercase form of HRP'],
    ['10a06t8', 'empty HRP'],
    ['1qzzfhee', 'empty HRP'],
  ];
  const INVALID_BECH32M: Array<[string, string]> = [
    [' 1xj0phk', 'HRP character out of range'],
    ['\x7F1g6xzxy', 'HRP character out of range'],
    ['\x801vctc34', 'HRP character out of range'],
    ['an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4', 'overall max length exceeded'],
    ['qyrz8wqd2c9m', 'no separator character'],
    ['1qyrz8wqd2c9m', 'empty HRP'],
    ['y1b0jsk6g', 'invalid data character'],
    ['lt1igcx5c0', 'invalid data character'],
    ['in1muywd', 'too short checksum'],
    ['mm1crxm3i', 'invalid character in checksum'],
    ['au1s5cgom', 'invalid character in checksum'],
    ['M1VUXWEZ', 'checksum calculated with uppercase form of HRP'],
    ['16plkw9', 'empty HRP'],
    ['1p2gdwpf', 'empty HRP'],
  ];
  /** [address, scriptPubKey hex] */
  const VALID_ADDRESS: Array<[string, string]> = [
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', '0014751e76e8199196d454941c45d1b3a323f1433bd6'],
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', '00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262'],
    ['bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', '5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6'],
    ['BC1SW50QGDZ25J', '6002751e'],
    ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', '5210751e76e8199196d454941c45d1b3a323'],
    ['tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy', '0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433'],
    ['tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c', '5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', '512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'],
  ];
  const INVALID_ADDRESS: Array<[string, string]> = [
    ['tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', 'invalid HRP'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'bech32 instead of bech32m'],
    ['tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf', 'bech32 instead of bech32m'],
    ['BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', 'bech32 instead of bech32m'],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', 'bech32m instead of bech32'],
    ['tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47', 'bech32m instead of bech32'],
    ['bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', 'invalid character in checksum'],
    ['BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', 'invalid witness version'],
    ['bc1pw5dgrnzv', 'invalid program length (1 byte)'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', 'invalid program length (41 bytes)'],
    ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'invalid program length for witness version 0'],
    ['tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', 'mixed case'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', 'more than 4 padding bits'],
    ['tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j', 'non-zero padding in 8-to-5 conversion'],
    ['bc1gmk9yu', 'empty data section'],
  ];

  /** Flips the lowest bit of the first data character, as the reference test does. */
  function corrupt(s: string): string {
    const pos = s.lastIndexOf('1');
    return s.slice(0, pos + 1) + String.fromCharCode(s.charCodeAt(pos + 1) ^ 1) + s.slice(pos + 2);
  }

  for (const [list, encoding] of [[VALID_BECH32, 'bech32'], [VALID_BECH32M, 'bech32m']] as const) {
    for (const v of list) {
      it(`valid ${encoding}: ${v.slice(0, 30)}`, () => {
        assert.equal(bech32Decode(v)?.encoding, encoding);
        assert.equal(bech32Decode(corrupt(v)), undefined);
      });
    }
  }
  for (const [list, encoding] of [[INVALID_BECH32, 'bech32'], [INVALID_BECH32M, 'bech32m']] as const) {
    for (const [v, why] of list) {
      it(`invalid ${encoding} (${why}): ${JSON.stringify(v.slice(0, 30))}`, () => {
        assert.notEqual(bech32Decode(v)?.encoding, encoding);
      });
    }
  }
  for (const [address, script] of VALID_ADDRESS) {
    it(`valid segwit address ${address.slice(0, 24)}…`, () => {
      const hrp = address.toLowerCase().startsWith('bc1') ? 'bc' : 'tb';
      const d = segwitAddressDecode(address, hrp);
      assert.ok(d, address);
      // scriptPubKey = OP_n (0x00 or 0x50+n) ‖ push length ‖ program (BIP-141)
      assert.equal(hex(Uint8Array.from([d.version === 0 ? 0 : 0x50 + d.version, d.program.length, ...d.program])), script);
      assert.equal(segwitAddressValid(address, hrp === 'bc' ? 'tb' : 'bc'), false);
    });
  }
  for (const [address, why] of INVALID_ADDRESS) {
    it(`invalid segwit address (${why})`, () => {
      assert.equal(segwitAddressValid(address, 'bc'), false);
      assert.equal(segwitAddressValid(address, 'tb'), false);
    });
  }
});

describe('crypto address validator', () => {
  it('decides Bitcoin by checksum and leaves Ethereum unknown (no Keccak-256 for EIP-55)', () => {
    assert.equal(cryptoAddressValidator.validate('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'), 'valid');
    assert.equal(cryptoAddressValidator.validate('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'), 'invalid');
    assert.equal(cryptoAddressValidator.validate('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'), 'valid');
    assert.equal(cryptoAddressValidator.validate('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'), 'valid');
    assert.equal(cryptoAddressValidator.validate('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5'), 'invalid');
    assert.equal(cryptoAddressValidator.validate('tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7'), 'invalid');
    assert.equal(cryptoAddressValidator.validate('0x52908400098527886E0F7030069857D2E4169EE7'), 'unknown');
    assert.equal(cryptoAddressValidator.validate('0xde709f2102306220921060314715629080e2fb77'), 'unknown');
  });
});

describe('phone validator short cut', () => {
  it('answers bare 8-9 digit strings as libphonenumber would (neither valid nor possible in the US)', () => {
    // A seeded walk over the digit strings the short cut answers without parsing: each one must be
    // what parsing says, and the short cut must not reach a 7- or 10-digit string (310-xxxx is valid).
    let x = 0x2545f491;
    const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 4000; i++) {
      const len = 8 + (i % 2);
      let s = String(2 + (next() % 8));
      while (s.length < len) s += String(next() % 10);
      const parsed = parsePhoneNumberFromString(s, { defaultCountry: 'US', extract: false });
      assert.equal(parsed?.isValid() === true || parsed?.isPossible() === true, false, s);
      assert.equal(phoneValidator.validate(s), 'invalid', s);
    }
    assert.equal(phoneValidator.validate('3109364'), 'valid');
    assert.equal(phoneValidator.validate('2125550100'), parsePhoneNumberFromString('2125550100', { defaultCountry: 'US' })?.isValid() ? 'valid' : 'unknown');
  });

  it('answers 8-9 and 11-15 digit numbers led by 2-9, grouped any way, as parsing would', () => {
    // The metadata the short cut relies on: every country of calling code 1 numbers 10 digits, or 7.
    const metadata = maxMetadata as unknown as { country_calling_codes: Record<string, string[]>; countries: Record<string, unknown[]> };
    for (const c of metadata.country_calling_codes['1']!) {
      assert.ok((metadata.countries[c]![3] as number[]).every((n) => n === 7 || n === 10), c);
    }
    // A seeded walk over the candidate pattern's shapes: groups, dots, hyphens, brackets.
    let x = 0x1b873593;
    const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const SEP = [' ', '.', '-', '(', ')', ') ', ' ('];
    const full = (s: string): 'valid' | 'unknown' | 'invalid' => {
      // What the validator answers when it parses (its last steps, spelled out).
      const parsed = parsePhoneNumberFromString(s, { defaultCountry: 'US', extract: false });
      if (parsed?.isValid() === true) return 'valid';
      if (parsed?.isPossible() === true) return 'unknown';
      return /[ .()-]/.test(s.trim()) && /^(?:\+?\d{1,3}[ .-]?)?(?:\(\d{1,4}\)\s?)?\d{2,8}(?:([ .-])\d{2,8}){0,1}(?:\1\d{2,8}){0,3}$/.test(s.trim()) ? 'unknown' : 'invalid';
    };
    let checked = 0;
    for (let i = 0; i < 6000; i++) {
      const len = [8, 9, 11, 12, 13, 14, 15][i % 7]!;
      let s = String(2 + (next() % 8));
      for (let d = 1; d < len; d++) {
        if (next() % 3 === 0) s += SEP[next() % SEP.length];
        s += String(next() % 10);
      }
      assert.equal(phoneValidator.validate(s), full(s), s);
      checked++;
    }
    assert.ok(checked > 5000);
  });

  it('answers 7-digit numbers led by 2-9, grouped any way, as parsing would (only 310-xxxx is valid)', () => {
    // The short cut parses a 7-digit number only when a country of calling code 1 that numbers 7
    // digits (Canada) could take it; a seeded walk over every leading digit, a third of them
    // 3xx and 310 (the ones parsing must still see), bare, grouped 3-4 and in brackets.
    let x = 0x68e31da4;
    const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const full = (s: string): 'valid' | 'unknown' | 'invalid' => {
      const parsed = parsePhoneNumberFromString(s, { defaultCountry: 'US', extract: false });
      if (parsed?.isValid() === true) return 'valid';
      if (parsed?.isPossible() === true) return 'unknown';
      return /[ .()-]/.test(s.trim()) && /^(?:\+?\d{1,3}[ .-]?)?(?:\(\d{1,4}\)\s?)?\d{2,8}(?:([ .-])\d{2,8}){0,1}(?:\1\d{2,8}){0,3}$/.test(s.trim()) ? 'unknown' : 'invalid';
    };
    const answers = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      let d = i % 3 === 0 ? (i % 2 === 0 ? '310' : '3') : String(2 + (next() % 8));
      while (d.length < 7) d += String(next() % 10);
      const s = [d, `${d.slice(0, 3)}-${d.slice(3)}`, `${d.slice(0, 3)} ${d.slice(3)}`, `${d.slice(0, 3)}.${d.slice(3)}`, `(${d.slice(0, 3)}) ${d.slice(3)}`][i % 5]!;
      const answer = phoneValidator.validate(s);
      assert.equal(answer, full(s), s);
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
    }
    // All three answers were met, so the walk reached both sides of the short cut.
    assert.ok((answers.get('valid') ?? 0) > 100 && (answers.get('unknown') ?? 0) > 100 && (answers.get('invalid') ?? 0) > 100, JSON.stringify([...answers]));
    assert.equal(phoneValidator.validate('555-0199'), 'unknown');
    assert.equal(phoneValidator.validate('4417302'), 'invalid');
  });
});
