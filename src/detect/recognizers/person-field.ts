// PERSON from the places forms and notes write a name in, by its shape there:
// - after a name field's label, family name, comma, given name: "PATIENT: FLATLEY, KORELLA",
//   "Name: Doe, Jane M" — one name, where the word lists alone find two;
// - an initial and a family name after a cue that a person follows: "ATTENDING: C. Gradavist",
//   "Dictated by: H. Polaner", "discussed with M. Bachaynchn", "seen by r. alexander";
// - the words between a patient cue and the age-and-sex appositive: "pt katti torcobsher, 96m",
//   "patient Jon Roe, 45 yo F" — the appositive says a person was just named, in any casing.
// The cue and the shape are the evidence, so the words may be in no list; they must still look like
// name words (letters only, not a frequent English word or an abbreviation unless a name list holds
// them). Never a whole line of text: at most three words.
import { FIRST_NAME, LAST_NAME, MEDICAL_EPONYM } from '../gazetteers/index.js';
import { textCasing } from '../casing.js';
import { cueEnds, inList, joined, type Token, tokenAt, tokenize } from '../tokens.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';
import { nameWord as sharedNameWord, personRecognizer } from './person.js';

/** Labels of a field that holds a person's name, as forms and note headers write them. */
const NAME_FIELDS = ['patient:', 'patient name:', 'pt name:', 'pt:', 'name:', 'full name:', 'member:', 'member name:', 'insured:', 'subscriber:', 'guarantor:', 'resident:', 'client:', 'attending:', 'physician:', 'provider:', 'pcp:', 'referring physician:', 'ordering physician:', 'dictated by:', 'signed by:', 'electronically signed by:', 'cc:'];
/** Cues after which an initial and a family name are a person ("by C. Kuhnes", "with PCP D. Harts"). */
const INITIAL_CUES = [...NAME_FIELDS, 'attending', 'dictated by', 'signed by', 'cc', 'dr', 'dr.', 'doctor', 'by', 'with', 'pcp', 'to', 'per', 'and', 'resident', 'fellow', 'surgeon', 'nurse', 'rn', 'np', 'pa', 'md'];
/**
 * Cues that name who follows, after which a lower-case initial and name count in text that has
 * capitals ("pt seen by r. alexander"); after "with", "and" or "to" the initial must be a capital.
 */
const LOWER_INITIAL_CUES = ['attending', 'attending:', 'dictated by', 'dictated by:', 'signed by', 'signed by:', 'cc:', 'dr', 'dr.', 'seen by', 'consult by', 'evaluated by', 'examined by', 'discussed with', 'd/w', 'pcp', 'surgeon'];
/**
 * Species in binomial names written with the genus's initial ("C. diff", "E. coli", "S. aureus"):
 * the shape of an initial and a family name, but an organism.
 */
const SPECIES = new Set(['coli', 'diff', 'difficile', 'aureus', 'pylori', 'pneumoniae', 'influenzae', 'faecalis', 'faecium', 'albicans', 'epidermidis', 'pyogenes', 'agalactiae', 'jirovecii', 'glabrata', 'cloacae', 'marcescens', 'aeruginosa', 'baumannii', 'perfringens', 'botulinum', 'tetani', 'trachomatis', 'gonorrhoeae', 'burgdorferi', 'pallidum', 'tuberculosis', 'fragilis', 'mirabilis', 'vulgaris', 'freundii', 'oxytoca', 'meningitidis', 'catarrhalis', 'monocytogenes', 'enterica', 'typhi', 'jejuni', 'cholerae', 'vulnificus', 'pertussis', 'neoformans', 'fumigatus', 'gondii', 'vaginalis', 'lamblia', 'histolytica', 'falciparum', 'vivax', 'sapiens']);
/** Cues naming the patient before the age-and-sex appositive ("pt jane roe, 96m"). */
const PATIENT_CUES = ['pt', 'pt.', 'patient', 'pt is', 'patient is'];
/** ", 96m", ", 45 yo F", ", 72M," — the appositive that follows a patient's name. */
const AGE_SEX_AFTER = /^,\s{1,2}\d{1,3}\s?(?:yo\s?|y\/o\s?|y\.o\.\s?)?[mf](?![\p{L}\p{N}])/iu;

/** A name word (person.ts nameWord) in a casing that may name a person here; an eponym is no name. */
function nameWord(text: string, t: Token, caseless: boolean, lowerOk = false): boolean {
  return (caseless || t.cap || lowerOk) && sharedNameWord(text, t, { words: MEDICAL_EPONYM });
}

/** "FLATLEY, KORELLA" or "Doe, Jane M.": tokens[i] and the given name after a comma; the end, or -1. */
function surnameCommaGiven(text: string, tokens: readonly Token[], i: number, caseless: boolean): number {
  const t = tokens[i]!;
  const u = tokenAt(tokens, i + 1);
  if (u === undefined || !/^, {1,2}$/.test(u.gapBefore) || !nameWord(text, t, caseless) || !nameWord(text, u, caseless)) return -1;
  // A middle initial may follow ("DOE, JANE M", "Doe, Jane M.").
  const v = tokenAt(tokens, i + 2);
  if (v !== undefined && joined(v) && v.end - v.start === 1 && (caseless || v.cap) && !/^\p{L}/u.test(text.slice(v.end, v.end + 1))) return v.end;
  return u.end;
}

/**
 * "C. Gradavist", "r. alexander": an initial, a period, a family name; the end, or -1. Where the text
 * has capitals, initial and name agree in case, and lower case needs a cue that names a person.
 */
function initialSurname(text: string, tokens: readonly Token[], i: number, caseless: boolean, lowerCue: boolean): number {
  const t = tokens[i]!;
  const u = tokenAt(tokens, i + 1);
  if (t.end - t.start !== 1 || text.charCodeAt(t.end) !== 46 || u === undefined || !/^\. {1,2}$/.test(u.gapBefore) || SPECIES.has(u.lower)) return -1;
  const upper = /^\p{Lu}$/u.test(text[t.start]!);
  if (!caseless && (upper !== u.cap || (!upper && !lowerCue))) return -1;
  return nameWord(text, u, caseless, !upper) ? u.end : -1;
}

/** "katti torcobsher" in "pt katti torcobsher, 96m": up to three name words before the appositive; the end, or -1. */
function beforeAppositive(text: string, tokens: readonly Token[], i: number, caseless: boolean): number {
  for (let j = i; j < tokens.length && j - i < 3; j++) {
    const u = tokens[j]!;
    if ((j > i && !joined(u)) || !nameWord(text, u, caseless, true)) return -1;
    if (AGE_SEX_AFTER.test(text.slice(u.end, u.end + 12))) return j > i || inList(u, FIRST_NAME) || inList(u, LAST_NAME) ? u.end : -1;
  }
  return -1;
}

function findFieldNames(text: string): readonly Candidate[] {
  const fields = cueEnds(text, NAME_FIELDS);
  const initialCues = cueEnds(text, INITIAL_CUES);
  const patientCues = cueEnds(text, PATIENT_CUES);
  const lowerCues = cueEnds(text, LOWER_INITIAL_CUES);
  if (fields.size === 0 && initialCues.size === 0 && patientCues.size === 0) return NO_CANDIDATES;
  let out: Candidate[] | undefined;
  const tokenized = tokenize(text);
  const { tokens } = tokenized;
  const caseless = tokenized.caseless || textCasing(text) === 'upper';
  for (let i = 0; i < tokens.length; i++) {
    const start = tokens[i]!.start;
    let end = -1;
    let pattern = '';
    if (fields.has(start) && (end = surnameCommaGiven(text, tokens, i, caseless)) > 0) pattern = 'surname-comma-given';
    else if (initialCues.has(start) && (end = initialSurname(text, tokens, i, caseless, lowerCues.has(start))) > 0) pattern = 'initial-surname';
    else if (patientCues.has(start) && (end = beforeAppositive(text, tokens, i, caseless)) > 0) pattern = 'before-age-sex';
    if (end < 0) continue;
    (out ??= []).push({ start, end, score: 0.9, pattern });
    while (i + 1 < tokens.length && tokens[i + 1]!.start < end) i++;
  }
  return out ?? NO_CANDIDATES;
}

export const personFieldRecognizer: Recognizer = {
  id: 'person-field',
  entity: 'PERSON',
  patterns: [],
  find: findFieldNames,
  // The person recognizer's context words: a name found here must not lose to a piece of it found
  // there only because a word near both raised that piece's score.
  context: personRecognizer.context ?? [],
};
