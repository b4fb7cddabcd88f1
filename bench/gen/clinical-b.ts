// Clinical notes in styles the ICU nursing set (clinical.ts) does not write: discharge summaries,
// radiology reports, SOAP progress notes and physician shorthand (lower-case names, "pt seen by
// dr. smith on 3/14", "d/c to <facility>"). Written without reference to clinical.ts's templates, so
// the set measures how detection carries over to text written differently.
//
// Labels follow docs/detect.md's hipaa profile (HIPAA Safe Harbor): names (PERSON); places smaller
// than a state and care facilities (LOCATION); every element of a date except a year alone
// (DATE_TIME), never clock times, weekdays or relative days ("POD#2", "HD 3"); phone and fax numbers
// in any format (PHONE_NUMBER); medical record numbers; ages only from 90 (AGE). States, years alone,
// credentials, drug names and young ages are plain text.
import { TextBuilder, cased, type LabelledRecord } from './builder.js';
import { chance, int, pad2, pick, rng, type Rng } from './rng.js';
import { familyName, givenName, pools, type Pools, type Split } from './vocab.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FACILITY_HEADS = ['General Hospital', 'Medical Center', 'Rehab', 'Nursing Home', 'Regional Medical Center', 'Memorial Hospital', 'Health Care Center'];
const DIAGNOSES = ['CHF exacerbation', 'NSTEMI', 'community-acquired pneumonia', 'DKA', 'COPD exacerbation', 'urosepsis', 'SBO', 'GI bleed', 'afib w/ RVR', 'acute pancreatitis'];
const STUDIES = ['CT ABDOMEN/PELVIS W CONTRAST', 'CHEST PA AND LATERAL', 'MRI BRAIN W/WO CONTRAST', 'CTA CHEST', 'US RUQ', 'CT HEAD W/O CONTRAST'];
const FINDINGS = ['No acute intracranial hemorrhage.', 'Small bilateral pleural effusions with bibasilar atelectasis.', 'Cholelithiasis without evidence of cholecystitis.', 'No pulmonary embolism to the segmental level.', 'Interval decrease in the right lower lobe consolidation.', 'Mild diffuse small bowel dilatation, no transition point.'];
const MEDS = ['metoprolol 25 mg PO BID', 'lisinopril 10 mg daily', 'apixaban 5 mg BID', 'furosemide 40 mg IV', 'insulin glargine 20 u qhs', 'atorvastatin 80 mg daily', 'pantoprazole 40 mg daily'];
const RELATIVE = ['POD#2', 'POD #1', 'HD 3', 'hospital day 4', 'day 2 of abx', 'post-op day 5'];
const RELATIONS = ['daughter', 'son', 'wife', 'husband', 'niece', 'sister', 'HCP'];
const STATES = ['MA', 'NY', 'Ohio', 'Texas', 'CA'];

interface Ctx { r: Rng; p: Pools }

function year(r: Rng): number {
  return int(r, 2015, 2025);
}

/** A date in one of the shapes notes use: "3/14", "03-14-21", "14 Mar", "3rd of March", "March 14, 2021", "2021-03-14". */
function date(r: Rng): string {
  const m = int(r, 1, 12);
  const d = int(r, 1, 28);
  const y = year(r);
  const nth = d === 1 || d === 21 ? 'st' : d === 2 || d === 22 ? 'nd' : d === 3 || d === 23 ? 'rd' : 'th';
  switch (int(r, 0, 7)) {
    case 0: return `${m}/${d}`;
    case 1: return `${pad2(m)}-${pad2(d)}-${pad2(y % 100)}`;
    case 2: return `${d} ${MONTHS[m - 1]}`;
    case 3: return `${d}${nth} of ${MONTHS_LONG[m - 1]}`;
    case 4: return `${MONTHS_LONG[m - 1]} ${d}, ${y}`;
    case 5: return `${y}-${pad2(m)}-${pad2(d)}`;
    case 6: return `${m}/${d}/${y}`;
    default: return `${MONTHS[m - 1]} ${d}`;
  }
}

/** A phone number in the shapes people type: dotted, bare, parenthesised, "x" extensions, "1-". */
function phone(r: Rng): string {
  const a = int(r, 201, 989);
  const b = int(r, 201, 989);
  const c = String(int(r, 0, 9999)).padStart(4, '0');
  switch (int(r, 0, 5)) {
    case 0: return `(${a})${b}-${c}`;
    case 1: return `${a}.${b}.${c}`;
    case 2: return `${a} ${b} ${c}`;
    case 3: return `1-${a}-${b}-${c}`;
    case 4: return `${a}-${b}-${c}`;
    default: return `${a}${b}${c}`;
  }
}

function mrn(r: Rng): string {
  return chance(r, 0.5) ? String(int(r, 1000000, 99999999)) : `${int(r, 10, 99)}-${int(r, 100, 999)}-${int(r, 100, 999)}`;
}

function facility(c: Ctx): string {
  const [town] = pick(c.r, c.p.cities).split('|') as [string];
  return chance(c.r, 0.5) ? `${town} ${pick(c.r, FACILITY_HEADS)}` : `${familyName(c.r, c.p)} ${pick(c.r, FACILITY_HEADS)}`;
}

function town(c: Ctx): string {
  return pick(c.r, c.p.cities).split('|')[0]!;
}

/** A clinician: "Dr. Smith", "dr. smith", "Jane Smith, MD", "J. Smith". */
function doctor(b: TextBuilder, c: Ctx, how: 'as-is' | 'lower'): TextBuilder {
  const last = cased(familyName(c.r, c.p), how);
  switch (int(c.r, 0, 3)) {
    case 0: return b.t(how === 'lower' ? 'dr. ' : 'Dr. ').e('PERSON', last);
    case 1: return b.e('PERSON', `${cased(givenName(c.r, c.p), how)} ${last}`).t(', MD');
    case 2: return b.e('PERSON', `${cased(givenName(c.r, c.p)[0]!, how)}. ${last}`);
    default: return b.t(how === 'lower' ? 'dr ' : 'Dr ').e('PERSON', last);
  }
}

function age(b: TextBuilder, r: Rng, suffix: string): TextBuilder {
  const a = chance(r, 0.35) ? int(r, 90, 103) : int(r, 24, 88);
  return a >= 90 ? b.e('AGE', String(a)).t(suffix) : b.t(`${a}${suffix}`);
}

function dischargeSummary(c: Ctx): TextBuilder {
  const { r } = c;
  const b = new TextBuilder().t('DISCHARGE SUMMARY\nPATIENT: ').e('PERSON', `${familyName(r, c.p).toUpperCase()}, ${givenName(r, c.p).toUpperCase()}`);
  b.t('   MRN: ').e('MEDICAL_RECORD_NUMBER', mrn(r)).t('\nADMISSION DATE: ').e('DATE_TIME', date(r)).t('   DISCHARGE DATE: ').e('DATE_TIME', date(r));
  b.t('\nATTENDING: ');
  doctor(b, c, 'as-is');
  b.t('\n\nHISTORY OF PRESENT ILLNESS:\n');
  age(b, r, '-year-old ').t(`${pick(r, ['male', 'female', 'man', 'woman'])} with ${pick(r, DIAGNOSES)} who presented to `).e('LOCATION', facility(c)).t(` on `).e('DATE_TIME', date(r)).t('. ');
  if (chance(r, 0.5)) b.t(`Lives in `).e('LOCATION', town(c)).t(`, ${pick(r, STATES)} with ${pick(r, RELATIONS)}. `);
  b.t(`\n\nHOSPITAL COURSE:\n${pick(r, RELATIVE)} patient tolerated diet. Seen in consult by `);
  doctor(b, c, 'as-is');
  b.t(` (cardiology) on `).e('DATE_TIME', date(r)).t(`.\n\nDISCHARGE MEDICATIONS:\n1. ${pick(r, MEDS)}\n2. ${pick(r, MEDS)}\n\nDISPOSITION: Discharged to `).e('LOCATION', facility(c));
  b.t(`.\nFOLLOW-UP: with `);
  doctor(b, c, 'as-is');
  b.t(` in 2 weeks; clinic phone `).e('PHONE_NUMBER', phone(r)).t('.\n');
  return b;
}

function radiology(c: Ctx): TextBuilder {
  const { r } = c;
  const b = new TextBuilder().t(`EXAM: ${pick(r, STUDIES)}\nDATE OF EXAM: `).e('DATE_TIME', date(r)).t(` ${int(r, 0, 23)}:${pad2(int(r, 0, 59))}\n`);
  b.t('PATIENT NAME: ').e('PERSON', `${givenName(r, c.p)} ${familyName(r, c.p)}`).t('  MR#: ').e('MEDICAL_RECORD_NUMBER', mrn(r));
  b.t('\nCLINICAL INDICATION: ');
  age(b, r, ' yo ').t(`with ${pick(r, DIAGNOSES)}, ${pick(r, RELATIVE)}.\nCOMPARISON: `).e('DATE_TIME', date(r)).t('.\nFINDINGS: ').t(pick(r, FINDINGS));
  b.t('\nIMPRESSION: ').t(pick(r, FINDINGS)).t('\nFindings discussed with ');
  doctor(b, c, 'as-is');
  b.t(' by telephone at ').t(`${int(r, 1, 12)}:${pad2(int(r, 0, 59))} ${pick(r, ['am', 'pm'])}`).t(' on ').e('DATE_TIME', date(r)).t('.\nDictated by: ');
  doctor(b, c, 'as-is');
  b.t(`, ${pick(r, ['radiology', 'Radiology Dept'])}, `).e('LOCATION', facility(c)).t('\n');
  return b;
}

function soap(c: Ctx): TextBuilder {
  const { r } = c;
  const b = new TextBuilder().t(`PROGRESS NOTE - ${pick(r, ['HOSPITALIST', 'MEDICINE', 'SURGERY'])}\n`).e('DATE_TIME', date(r)).t(`, ${pick(r, RELATIVE)}\n\nS: `);
  b.t(`Pt reports ${pick(r, ['less SOB', 'pain 4/10', 'poor sleep', 'nausea overnight'])}. ${pick(r, RELATIONS)} `).e('PERSON', givenName(r, c.p)).t(' at bedside, can be reached at ').e('PHONE_NUMBER', phone(r)).t('.\n');
  b.t(`O: T 37.${int(r, 0, 9)} HR ${int(r, 60, 120)} BP ${int(r, 95, 160)}/${int(r, 50, 95)} SpO2 9${int(r, 0, 9)}% on 2L\nA: `);
  age(b, r, 'F ').t(`w/ ${pick(r, DIAGNOSES)}, improving.\nP: continue ${pick(r, MEDS)}; PT/OT; `);
  if (chance(r, 0.5)) b.t('d/c to ').e('LOCATION', facility(c)).t(' when bed available; ');
  b.t('f/u with PCP ');
  doctor(b, c, 'as-is');
  b.t(' on ').e('DATE_TIME', date(r)).t('.\n');
  if (chance(r, 0.4)) b.t('Last seen in clinic ').e('DATE_TIME', date(r)).t(' in ').e('LOCATION', town(c)).t('.\n');
  return b;
}

function shorthand(c: Ctx): TextBuilder {
  const { r } = c;
  const b = new TextBuilder().t('pt ').e('PERSON', `${givenName(r, c.p).toLowerCase()} ${familyName(r, c.p).toLowerCase()}`).t(', ');
  age(b, r, 'm, ').t(`mrn `).e('MEDICAL_RECORD_NUMBER', mrn(r)).t('. pt seen by ');
  doctor(b, c, 'lower');
  b.t(' on ').e('DATE_TIME', date(r)).t(`. ${pick(r, DIAGNOSES).toLowerCase()}, ${pick(r, RELATIVE).toLowerCase()}. `);
  b.t(`spoke w/ ${pick(r, RELATIONS).toLowerCase()} `).e('PERSON', givenName(r, c.p).toLowerCase()).t(' @ ').e('PHONE_NUMBER', phone(r)).t('. ');
  b.t('d/c to ').e('LOCATION', chance(r, 0.5) ? facility(c).toLowerCase() : facility(c)).t(' on ').e('DATE_TIME', date(r)).t('. ');
  b.t('fax records to ').e('PHONE_NUMBER', phone(r)).t(`. code status full. next labs ${pick(r, ['am', 'tmrw', 'in 2d'])}.\n`);
  return b;
}

const GENRES: ReadonlyArray<[string, (c: Ctx) => TextBuilder]> = [
  ['discharge-summary', dischargeSummary],
  ['radiology-report', radiology],
  ['soap-progress-note', soap],
  ['physician-shorthand', shorthand],
];

export function clinicalNotesB(split: Split, n: number): LabelledRecord[] {
  const c: Ctx = { r: rng(split === 'dev' ? 3101 : 3102), p: pools(split) };
  const out: LabelledRecord[] = [];
  for (let i = 0; i < n; i++) {
    const [genre, write] = GENRES[i % GENRES.length]!;
    out.push(write(c).build(`clinical-b-${split}-${i + 1}`, { set: 'clinical-b', split, genre }));
  }
  return out;
}
