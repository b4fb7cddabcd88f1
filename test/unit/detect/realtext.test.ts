// Real-genre recognition: shorthand notes, ALL CAPS and lower-case text, role cues, facilities and
// dates without a year. Each positive names the exact span; each negative a look-alike that must not
// be reported as that entity. Phrasings are written for these tests, not taken from any evaluation set.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import type { Entity } from '../../../src/detect/types.js';
import { textCasing } from '../../../src/detect/casing.js';

const POSITIVE: Array<[string, Entity, string]> = [
  // Role cues: relatives and clinicians, any casing, initials after a clinician's role.
  ['niece orlanda visited this am, questions answered.', 'PERSON', 'orlanda'],
  ['GRANDSON TAVIN BRESKE CALLED FOR UPDATE.', 'PERSON', 'TAVIN BRESKE'],
  ['Plan reviewed w/ attending Vostrikova, agrees.', 'PERSON', 'Vostrikova'],
  ['pain controlled, d/w NP JW who agrees w/ plan.', 'PERSON', 'JW'],
  ['Handed off to marisol tenby at 1900.', 'PERSON', 'marisol tenby'],
  ['care handed over to Delphine RN.', 'PERSON', 'Delphine'],
  // Facilities after a head word or a transfer cue, and their initials.
  ['Pt came up from Brackenridge Regional Medical Center overnight.', 'LOCATION', 'Brackenridge Regional Medical Center'],
  ['WILL GO TO FALLOWMERE REHAB WHEN MEDICALLY CLEARED.', 'LOCATION', 'FALLOWMERE REHAB'],
  ['accepted at Pinecrest Manor for SNF level care.', 'LOCATION', 'Pinecrest Manor'],
  ['Transferred from WVMC after CT showed bleed.', 'LOCATION', 'WVMC'],
  // Dates without a year, two-digit years.
  ['abx started on 11/14, afebrile since.', 'DATE_TIME', '11/14'],
  ['No BM since 4/2. Bowel regimen ordered.', 'DATE_TIME', '4/2'],
  ['Echo 7/19 showed EF 35%.', 'DATE_TIME', '7/19'],
  ['prior admit 3/22/18 for same.', 'DATE_TIME', '3/22/18'],
  // A labelled date: the field names what its value is, even where "12/12" could be a ratio.
  ['DISCHARGE DATE: 12/12\nCondition stable.', 'DATE_TIME', '12/12'],
  ['Admission: 3/3 for CHF exac.', 'DATE_TIME', '3/3'],
  // A facility in lower case after a transfer cue, in text with capitals.
  ['Plan d/c to cedar falls rehab once cleared by PT.', 'LOCATION', 'cedar falls rehab'],
  ['Pt to be transferred to red oak general hospital today.', 'LOCATION', 'red oak general hospital'],
  // Seven digits after the sign that labels a number.
  ['Son at bedside, his # 858-4181. Updated.', 'PHONE_NUMBER', '858-4181'],
  // ... and after the word naming the line, without a sign; cm before a number is a case manager.
  ['Results called, reading room 684-2291.', 'PHONE_NUMBER', '684-2291'],
  ['SW aware; CM 731-5520. Pt resting.', 'PHONE_NUMBER', '731-5520'],
  // Area code, slash, local number; a sentence's period joins no number to the next one.
  ['Records sent, fax 318/442-7730.', 'PHONE_NUMBER', '318/442-7730'],
  ['awaiting SNF; cm 604.650.9450. 0520 neuro checks stable.', 'PHONE_NUMBER', '604.650.9450'],
  // Ages in shorthand, record numbers, phone layouts, towns before a state code.
  ['88F adm overnight w/ hypotension.', 'AGE', '88'],
  ['PT 97 YO M S/P FALL AT HOME.', 'AGE', '97'],
  ['Med Rec # 4417829, allergies NKDA.', 'MEDICAL_RECORD_NUMBER', '4417829'],
  ['son can be reached at (555) 014-2277 after 5.', 'PHONE_NUMBER', '(555) 014-2277'],
  ['family lives in fairhope, al and visits weekends.', 'LOCATION', 'fairhope'],
  ['plan is to return to Linwood House on discharge.', 'LOCATION', 'Linwood House'],
  ['RT PD aware of desat, increased FiO2.', 'PERSON', 'PD'],
  // Tickets and chat: firms after a work frame, names in brackets after a role or after thanks,
  // nationalities without their compass word.
  ['Since March I work at Okonjo & Brandt, downtown.', 'ORGANIZATION', 'Okonjo & Brandt'],
  ['She now works at Priyanka\'s Bakery on Main.', 'ORGANIZATION', "Priyanka's Bakery"],
  ['Invoices go to Halvard Holdings from now on.', 'ORGANIZATION', 'Halvard Holdings'],
  ['[10:02] Agent (Marguerite): how can I help?', 'PERSON', 'Marguerite'],
  ['Thanks Tavaris. Can you confirm the address?', 'PERSON', 'Tavaris'],
  ['My neighbour is Korean and speaks little English.', 'NRP', 'Korean'],
  // Log timestamps in the common layouts.
  ['Oct 14 03:07:55 db2 kernel: oom-killer invoked', 'DATE_TIME', 'Oct 14 03:07:55'],
  ['10.1.2.3 - - [21/Sep/2023:23:59:01 -0700] "POST /login HTTP/2" 302', 'DATE_TIME', '21/Sep/2023:23:59:01 -0700'],
  ['17 Apr 2024 18:22:03.441 [worker-3] INFO job done', 'DATE_TIME', '17 Apr 2024 18:22:03.441'],
];

const NEGATIVE: Array<[string, Entity]> = [
  // Ratios, scores and doses are not dates.
  ['Motor strength 5/5 in all extremities.', 'DATE_TIME'],
  ['Reports pain 6/10, improved to 3/10 after dose.', 'DATE_TIME'],
  ['Vent weaned to PS 8/5 this afternoon.', 'DATE_TIME'],
  ['Give 1/2 tab PO now.', 'DATE_TIME'],
  ['BP 128/76 HR 84.', 'DATE_TIME'],
  // A month and a day are a date, not a street and its house number.
  ['Apr 22, POD#2, ambulating in hall.', 'STREET_ADDRESS'],
  ['Order # 858-4181 shipped today.', 'PHONE_NUMBER'],
  // Words after a role cue that are not names.
  ['Wife at bedside, updated on plan.', 'PERSON'],
  ['per protocol, labs drawn.', 'PERSON'],
  ['SPOKE WITH FAMILY, ALL QUESTIONS ANSWERED.', 'PERSON'],
  // Abbreviations and generic settings in ALL CAPS and mixed text.
  ['CXR W/ BIBASILAR ATELECTASIS. PS 10/5, TOL WELL.', 'LOCATION'],
  ['Transferred from OSH for higher level of care.', 'LOCATION'],
  ['pt returned to the floor from the ED.', 'LOCATION'],
  ['Pt will need rehab at discharge.', 'LOCATION'],
  // A catheter's size in French units is not an honorific.
  ['Lines: R PICC 5Fr DL, L radial a-line.', 'PERSON'],
  ['Plan: wean sedation as tol, f/u AM labs.', 'ORGANIZATION'],
  ['PLAN: WEAN SEDATION AS TOL, F/U AM LABS.', 'ORGANIZATION'],
  ['They read from Harriet Osei\'s Collected Poems last night.', 'ORGANIZATION'],
];

describe('real-text recognition', () => {
  for (const [text, entity, span] of POSITIVE) {
    it(`${entity} ${JSON.stringify(span)} in ${JSON.stringify(text)}`, () => {
      const found = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.entity === entity).map((f) => text.slice(f.start, f.end));
      assert.ok(found.includes(span), `found ${JSON.stringify(found)}`);
    });
  }
  for (const [text, entity] of NEGATIVE) {
    it(`no ${entity} in ${JSON.stringify(text)}`, () => {
      const found = analyze(text, DEFAULT_RECOGNIZERS).filter((f) => f.entity === entity).map((f) => text.slice(f.start, f.end));
      assert.deepEqual(found, []);
    });
  }
  it('reads the casing of a text', () => {
    assert.equal(textCasing('PT RESTING, WIFE AT BEDSIDE, NO CHANGES'), 'upper');
    assert.equal(textCasing('pt resting, wife at bedside, no changes'), 'lower');
    assert.equal(textCasing('Pt resting, wife at bedside, no changes'), 'mixed');
    assert.equal(textCasing('OK'), 'mixed');
  });
});
