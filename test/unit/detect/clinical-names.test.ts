// Names, ages and dates as physicians and discharge notes write them (issue 13, clinical-b): each
// positive names the exact span found under the hipaa profile; each negative a look-alike that must
// not be reported as that entity.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Entity } from '../../../src/detect/types.js';

function spans(text: string, entity: Entity): string[] {
  return analyze(text, DEFAULT_RECOGNIZERS, { profile: 'hipaa' }).filter((f) => f.entity === entity).map((f) => text.slice(f.start, f.end));
}

const POSITIVE: Array<[string, Entity, string]> = [
  // Family name, comma, given name after a name field's label: one name.
  ['DISCHARGE SUMMARY\nPATIENT: FLATLEY, KORELLA   MRN: 71-251-404\n', 'PERSON', 'FLATLEY, KORELLA'],
  ['Name: Doe, Jane M\nDOB: 01/02/1950', 'PERSON', 'Doe, Jane M'],
  ['Patient Name: Quorvath, Elsbeth\nUnit: 5W', 'PERSON', 'Quorvath, Elsbeth'],
  // An initial and a family name after a cue that a person follows.
  ['DISCHARGE DATE: 04-15-16\nATTENDING: C. Gradavist\n', 'PERSON', 'C. Gradavist'],
  ['Dictated by: H. Polaner, Radiology Dept', 'PERSON', 'H. Polaner'],
  ['Findings discussed with M. Bachaynchn by telephone at 2:05 am.', 'PERSON', 'M. Bachaynchn'],
  ['f/u with PCP D. Harts on September 23, 2025.', 'PERSON', 'D. Harts'],
  ['pt seen by r. alexander on 25th of November. copd exacerbation.', 'PERSON', 'r. alexander'],
  // The words between a patient cue and the age-and-sex appositive, in any casing.
  ['pt katti torcobsher, 96m, mrn 88080339. pt seen by dr. ning on 3/14.', 'PERSON', 'katti torcobsher'],
  ['Patient Ondrej Vlasak, 45 yo F, presented with chest pain.', 'PERSON', 'Ondrej Vlasak'],
  // A role after an exchange is a cue, not part of the name (person-role.ts).
  ['sbo, pod#2. spoke w/ hcp clettie @ 5504595247. d/c to rehab.', 'PERSON', 'clettie'],
  // Last session's rules (d390dc6): a lower-case word no list knows after a naming cue, before a credential.
  ['spoke w/ niece shayradi re: plan. Pt comfortable.', 'PERSON', 'shayradi'],
  ['pt seen by clej adams, MD on 20 Jun. urosepsis.', 'PERSON', 'clej adams'],
  // Ages: age and sex before "w/" or "s/p", and in commas after the name (only from 90 under hipaa).
  ['92F w/ CHF exacerbation, admitted overnight.', 'AGE', '92'],
  ['pt 101m s/p fall at home.', 'AGE', '101'],
  ['pt jane roe, 96m, mrn 12345678.', 'AGE', '96'],
  // Dates: a sentence's period after a day and month is not part of the date; a clock time after a
  // day and month does not make a month and day.
  ['Seen in consult by Dr. Evans (cardiology) on 6 Apr. Plan discussed.', 'DATE_TIME', '6 Apr'],
  ['COMPARISON: 23 Mar.\nFINDINGS: No acute process.', 'DATE_TIME', '23 Mar'],
  ['DATE OF EXAM: 4 Jul 18:18\nPATIENT NAME: Kennett Mott', 'DATE_TIME', '4 Jul'],
  ['Follow-up on Apr. 5 with the clinic.', 'DATE_TIME', 'Apr. 5'],
  ['Admitted 6 Apr. 2021 from home.', 'DATE_TIME', '6 Apr. 2021'],
];

const NEGATIVE: Array<[string, Entity, string]> = [
  // Organisms in binomial shorthand have the shape of an initial and a name.
  ['Cultures grew C. Diff; started on vancomycin per ID.', 'PERSON', 'C. Diff'],
  ['Urine culture with E. coli, pan-sensitive.', 'PERSON', 'E. coli'],
  // An initial and an ordinary word, or lower case without a naming cue, in text with capitals.
  ['Reviewed with A. Fib clinic protocol in mind.', 'PERSON', 'A. Fib'],
  ['Plan: continue meds and f. up in clinic.', 'PERSON', 'f. up'],
  // A field label before words that are not a name.
  ['Name: Not, Available\nMRN: pending', 'PERSON', 'Not, Available'],
  // Before the appositive, ordinary words are not a name.
  ['pt with copd, 96m, presenting with dyspnea.', 'PERSON', 'with copd'],
  ['pt with copd, 96m, presenting with dyspnea.', 'PERSON', 'copd'],
  ['Pt reports pain 4/10. Discussed with Dr. Sharma.', 'PERSON', 'Pt'],
];

describe('clinical names, ages and dates (hipaa profile)', () => {
  for (const [text, entity, want] of POSITIVE) {
    it(`${entity} ${JSON.stringify(want)} in ${JSON.stringify(text.slice(0, 50))}`, () => {
      assert.ok(spans(text, entity).includes(want), `found ${JSON.stringify(spans(text, entity))}`);
    });
  }
  for (const [text, entity, not] of NEGATIVE) {
    it(`no ${entity} ${JSON.stringify(not)} in ${JSON.stringify(text.slice(0, 50))}`, () => {
      assert.ok(!spans(text, entity).includes(not), `found ${JSON.stringify(spans(text, entity))}`);
    });
  }
});
