// The finders' per-text gates (street-address/gate.ts, facility.ts, job-title.ts) only let them skip texts where
// they cannot report anything: checked against each finder run without its gate over the development
// sets (bench/data) and their upper- and lower-cased copies, and with written examples for each way
// through a gate, each of which reaches it through that way alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { _scanStreetAddresses, findStreetAddresses } from '../../../src/detect/recognizers/street-address/find.js';
import { mayHoldAddress } from '../../../src/detect/recognizers/street-address/gate.js';
import { F_KEY, tokenize } from '../../../src/detect/recognizers/street-address/tokenize.js';
import { _scanFacilities, facilityRecognizer } from '../../../src/detect/recognizers/facility.js';
import { jobTitleRecognizer } from '../../../src/detect/recognizers/job-title.js';
import { devTexts } from '../../helpers/dev-texts.js';

const spans = (text: string, found: Iterable<{ start: number; end: number }>): string[] => [...found].map((c) => text.slice(c.start, c.end));

/** [text, the address, why it passes the gate] — no token of Tok.key in any of them. */
const TYPELESS: Array<[string, string, string]> = [
  ['Her address is 41 Mendel Vanlo, thanks', '41 Mendel Vanlo', 'an address noun (a strong cue)'],
  ['Lives at 41 Mendel Vanlo', '41 Mendel Vanlo', 'a dwelling verb (a strong cue)'],
  ['Meet me at 88 Rosen Kamp #4 tomorrow', '88 Rosen Kamp #4', 'a unit after "#"'],
  ['Meet me at 12 Orsa Vinter 3º B tomorrow', '12 Orsa Vinter 3º B', 'a storey'],
  ['Contact:\n14 Velden Hof\nBramstad 40211', '14 Velden Hof\nBramstad 40211', 'a line below with a postal code'],
  ['We met at 37 Corda Mira 6896, Belvento, Latvia', '37 Corda Mira 6896, Belvento, Latvia', 'two numbers and two localities'],
];

describe('street-address gate', () => {
  it('passes every text of the development sets where the scan without it reports an address', () => {
    let fired = 0;
    const missed: string[] = [];
    for (const text of devTexts('jsonl+txt')) {
      if ([..._scanStreetAddresses(text)].length === 0) continue;
      fired++;
      if (!mayHoldAddress(tokenize(text))) missed.push(text.slice(0, 80));
    }
    assert.ok(fired > 500, `only ${fired} texts with an address`);
    assert.deepEqual(missed, []);
  });

  it('finds what the scan without the gate and without growing every street finds, on every text of the development sets', () => {
    const differ: string[] = [];
    for (const text of devTexts('jsonl+txt')) {
      if (JSON.stringify([...findStreetAddresses(text)]) !== JSON.stringify([..._scanStreetAddresses(text)])) differ.push(text.slice(0, 80));
    }
    assert.deepEqual(differ, []);
  });

  // A street without a type and without a cue is grown only when a unit or a postal code lies within
  // reach below it (TokenView.evidenceWithin): at the edges of that reach both scans agree.
  for (const [text, address] of [
    ['Contact:\n14 Velden Hof\nBramstad\nNordmark\nLeden\nOsterby\nBramstad 40211', '14 Velden Hof\nBramstad\nNordmark\nLeden\nOsterby\nBramstad 40211'],
    ['Contact:\n14 Velden Hof\nBramstad\nNordmark\nLeden\nOsterby\nMalby\nBramstad 40211', undefined],
    ['Contact:\n14 Velden Hof\n\nBramstad 40211', undefined],
    ['Contact:\n14 Velden Hof\nFlat 3', '14 Velden Hof\nFlat 3'],
    ['Contact:\n14 Velden Hof\nBramstad SW1A', '14 Velden Hof\nBramstad SW1A'],
  ] as const) {
    it(`grows a street without a type as far as it can reach: ${JSON.stringify(text)}`, () => {
      const all = spans(text, _scanStreetAddresses(text));
      assert.deepEqual(spans(text, findStreetAddresses(text)), all);
      assert.deepEqual(all, address === undefined ? [] : [address]);
    });
  }

  for (const [text, address, why] of TYPELESS) {
    it(`passes a street without a type through ${why}`, () => {
      const toks = tokenize(text);
      for (let i = 0; i < toks.length; i++) assert.equal(toks.flags(i) & F_KEY, 0, toks.tok(i).text);
      assert.deepEqual(spans(text, _scanStreetAddresses(text)), [address]);
      assert.deepEqual(spans(text, findStreetAddresses(text)), [address]);
    });
  }

  it('passes the short keys only in their address spellings: P.O. Box, PO Box, Post Office Box, C/, u.', () => {
    for (const [text, address] of [
      ['Write to P.O. Box 123 please', 'P.O. Box 123'],
      ['Write to PO Box 77 please', 'PO Box 77'],
      ['Write to Post Office Box 9 please', 'Post Office Box 9'],
      ['Oficina en C/ Mayor 5, Madrid', 'C/ Mayor 5, Madrid'],
      ['Iroda: Kossuth Lajos u. 12, Budapest', 'Kossuth Lajos u. 12, Budapest'],
    ]) {
      assert.deepEqual(spans(text, _scanStreetAddresses(text)), [address], text);
      assert.deepEqual(spans(text, findStreetAddresses(text)), [address], text);
    }
    for (const text of ['Tylenol 650 mg p.o. q6h, 2 tabs PO', 'Temp 38 c, insulin 4 u sc', 'Gave 2 mg P O at 10:00', 'Vanc 1 g IV c 5 NS']) {
      assert.equal(mayHoldAddress(tokenize(text)), false, text);
    }
  });

  it('skips numbers without a street type or any support', () => {
    for (const text of ['HR 88 BP 120/80 RR 16', 'Gave 5 mg at 10:00, tolerated well', 'Room 12 Bravo 4', 'Rosen Kamp 4 and Orsa 12']) {
      assert.equal(mayHoldAddress(tokenize(text)), false, text);
    }
  });
});

describe('facility gate', () => {
  it('finds what the finder without it finds on every text of the development sets', () => {
    let fired = 0;
    const differ: string[] = [];
    for (const text of devTexts('jsonl+txt')) {
      const all = JSON.stringify([..._scanFacilities(text)]);
      if (all !== '[]') fired++;
      if (JSON.stringify([...facilityRecognizer.find!(text)]) !== all) differ.push(text.slice(0, 80));
    }
    assert.ok(fired > 100, `only ${fired} texts with a facility`);
    assert.deepEqual(differ, []);
  });

  it('passes a name after a transfer cue, a head word in any casing, and any text that is not ASCII', () => {
    for (const [text, facility] of [
      ['Pt transferred from Hillcrest yesterday', 'Hillcrest'],
      ['Seen at Koch Hospital last week', 'Koch Hospital'],
      ['SEEN AT KOCH HOSPITAL LAST WEEK', 'KOCH HOSPITAL'],
      // The head word's lookup key has no accent: the text does not spell it.
      ['We called Koch Hôspital this morning', 'Koch Hôspital'],
    ] as const) {
      assert.deepEqual(spans(text, facilityRecognizer.find!(text)), [facility], text);
    }
  });
});

describe('job-title gates', () => {
  it('pass a stated role whatever its casing, also where only Unicode case folding spells the cue', () => {
    for (const [text, title] of [
      ['She works as a nurse in Leeds', 'nurse'],
      ['SHE WORKED AS A NURSE', 'NURSE'],
      ['Job title: senior engineer', 'senior engineer'],
      // KELVIN SIGN and LONG S match "k" and "s" under /iu: the regex finds these, so the gate must pass them.
      ['She wor\u212As as a nurse', 'nurse'],
      ['Po\u017fition: accountant', 'accountant'],
    ] as const) {
      assert.deepEqual(spans(text, jobTitleRecognizer.find!(text)), [title], text);
    }
  });

  it('passes an apposition only with its case-sensitive ", the "', () => {
    const text = 'Susan Tougas, the Immunology technologist, said the lab was closed';
    assert.deepEqual(spans(text, jobTitleRecognizer.find!(text)), ['Immunology technologist']);
    assert.deepEqual(spans(text.replace(', the', ', The'), jobTitleRecognizer.find!(text.replace(', the', ', The'))), []);
  });
});
