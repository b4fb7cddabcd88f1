// Token boundaries are a rule of the engine: valid SSNs, cards, phones and IBANs embedded in hex
// digests, UUIDs, base64/base64url blobs and long digit runs are not findings; the same values
// standing alone still are; a recognizer that declares `cutsWords` keeps matches inside words.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { cutsToken } from '../../../src/detect/boundaries.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Recognizer } from '../../../src/detect/types.js';
import { rng } from '../../../bench/gen/rng.js';

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGITS = '0123456789';

/** Valid values (SSA rules, Luhn, libphonenumber, mod-97) with the entity each is found as alone. */
const VALUES: ReadonlyArray<{ value: string; entity: string; alone: string }> = [
  { value: '536-22-1234', entity: 'US_SSN', alone: 'SSN 536-22-1234 on file' },
  { value: '536221234', entity: 'US_SSN', alone: 'her ssn is 536221234' },
  { value: '4111111111111111', entity: 'CREDIT_CARD', alone: 'card 4111111111111111 declined' },
  { value: '5500005555555559', entity: 'CREDIT_CARD', alone: 'paid with 5500005555555559 today' },
  { value: '4111-1111-1111-1111', entity: 'CREDIT_CARD', alone: 'card 4111-1111-1111-1111 declined' },
  { value: '415-555-0134', entity: 'PHONE_NUMBER', alone: 'call me at 415-555-0134 tomorrow' },
  { value: '2025550143', entity: 'PHONE_NUMBER', alone: 'phone 2025550143' },
  { value: 'DE89370400440532013000', entity: 'IBAN_CODE', alone: 'IBAN DE89370400440532013000 for the refund' },
  { value: 'GB82WEST12345698765432', entity: 'IBAN_CODE', alone: 'wire to GB82WEST12345698765432 please' },
];

function pick(r: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

/** An identifier with `value` somewhere inside it, in one of the shapes real data has. */
const SHAPES: ReadonlyArray<{ name: string; make: (r: () => number, value: string) => string }> = [
  // Hex digests of MD5, SHA-1 and SHA-256 length with the value spliced in.
  ...[32, 40, 64].map((n) => ({
    name: `hex${n}`,
    make: (r: () => number, v: string) => {
      const left = 1 + Math.floor(r() * (n / 2));
      return pick(r, HEX, left) + v + pick(r, HEX, 1 + Math.floor(r() * (n / 2)));
    },
  })),
  // UUIDs with the value as (part of) a group, joined by dashes.
  { name: 'uuid', make: (r, v) => `${pick(r, HEX, 8)}-${pick(r, HEX, 4)}-${v}-${pick(r, HEX, 4)}-${pick(r, HEX, 12)}` },
  { name: 'uuid-tail', make: (r, v) => `${pick(r, HEX, 8)}-${pick(r, HEX, 4)}-4${pick(r, HEX, 3)}-a${pick(r, HEX, 3)}-${v}` },
  // base64 and base64url blobs, the value touching letters, digits or the alphabets' joiners.
  { name: 'base64', make: (r, v) => pick(r, B64, 4 + Math.floor(r() * 24)) + v + pick(r, B64, 4 + Math.floor(r() * 24)) + '==' },
  { name: 'base64-joined', make: (r, v) => `${pick(r, B64, 12)}+${v}/${pick(r, B64, 12)}=` },
  { name: 'base64url', make: (r, v) => pick(r, B64URL, 6 + Math.floor(r() * 24)) + v + pick(r, B64URL, 6 + Math.floor(r() * 24)) },
  { name: 'base64url-joined', make: (r, v) => `${pick(r, B64URL, 10)}_${v}-${pick(r, B64URL, 10)}` },
  // Long runs of digits (25-40), longer than any card or phone number.
  { name: 'digits', make: (r, v) => pick(r, DIGITS, 8 + Math.floor(r() * 8)) + v.replace(/\D/g, '') + pick(r, DIGITS, 8 + Math.floor(r() * 8)) },
];

/** Letters and digits of an identifier that stands for a value of its own (no letter-digit mix). */
function plainRun(s: string): boolean {
  return /^[A-Za-z]*$/.test(s) || /^\d*$/.test(s);
}

describe('token boundaries', () => {
  it('finds nothing in digests, UUIDs, base64 blobs and digit runs with valid identifiers embedded', () => {
    const r = rng(13);
    let cases = 0;
    for (const shape of SHAPES) {
      for (const { value } of VALUES) {
        for (let i = 0; i < 12; i++) {
          const blob = shape.make(r, value);
          // A random blob whose pieces beside the value are pure letters could read as words: skip those rare draws.
          const [left, right] = [blob.slice(0, blob.indexOf(value)), blob.slice(blob.indexOf(value) + value.length)];
          if (shape.name.startsWith('base64') && (plainRun(left.replace(/[+/=_-]/g, '')) || plainRun(right.replace(/[+/=_-]/g, '')))) continue;
          for (const text of [blob, `digest ${blob}`, `id=${blob} in the log`]) {
            cases++;
            const found = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.end > text.indexOf(blob) && f.start < text.indexOf(blob) + blob.length);
            assert.deepEqual(found.map((f) => `${f.entity} ${JSON.stringify(text.slice(f.start, f.end))}`), [], `${shape.name}: ${text}`);
          }
        }
      }
    }
    assert.ok(cases > 2000, `only ${cases} cases ran`);
  });

  it('still finds each value standing alone', () => {
    for (const { value, entity, alone } of VALUES) {
      const found = analyze(alone, DEFAULT_RECOGNIZERS);
      const at = alone.indexOf(value);
      assert.ok(found.some((f) => f.entity === entity && f.start === at && f.end === at + value.length), `${entity} in ${alone}: ${JSON.stringify(found.map((f) => [f.entity, f.start, f.end]))}`);
    }
  });

  it('the digest from the report is not an SSN', () => {
    assert.deepEqual(analyze('digest 7e4f763f972bd131ec752e6074f2bfd304940849', DEFAULT_RECOGNIZERS), []);
  });

  it('cutsToken: word and number edges, opaque runs, ordinary joins', () => {
    const t = 'digest 7e4f763f972bd131ec752e6074f2bfd304940849';
    assert.equal(cutsToken(t, t.indexOf('304940849'), t.length), 'starts inside a word or number');
    assert.equal(cutsToken('x 12345 y', 2, 5), 'ends inside a word or number');
    assert.equal(cutsToken('SSN 536-22-1234.', 4, 15), undefined);
    const uuid = '550e8400-e29b-41d4-a716-446655440000';
    assert.match(cutsToken(uuid, 24, 36) ?? '', /opaque/);
    // Joined by a dash to plain words or numbers: not opaque ("report-2020-01-01", "+1-415").
    assert.equal(cutsToken('report-2020-01-01-final', 7, 17), undefined);
    assert.equal(cutsToken('Zürich', 0, 3), 'ends inside a word or number');
    assert.equal(cutsToken('Zürich 8001', 7, 11), undefined);
  });

  it('a recognizer that declares cutsWords keeps matches inside words; others lose them', () => {
    const inner: Recognizer = { id: 'test-inner', entity: 'SECRET', patterns: [{ name: 'k', regex: /KEY\d{4}/, score: 0.9 }] };
    assert.deepEqual(analyze('xxKEY1234yy', [inner]), []);
    assert.equal(analyze('xxKEY1234yy', [{ ...inner, cutsWords: true }]).length, 1);
    assert.equal(analyze('use KEY1234 here', [inner]).length, 1);
    // find() candidates follow the same rule.
    const finder: Recognizer = { id: 'test-find', entity: 'PERSON', patterns: [], find: () => [{ start: 2, end: 5, score: 0.9, pattern: 'x' }] };
    assert.deepEqual(analyze('abcdefg', [finder]), []);
    assert.equal(analyze('ab cde fg', [{ ...finder, find: () => [{ start: 3, end: 6, score: 0.9, pattern: 'x' }] }]).length, 1);
  });

  it('a group v narrows a match that stands on boundaries ("72" of "72yo")', () => {
    const found = analyze('pt is 72yo, stable', DEFAULT_RECOGNIZERS).filter((f) => f.entity === 'AGE');
    assert.deepEqual(found.map((f) => [f.start, f.end]), [[6, 8]]);
  });
});
