// TITLE (job titles): occupations that, next to a name, narrow a person down ("Susan Tougas, the
// Immunology technologist, said"). Found in three frames only, each ending on an occupation noun:
// an apposition after a name (", the X,"), a line of its own under a name line (a signature or
// letter block), and a stated role ("works as a X", "job title: X"). Occupation words alone in
// running text ("the manager said") are not reported.
import { firstNames } from '../gazetteers/index.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';

const HEADS = new Set([
  'technician', 'technologist', 'engineer', 'manager', 'clerk', 'operator', 'installer', 'repairer', 'representative', 'coordinator', 'assistant',
  'administrator', 'officer', 'specialist', 'analyst', 'scientist', 'surgeon', 'nurse', 'physician', 'doctor', 'drafter', 'cashier', 'tender',
  'lineman', 'linemen', 'publicist', 'designer', 'developer', 'consultant', 'teacher', 'professor', 'lecturer', 'accountant', 'auditor', 'architect',
  'attorney', 'lawyer', 'paralegal', 'pharmacist', 'therapist', 'dentist', 'hygienist', 'mechanic', 'electrician', 'plumber', 'carpenter',
  'welder', 'driver', 'pilot', 'chef', 'cook', 'baker', 'butcher', 'barber', 'stylist', 'secretary', 'receptionist', 'editor', 'writer',
  'journalist', 'reporter', 'photographer', 'artist', 'musician', 'planner', 'director', 'supervisor', 'inspector', 'investigator', 'counselor',
  'counsellor', 'worker', 'laborer', 'labourer', 'attendant', 'aide', 'agent', 'broker', 'buyer', 'salesperson', 'programmer', 'librarian',
  'curator', 'economist', 'statistician', 'psychologist', 'sociologist', 'chemist', 'physicist', 'biologist', 'geologist', 'veterinarian',
  'maker', 'platemaker', 'fitter', 'setter', 'sorter', 'packer', 'loader', 'guard', 'firefighter', 'paramedic', 'midwife', 'surveyor',
  'estimator', 'dispatcher', 'controller', 'examiner', 'adjuster', 'appraiser', 'underwriter', 'teller', 'executive', 'president', 'ceo', 'cto',
  'cfo', 'founder', 'instructor', 'trainer', 'tutor', 'scheduler', 'handler', 'processor', 'machinist', 'assembler', 'painter', 'gardener',
  'landscaper', 'janitor', 'custodian', 'housekeeper', 'bartender', 'waiter', 'waitress', 'host', 'hostess', 'courier', 'clerk', 'interpreter',
  'translator', 'optician', 'optometrist', 'radiographer', 'sonographer', 'phlebotomist', 'dietitian', 'nutritionist', 'podiatrist', 'chiropractor',
]);

const WORDS = "[\\p{L}][\\p{L}'’-]*(?:,? (?:and |or |& )?[\\p{L}][\\p{L}'’-]*){0,7}";
const APPOSITION = new RegExp(`, the (${WORDS}), (?:said|says|explained|told|added|noted|wrote|recalled|argued)\\b`, 'gu');
const STATED = new RegExp(`\\b(?:works? as an?|worked as an?|working as an?|job title:?|position:|occupation:|role:) ?(${WORDS})`, 'giu');
const LINE = /^[ \t>?*•-]*(\S[^\n]{0,80})$/gmu;

/**
 * A text STATED may match in holds one of its cues' literal words in lower case once lower-cased
 * ("work" of works/worked/working): a few native searches, not a case-insensitive regex over the text.
 * Under /iu only two other characters match an ASCII letter of a cue: KELVIN SIGN, which toLowerCase()
 * makes "k", and LONG S ("ſ"), which it keeps: a text with that one goes to the regex.
 */
function mayStateRole(text: string): boolean {
  const lower = text.toLowerCase();
  return lower.includes('work') || lower.includes('job title') || lower.includes('position:') || lower.includes('occupation:') || lower.includes('role:') || text.includes('\u017f');
}

function endsOnHead(phrase: string): boolean {
  const last = phrase.trim().split(/\s+/).pop()!.toLowerCase().replace(/[^\p{L}]/gu, '');
  return HEADS.has(last) || HEADS.has(last.replace(/s$/, ''));
}

function nameLine(line: string): boolean {
  const words = line.trim().replace(/^[>?*•-]+\s*/, '').split(/\s+/);
  return words.length >= 2 && words.length <= 4 && firstNames().has(words[0]!.toLowerCase()) && words.every((w) => /^\p{L}/u.test(w));
}

function findJobTitles(text: string): readonly Candidate[] {
  let out: Candidate[] | undefined;
  // APPOSITION starts with its literal ", the " (case-sensitive): without it the regex has nothing to find.
  if (text.includes(', the ')) for (const m of text.matchAll(APPOSITION)) {
    const v = m[1]!;
    if (!endsOnHead(v)) continue;
    const start = m.index! + m[0].indexOf(v);
    (out ??= []).push({ start, end: start + v.length, score: 0.65, pattern: 'apposition' });
  }
  if (mayStateRole(text)) {
    for (const m of text.matchAll(STATED)) {
      const v = m[1]!;
      // Trim to the occupation noun: "works as a nurse in Leeds" → "nurse".
      const words = v.split(' ');
      let k = words.length;
      while (k > 0 && !endsOnHead(words.slice(0, k).join(' '))) k--;
      if (k === 0) continue;
      const phrase = words.slice(0, k).join(' ');
      const start = m.index! + m[0].lastIndexOf(v);
      (out ??= []).push({ start, end: start + phrase.length, score: 0.6, pattern: 'stated-role' });
    }
  }
  if (text.includes('\n')) {
    let prev = '';
    for (const m of text.matchAll(LINE)) {
      const line = m[1]!.trimEnd();
      if (nameLine(prev) && endsOnHead(line) && line.split(/\s+/).length <= 9 && !/\d/.test(line)) {
        const start = m.index! + m[0].indexOf(m[1]!);
        (out ??= []).push({ start, end: start + line.length, score: 0.6, pattern: 'under-name' });
      }
      prev = m[0];
    }
  }
  return out ?? NO_CANDIDATES;
}

export const jobTitleRecognizer: Recognizer = {
  id: 'job-title',
  entity: 'TITLE',
  patterns: [],
  find: findJobTitles,
  // Each frame's literal: the apposition's ", the " (any case here), the stated role's cue words, a line break.
  requires: /, the |\n|\b(?:works?|worked|working|job|position|occupation|role)\b/i,
  context: ['title', 'job', 'occupation', 'position', 'role'],
};
