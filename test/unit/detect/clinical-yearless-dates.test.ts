// Year-less dates in clinical grammar (issue 13, clinical-c): a dashed month-day after a clinical event
// word, a date field's label or a procedure after s/p / underwent; a dashed day-month whose month is
// never a name; a post-op or hospital day count ("POD#3", "HD#2") that is no street's unit number.
// Each positive names the exact span found under the hipaa profile; each negative a look-alike.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Entity } from '../../../src/detect/types.js';

function spans(text: string, entity: Entity): string[] {
  return analyze(text, DEFAULT_RECOGNIZERS, { profile: 'hipaa' }).filter((f) => f.entity === entity).map((f) => text.slice(f.start, f.end));
}

const POSITIVE: Array<[string, Entity, string]> = [
  ['son called, updated. line placed 5-27. Awaiting bed.', 'DATE_TIME', '5-27'],
  ['foley changed 3-11. awaiting bed at rehab', 'DATE_TIME', '3-11'],
  ['drain removed 4-2, site CDI', 'DATE_TIME', '4-2'],
  ['updated. last BM 5-22. 1140 A&O x 4.', 'DATE_TIME', '5-22'],
  ['D/C: February 2\nOR: 11-28\n\nHISTORY:', 'DATE_TIME', '11-28'],
  ['COMPARISON: 10-16 from Raynor Senior Living', 'DATE_TIME', '10-16'],
  ['Date of surgery: 3-27\n', 'DATE_TIME', '3-27'],
  ['Discharge date - 8-19\n', 'DATE_TIME', '8-19'],
  ['A/P: 102 yo s/p Whipple 2-16, now AKI on CKD III.', 'DATE_TIME', '2-16'],
  ['a/p: 99 yo s/p ex-lap 10-28, now hip fx.', 'DATE_TIME', '10-28'],
  ['pt underwent lap chole 5-9 with dr moredney', 'DATE_TIME', '5-9'],
  ['son called, updated. PICC placed 28-Jul. 1:40a cap refill <3s.', 'DATE_TIME', '28-Jul'],
  ['SON ANGELINE CALLED, UPDATED. LAST BM 6-DEC. 7:45PM DOBHOFF.', 'DATE_TIME', '6-DEC'],
  ['MICU progress note 11/14 POD#3\nS: Pt feels better.', 'DATE_TIME', '11/14'],
  ['HISTORY: 94yo s/p Billroth II 10/13, HD#2. Eval line placement.', 'DATE_TIME', '10/13'],
  ['HISTORY: 31 YO W/ ORIF L HIP JUL 14, POD#3. EVAL LINE PLACEMENT.', 'DATE_TIME', 'JUL 14'],
];

const NEGATIVE: Array<[string, Entity, string]> = [
  // A dashed range, count or dose is no date, cue or not.
  ['BM 2-3 times a day at home', 'DATE_TIME', '2-3'],
  ['heparin started 10-16 mg/hr', 'DATE_TIME', '10-16'],
  ['oxycodone held 1-2 tabs q4h prn', 'DATE_TIME', '1-2'],
  ['s/p fall x 2-3 days, pain 0-10 scale', 'DATE_TIME', '2-3'],
  ['pain 0-10 scale, drain placed 0-10 cm', 'DATE_TIME', '0-10'],
  // A month after a day and a dash is no name, a day count no unit of a street.
  ['SON CALLED, UPDATED. LAST BM 6-DEC. DOBHOFF.', 'PERSON', 'DEC'],
  ['daughter called, updated. PICC placed 28-Jul. 1:40a', 'PERSON', 'Jul'],
  ['MICU progress note 11/14 POD#3\nS: Pt feels better.', 'STREET_ADDRESS', 'POD'],
  ['HISTORY: 94yo s/p Billroth II 10/13, HD#2. Eval line placement.', 'STREET_ADDRESS', 'HD'],
];

describe('year-less clinical dates (hipaa)', () => {
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
  it('a "#" after another word is still a unit ("Unit #3", "Suite #12")', () => {
    assert.ok(spans('ship to 221 Baker Street #12, Springfield', 'STREET_ADDRESS').some((s) => s.includes('#12')));
  });
});
