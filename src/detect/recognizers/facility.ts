// LOCATION for care facilities: hospitals, medical centres, rehabs, nursing homes, hospices and their
// initials. HIPAA Safe Harbor counts them as geography smaller than a state, and notes name them
// two ways: by a head word after the name ("Summit General Hospital", "Koch Rehab", "Oak Manor") and
// by a transfer cue before it ("transferred from SMC", "d/c to Hillcrest", "came from ..."). Generic
// settings are not names ("the hospital", "OSH" = outside hospital, "rehab", "SNF", "the ED").
import { ABBREVIATION, COMMON_WORD, FIRST_NAME, LAST_NAME, PLACE, wordBit } from '../gazetteers/index.js';
import { textCasing } from '../casing.js';
import { cueEnds, inList, joined, type Token, tokenAt, tokenize } from '../tokens.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';

/** Head words that end a facility's name; the two-word heads are matched on their last word. */
const HEADS = new Set(['hospital', 'hospitals', 'general', 'memorial', 'medical', 'regional', 'rehab', 'rehabilitation', 'manor', 'clinic', 'infirmary', 'hospice', 'sanatorium', 'sanitarium', 'house', 'vna']);
/** Words that may follow a head inside the name ("General Hospital", "Medical Center", "Nursing Home"). */
const TAILS = new Set(['hospital', 'center', 'centre', 'home', 'facility', 'campus', 'institute', 'unit', 'clinic', 'hospice', 'ctr']);
/** Words that may sit between the name and the head ("Health Care Center", "Nursing Home"). */
const HEAD_PHRASES = [['nursing', 'home'], ['nursing', 'center'], ['nursing', 'facility'], ['health', 'care', 'center'], ['healthcare', 'center'], ['health', 'center'], ['care', 'center'], ['rehabilitation', 'center'], ['medical', 'center'], ['medical', 'centre'], ['cancer', 'center'], ['children', 'hospital'], ["children's", 'hospital'],
  ['community', 'hospital'], ['senior', 'living'], ['nursing', 'and', 'rehab'], ['nursing', 'and', 'rehabilitation'], ['rehab', 'center']];
/** Words a name before a head never holds: a span stops there ("ED vs Bodwiski Community Hospital", "sent from Holy Family Hospital"). */
const STOPS = new Set(['vs', 'to', 'from', 'at', 'in', 'and', 'or', 'with', 'w', 'of', 'for', 'on', 'by', 'via', 'near', 'into', 'then', 'now', 'per', 're', 'is', 'was', 'will', 'be']);
/** A possessive after the name ("St. Joseph's"): the span takes it. */
const POSSESSIVE = /^['’]s/i;
/** Care settings named by function, not by name: never a facility name on their own. */
const GENERIC = new Set(['osh', 'ed', 'er', 'or', 'icu', 'micu', 'sicu', 'ccu', 'csru', 'nicu', 'picu', 'pacu', 'tsicu', 'ltac', 'ltach', 'snf', 'ecf', 'nh', 'alf', 'vna', 'ir', 'cath', 'lab', 'ct', 'mri', 'home', 'floor', 'rehab', 'hospice', 'hospital', 'clinic', 'pcp', 'ward', 'unit', 'outside', 'another', 'an', 'a', 'the', 'this', 'that', 'our', 'his', 'her', 'their', 'same', 'local', 'acute', 'inpatient', 'outpatient', 'pulmonary', 'cardiac', 'general', 'medical', 'memorial', 'regional', 'nursing', 'state']);
/** Phrases after which a facility's name (or its initials) follows. */
const TRANSFER_CUES = ['transferred from', 'transferred to', 'transfer from', 'transfer to', 'tx from', 'tx to', 'txf from', 'txf to', 'sent from', 'sent in from', 'sent to', 'd/c to', 'dc to', "d/c'd to", 'discharged to', 'discharge to', 'admitted from', 'admitted to', 'came from', 'comes from', 'arrived from', 'returned from', 'return to', 'back to', 'resides at', 'resident at', 'lives at', 'initially seen at', 'seen at', 'med flighted from', 'medflighted from', 'flown from', 'flown in from', 'records from', 'records faxed from', 'accepted at', 'accepted to', 'bed at', 'was at', 'go back to', 'going back to', 'faxed from', 'bed offer from', 'screened by', 'screening for', 'osh was', 'osh:'];

const NAME_WORD = /^[\p{L}][\p{L}'’.-]*$/u;
/** NAME_WORD.test(lower), answered from the character codes for the usual key (ASCII letters, inner ' and -). */
function nameShaped(lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (i > 0 && (c === 39 || c === 45))) continue;
    return NAME_WORD.test(lower);
  }
  return lower.length > 0;
}

function nameWord(t: Token, caseless: boolean, lowerOk = false): boolean {
  if (t.embedded || (!caseless && !t.cap && !lowerOk) || inList(t, GENERIC_WORD) || !nameShaped(t.lower)) return false;
  if (!caseless) return true;
  // Where capitals say nothing: a word that is not frequent, or a listed name or place ("summit").
  return !inList(t, COMMON_WORD) || (t.lower.length > 3 && !inList(t, ABBREVIATION) && (inList(t, PLACE) || inList(t, LAST_NAME) || inList(t, FIRST_NAME)));
}

/** First words of HEAD_PHRASES: a token that is none of them starts none, and the phrases are not tried. */
const HEAD_PHRASE_FIRST: ReadonlySet<string> = new Set(HEAD_PHRASES.map((p) => p[0]!));
// The sets asked of (nearly) every token, as bits of the token's one list probe (gazetteers wordBit):
// GENERIC exactly; HEAD_START over HEADS and HEAD_PHRASE_FIRST, the words a head can start with (a
// token without it starts no head, and one with it is then asked of the sets themselves).
const GENERIC_WORD = wordBit(GENERIC);
const HEAD_START = wordBit(new Set([...HEADS, ...HEAD_PHRASE_FIRST]));

/** Index after the head phrase that starts at token k, or -1. */
function headEnd(tokens: readonly Token[], k: number): number {
  const t = tokenAt(tokens, k);
  if (t === undefined || !inList(t, HEAD_START)) return -1;
  if (HEAD_PHRASE_FIRST.has(t.lower)) {
    for (const phrase of HEAD_PHRASES) {
      let ok = true;
      for (let q = 0; q < phrase.length; q++) {
        const u = tokenAt(tokens, k + q);
        if (u === undefined || u.lower !== phrase[q] || (q > 0 && !joined(u))) { ok = false; break; }
      }
      if (ok) return k + phrase.length;
    }
  }
  if (!HEADS.has(t.lower)) return -1;
  let j = k + 1;
  while (j < tokens.length && j - k < 3 && joined(tokens[j]!) && (TAILS.has(tokens[j]!.lower) || HEADS.has(tokens[j]!.lower))) j++;
  return j;
}

/**
 * Every head word and first word of a head phrase, anywhere in a text (case-insensitive, also inside
 * longer words). An ASCII text without one has no token whose lookup key is one (the key of an ASCII
 * word is the word in lower case), so no name before a head. One regex over the text costs less than
 * probing the list bits of the words no other finder asks about (lower-case words in text with capitals).
 */
const HEAD_WORD = new RegExp([...new Set([...HEADS, ...HEAD_PHRASE_FIRST])].join('|'), 'i');
const NON_ASCII = /[^\x00-\x7f]/;
/** A saint's name after a place cue, for the test below (saints()). */
const SAINT_AFTER_CUE = /\b(?:from|to|at|vs)\.? {1,2}(?:st\.?|saint) /i;

const CUE_OPTIONS = { optionalThe: true } as const;

function findFacilities(text: string): readonly Candidate[] {
  // A facility is named before a head word or after a transfer cue: a text with neither (most) is done.
  if (cueEnds(text, TRANSFER_CUES, CUE_OPTIONS).size === 0 && !HEAD_WORD.test(text) && !SAINT_AFTER_CUE.test(text) && !NON_ASCII.test(text)) return NO_CANDIDATES;
  return _scanFacilities(text);
}

/** The finder without the test above: for tests that check that test against it. */
export function _scanFacilities(text: string): readonly Candidate[] {
  let out: Candidate[] | undefined;
  const cued = cueEnds(text, TRANSFER_CUES, CUE_OPTIONS);
  const tokenized = tokenize(text);
  const { tokens } = tokenized;
  const caseless = tokenized.caseless || textCasing(text) === 'upper';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const isCued = cued.has(t.start);
    // A name in lower case after a transfer cue in text with capitals ("d/c to cedar falls rehab"):
    // the cue and the head word are the evidence, so its words need no capital.
    const lowerAfterCue = isCued && !caseless && !t.cap;
    if (!nameWord(t, caseless, lowerAfterCue) && !(isCued && /^st\.?$|^saint$/i.test(t.lower))) continue;
    // Up to four name words ("St. Jude's", "Glen Ellyn", "Spaulding"), then a head.
    let j = i + 1;
    while (j < tokens.length && j - i < 4 && joined(tokens[j]!) && headEnd(tokens, j) < 0 && nameWord(tokens[j]!, caseless, lowerAfterCue)) j++;
    const end = j < tokens.length && (joined(tokens[j]!) || tokens[j]!.gapBefore === '. ') ? headEnd(tokens, j) : -1;
    if (end > j && (caseless || lowerAfterCue || tokens[j]!.cap) && !tokens[j]!.sentenceStart) {
      (out ??= []).push({ start: t.start, end: tokens[end - 1]!.end, score: 1, pattern: 'facility-head' });
      i = end - 1;
      continue;
    }
    if (!isCued || lowerAfterCue) continue;
    // After a transfer cue: initials ("SMC", "BIDMC") or capitalised name words.
    const w = text.slice(t.start, t.end);
    if (j === i + 1 && /^\p{Lu}{2,6}$/u.test(w) && !inList(t, ABBREVIATION) && !GENERIC.has(t.lower)) {
      (out ??= []).push({ start: t.start, end: t.end, score: 0.7, pattern: 'facility-initials' });
      continue;
    }
    if (!caseless && t.cap && !t.allCaps && !inList(t, COMMON_WORD)) {
      (out ??= []).push({ start: t.start, end: tokens[j - 1]!.end, score: 0.65, pattern: 'facility-after-cue' });
      i = j - 1;
    }
  }
  const more: Candidate[] = [];
  headFirst(text, tokens, caseless, more);
  saints(text, tokens, more);
  // Each span once: what the forward reading found already (or a span holding it) is not repeated.
  for (const c of more) if (!out?.some((o) => o.start <= c.start && o.end >= c.end && o.score >= c.score)) (out ??= []).push(c);
  return out ?? NO_CANDIDATES;
}


/**
 * Names before a head, read backwards from the head: in any casing, the words up to a stop word, a
 * care-setting word or punctuation ("ED VS BODWISKI COMMUNITY HOSPITAL", "micu vs shiloh community
 * hospital", "D/C TO HOLY FAMILY HOSPITAL IN DRAPER"). Frequent words count as a name only when the
 * head ends the phrase ("Holy Family Hospital in", not "brief hospital course").
 */
function headFirst(text: string, tokens: readonly Token[], caseless: boolean, out: Candidate[]): void {
  for (let j = 1; j < tokens.length; j++) {
    const h = tokens[j]!;
    if (!joined(h) || (!caseless && !h.cap)) continue;
    const end = headEnd(tokens, j);
    if (end <= j) continue;
    let k = j;
    let common = false;
    while (k > 0 && j - k < 3) {
      const u = tokens[k - 1]!;
      if (u.embedded || STOPS.has(u.lower) || inList(u, GENERIC_WORD) || HEADS.has(u.lower) || !nameShaped(u.lower) || (!caseless && !u.cap)) break;
      if (inList(u, COMMON_WORD)) common = true;
      k--;
      if (!joined(tokens[k]!)) break;
    }
    // "St. Luke Medical Center": the saint's title before the name.
    const saint = tokenAt(tokens, k - 1);
    if (k < j && saint !== undefined && /^(?:st|saint)$/.test(saint.lower) && /^\.? $/.test(tokens[k]!.gapBefore) && (caseless || saint.cap)) k--;
    if (k === j) continue;
    const after = tokenAt(tokens, end);
    if (common && after !== undefined && joined(after) && !STOPS.has(after.lower)) continue;
    const last = tokens[end - 1]!;
    out.push({ start: tokens[k]!.start, end: last.possessive && POSSESSIVE.test(text.slice(last.end, last.end + 2)) ? last.end + 2 : last.end, score: 1, pattern: 'facility-head' });
    j = end - 1;
  }
}

/** Words after which "St. Joseph's" names a hospital. */
const SAINT_CUES = new Set(['from', 'to', 'at', 'vs']);

/** "from St. Joseph's", "MICU vs ST. ELIZABETH'S", "d/c to st. luke's": a saint's name in the possessive after a place cue. */
function saints(text: string, tokens: readonly Token[], out: Candidate[]): void {
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.lower !== 'st' && t.lower !== 'saint') continue;
    const prev = tokens[i - 1]!;
    const name = tokens[i + 1]!;
    if (!joined(t) || !SAINT_CUES.has(prev.lower) || !name.possessive || name.embedded || !nameShaped(name.lower) || !/^\.? $/.test(name.gapBefore)) continue;
    if (!POSSESSIVE.test(text.slice(name.end, name.end + 2))) continue;
    out.push({ start: t.start, end: name.end + 2, score: 0.9, pattern: 'facility-saint' });
  }
}

export const facilityRecognizer: Recognizer = {
  id: 'facility',
  entity: 'LOCATION',
  patterns: [],
  find: findFacilities,
};
