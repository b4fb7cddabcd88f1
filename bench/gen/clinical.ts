// ICU nursing notes in shorthand, labelled under HIPAA Safe Harbor (45 CFR 164.514(b)(2)): names
// (patients, family, staff, also initials after a role cue), every date element smaller than a year
// ("8/28", "10/3/19", "Jan 5"), geography smaller than a state (towns, hospitals, rehabs, nursing
// homes and their abbreviations), phone and pager numbers, medical record numbers, and ages over 89.
// Not labelled, because Safe Harbor does not remove them: clock times ("@ 0800", "1400"), years alone,
// ages of 89 and under, states, wards and units named by function (MICU, 4 West), drugs, devices,
// lines, eponymous devices (Foley, Swan, Hickman), vitals, doses.
//
// Two template families: the dev split uses family A phrasings, the held-out split family B, each
// with its own seed and its own half of the name and town pools (vocab.ts).
import { TextBuilder, type LabelledRecord } from './builder.js';
import { chance, int, pad2, pick, rng, type Rng } from './rng.js';
import { familyName, givenName, pools, type Pools, type Split } from './vocab.js';

type Casing = 'as-is' | 'upper' | 'lower';
interface Ctx { r: Rng; p: Pools; b: TextBuilder; fam: 'A' | 'B'; casing: Casing }

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A name's casing inside a note: mostly as the note goes, sometimes lower or upper on its own. */
function nameCase(c: Ctx, s: string): string {
  if (c.casing !== 'as-is') return s;
  const x = c.r();
  return x < 0.7 ? s : x < 0.85 ? s.toLowerCase() : s.toUpperCase();
}

function date(c: Ctx): string {
  const m = int(c.r, 1, 12);
  const d = int(c.r, 1, 28);
  const y = int(c.r, 15, 24);
  switch (int(c.r, 0, c.fam === 'A' ? 5 : 6)) {
    case 0: return `${m}/${d}`;
    case 1: return `${m}/${d}/${y}`;
    case 2: return `${pad2(m)}/${pad2(d)}`;
    case 3: return `${m}/${d}/20${y}`;
    case 4: return `${pick(c.r, MONTHS)} ${d}`;
    case 5: return `${m}-${d}`;
    default: return `${d} ${pick(c.r, MONTHS_LONG)}`;
  }
}

/** A clock time: never PHI under Safe Harbor, and frequent in nursing notes. */
function clock(c: Ctx): string {
  const h = int(c.r, 0, 23);
  const mi = pick(c.r, [0, 0, 15, 30, 45]);
  switch (int(c.r, 0, 3)) {
    case 0: return `${pad2(h)}${pad2(mi)}`;
    case 1: return `${pad2(h)}:${pad2(mi)}`;
    case 2: return `${(h % 12) + 1}${pick(c.r, ['am', 'pm', 'a', 'p'])}`;
    default: return `${h}:${pad2(mi)}`;
  }
}

function phone(c: Ctx): string {
  const a = int(c.r, 201, 989);
  const x = int(c.r, 201, 989);
  const n = String(int(c.r, 0, 9999)).padStart(4, '0');
  switch (int(c.r, 0, 3)) {
    case 0: return `(${a}) ${x}-${n}`;
    case 1: return `${a}-${x}-${n}`;
    case 2: return `${a}.${x}.${n}`;
    default: return `${x}-${n}`;
  }
}

function town(c: Ctx): { name: string; state: string } {
  const [name, state] = pick(c.r, c.p.cities).split('|') as [string, string];
  return { name, state };
}

/** A facility's name and the initials staff write for it. */
function facility(c: Ctx, kind: 'hospital' | 'rehab' | 'home'): { name: string; abbr: string } {
  const t = town(c).name;
  const fam = familyName(c.r, c.p);
  const forms = kind === 'hospital'
    ? [`${t} General Hospital`, `${t} Medical Center`, `${fam} Memorial Hospital`, `St. ${givenName(c.r, c.p)}'s Hospital`, `${t} Regional`, `${fam} Memorial`]
    : kind === 'rehab'
      ? [`${fam} Rehab`, `${t} Rehabilitation Hospital`, `${fam} Rehabilitation Center`, `${t} Rehab`]
      : [`${fam} Manor`, `${t} Nursing Home`, `${fam} House`, `${t} Health Care Center`];
  const name = pick(c.r, forms);
  const abbr = name.replace(/St\. /, 'S ').split(/\s+/).map((w) => w[0]!.toUpperCase()).join('');
  return { name, abbr };
}

function person(c: Ctx, full: boolean): string {
  const g = givenName(c.r, c.p);
  const f = familyName(c.r, c.p);
  return nameCase(c, full ? `${g} ${f}` : g);
}

function initials(c: Ctx): string {
  const g = givenName(c.r, c.p)[0]!;
  const f = familyName(c.r, c.p)[0]!;
  return chance(c.r, 0.3) ? `${g}.${f}.` : `${g}${f}`;
}

// --- the clinical body: no PHI -----------------------------------------------------------------------
const NEURO = ['A&Ox3, MAE, follows commands', 'neuro: sedated on propofol @ 30mcg/kg/min, RASS -2', 'PERRLA 3mm brisk', 'A&O x1, pleasantly confused, reoriented freq', 'CAM ICU neg', 'no focal deficits, +gag/+cough', 'GCS 10T', 'pain 4/10, fentanyl 25mcg IV x1 w/ effect', 'lethargic but arousable to voice', 'CIWA 6'];
const CV = ['HR 88-102 SR, no ectopy', 'BP 98/54 (68), levophed @ 0.06', 'NSR 70s, occ PVCs', 'afib RVR 120s, dilt gtt started', 'SBP 110-130s', 'pulses +2 DP/PT bilat', 'K 3.2 repleted w/ 40meq KCL', 'CVP 8-10', 'trop neg x2', 'Swan in place, CI 2.4', 'MAP >65 goal met'];
const RESP = ['LS CTA bilat', 'LS coarse, diminished bases', 'on 2L NC sats 94-97%', 'vent: AC 500x14 PEEP 5 FiO2 40%', 'suctioned for thick tan secretions', 'ABG 7.38/42/88', 'CXR w/ RLL infiltrate', 'BiPAP overnight 12/5', 'SOB w/ exertion, RR 20s', 'ETT 7.5 @ 23 at the lip', 'weaned to PS 5/5, tol well', 'IS 750cc'];
const GI = ['abd soft NT/ND, +BS', 'NPO after midnight for procedure', 'TF @ goal 60cc/hr via OGT', 'tol clears', 'last BM unknown, bowel regimen given', 'Dobhoff placed, KUB confirmed', 'Flexiseal draining brown liquid stool', 'FSBS 142, 4u SSI given', 'nausea, zofran 4mg IV PRN w/ relief', 'Salem sump to LIWS, bilious output'];
const GU = ['foley draining clear yellow urine', 'UOP 30-50cc/hr', 'voiding in urinal', 'Cr 1.4 up from 1.1', 'lasix 40mg IV given, good response', 'amber urine, sent UA/UC', 'CRRT running, net neg 50/hr', 'foley d/c, DTV'];
const SKIN = ['skin intact', 'stage II on coccyx, Mepilex applied', 'incision C/D/I', 'ecchymosis L arm', 'turned q2h', 'wound vac to abd at 125mmHg', 'JP drain w/ 40cc serosang', 'bilat heels boggy, offloaded'];
const LINES = ['R IJ TLC', 'L radial a-line', 'PIV x2', 'R PICC 5Fr DL', 'Hickman', 'HD cath L fem', 'PleurX', 'Cordis R IJ', 'port accessed', 'Quinton R SC'];
const ID = ['Tmax 101.2, cx sent', 'on vanc/zosyn', 'afebrile', 'WBC 14.2', 'MRSA swab pend', 'on contact precautions for C diff'];
const PLAN = ['cont to monitor', 'wean sedation as tol', 'f/u AM labs', 'plan to extubate in AM', 'consult PT/OT', 'goals of care mtg tmrw', 'DNR/DNI confirmed', 'keep K >4, Mg >2', 'heme/onc to see', 'CMO discussion ongoing', 'HEENT unremarkable', 'pending CT head'];

function body(c: Ctx, n: number): void {
  const sections: Array<[string, readonly string[]]> = [['Neuro', NEURO], ['CV', CV], ['Resp', RESP], ['GI', GI], ['GU', GU], ['Skin', SKIN], ['ID', ID]];
  for (let k = 0; k < n; k++) {
    const [h, xs] = pick(c.r, sections);
    const items = [pick(c.r, xs), ...(chance(c.r, 0.5) ? [pick(c.r, xs)] : [])];
    c.b.t(c.fam === 'A' ? `${h}: ${items.join(', ')}. ` : `${h.toUpperCase()} - ${items.join('; ')}\n`);
    if (chance(c.r, 0.35)) c.b.t(`${pick(c.r, ['@', 'at', ''])} ${clock(c)} `.trimStart()).t(`${pick(c.r, ['lytes repleted', 'BS 180', 'pt turned', 'tylenol given', 'lasix given', 'MD at bedside', 'family called'])}. `);
  }
}

// --- PHI fragments, in two families -------------------------------------------------------------------
function intro(c: Ctx): void {
  const old = chance(c.r, 0.25);
  const age = String(old ? int(c.r, 90, 103) : int(c.r, 19, 89));
  const ageSpan = (b: TextBuilder) => (old ? b.e('AGE', age) : b.t(age));
  const sex = pick(c.r, ['M', 'F', 'yo M', 'yo F']);
  if (c.fam === 'A') {
    ageSpan(c.b.t(pick(c.r, ['', 'Pt is ', 'pt '])));
    c.b.t(`${sex.startsWith('yo') ? ' ' : ''}${sex} adm ${pick(c.r, ['', 'on '])}`).e('DATE_TIME', date(c)).t(` w/ ${pick(c.r, ['urosepsis', 'COPD exac', 'SAH', 'GIB', 'CHF exac', 'DKA', 'PNA', 'ETOH w/d'])}. `);
  } else {
    ageSpan(c.b.t(`${pick(c.r, ['this is a', 'pt is a', ''])} `.trimStart())).t(`${pick(c.r, [' y/o', ' y.o.', 'yo', ' year old'])} ${pick(c.r, ['man', 'woman', 'male', 'female'])} s/p ${pick(c.r, ['CABG', 'ex-lap', 'fall', 'MVC', 'arrest'])} on `).e('DATE_TIME', date(c)).t('. ');
  }
  if (chance(c.r, 0.3)) c.b.t(pick(c.r, ['MRN ', 'MRN: ', 'Med Rec # ', 'medical record no. '])).e('MEDICAL_RECORD_NUMBER', String(int(c.r, 1000000, 99999999))).t('. ');
}

function transfer(c: Ctx): void {
  const kind = pick(c.r, ['hospital', 'hospital', 'rehab', 'home'] as const);
  const f = facility(c, kind);
  const useAbbr = chance(c.r, 0.3);
  // A full name is written in any casing, as names are ("d/c to hillcrest rehab").
  const name = useAbbr ? f.abbr : nameCase(c, f.name);
  if (c.fam === 'A') {
    const cue = kind === 'hospital' ? pick(c.r, ['transferred from ', 'tx from ', 'sent in from ', 'OSH was ', 'to be transferred to ']) : pick(c.r, ['plan d/c to ', 'screening for ', 'came from ', 'resides at ', 'd/c to ']);
    c.b.t(cue).e('LOCATION', name).t(pick(c.r, [' for further mgmt. ', '. ']));
  } else {
    const cue = kind === 'hospital' ? pick(c.r, ['pt was at ', 'initially seen at ', 'med flighted from ', 'records faxed from ']) : pick(c.r, ['CM working on bed at ', 'will go back to ', 'lives at ', 'accepted at ']);
    c.b.t(cue).e('LOCATION', name).t(pick(c.r, [', ', '. ', ' - ']));
  }
  if (chance(c.r, 0.4)) c.b.t(pick(c.r, ['since ', 'on ', 'as of '])).e('DATE_TIME', date(c)).t('. ');
}

function social(c: Ctx): void {
  const rel = pick(c.r, c.fam === 'A' ? ['wife', 'husband', 'dtr', 'son', 'daughter', 'sister', 'HCP'] : ['niece', 'brother', 'mother', 'grandson', 'friend', 'partner', 'neighbor']);
  if (c.fam === 'A') {
    c.b.t(`${rel} `).e('PERSON', person(c, chance(c.r, 0.4))).t(pick(c.r, [' at bedside, updated. ', ' called, questions answered. ', ' in to visit. ']));
    if (chance(c.r, 0.5)) c.b.t(`${pick(c.r, ['her', 'his', 'their'])} # `).e('PHONE_NUMBER', phone(c)).t('. ');
  } else {
    c.b.t(`spoke w/ ${rel} `).e('PERSON', person(c, chance(c.r, 0.5))).t(' re: plan of care');
    if (chance(c.r, 0.5)) c.b.t(', can be reached at ').e('PHONE_NUMBER', phone(c));
    c.b.t('. ');
  }
  if (chance(c.r, 0.35)) {
    const t = town(c);
    c.b.t(pick(c.r, c.fam === 'A' ? ['lives in ', 'pt from ', 'lives alone in '] : ['home is ', 'resident of ', 'family drove in from '])).e('LOCATION', nameCase(c, t.name)).t(chance(c.r, 0.5) ? `, ${t.state}. ` : '. ');
  }
}

function staff(c: Ctx): void {
  const last = familyName(c.r, c.p);
  const k = int(c.r, 0, 3);
  if (c.fam === 'A') {
    if (k === 0) c.b.t('Dr. ').e('PERSON', nameCase(c, last)).t(pick(c.r, [' aware', ' notified', ' at bedside'])).t('. ');
    else if (k === 1) c.b.t(pick(c.r, ['per NP ', 'MD ', 'resident '])).e('PERSON', nameCase(c, last)).t(' made aware of ').t(pick(c.r, ['BP', 'UOP', 'K', 'sats'])).t('. ');
    else if (k === 2) c.b.t(pick(c.r, ['per RN ', 'd/w NP ', 'signed out to '])).e('PERSON', initials(c)).t('. ');
    else c.b.t('report given to ').e('PERSON', nameCase(c, givenName(c.r, c.p))).t(' RN. ');
  } else {
    if (k === 0) c.b.t(pick(c.r, ['attending ', 'covering dr ', 'fellow '])).e('PERSON', nameCase(c, last)).t(' paged ').t(pick(c.r, ['@ ', ''])).t(clock(c)).t(', ');
    else if (k === 1) c.b.t('team (attending ').e('PERSON', nameCase(c, last)).t(') updated. ');
    else if (k === 2) c.b.t(pick(c.r, ['charge RN ', 'RT ', 'pharmacist '])).e('PERSON', initials(c)).t(' aware. ');
    else c.b.t('care assumed by ').e('PERSON', person(c, true)).t(', RN. ');
  }
}

function note(split: Split, i: number, r: Rng): LabelledRecord {
  const p = pools(split);
  const casing: Casing = pick(r, ['as-is', 'as-is', 'as-is', 'as-is', 'upper', 'upper', 'upper', 'lower', 'lower', 'lower']);
  const c: Ctx = { r, p, b: new TextBuilder(), fam: split === 'dev' ? 'A' : 'B', casing };
  if (chance(r, 0.5)) c.b.t(pick(r, ['NPN 7a-7p: ', 'Nursing progress note: ', 'MICU NSG ', 'CCU nursing note ', 'SICU: ']));
  // A labelled date without a year, as note headers write it ("DISCHARGE DATE: 12/12").
  if (chance(r, 0.25)) c.b.t(pick(r, c.fam === 'A' ? ['DISCHARGE DATE: ', 'ADMISSION DATE: ', 'Date: ', 'Admit date: '] : ['date of admit: ', 'D/C DATE ', 'DOS: ', 'Surgery date - '])).e('DATE_TIME', date(c)).t(pick(r, ['\n', '. ']));
  intro(c);
  const parts = [() => body(c, int(r, 1, 3)), () => social(c), () => staff(c), () => body(c, int(r, 1, 2)), () => (chance(r, 0.6) ? transfer(c) : undefined), () => staff(c)];
  for (const part of parts) if (chance(r, 0.85)) part();
  if (chance(r, 0.5)) c.b.t(`Lines: ${pick(r, LINES)}, ${pick(r, LINES)}. `);
  if (chance(r, 0.4)) c.b.t(pick(r, ['last BM ', 'extubated ', 'CT ', 'blood cx from '])).e('DATE_TIME', date(c)).t(pick(r, ['. ', ' neg. ', ' NGTD. ']));
  c.b.t(`Plan: ${pick(r, PLAN)}, ${pick(r, PLAN)}.`);
  return c.b.build(`icu-${split}-${i + 1}`, { set: 'icu-notes', split, genre: 'icu-nursing-note' }, casing);
}

/** `n` notes of one split; the same split and n always give the same notes. */
export function clinicalNotes(split: Split, n: number): LabelledRecord[] {
  const r = rng(split === 'dev' ? 1301 : 9907);
  return Array.from({ length: n }, (_, i) => note(split, i, r));
}
