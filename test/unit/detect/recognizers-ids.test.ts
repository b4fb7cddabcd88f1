// Table-driven cases for the identifier recognizers (ITIN, passport, driver's licence, bank account,
// ABA routing, NHS, NINO, MRN, crypto addresses) and for DATE_OF_BIRTH, AGE and ZIP_CODE, all run
// through analyze() with DEFAULT_RECOGNIZERS so overlaps with phone, SSN, card and date findings are
// exercised; the look-alike rules; and linear time of these recognizers on adversarial input.
import { describe, it } from 'node:test';
import { assertLinearWork } from './linear-time.js';
import { IDENTIFIER_INPUTS } from '../../../bench/linear-inputs.js';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Entity, Recognizer } from '../../../src/detect/types.js';
import { lookAlike } from '../../../src/detect/recognizers/look-alikes.js';
import { cutsToken } from '../../../src/detect/boundaries.js';
import { usItinRecognizer } from '../../../src/detect/recognizers/us-itin.js';
import { usPassportRecognizer } from '../../../src/detect/recognizers/us-passport.js';
import { usDriverLicenseRecognizer } from '../../../src/detect/recognizers/us-driver-license.js';
import { usBankNumberRecognizer } from '../../../src/detect/recognizers/us-bank-number.js';
import { abaRoutingNumberRecognizer } from '../../../src/detect/recognizers/aba-routing-number.js';
import { ukNhsRecognizer } from '../../../src/detect/recognizers/uk-nhs.js';
import { ukNinoRecognizer } from '../../../src/detect/recognizers/uk-nino.js';
import { medicalRecordNumberRecognizer } from '../../../src/detect/recognizers/medical-record-number.js';
import { cryptoRecognizer } from '../../../src/detect/recognizers/crypto.js';
import { dateOfBirthRecognizer } from '../../../src/detect/recognizers/date-of-birth.js';
import { ageRecognizer } from '../../../src/detect/recognizers/age.js';
import { zipCodeRecognizer } from '../../../src/detect/recognizers/zip-code.js';

const MINE: readonly Recognizer[] = [
  usItinRecognizer, usPassportRecognizer, usDriverLicenseRecognizer, usBankNumberRecognizer, abaRoutingNumberRecognizer,
  ukNhsRecognizer, ukNinoRecognizer, medicalRecordNumberRecognizer, cryptoRecognizer, dateOfBirthRecognizer, ageRecognizer,
  zipCodeRecognizer,
];

/** [text, entity, the exact value that must be found] */
const POSITIVE: Array<[string, Entity, string]> = [
  ['ITIN: 912-70-1234', 'US_ITIN', '912-70-1234'],
  ['filed with 950 65 1234 as id', 'US_ITIN', '950 65 1234'],
  ['taxpayer number 912941234 on the W-7', 'US_ITIN', '912941234'],
  ['passport number 123456789 issued 2019', 'US_PASSPORT', '123456789'],
  ['Passport No. A12345678', 'US_PASSPORT', 'A12345678'],
  ['passport: 536221234', 'US_PASSPORT', '536221234'], // outranks the bare-SSN reading
  ["driver's license: D1234567", 'US_DRIVER_LICENSE', 'D1234567'],
  ['DL# 12345678 exp 2027', 'US_DRIVER_LICENSE', '12345678'],
  ['Driving licence no. A123-4567-8901', 'US_DRIVER_LICENSE', 'A123-4567-8901'],
  ['WI license on file: B123-4567-8901-23', 'US_DRIVER_LICENSE', 'B123-4567-8901-23'],
  ['CDL S12345678901 (Florida)', 'US_DRIVER_LICENSE', 'S12345678901'],
  ["driver's license number 4155552671", 'US_DRIVER_LICENSE', '4155552671'], // not the phone reading
  ['account number 12345678901', 'US_BANK_NUMBER', '12345678901'], // not the phone reading
  ['Acct #: 000123456789', 'US_BANK_NUMBER', '000123456789'],
  ['wire to bank acct 9876543210123 today', 'US_BANK_NUMBER', '9876543210123'],
  ['12345678 is my checking account', 'US_BANK_NUMBER', '12345678'],
  ['routing number 021000021', 'ABA_ROUTING_NUMBER', '021000021'],
  ['RTN: 0260-0959-3', 'ABA_ROUTING_NUMBER', '0260-0959-3'],
  ['bank routing 122105155 and account 12345678', 'ABA_ROUTING_NUMBER', '122105155'],
  ['bank routing 122105155 and account 12345678', 'US_BANK_NUMBER', '12345678'],
  ['NHS number 943 476 5919', 'UK_NHS', '943 476 5919'],
  ['NHS: 9434765919', 'UK_NHS', '9434765919'],
  ['patient 943-476-5919 seen', 'UK_NHS', '943-476-5919'],
  ['ref card 123 456 7881 attached', 'UK_NHS', '123 456 7881'], // NHS layout, not a dialable number
  ['NI number: AB 12 34 56 C', 'UK_NINO', 'AB 12 34 56 C'],
  ['nino jg103759a', 'UK_NINO', 'jg103759a'],
  ['employee PE123456A joined', 'UK_NINO', 'PE123456A'],
  ['MRN: 00123456', 'MEDICAL_RECORD_NUMBER', '00123456'],
  ['Medical record number (MRN): MR-2024-00123', 'MEDICAL_RECORD_NUMBER', 'MR-2024-00123'],
  ['patient ID 4521-77 admitted', 'MEDICAL_RECORD_NUMBER', '4521-77'],
  ['chart no. A778812', 'MEDICAL_RECORD_NUMBER', 'A778812'],
  ['medical record number 4155552671', 'MEDICAL_RECORD_NUMBER', '4155552671'],
  ['send to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa now', 'CRYPTO', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
  ['P2SH 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'CRYPTO', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
  ['pay bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4.', 'CRYPTO', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
  ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'CRYPTO', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'],
  ['taproot bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'CRYPTO', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'],
  ['ETH wallet 0x52908400098527886E0F7030069857D2E4169EE7', 'CRYPTO', '0x52908400098527886E0F7030069857D2E4169EE7'],
  ['eth address: 0xde709f2102306220921060314715629080e2fb77', 'CRYPTO', '0xde709f2102306220921060314715629080e2fb77'],
  ['DOB: 03/04/1985', 'DATE_OF_BIRTH', '03/04/1985'],
  ['date of birth 3 March 1985', 'DATE_OF_BIRTH', '3 March 1985'],
  ['he was born on March 3, 1985', 'DATE_OF_BIRTH', 'March 3, 1985'],
  ['born 10/16/1987 in', 'DATE_OF_BIRTH', '10/16/1987'],
  ['aged 42, non-smoker', 'AGE', '42'],
  ['Patient aged 42.', 'AGE', '42'],
  ['a 42-year-old man', 'AGE', '42'],
  ['pt is 67 y/o', 'AGE', '67'],
  ['Age: 7', 'AGE', '7'],
  ['Springfield, IL 62704', 'ZIP_CODE', '62704'],
  ['zip code 90210-1234', 'ZIP_CODE', '90210-1234'],
  ['postal code: 02139', 'ZIP_CODE', '02139'],
  ['ships from 60614-2207 tomorrow', 'ZIP_CODE', '60614-2207'], // ZIP+4 is distinctive on its own
  ['Moved to Austin, Texas 78701 in May', 'ZIP_CODE', '78701'],
  ['moved to austin, texas 78701 in may', 'ZIP_CODE', '78701'],
  ['Postcode: SW1A 2AA', 'ZIP_CODE', 'SW1A 2AA'],
  ['postal code is K1A 0B1, phone below', 'ZIP_CODE', 'K1A 0B1'],
  ['zip code: 00-950', 'ZIP_CODE', '00-950'],
  ['Post code 8001', 'ZIP_CODE', '8001'],
];

/** [text, entity that must NOT be reported anywhere in it] */
const NEGATIVE: Array<[string, Entity]> = [
  ['please post 12345 copies', 'ZIP_CODE'], // "post" is not "post code"
  ['ticket 12345 closed', 'ZIP_CODE'], // five bare digits need a cue
  ['stay in, me 12345', 'ZIP_CODE'],
  ['ITIN 912-93-1234', 'US_ITIN'], // group 93
  ['ITIN 912-66-1234', 'US_ITIN'],
  ['tax id 812-70-1234', 'US_ITIN'], // area not 9
  ['912701234 on its own', 'US_ITIN'], // bare: needs context
  ['ITIN order #912-70-1234 shipped', 'US_ITIN'],
  ['itin version 912-70-1234', 'US_ITIN'],
  ['123456789 on its own', 'US_PASSPORT'],
  ['passport fee: order 123456789', 'US_PASSPORT'],
  ['passport 123e4567-e89b-12d3-a456-426614174000', 'US_PASSPORT'],
  ["driver's license: pending", 'US_DRIVER_LICENSE'],
  ['DL 2024 edition', 'US_DRIVER_LICENSE'],
  ['A1234567 with nothing near', 'US_DRIVER_LICENSE'],
  ['license plate 7ABC123 on the car', 'US_DRIVER_LICENSE'],
  ['12345678901 on its own', 'US_BANK_NUMBER'],
  ['account order #12345678 shipped', 'US_BANK_NUMBER'],
  ['account invoice 1234567890', 'US_BANK_NUMBER'],
  ['account tracking number: 9400111899223817', 'US_BANK_NUMBER'],
  ['account created ts=1700000000', 'US_BANK_NUMBER'],
  ['account phone 4155552671', 'US_BANK_NUMBER'],
  ['call 4155552671 about the account', 'US_BANK_NUMBER'],
  ['bank account app version 12345678', 'US_BANK_NUMBER'],
  ['account sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709', 'US_BANK_NUMBER'],
  ['account 123e4567-e89b-12d3-a456-426614174000', 'US_BANK_NUMBER'],
  ['account balance $12345678.00', 'US_BANK_NUMBER'],
  ['account 1,234,567,890', 'US_BANK_NUMBER'],
  ['paid 4111111111111111 from the account', 'US_BANK_NUMBER'], // a Luhn-valid card outranks a context-only account
  ['routing 021000022', 'ABA_ROUTING_NUMBER'], // check digit
  ['routing 131000018', 'ABA_ROUTING_NUMBER'], // routing symbol 13
  ['routing 000000000', 'ABA_ROUTING_NUMBER'],
  ['021000021 on its own', 'ABA_ROUTING_NUMBER'], // needs context
  ['NHS 943 476 5918', 'UK_NHS'], // check digit
  ['nhs 0000000000', 'UK_NHS'],
  ['9434765919 on its own', 'UK_NHS'], // bare: needs context
  ['NHS order #943 476 5919', 'UK_NHS'],
  ['call 943 476 5919', 'UK_NHS'], // a valid phone number without NHS context stays a phone number
  ['NINO QQ123456C', 'UK_NINO'],
  ['NI BG123456A', 'UK_NINO'],
  ['NI DA123456A', 'UK_NINO'],
  ['NI AO123456A', 'UK_NINO'],
  ['NI AB123456E', 'UK_NINO'],
  ['code AB1234567C', 'UK_NINO'],
  ['MRN: pending', 'MEDICAL_RECORD_NUMBER'],
  ['chart numbers 2024 improved', 'MEDICAL_RECORD_NUMBER'],
  ['patient idle for 12345 s', 'MEDICAL_RECORD_NUMBER'],
  ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', 'CRYPTO'], // one character changed
  ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', 'CRYPTO'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'CRYPTO'], // v1 with a Bech32 checksum
  ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'CRYPTO'], // testnet
  ['0x52908400098527886E0F7030069857D2E4169EE7 on its own', 'CRYPTO'], // unverifiable: needs context
  ['wallet tx 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060', 'CRYPTO'], // 64 hex: a hash
  ['sha1 0x52908400098527886e0f7030069857d2e4169ee7 wallet', 'CRYPTO'],
  ['md5 3b5d5c3712955042212316173ccf37be', 'CRYPTO'],
  ['wallet 0x52908400098527886E0F7030069857D2E4169EE7', 'CREDIT_CARD'], // digits inside hex are no card
  ['released 03/04/1985', 'DATE_OF_BIRTH'],
  ['age 2021', 'AGE'],
  ['aged 150', 'AGE'],
  ['aged 1,000 units', 'AGE'],
  ['age 42:30', 'AGE'],
  ['see page 42', 'AGE'],
  ['3.5 years old', 'AGE'],
  ['call 12345 now', 'ZIP_CODE'],
  ['zip 12345 67890', 'ZIP_CODE'],
  ['total 12,345.00', 'ZIP_CODE'],
];

function describeAll(text: string): string {
  return JSON.stringify(analyze(text, DEFAULT_RECOGNIZERS, { threshold: 0 }).map((f) => [f.entity, text.slice(f.start, f.end), f.score]));
}

describe('identifier recognizers (through DEFAULT_RECOGNIZERS)', () => {
  for (const [text, entity, value] of POSITIVE) {
    it(`finds ${entity} in ${JSON.stringify(text.slice(0, 48))}`, () => {
      const start = text.indexOf(value);
      assert.ok(start >= 0);
      const found = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.entity === entity);
      assert.ok(found.some((f) => f.start === start && f.end === start + value.length),
        `expected ${entity} ${JSON.stringify(value)} at ${start}; all findings (threshold 0): ${describeAll(text)}`);
    });
  }
  for (const [text, entity] of NEGATIVE) {
    it(`does not report ${entity} in ${JSON.stringify(text.slice(0, 48))}`, () => {
      const found = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.entity === entity);
      assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), [], `all findings (threshold 0): ${describeAll(text)}`);
    });
  }

  it('every finding explains itself: recognizer, pattern, validator verdict, context words', () => {
    for (const [text, entity] of POSITIVE) {
      for (const f of analyze(text, DEFAULT_RECOGNIZERS).filter((x) => x.entity === entity)) {
        assert.ok(f.explanation.recognizer && f.explanation.pattern, text);
        assert.ok(f.score >= 0.5 && f.score <= 1, text);
      }
    }
    const [aba] = analyze('routing number 021000021', DEFAULT_RECOGNIZERS);
    assert.deepEqual(aba!.explanation.validator, { name: 'aba-checksum', result: 'valid' });
    assert.deepEqual(aba!.explanation.contextWords, ['routing']);
    const [btc] = analyze('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', DEFAULT_RECOGNIZERS);
    assert.equal(btc!.score, 1);
    assert.deepEqual(btc!.explanation.validator, { name: 'crypto-address', result: 'valid' });
  });

  it('weak identifiers stay below the threshold without context and clear it with context', () => {
    for (const [bare, cued, entity] of [
      ['x 123456789 y', 'passport 123456789', 'US_PASSPORT'],
      ['x 12345678 y', 'account 12345678', 'US_BANK_NUMBER'],
      ['x 021000021 y', 'routing 021000021', 'ABA_ROUTING_NUMBER'],
      ['x 912701234 y', 'itin 912701234', 'US_ITIN'],
      ['x D1234567 y', 'license D1234567', 'US_DRIVER_LICENSE'],
    ] as const) {
      assert.deepEqual(analyze(bare, DEFAULT_RECOGNIZERS, { entities: [entity] }), [], bare);
      assert.equal(analyze(cued, DEFAULT_RECOGNIZERS, { entities: [entity] }).length, 1, cued);
    }
  });
});

describe('look-alike rules', () => {
  const at = (text: string, value: string): [number, number] => {
    const s = text.indexOf(value);
    return [s, s + value.length];
  };
  for (const [text, value, reason] of [
    ['order #123456789', '123456789', 'order, invoice, tracking or reference number'],
    ['Invoice No. 12345678', '12345678', 'order, invoice, tracking or reference number'],
    ['ref: 12345678', '12345678', 'order, invoice, tracking or reference number'],
    ['"timestamp": "1700000000"', '1700000000', 'timestamp'],
    ['version 12345678', '12345678', 'version string'],
    ['commit 1234567890', '1234567890', 'hash or digest'],
    ['tel. 4155552671', '4155552671', 'phone number'],
  ] as const) {
    it(`${reason}: ${JSON.stringify(text)}`, () => assert.equal(lookAlike(text, ...at(text, value)), reason));
  }
  it('pieces of UUIDs and hex digests are left to the engine (token boundaries), not a look-alike', () => {
    assert.match(cutsToken('id 123e4567-e89b-12d3-a456-426614174000', ...at('id 123e4567-e89b-12d3-a456-426614174000', '426614174000')) ?? '', /opaque/);
    assert.match(cutsToken('d41d8cd98f00b204e9800998ecf8427e', ...at('d41d8cd98f00b204e9800998ecf8427e', '00998')) ?? '', /inside a word or number/);
  });
  it('keeps plain identifiers', () => {
    assert.equal(lookAlike('account 12345678', ...at('account 12345678', '12345678')), undefined);
    assert.equal(lookAlike('preferred 12345678', ...at('preferred 12345678', '12345678')), undefined);
  });
});

describe('identifier recognizers: linear time on adversarial input', () => {
  for (const [name, make] of IDENTIFIER_INPUTS) {
    it(`${name}: 8x the input does about 8x the work, not 64x`, () => {
      assertLinearWork(name, (text) => analyze(text, MINE, { threshold: 0 }), make, 5_000);
    });
  }
});
