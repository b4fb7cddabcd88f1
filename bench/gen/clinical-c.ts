// A third clinical set, designed apart from clinical.ts (ICU nursing) and clinical-b.ts: ED triage
// notes, radiology reports, discharge summaries, physician SOAP notes in heavy shorthand and nursing
// flowsheet comments, each written as is, in ALL CAPS or all lower case (dictation systems and old
// EHR exports write both). It carries the traps real notes are full of and the other sets lack:
// eponymous devices, signs, scores and operations, exam shorthand that looks like a date ("PS 5/5",
// "2/2 PNA", "1/2 NS"), vitals and ratios, capitalised section headings, drug names (generic and
// brand), relative days ("POD#3", "HD 2"), years alone and clock times.
//
// Labels follow HIPAA Safe Harbor (45 CFR 164.514(b)(2)) as docs/detect.md's hipaa profile reads it:
// PERSON (patients, family, staff; initials after a role cue: "signed out to JK", "d/w K.M."),
// LOCATION (towns, care facilities), DATE_TIME (every date element smaller than a year, in label
// grammar too: "date of admit: 3-6", "surgery date - 12/12", "s/p CABG 2/14"), PHONE_NUMBER (phones,
// pagers, faxes), MEDICAL_RECORD_NUMBER, AGE (90 and over only).
//
// Lexicons, chosen from public references rather than from the other generators:
// - drugs: International Nonproprietary Names from the WHO Model List of Essential Medicines (23rd list,
//   2023), and US brand names as on their FDA labels (DailyMed);
// - eponyms: devices, signs, operations and scales from Whonamedit? (the dictionary of medical eponyms)
//   and the Wikipedia lists of eponymous medical signs and surgical procedures;
// - shorthand: Wikipedia's "List of medical abbreviations" and the Joint Commission "Do Not Use" list
//   (which names the forms clinicians do write: "qd", "U", "MSO4");
// - section headings: the HL7 C-CDA R2.1 section titles (LOINC document sections);
// - triage: the AHRQ Emergency Severity Index (ESI 1-5) and the CDC NHAMCS reasons for visit.
import { TextBuilder, type LabelledRecord } from './builder.js';
import { chance, int, pad2, pick, rng, type Rng } from './rng.js';
import { familyName, givenName, pools, STATE_ABBREVIATIONS, type Pools, type Split } from './vocab.js';

type Casing = 'as-is' | 'upper' | 'lower';
interface Ctx { r: Rng; p: Pools }

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const GENERIC = ['vancomycin', 'piperacillin-tazobactam', 'ceftriaxone', 'azithromycin', 'metronidazole', 'heparin', 'enoxaparin', 'norepinephrine', 'propofol', 'fentanyl', 'midazolam', 'ondansetron', 'furosemide', 'metoprolol', 'amiodarone', 'insulin glargine', 'acetaminophen', 'morphine', 'haloperidol', 'lorazepam', 'salbutamol', 'ipratropium', 'prednisone', 'warfarin', 'aspirin', 'clopidogrel', 'atorvastatin', 'omeprazole', 'potassium chloride', 'magnesium sulfate', 'levetiracetam', 'dexamethasone', 'hydralazine', 'labetalol', 'nitroglycerin', 'naloxone'];
const BRAND = ['Lasix', 'Zofran', 'Levophed', 'Precedex', 'Zosyn', 'Tylenol', 'Ativan', 'Haldol', 'Coumadin', 'Lovenox', 'Protonix', 'Dilaudid', 'Seroquel', 'Keppra', 'Eliquis', 'Xarelto', 'Plavix', 'Lipitor', 'Norco', 'Flomax', 'Senna', 'Colace', 'Narcan', 'Cardizem', 'Lopressor', 'Solu-Medrol', 'Ancef', 'Flagyl', 'Vasotec'];
const DEVICES = ['Swan-Ganz catheter', 'Swan-Ganz', 'Hickman', 'Hickman line', 'Quinton cath', 'Salem sump', 'Foley', 'Foley catheter', 'Jackson-Pratt drain', 'JP drain', 'Blake drain', 'Penrose drain', 'Groshong', 'Ommaya reservoir', 'Yankauer', 'Dobhoff', 'Miami J collar', 'Aspen collar', 'Bair Hugger', 'Sengstaken-Blakemore tube', 'Minnesota tube', 'Pleurx', 'Heimlich valve', 'Pigtail', 'Mepilex', 'Kerlix', 'Steri-Strips', 'Tegaderm'];
const SIGNS = ['Murphy sign negative', 'neg Homans', "McBurney's point nontender", 'Babinski downgoing', 'no Kernig/Brudzinski', 'Romberg neg', "Trousseau's sign absent", 'Chvostek neg', 'Kussmaul respirations', 'Cheyne-Stokes breathing', 'Battle sign absent', 'positive Tinel', 'Phalen neg', 'Lachman stable', 'Rovsing neg'];
const OPERATIONS = ['Whipple', 'Nissen fundoplication', "Hartmann's procedure", 'Roux-en-Y gastric bypass', 'Billroth II', 'CABG', 'TAVR', 'lap chole', 'ex-lap', 'Ivor Lewis esophagectomy', 'Ross procedure', 'Fontan', 'TURP', 'ORIF L hip', 'Kasai'];
const SCORES = ['GCS 15', 'GCS 3T', 'Braden 14', 'Morse 45', 'RASS -1', 'CAM-ICU neg', 'NIHSS 4', 'Wells 1.5', 'CURB-65 2', 'MELD 18', 'Child-Pugh B', 'Apgars 8/9', 'ESI 3', 'CIWA 8', 'COWS 6', 'Ranson 2', 'TIMI 3', 'HAS-BLED 2', 'Mallampati II', 'ASA III'];
const EXAM = ['PERRLA', 'A&Ox3', 'A&O x 4', 'HEENT NCAT', 'CTA b/l', 'CTAB', 'RRR no m/r/g', 'S1S2 nl', 'abd soft NT/ND +BS', 'MAE', 'PS 5/5', 'strength 5/5 x4', 'grip 4/5 L', '2+ DP/PT b/l', 'no JVD', 'no LE edema', 'cap refill <3s', 'EOMI', 'FROM', 'CN II-XII intact', 'pain 6/10', 'pain 0/10', 'skin w/d/i'];
const VITALS = (r: Rng): string => `T ${int(r, 36, 39)}.${int(r, 0, 9)} HR ${int(r, 55, 130)} BP ${int(r, 88, 180)}/${int(r, 45, 100)} RR ${int(r, 12, 30)} SpO2 ${int(r, 88, 100)}% ${pick(r, ['RA', '2L NC', '4L', 'NRB', 'on BiPAP'])}`;
const SHORT = ['2/2 PNA', 'c/o CP', 's/p fall', 'r/o ACS', 'w/u for syncope', 'h/o DM2', 'r/o sepsis', 'N/V/D', 'SOB/DOE', 'I/O 1200/800', 'D5 1/2NS @ 75', '1/2 NS bolus', 'ABG 7.31/48/72', 'vent AC 450/14/5/40%', 'PEEP 8', 'Hgb 7.2 -> 1u PRBC', 'K 3.1', 'Cr 1.8 (bl 1.1)', 'trop <0.01 x2', 'lactate 2.4'];
const HEADINGS = ['CHIEF COMPLAINT:', 'HISTORY OF PRESENT ILLNESS:', 'REVIEW OF SYSTEMS:', 'PHYSICAL EXAM:', 'ASSESSMENT/PLAN:', 'HOSPITAL COURSE:', 'DISCHARGE MEDICATIONS:', 'NEURO:', 'CV:', 'RESP:', 'GI/GU:', 'ID:', 'ENDO:', 'DISPO:', 'SKIN:', 'LINES:'];
const COMPLAINTS = ['chest pain', 'shortness of breath', 'abdominal pain', 'fall', 'syncope', 'fever', 'weakness', 'altered mental status', 'headache', 'back pain', 'vomiting', 'laceration to L hand', 'palpitations'];
const DIAGNOSES = ['NSTEMI', 'sepsis 2/2 UTI', 'CAP', 'CHF exacerbation', 'COPD flare', 'DKA', 'upper GIB', 'SBO', 'AKI on CKD III', 'afib w/ RVR', 'hip fx', 'cellulitis LLE', 'PE', 'SDH'];
const STUDIES = ['CT HEAD WITHOUT CONTRAST', 'CHEST 1 VIEW PORTABLE', 'CTA CHEST PE PROTOCOL', 'CT ABD/PELVIS W/ IV CONTRAST', 'MRI L-SPINE W/O', 'US RENAL', 'KUB', 'XR L HIP 2 VIEWS', 'TTE'];
const FINDINGS = ['Swan-Ganz catheter tip in the right main pulmonary artery.', 'Left IJ Quinton catheter terminates at the cavoatrial junction.', 'Enteric tube (Dobhoff) tip in the stomach.', 'Moderate left pleural effusion, unchanged.', 'No acute fracture or dislocation.', 'Hickman catheter tip projects over the SVC.', 'Mild cardiomegaly. No pneumothorax.', 'Small hiatal hernia. Nissen wrap intact.', 'Post-surgical changes of Whipple procedure.', 'Foley catheter balloon within a decompressed bladder.'];
const RELATIVE = ['POD#3', 'POD 1', 'HD#2', 'hospital day 5', 'day 3 abx', 'post op day 2', 'ICU day 4', 'yesterday', 'this AM', 'overnight', 'today'];
const RELATIONS = ['daughter', 'son', 'wife', 'husband', 'HCP', 'niece', 'brother', 'partner', 'mother'];
const ROLES_BEFORE = ['signed out to', 'd/w', 'discussed w/', 'case reviewed with', 'seen and examined w/', 'handoff to', 'per', 'paged'];
const ROLE_WORD = ['RN', 'NP', 'PA', 'resident', 'fellow', 'attending', 'charge RN', 'night float'];
const FACILITY_HEADS = ['General Hospital', 'Medical Center', 'Community Hospital', 'Rehab Center', 'Nursing and Rehab', 'Senior Living', 'Hospice House', 'VNA', 'Health Center', 'Memorial'];
const SAINTS = ['St. Luke', 'St. Joseph', 'St. Elizabeth', 'St. Vincent', 'St. Mary', 'Mercy', 'Good Samaritan', 'Holy Family'];
const UNITS = ['MICU', 'SICU', 'CCU', 'PACU', '7 North', 'step-down', 'tele', 'the floor', 'OR', 'ED', 'cath lab', 'IR'];

/** A month/day (sometimes with a year) in the shapes notes use, incl. label grammar and written months. */
function date(r: Rng): string {
  const m = int(r, 1, 12);
  const d = int(r, 1, 28);
  const y = int(r, 2016, 2025);
  switch (int(r, 0, 9)) {
    case 0: case 1: return `${m}/${d}`;
    case 2: return `${m}-${d}`;
    case 3: return `${pad2(m)}/${pad2(d)}/${y}`;
    case 4: return `${m}/${d}/${y % 100}`;
    case 5: return `${MON[m - 1]} ${d}`;
    case 6: return `${d}-${MON[m - 1]}`;
    case 7: return `${MONTH[m - 1]} ${d}`;
    case 8: return `${pad2(m)}.${pad2(d)}.${y}`;
    default: return `${MON[m - 1]}. ${d}, ${y}`;
  }
}

/** A clock time: never PHI. */
function clock(r: Rng): string {
  const h = int(r, 0, 23);
  const mi = pick(r, [0, 5, 15, 20, 30, 40, 45, 50]);
  return pick(r, [`${pad2(h)}${pad2(mi)}`, `${pad2(h)}:${pad2(mi)}`, `${(h % 12) + 1}:${pad2(mi)}${pick(r, ['a', 'p', 'am', 'pm'])}`]);
}

function phone(r: Rng): string {
  const a = int(r, 201, 989);
  const x = int(r, 201, 989);
  const n = String(int(r, 0, 9999)).padStart(4, '0');
  switch (int(r, 0, 4)) {
    case 0: return `(${a}) ${x}-${n}`;
    case 1: return `${a}-${x}-${n}`;
    case 2: return `${x}-${n}`;
    case 3: return `${a}.${x}.${n}`;
    default: return `${a}/${x}-${n}`;
  }
}

function mrn(r: Rng): string {
  switch (int(r, 0, 2)) {
    case 0: return String(int(r, 1000000, 9999999));
    case 1: return `${pad2(int(r, 0, 99))}${pad2(int(r, 0, 99))}${pad2(int(r, 0, 99))}${pad2(int(r, 10, 99))}`;
    default: return `${int(r, 100, 999)}-${int(r, 10, 99)}-${int(r, 10, 99)}`;
  }
}

function town(c: Ctx): string {
  return pick(c.r, c.p.cities).split('|')[0]!;
}

function townState(c: Ctx): [string, string] {
  const [t, s] = pick(c.r, c.p.cities).split('|') as [string, string];
  return [t, s];
}

function facility(c: Ctx): string {
  switch (int(c.r, 0, 3)) {
    case 0: return `${town(c)} ${pick(c.r, FACILITY_HEADS)}`;
    case 1: return `${pick(c.r, SAINTS.slice(0, 5))}'s`;
    case 2: return `${familyName(c.r, c.p)} ${pick(c.r, FACILITY_HEADS)}`;
    default: return `${pick(c.r, SAINTS)} ${pick(c.r, ['Hospital', 'Medical Center'])}`;
  }
}

function initials(c: Ctx): string {
  const a = givenName(c.r, c.p)[0]!;
  const b = familyName(c.r, c.p)[0]!;
  return chance(c.r, 0.5) ? `${a}${b}` : `${a}.${b}.`;
}

/** A clinician after a role cue: "signed out to JK", "d/w Dr. Osei", "per Maria (RN)", "paged Dr Holt". */
function staff(b: TextBuilder, c: Ctx): TextBuilder {
  const { r } = c;
  b.t(`${pick(r, ROLES_BEFORE)} `);
  switch (int(r, 0, 4)) {
    case 0: return b.e('PERSON', initials(c)).t(chance(r, 0.5) ? ` ${pick(r, ROLE_WORD)}` : '');
    case 1: return b.t(pick(r, ['Dr. ', 'Dr ', 'dr '])).e('PERSON', familyName(r, c.p));
    case 2: return b.t(`${pick(r, ROLE_WORD)} `).e('PERSON', givenName(r, c.p));
    case 3: return b.e('PERSON', givenName(r, c.p)).t(` (${pick(r, ROLE_WORD)})`);
    default: return b.t('Dr. ').e('PERSON', `${givenName(r, c.p)[0]!}. ${familyName(r, c.p)}`);
  }
}

/** An age with its suffix: labelled only from 90 (Safe Harbor). */
function age(b: TextBuilder, r: Rng): TextBuilder {
  const a = chance(r, 0.3) ? int(r, 90, 104) : int(r, 19, 89);
  const suffix = pick(r, [' yo ', 'yo ', ' y/o ', ' year old ', pick(r, ['M ', 'F ']), ' yr old ']);
  return a >= 90 ? b.e('AGE', String(a)).t(suffix) : b.t(`${a}${suffix}`);
}

function trap(r: Rng): string {
  switch (int(r, 0, 5)) {
    case 0: return pick(r, DEVICES);
    case 1: return pick(r, SIGNS);
    case 2: return pick(r, SCORES);
    case 3: return pick(r, EXAM);
    case 4: return pick(r, SHORT);
    default: return `${pick(r, chance(r, 0.5) ? GENERIC : BRAND)} ${pick(r, ['given', 'held', 'started', 'd/c\'d', 'x1', 'PRN', 'gtt titrated'])}`;
  }
}

function traps(r: Rng, n: number): string {
  return Array.from({ length: n }, () => trap(r)).join(pick(r, ['. ', ', ', '; ']));
}

function edTriage(c: Ctx): TextBuilder {
  const { r } = c;
  const b = new TextBuilder().t(`ED TRIAGE NOTE  ${pick(r, ['ESI 2', 'ESI 3', 'ESI 4', 'acuity 3'])}\nArrival: `).e('DATE_TIME', date(r)).t(` ${clock(r)} via ${pick(r, ['EMS', 'walk-in', 'private car', 'med flight'])}\nPt: `);
  b.e('PERSON', `${familyName(r, c.p)}, ${givenName(r, c.p)}`).t(pick(r, ['  MRN ', '  MR# ', '  Unit #: '])).e('MEDICAL_RECORD_NUMBER', mrn(r)).t('\nCC: ');
  age(b, r).t(`c/o ${pick(r, COMPLAINTS)} x ${int(r, 1, 5)} ${pick(r, ['days', 'hrs', 'wks'])}. `);
  if (chance(r, 0.5)) b.t('Sent from ').e('LOCATION', facility(c)).t(' w/ ').t(pick(r, DEVICES)).t(' in place. ');
  else {
    const [t, s] = townState(c);
    b.t('Lives alone in ').e('LOCATION', t).t(`, ${s}. `);
  }
  b.t(`${traps(r, 2)}.\nVS: ${VITALS(r)}. ${pick(r, SCORES)}.\nPMH: ${pick(r, OPERATIONS)} `).t(chance(r, 0.5) ? `${int(r, 1998, 2022)}` : 'remote').t(`, ${pick(r, DIAGNOSES)}. Last seen by PCP `);
  b.t(pick(r, ['Dr. ', 'Dr '])).e('PERSON', familyName(r, c.p)).t(' on ').e('DATE_TIME', date(r)).t('.\nContact: ').t(`${pick(r, RELATIONS)} `).e('PERSON', givenName(r, c.p)).t(' ').e('PHONE_NUMBER', phone(r)).t('.\n');
  return b;
}

function radiology(c: Ctx): TextBuilder {
  const { r } = c;
  const b = new TextBuilder().t(`${pick(r, STUDIES)}\nDATE: `).e('DATE_TIME', date(r)).t(`  TIME: ${clock(r)}\nMRN: `).e('MEDICAL_RECORD_NUMBER', mrn(r)).t('\nREFERRING: ');
  b.e('PERSON', `${givenName(r, c.p)} ${familyName(r, c.p)}`).t(pick(r, [', MD', ' MD', ', NP', ', PA-C'])).t('\nHISTORY: ');
  age(b, r).t(`${pick(r, ['s/p', 'w/'])} ${pick(r, OPERATIONS)} `).e('DATE_TIME', date(r)).t(`, ${pick(r, RELATIVE)}. Eval line placement.\nCOMPARISON: `);
  if (chance(r, 0.6)) b.e('DATE_TIME', date(r)).t(chance(r, 0.5) ? ' from ' : ' at ').e('LOCATION', facility(c));
  else b.t('None.');
  b.t(`\nFINDINGS: ${pick(r, FINDINGS)} ${pick(r, FINDINGS)}\nIMPRESSION:\n1. ${pick(r, FINDINGS)}\nCritical result called to `);
  b.t(pick(r, ['Dr. ', 'Dr '])).e('PERSON', familyName(r, c.p)).t(` at ${clock(r)}, read back confirmed. Reading room `).e('PHONE_NUMBER', phone(r)).t('.\n');
  return b;
}

function discharge(c: Ctx): TextBuilder {
  const { r } = c;
  const b = new TextBuilder().t('DISCHARGE SUMMARY\n').t(pick(r, ['Name: ', 'PATIENT: '])).e('PERSON', `${givenName(r, c.p)} ${givenName(r, c.p)[0]!}. ${familyName(r, c.p)}`);
  b.t(pick(r, ['\nMed Rec No: ', '\nMRN: '])).e('MEDICAL_RECORD_NUMBER', mrn(r));
  b.t(pick(r, ['\nDate of admit: ', '\nAdmit date - ', '\nADM: '])).e('DATE_TIME', date(r));
  b.t(pick(r, ['\nDate of discharge: ', '\nDischarge date - ', '\nD/C: '])).e('DATE_TIME', date(r));
  if (chance(r, 0.5)) b.t(pick(r, ['\nSurgery date - ', '\nDate of surgery: ', '\nOR: '])).e('DATE_TIME', date(r));
  b.t(`\n\nHISTORY OF PRESENT ILLNESS:\n`);
  age(b, r).t(`w/ h/o ${pick(r, OPERATIONS)} (${int(r, 2001, 2021)}), ${pick(r, DIAGNOSES)}, admitted ${pick(r, ['from', 'via transfer from'])} `).e('LOCATION', facility(c)).t(`. ${traps(r, 2)}.\n\nHOSPITAL COURSE:\n`);
  b.t(`${pick(r, HEADINGS.slice(7))} ${traps(r, 2)}. ${pick(r, RELATIVE)} ${pick(r, DEVICES)} removed. Pt `);
  b.t(`underwent ${pick(r, OPERATIONS)} on `).e('DATE_TIME', date(r)).t(` with ${pick(r, ['Dr. ', 'Dr '])}`).e('PERSON', familyName(r, c.p)).t('.\n\nDISCHARGE MEDICATIONS:\n');
  b.t(`1. ${pick(r, GENERIC)} ${int(r, 1, 80)} mg ${pick(r, ['PO daily', 'BID', 'q6h PRN', 'qhs'])}\n2. ${pick(r, BRAND)} ${pick(r, ['1 tab PO', '1/2 tab PO', '40 mg'])} ${pick(r, ['daily', 'BID'])}\n\nDISPO: `);
  b.t(pick(r, ['Discharged to ', 'to ', 'D/C to '])).e('LOCATION', facility(c)).t(` in `).e('LOCATION', town(c)).t(`, ${pick(r, STATE_ABBREVIATIONS)}.\nFollow up with `);
  b.e('PERSON', `${givenName(r, c.p)} ${familyName(r, c.p)}`).t(`, MD on `).e('DATE_TIME', date(r)).t(`; office `).e('PHONE_NUMBER', phone(r)).t(', fax ').e('PHONE_NUMBER', phone(r)).t('.\n');
  return b;
}

function soap(c: Ctx): TextBuilder {
  const { r } = c;
  const b = new TextBuilder().t(`${pick(r, ['MICU', 'Medicine', 'Surgery', 'Cards'])} progress note `).e('DATE_TIME', date(r)).t(` ${pick(r, RELATIVE)}\nS: `);
  b.t(`${pick(r, ['pt', 'Pt'])} ${pick(r, ['feels better', 'c/o pain 5/10', 'slept poorly', 'no o/n events', 'more confused o/n'])}. ${traps(r, 1)}.\n`);
  b.t(`O: ${VITALS(r)}\n${traps(r, 3)}\n${pick(r, SHORT)}, ${pick(r, SHORT)}\nA/P: `);
  age(b, r).t(`${pick(r, ['s/p', 'w/'])} ${pick(r, OPERATIONS)} `).e('DATE_TIME', date(r)).t(`, now ${pick(r, DIAGNOSES)}.\n`);
  b.t(`- ${pick(r, HEADINGS.slice(7))} ${traps(r, 2)}\n- ${pick(r, GENERIC)} -> ${pick(r, BRAND)}\n- `);
  staff(b, c).t(`, `);
  staff(b, c).t(`\n- dispo: ${pick(r, UNITS)} vs `).e('LOCATION', facility(c)).t(`; ${pick(r, RELATIONS)} `).e('PERSON', givenName(r, c.p)).t(` updated ${pick(r, ['@', 'at'])} `).e('PHONE_NUMBER', phone(r)).t('\n');
  if (chance(r, 0.4)) b.t('pager ').e('PHONE_NUMBER', phone(r)).t('\n');
  return b;
}

function flowsheet(c: Ctx): TextBuilder {
  const { r } = c;
  const b = new TextBuilder();
  b.t(`${clock(r)} `).t(`${traps(r, 2)}. `);
  if (chance(r, 0.5)) b.t(`${pick(r, ['Swan', 'Hickman', 'Quinton', 'Foley', 'JP'])} site ${pick(r, ['CDI', 'c/d/i', 'dsg changed'])}. `);
  b.t(`${clock(r)} `);
  staff(b, c).t(` re ${pick(r, ['low UOP', 'MAP 58', 'K 3.0', 'agitation', 'new afib'])}, orders rec'd. `);
  b.t(`${pick(r, SCORES)}. ${pick(r, RELATIONS)} `).e('PERSON', `${givenName(r, c.p)}${chance(r, 0.5) ? ` ${familyName(r, c.p)}` : ''}`).t(' called, updated. ');
  b.t(pick(r, ['Foley changed ', 'line placed ', 'last BM ', 'PICC placed '])).e('DATE_TIME', date(r)).t('. ');
  if (chance(r, 0.5)) b.t(`Awaiting bed at `).e('LOCATION', facility(c)).t('; CM ').e('PHONE_NUMBER', phone(r)).t('. ');
  b.t(`${clock(r)} ${traps(r, 1)}. `);
  staff(b, c).t('\n');
  return b;
}

const GENRES: ReadonlyArray<[string, (c: Ctx) => TextBuilder]> = [
  ['ed-triage', edTriage],
  ['radiology-report', radiology],
  ['discharge-summary', discharge],
  ['soap-progress-note', soap],
  ['nursing-flowsheet', flowsheet],
];

export function clinicalNotesC(split: Split, n: number): LabelledRecord[] {
  const c: Ctx = { r: rng(split === 'dev' ? 4201 : 4202), p: pools(split) };
  const out: LabelledRecord[] = [];
  for (let i = 0; i < n; i++) {
    const [genre, write] = GENRES[i % GENRES.length]!;
    const x = c.r();
    const casing: Casing = x < 0.6 ? 'as-is' : x < 0.8 ? 'upper' : 'lower';
    out.push(write(c).build(`clinical-c-${split}-${i + 1}`, { set: 'clinical-c', split, genre: casing === 'as-is' ? genre : `${genre}-${casing}` }, casing));
  }
  return out;
}
