// Table-driven cases for every default recognizer and validator: what must be found (with exact
// offsets) and what must not (look-alikes), plus linear time on adversarial input.
import { describe, it } from 'node:test';
import { assertLinearWork } from './linear-time.js';
import { ANALYZE_INPUTS } from '../../../bench/linear-inputs.js';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Entity } from '../../../src/detect/types.js';
import { inIssuerRange, luhnValid, paymentCardValidator } from '../../../src/detect/validators/luhn.js';
import { ibanValid } from '../../../src/detect/validators/iban.js';
import { gs1Valid } from '../../../src/detect/validators/gs1.js';
import { ssnValid } from '../../../src/detect/validators/us-ssn.js';
import { ipv4Valid, ipv6Valid } from '../../../src/detect/validators/ip.js';

/** [text, entity, the exact value that must be found] */
const POSITIVE: Array<[string, Entity, string]> = [
  ['Contact jane.doe+work@mail.example.co.uk today', 'EMAIL_ADDRESS', 'jane.doe+work@mail.example.co.uk'],
  ['write to a_b@x-y.io.', 'EMAIL_ADDRESS', 'a_b@x-y.io'],
  ['card 4111 1111 1111 1111 exp 12/29', 'CREDIT_CARD', '4111 1111 1111 1111'],
  ['paid with 5500-0000-0000-0004', 'CREDIT_CARD', '5500-0000-0000-0004'],
  ['amex 3782 822463 10005 on file', 'CREDIT_CARD', '3782 822463 10005'],
  ['pan=4012888888881881;', 'CREDIT_CARD', '4012888888881881'],
  ['IBAN DE89 3704 0044 0532 0130 00 please', 'IBAN_CODE', 'DE89 3704 0044 0532 0130 00'],
  ['to GB29NWBK60161331926819 now', 'IBAN_CODE', 'GB29NWBK60161331926819'],
  ['SSN: 536-22-1234', 'US_SSN', '536-22-1234'],
  ['my social security number is 536 22 1234', 'US_SSN', '536 22 1234'],
  ['login from 192.168.10.254 failed', 'IP_ADDRESS', '192.168.10.254'],
  ['host 2001:db8::8a2e:370:7334 up', 'IP_ADDRESS', '2001:db8::8a2e:370:7334'],
  ['mapped ::ffff:10.0.0.1 ok', 'IP_ADDRESS', '::ffff:10.0.0.1'],
  ['device mac 00:1A:2b:3C:4d:5E seen', 'MAC_ADDRESS', '00:1A:2b:3C:4d:5E'],
  ['see https://example.com/path?q=1.', 'URL', 'https://example.com/path?q=1'],
  ['visit www.example.org/about now', 'URL', 'www.example.org/about'],
  ['our site is acme-widgets.com', 'URL', 'acme-widgets.com'],
  ['call me at (415) 555-2671 tomorrow', 'PHONE_NUMBER', '(415) 555-2671'],
  ['phone: +44 20 7946 0958', 'PHONE_NUMBER', '+44 20 7946 0958'],
  ['mobile 415.555.2671', 'PHONE_NUMBER', '415.555.2671'],
  ['Operations desk\n+1 344 912 9448', 'PHONE_NUMBER', '+1 344 912 9448'],
  ['call me at 555-1234 after lunch', 'PHONE_NUMBER', '555-1234'],
  ['my grandpa just turned 91 and still gardens', 'AGE', '91'],
  ['my sister is 34, and she still lives at home', 'AGE', '34'],
  ['im 27. love hiking', 'AGE', '27'],
  ['Tomas Ferreira, 58, is a retired pilot.', 'AGE', '58'],
  ['key AKIAZ3MQ7RB2XKWT4NPL in logs', 'SECRET', 'AKIAZ3MQ7RB2XKWT4NPL'],
  ['token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 leaked', 'SECRET', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
  ['postgres://app:s3cr3tP4ss@db.internal:5432/prod', 'SECRET', 's3cr3tP4ss'],
  ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end', 'SECRET', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ['-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----', 'SECRET', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----'],
  ['password=hunter2hunter; next', 'SECRET', 'hunter2hunter'],
  ['admitted on 2014-02-13 09:33:20 UTC', 'DATE_TIME', '2014-02-13 09:33:20'],
  ['visit on 10/16/1987 in', 'DATE_TIME', '10/16/1987'],
  ['seen March 3, 2021 by', 'DATE_TIME', 'March 3, 2021'],
  ['on the 3rd of March we', 'DATE_TIME', '3rd of March'],
  ['see you Thursday', 'DATE_TIME', 'Thursday'],
  ['she moved to Seattle in 2015 and stayed', 'DATE_TIME', '2015'],
  ['returned with fever in August after the trip', 'DATE_TIME', 'August'],
];

/** [text, entity that must NOT be reported anywhere in it] */
const NEGATIVE: Array<[string, Entity]> = [
  ['the trial enrolled 2015 patients in total', 'DATE_TIME'],
  ['you may go now', 'DATE_TIME'],
  ['tracking 1234 5678 9012 3456 shipped', 'CREDIT_CARD'], // fails Luhn
  ['order 4111111111111112', 'CREDIT_CARD'],
  ['0000 0000 0000 0000', 'CREDIT_CARD'],
  ['version 1.2.3.4 released', 'IP_ADDRESS'],
  ['v10.0.0.1 build', 'IP_ADDRESS'],
  ['300.1.2.3 is not an address', 'IP_ADDRESS'],
  ['at 12:30 we met', 'IP_ADDRESS'],
  ['order #123-45-6789 shipped', 'US_SSN'],
  ['ssn 000-12-3456', 'US_SSN'],
  ['ssn 666-12-3456', 'US_SSN'],
  ['ssn 078-05-1120', 'US_SSN'],
  ['DE89 3704 0044 0532 0130 01 wrong check', 'IBAN_CODE'],
  ['uuid 123e4567-e89b-12d3-a456-426614174000', 'PHONE_NUMBER'],
  ['the years 2019-2020 were', 'PHONE_NUMBER'],
  ['sha 9b74c9897bac770ffc029102a200c5de', 'CREDIT_CARD'],
  ['plain words only', 'EMAIL_ADDRESS'],
  ['file name report.pdf attached', 'URL'],
  ['release 3.2.1 is out', 'DATE_TIME'],
  ['the dial turned 180 degrees', 'AGE'],
  ['she is 5 minutes away', 'AGE'],
  ['Rooms 12, 14, and 16 are booked', 'AGE'],
  ['order 616-6670 shipped', 'PHONE_NUMBER'],
];

describe('default recognizers', () => {
  for (const [text, entity, value] of POSITIVE) {
    it(`finds ${entity} in ${JSON.stringify(text.slice(0, 40))}`, () => {
      const found = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.entity === entity);
      const start = text.indexOf(value);
      assert.ok(start >= 0);
      assert.ok(found.some((f) => f.start === start && f.end === start + value.length),
        `expected ${entity} at ${start}-${start + value.length}, got ${JSON.stringify(found.map((f) => [f.start, f.end, f.score]))} / all: ${JSON.stringify(analyze(text, DEFAULT_RECOGNIZERS).map((f) => [f.entity, text.slice(f.start, f.end), f.score]))}`);
    });
  }
  for (const [text, entity] of NEGATIVE) {
    it(`does not report ${entity} in ${JSON.stringify(text.slice(0, 40))}`, () => {
      const found = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.entity === entity);
      assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), []);
    });
  }

  it('every finding explains itself', () => {
    for (const [text] of POSITIVE) {
      for (const f of analyze(text, DEFAULT_RECOGNIZERS)) {
        assert.ok(f.explanation.recognizer && f.explanation.pattern);
        assert.ok(f.score >= 0 && f.score <= 1);
      }
    }
  });
});

describe('validators', () => {
  it('luhn', () => {
    for (const v of ['4111111111111111', '79927398713', '378282246310005']) assert.equal(luhnValid(v), true, v);
    for (const v of ['4111111111111112', '79927398710', '', '12a4']) assert.equal(luhnValid(v), false, v);
  });
  it('payment cards: Luhn and an issuer range of the right length', () => {
    // One Luhn-valid number per network and length: Visa 13/16/19, Mastercard 51-55 and 2-series, Mir,
    // Amex, Diners (30, 36), JCB 16/19, UATP, Discover, UnionPay 19, RuPay 81, Troy.
    const cards = ['4111111111119', '4111111111111111', '4000000000000000006', '5555555555554444', '2221000000000009', '2200000000000004', '2200000000000000004',
      '378282246310005', '340000000000009', '30569309000006', '36000000000008', '3530000000000003', '3530000000000000003', '135000000000008',
      '6011000000000004', '6500000000000002', '6205500000000000004', '8100000000000002', '9792000000000003'];
    for (const v of cards) {
      assert.equal(luhnValid(v), true, v);
      assert.equal(paymentCardValidator.validate(v), 'valid', v);
    }
    // Luhn-valid, but no network issues them: epoch milliseconds and snowflake-like ids (from 1, 13 and
    // 19 digits), petroleum (7) and health/telecom (8) cards, unassigned 31, 2721, a 16-digit Amex, a
    // 19-digit Mastercard, a 16-digit UATP, and 0000… (Luhn-valid, no card); round numbers in the UATP,
    // Visa, Mastercard, UnionPay and Amex ranges (six zeros or more at the end: 1.009e14 written out).
    const others = ['1000000000009', '1733547600002', '1000000000000000009', '7000000000000005', '8000000000000003', '3100000000000003',
      '2721000000000004', '3400000000000000', '5100000000000000003', '1000000000000008', '9000000000000001', '0000000000000000',
      '100900000000000', '4100500000000000', '5200800000000000', '6200700000000000', '370020000000000'];
    for (const v of others) {
      assert.equal(luhnValid(v), true, v);
      assert.equal(paymentCardValidator.validate(v), 'invalid', v);
    }
    assert.equal(inIssuerRange('4111111111111111'), true);
    assert.equal(paymentCardValidator.validate('4111111111111112'), 'invalid', 'a Visa number failing Luhn');
  });
  it('product codes with a GS1 check digit that also pass Luhn are cards only with a context word', () => {
    // EAN-13 of GS1 Germany (400) and UK (50), a GTIN-14 from 36: each passes Luhn in a card range.
    for (const v of ['4006380000094', '5012345000046', '36123450001092']) {
      assert.equal(gs1Valid(v), true, v);
      assert.equal(luhnValid(v), true, v);
      assert.equal(paymentCardValidator.validate(v), 'unknown', v);
      assert.deepEqual(analyze(`barcode ${v}`, DEFAULT_RECOGNIZERS).map((f) => f.entity), [], v);
      assert.deepEqual(analyze(`visa card ${v}`, DEFAULT_RECOGNIZERS).map((f) => f.entity), ['CREDIT_CARD'], v);
    }
    // Printed in card groups, or of a card's usual length, the GS1 check does not matter.
    assert.equal(paymentCardValidator.validate('4006 3800 0009 4'), 'valid');
    assert.equal(gs1Valid('4111111111119'), false);
    assert.equal(gs1Valid('12345670'), true);
    assert.equal(gs1Valid('1234567'), false);
  });
  it('phones: year-led numbers and more than eleven digits read as North American are not US numbers', () => {
    for (const v of ['2025-001234', '2024.12.3456', '114382210619']) {
      assert.deepEqual(analyze(`ref ${v}`, DEFAULT_RECOGNIZERS).filter((f) => f.entity === 'PHONE_NUMBER'), [], v);
    }
    for (const v of ['(212) 555-0188', '212 555 0188', '1 212 555 0188', '+1 212 555 0188', '2125550188']) {
      assert.deepEqual(analyze(`call ${v}`, DEFAULT_RECOGNIZERS).map((f) => f.entity), ['PHONE_NUMBER'], v);
    }
  });
  it('epoch-millisecond timestamps are not cards, in text or as a column', () => {
    // Every 13-digit millisecond timestamp of 2001-2033 starts with 1: one in ten passes Luhn by chance.
    let luhnOk = 0;
    for (let t = 1_733_547_600_000; t < 1_733_547_600_000 + 2_000; t++) {
      const v = String(t);
      if (luhnValid(v)) luhnOk++;
      assert.deepEqual(analyze(`ts=${v} card declined`, DEFAULT_RECOGNIZERS).filter((f) => f.entity === 'CREDIT_CARD'), [], v);
    }
    assert.ok(luhnOk >= 150, `the sample holds Luhn-valid timestamps (${luhnOk})`);
  });
  it('iban mod-97 and length', () => {
    for (const v of ['DE89370400440532013000', 'GB29 NWBK 6016 1331 9268 19', 'NO9386011117947', 'FR1420041010050500013M02606']) assert.equal(ibanValid(v), true, v);
    for (const v of ['DE89370400440532013001', 'GB29NWBK6016133192681', 'XX89370400440532013000', 'DE8937040044053201300']) assert.equal(ibanValid(v), false, v);
  });
  it('us ssn structure', () => {
    for (const v of ['536-22-1234', '001-01-0001', '899 99 9999']) assert.equal(ssnValid(v), true, v);
    for (const v of ['000-12-3456', '666-12-3456', '900-12-3456', '123-00-4567', '123-45-0000', '078-05-1120', '111-11-1111', '12345678']) assert.equal(ssnValid(v), false, v);
  });
  it('ip syntax', () => {
    for (const v of ['0.0.0.0', '255.255.255.255', '10.0.0.1']) assert.equal(ipv4Valid(v), true, v);
    for (const v of ['256.0.0.1', '01.2.3.4', '1.2.3']) assert.equal(ipv4Valid(v), false, v);
    for (const v of ['::1', '::', '2001:db8::1', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.1', 'fe80::1:2']) assert.equal(ipv6Valid(v), true, v);
    for (const v of ['1:2:3:4:5:6:7:8:9', '1::2::3', '12:30', 'g::1', '::ffff:999.0.2.1']) assert.equal(ipv6Valid(v), false, v);
  });
});

describe('linear time on adversarial input', () => {
  for (const [name, make] of ANALYZE_INPUTS) {
    it(`${name}: 8x the input does about 8x the work, not 64x`, () => {
      assertLinearWork(name, (text) => analyze(text, DEFAULT_RECOGNIZERS, { threshold: 0 }), make, 5_000);
    });
  }
});
