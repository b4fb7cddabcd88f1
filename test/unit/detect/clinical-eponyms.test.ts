// Eponyms used as eponyms, saints' names, dashed day-month dates and "Unit #" record numbers in
// clinical notes (issue 13, clinical-c): each positive names the exact span found under the hipaa
// profile; each negative a look-alike that must not be reported as that entity.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Entity } from '../../../src/detect/types.js';

function spans(text: string, entity: Entity): string[] {
  return analyze(text, DEFAULT_RECOGNIZERS, { profile: 'hipaa' }).filter((f) => f.entity === entity).map((f) => text.slice(f.start, f.end));
}

const POSITIVE: Array<[string, Entity, string]> = [
  ['Follow up with Dr. Whipple on 3/2.', 'PERSON', 'Whipple'],
  ['signed out to Dr. Wells, pt stable.', 'PERSON', 'Wells'],
  ['LAST BM 6-DEC. DOBHOFF IN PLACE.', 'DATE_TIME', '6-DEC'],
  ['A/P: 34 year old w/ Kasai 19-Jul, now SBO.', 'DATE_TIME', '19-Jul'],
  ['Arrival: 2-21 18:45 via EMS', 'DATE_TIME', '2-21'],
  ['Pt: Towne, Amy  Unit #: 95758747\nCC: fever', 'MEDICAL_RECORD_NUMBER', '95758747'],
  ['PT: LEGROS, CANDRO  UNIT NO: 414-34-89', 'MEDICAL_RECORD_NUMBER', '414-34-89'],
];

const NEGATIVE: Array<[string, Entity, string]> = [
  // An operation after "s/p" or "underwent", a score before its number, a sign with its finding.
  ['Pt underwent Kasai on Nov 19 with Dr. Cartwright.', 'PERSON', 'Kasai'],
  ['HISTORY: 61 yo s/p Fontan, POD#3.', 'PERSON', 'Fontan'],
  ['h/o Nissen (2009), GERD.', 'PERSON', 'Nissen'],
  ['SKIN: Wells 1.5; Braden 14; GCS 15.', 'PERSON', 'Wells'],
  ['SKIN: Wells 1.5; Braden 14; GCS 15.', 'PERSON', 'Braden'],
  ['PEEP 8, neg Homans, CTAB', 'PERSON', 'Homans'],
  ['Romberg neg, Babinski downgoing.', 'PERSON', 'Romberg'],
  ['Romberg neg, Babinski downgoing.', 'PERSON', 'Babinski'],
  // A saint's name names a hospital, a church or a town.
  ['admitted via transfer from St. Joseph\'s. Murphy sign negative.', 'PERSON', 'Joseph'],
  ['dispo: 7 north vs st. elizabeth\'s; husband updated', 'PERSON', 'elizabeth'],
  // A ratio, a dose or a score is still no date.
  ['strength 5/5 x4, pain 6/10, D5 1/2NS @ 75', 'DATE_TIME', '5/5'],
];

describe('clinical eponyms, saints, dashed dates and unit numbers (hipaa)', () => {
  for (const [text, entity, want] of POSITIVE) {
    it(`finds ${entity} ${JSON.stringify(want)} in ${JSON.stringify(text.slice(0, 50))}`, () => {
      assert.ok(spans(text, entity).includes(want), `found ${JSON.stringify(spans(text, entity))}`);
    });
  }
  for (const [text, entity, not] of NEGATIVE) {
    it(`does not report ${JSON.stringify(not)} as ${entity} in ${JSON.stringify(text.slice(0, 50))}`, () => {
      assert.ok(!spans(text, entity).some((s) => s.includes(not)), `found ${JSON.stringify(spans(text, entity))}`);
    });
  }
  it('a name still counts before a number when a title or cue names a person', () => {
    assert.ok(spans('paged Dr. Morse 3 times overnight', 'PERSON').includes('Morse'));
  });
});
