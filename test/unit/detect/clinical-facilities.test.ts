// Care facilities and places in clinical notes (issue 13, clinical-c): a name before a facility head
// (hospital, community hospital, medical/health center, nursing and rehab, hospice house, senior
// living, VNA) is a LOCATION in every casing, cut at "vs", "to", "from"; a saint's name in the
// possessive after from/to/at/vs is a hospital; a lone town's name in a clinical note needs place
// evidence (a preposition or cue before it, a state after it), and unit names and adjective-led
// phrases in capitals ("UPPER GIB", "NEW AFIB") are no places.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';

function locations(text: string, profile: 'hipaa' | 'default' = 'hipaa'): string[] {
  return analyze(text, DEFAULT_RECOGNIZERS, { profile }).filter((f) => f.entity === 'LOCATION').map((f) => text.slice(f.start, f.end));
}

const FACILITIES: Array<[string, string]> = [
  ['DISPO: D/C TO HOLY FAMILY HOSPITAL IN DRAPER, DE.', 'HOLY FAMILY HOSPITAL'],
  ['sent from holy family hospital w/ pigtail in place.', 'holy family hospital'],
  ['dispo: discharged to ruicker community hospital in avon, sd.', 'ruicker community hospital'],
  ['- DISPO: ED VS BODWISKI COMMUNITY HOSPITAL; BROTHER IRGIE UPDATED', 'BODWISKI COMMUNITY HOSPITAL'],
  ['- dispo: micu vs shiloh community hospital; mother camey updated', 'shiloh community hospital'],
  ['COMPARISON: 10-16 from Raynor Senior Living\nFINDINGS: clear.', 'Raynor Senior Living'],
  ['- dispo: the floor vs Gusikowski Senior Living; niece Mary updated', 'Gusikowski Senior Living'],
  ['awaiting bed at kunde nursing and rehab; cm 604.650.9450.', 'kunde nursing and rehab'],
  ['- dispo: IR vs Hugherd VNA; daughter updated', 'Hugherd VNA'],
  ['DISPO: to St. Luke Medical Center in Dyer, HI.', 'St. Luke Medical Center'],
  ["- DISPO: MICU VS ST. JOSEPH'S; DAUGHTER UPDATED", "ST. JOSEPH'S"],
  ["admitted via transfer from st. luke's. chvostek neg.", "st. luke's"],
  ["COMPARISON: June 15 at St. Elizabeth's\nFINDINGS: clear.", "St. Elizabeth's"],
];

const NOT_PLACES: Array<[string, string]> = [
  // A setting, not a facility's name, and no head at all.
  ['S: pt doing well.\nBrief hospital course: uneventful, s/p fall.', 'hospital'],
  ['- DISPO: ED VS BODWISKI COMMUNITY HOSPITAL; BROTHER IRGIE UPDATED', 'ED'],
  ['- dispo: pacu vs klichme health center; partner updated', 'pacu'],
  // Drugs, devices and scores with a town's name, in a clinical note.
  ['Vasotec held. Ranson 2. s/p fall, CIWA 8.', 'Ranson'],
  ['2. Norco 40 mg BID PRN\nDISPO: home', 'Norco'],
  ['CIWA 8, NIHSS 4. Hickman site CDI. paged MD re MAP 58', 'Hickman'],
  ['Sent from Yundt VNA w/ Miami J collar in place. s/p fall', 'Miami'],
  // Adjective-led phrases in capitals.
  ['A/P: 97 YO S/P IVOR LEWIS ESOPHAGECTOMY, NOW UPPER GIB.', 'UPPER GIB'],
  ["5:20A D/W RN RE NEW AFIB, ORDERS REC'D. S/P FALL", 'NEW AFIB'],
  ["4:20A MCBURNEY'S POINT NONTENDER. S/P FALL", 'POINT NONTENDER'],
];

describe('clinical facilities and places (hipaa)', () => {
  for (const [text, want] of FACILITIES) {
    it(`finds ${JSON.stringify(want)} as LOCATION`, () => {
      assert.ok(locations(text).includes(want), `found ${JSON.stringify(locations(text))}`);
    });
  }
  for (const [text, not] of NOT_PLACES) {
    it(`does not report ${JSON.stringify(not)} as LOCATION in ${JSON.stringify(text.slice(0, 40))}`, () => {
      assert.ok(!locations(text).some((s) => s.includes(not)), `found ${JSON.stringify(locations(text))}`);
    });
  }
  it('a town in a clinical note still counts with place evidence', () => {
    assert.ok(locations('Lives alone in Miami, FL. s/p fall.').includes('Miami'));
    assert.ok(locations('s/p fall. Home in Norco, CA with wife.').includes('Norco'));
  });
  it('a town outside clinical notes needs no cue', () => {
    assert.ok(locations('Our office in Miami opens at nine.', 'default').includes('Miami'));
    assert.ok(locations('Greetings from Miami', 'default').includes('Miami'));
  });
});
