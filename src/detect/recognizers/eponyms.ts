// Medical eponyms: a person's or a town's name that names a device, a procedure, a sign or a scale
// ("Foley catheter", "Whipple procedure", "Swan-Ganz", "Glasgow coma scale", "Bell's palsy"). Shared by
// the PERSON and LOCATION recognizers, which report no such name. Two cues: the name stands before a
// head noun of that kind (one word may come between: "Glasgow coma scale"), or every word of a
// would-be name opens with an eponym of the medical dictionary (gazetteers/medical-eponyms) and goes
// on with words no list knows ("Swan Ganz", "Swan-Ganz"): "Mathieu Fournier" stays a person. Never used against a title or a cue ("Dr. Foley", "spoke with Foley").
import { FIRST_NAME, LAST_NAME, MEDICAL_EPONYM, memberships, PLACE } from '../gazetteers/index.js';
import { inList, joined, type Token, tokenAt } from '../tokens.js';

/** A name or place the lists know. */
const NAME_OR_PLACE = FIRST_NAME | LAST_NAME | PLACE;

/** Nouns that an eponym names the kind of: devices, procedures, signs, scales, conditions. */
const HEADS = new Set([
  'catheter', 'catheters', 'tube', 'tubes', 'bag', 'drain', 'drains', 'line', 'lines', 'sump', 'mask', 'pump', 'shunt', 'stent', 'valve', 'filter',
  'needle', 'forceps', 'retractor', 'clamp', 'splint', 'frame', 'collar', 'boot', 'boots', 'stockings', 'hose', 'tip', 'suction', 'traction',
  'procedure', 'operation', 'repair', 'resection', 'fundoplication', 'incision', 'anastomosis', 'pouch', 'maneuver', 'manoeuvre', 'position',
  'sign', 'signs', 'test', 'reflex', 'scale', 'score', 'criteria', 'classification', 'stage', 'grade', 'triad', 'phenomenon',
  'syndrome', 'disease', 'palsy', 'lymphoma', 'sarcoma', 'tumor', 'tumour', 'ulcer', 'fracture', 'hernia', 'node', 'nodes', 'canal', 'duct', 'gland',
]);

/** Heads that may stand one word further ("Glasgow coma scale", "Swan-Ganz pulmonary catheter"). */
const FAR_HEADS = new Set(['catheter', 'scale', 'score', 'procedure', 'fundoplication', 'syndrome', 'disease', 'reflex', 'classification', 'criteria']);

/** The name ending at token j-1 stands before an eponym's head noun ("Foley catheter", "Glasgow coma scale"). */
export function beforeEponymHead(tokens: readonly Token[], j: number): boolean {
  const a = tokenAt(tokens, j);
  if (a === undefined || !joined(a) || a.embedded) return false;
  if (HEADS.has(a.lower)) return true;
  const b = tokenAt(tokens, j + 1);
  return !a.cap && b !== undefined && joined(b) && !b.embedded && FAR_HEADS.has(b.lower) && !tokens[j - 1]!.possessive;
}

/**
 * A word that is an eponym, or a hyphenated pair that starts with one ("swan-ganz"). A word without a
 * hyphen is answered from the token's own list bits.
 */
function eponymWord(t: Token): boolean {
  if (!t.lower.includes('-')) return inList(t, MEDICAL_EPONYM);
  const [first, ...rest] = t.lower.split('-');
  return (memberships(first!) & MEDICAL_EPONYM) !== 0 && rest.every((w) => {
    const lists = memberships(w);
    return (lists & MEDICAL_EPONYM) !== 0 || (lists & NAME_OR_PLACE) === 0;
  });
}

/** The first word of tokens[i, j) is a medical eponym and every other a word no given-name or place list knows ("Swan Ganz"). */
export function eponymPhrase(tokens: readonly Token[], i: number, j: number): boolean {
  if (j === i + 1) return tokens[i]!.lower.includes('-') && eponymWord(tokens[i]!);
  if (!eponymWord(tokens[i]!)) return false;
  // A family name no given-name list holds may follow ("Swan Ganz": the census lists Ganz).
  for (let k = i + 1; k < j; k++) if (inList(tokens[k]!, FIRST_NAME | PLACE)) return false;
  return true;
}

/** Before a procedure or a sign: "s/p Whipple", "underwent Kasai", "h/o Nissen", "neg Homans", "+Tinel". */
const USE_BEFORE = /(?:\b(?:s\/p|h\/o|status {1,2}post|underwent|neg|negative|pos|positive) {1,2}|[+] ?)$/i;
/** After a score's name or a sign: "Wells 1.5", "Braden 14", "ASA III", "Romberg neg", "Babinski downgoing". */
const USE_AFTER = /^(?: {1,2}(?:\d{1,3}(?:\.\d)?|i{1,3}|iv)(?![\w/.:-]\w|\w| {0,2}(?:yo|y\/o|y\.o\.|years?|yrs?|[mf])\b)| {1,2}(?:neg|negative|pos|positive|downgoing|upgoing|equivocal)\b(?! {1,2}for\b))/i;

/**
 * A one- or two-word would-be name used as an eponym is used: after "s/p" or "underwent" (an
 * operation), before a score ("Wells 1.5"), or with a sign's finding ("Romberg neg"). People are not
 * written so; a title or a cue still makes a name ("s/p Dr. Whipple" never reaches here).
 */
export function eponymByUse(text: string, tokens: readonly Token[], i: number, j: number): boolean {
  if (j - i > 2) return false;
  const start = tokens[i]!.start;
  const end = tokens[j - 1]!.end;
  return USE_BEFORE.test(text.slice(Math.max(0, start - 16), start)) || USE_AFTER.test(text.slice(end, end + 24));
}
