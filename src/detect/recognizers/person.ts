// PERSON: people's names without a model. Words are looked up in given-name and family-name lists
// (many languages, see gazetteers/), and runs of name words become one span ("Donald van der Voet").
// Capitalisation is a cue where the text has capitals; frequent English words that are also names
// ("Will", "Grace", "Bill") count only inside a longer name or after a title. An honorific before a
// capitalised word ("Dr. Okonkwo") is enough on its own. Scores rise with evidence; context words
// (name, dear, patient...) add the engine's usual boost.
import { ABBREVIATION, COMMON_WORD, COUNTRY, DEMONYM, DICTIONARY_WORD, FIRST_NAME, LAST_NAME, MAJOR_PLACE, memberships, PLACE, WORD_NAME, wordBit } from '../gazetteers/index.js';
import { textCasing } from '../casing.js';
import { cueEnds, inList, joined, type Token, tokenAt, tokenize } from '../tokens.js';
import { beforeEponymHead, eponymByUse, eponymPhrase } from './eponyms.js';
import { SUFFIXES as ORGANIZATION_SUFFIXES } from './organization.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';

/** Honorifics; the TITLE recognizer reports them, here they only mark what follows as a name. */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lady', 'lord', 'madam', 'madame', 'mister', 'rev', 'reverend', 'fr', 'herr', 'frau', 'mme', 'mlle', 'sr', 'sra', 'señor', 'señora', 'sig', 'signora']);
/** Lower-case connectors inside family names. */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'del', 'della', 'du', 'dos', 'das', 'le', 'la', 'bin', 'binti', 'ibn', 'al', 'el', 'ter', 'ten', 'zu', 'y']);
/** Words in the name lists that are almost never names in running text. */
const NOT_NAMES = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'god', 'christmas', 'easter', 'street', 'avenue', 'road',
  'suite', 'apt', 'unit', 'box', 'north', 'south', 'east', 'west', 'mr', 'mrs', 'ms', 'dr', 'i', 'a', 'an', 'the', 'and', 'or', 'of',
  'hi', 'hello', 'hey', 'dear', 'thanks', 'to', 'by', 'at', 'in', 'on', 'my', 'name', 'sir', 'madam', 'user', 'patient',
  'iban', 'ssn', 'dob', 'pin', 'cvv', 'mrn', 'nhs', 'vat', 'tax', 'id',
  // Abbreviations of months and days that the name lists hold too ("Jun", "Thu" are given names).
  'jun', 'sept', 'thu',
]);
// The sets asked of (nearly) every token, as bits of the token's one list probe (gazetteers wordBit).
const HONORIFIC = wordBit(HONORIFICS);
const PARTICLE = wordBit(PARTICLES);
const NOT_NAME = wordBit(NOT_NAMES);
const ORGANIZATION_SUFFIX = wordBit(ORGANIZATION_SUFFIXES);
const MAX_NAME_WORDS = 5;
/** Businesses named after their owner ("Heather's Salon"). */
const SHOP_WORDS = new Set(['salon', 'bakery', 'pharmacy', 'cafe', 'café', 'diner', 'garage', 'store', 'shop', 'restaurant', 'kitchen', 'market', 'auto', 'deli', 'pub', 'bar', 'grill', 'boutique', 'barbershop', 'florist', 'cleaners', 'dental', 'clinic', 'daycare', 'landscaping', 'plumbing', 'roofing', 'catering']);
/** Organisation suffixes that are also ordinary words after a name ("Maria Group" aside). */
const ORG_WEAK = new Set(['as', 'ab', 'sa', 'ag', 'co', 'group', 'trust', 'lines', 'data', 'app', 'press', 'records', 'union', 'health', 'energy', 'capital', 'media', 'services', 'research', 'digital', 'traffic', 'school', 'labs']);
/** Months and days, or their abbreviations, that are given names too: names before a family name or after a cue. */
const MONTH_NAMES = new Set(['april', 'may', 'june', 'july', 'august', 'jun', 'thu']);
const MONTH_NAME = wordBit(MONTH_NAMES);
/** Month abbreviations, as a dashed day-month date writes them ("28-Jul", "6-DEC"). */
const MONTH_ABBREVIATION = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)$/;
function isDigitAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
}
/** Generations: part of the legal name, with or without a comma ("Matthew Gavrilov II", "Ray Dunn, Jr."). */
const GENERATIONS = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
/**
 * Degrees and post-nominals: written straight after a name they are kept with it, as Presidio-style
 * data labels "Taylor Einarsson MD"; after a comma ("Ann Lee, MD") they are an appended credential
 * and the name ends before them. Licences that name a role (RN, NP, PA, LPN, ...) are never part of it.
 */
const DEGREES = new Set(['md', 'dds', 'dvm', 'phd', 'dmd', 'do', 'esq', 'cpa', 'mba', 'msc', 'bsc', 'obe', 'mbe', 'frcs', 'facs']);
/** Street and place words that follow names in street names ("Maria Street", "John Road"). */
const STREET_WORDS = new Set(['street', 'st', 'road', 'rd', 'avenue', 'ave', 'lane', 'drive', 'way', 'place', 'square', 'park', 'hill', 'court', 'close', 'crescent', 'boulevard', 'city', 'county', 'island', 'bay', 'beach', 'valley', 'river', 'lake', 'mount', 'school', 'hospital', 'university', 'college', 'center', 'centre', 'house', 'hall', 'church', 'station', 'airport', 'bridge', 'gardens', 'terrace',
  'general', 'memorial', 'medical', 'regional', 'rehab', 'rehabilitation', 'manor', 'clinic', 'nursing', 'infirmary', 'hospice', 'healthcare']);
const STREET_WORD = wordBit(STREET_WORDS);
/** Phrases after which the next capitalised words are a name even when no list knows them. */
const CUES = ['thanks', 'thank you', 'hi', 'hello', 'hey', 'cheers', 'my name is', 'name is', 'name:', 'named', 'called', 'dear', 'starring', 'directed by', 'written by', 'signed', 'signed by', 'user:', 'patient:', 'patient', 'maiden name is', 'i am', "i'm", 'this is', 'spoke with', 'spoke to', 'talked to', 'met with', 'attn:', 'attention:', 'regards,', 'sincerely,', 'thanks,', 'cc:', 'from:', 'to:', 'best,', 'best wishes,', 'all the best,', 'warmly,', 'love,', 'yours,', 'cheers,',
  // Verbs whose object is a person ("ask priya", "ran into erwin", "loop in Dana").
  'ask', 'tell', 'met', 'meet', 'ran into', 'bumped into', 'ping', 'loop in', 'introduce', 'introduced', 'invite', 'invited', 'emailed', 'texted', 'messaged', 'thank',
  // Chat's short thanks ("ty Goldene", "thx Maria").
  'ty', 'thx'];


/**
 * Cues after which chat and tickets write a name in lower case even where the text has capitals
 * ("thanks rafe", "hi clayne,", "this is eugenio feenka from billing", "ping gordie"). After these a
 * lower-case word counts when a name list holds it and it is no English word; after a greeting, a
 * sign-off or an introduction (GREETING_CUES) also when no list knows it and it is no English word.
 */
const LOWER_CUES = ['hi', 'hi,', 'hey', 'hey,', 'hello', 'hello,', 'dear', 'thanks', 'thanks,', 'thank you', 'thank you,', 'thx', 'thx,', 'ty', 'ty,', 'cheers', 'cheers,', 'best,', 'regards,', 'my name is', 'name is', 'this is', "i'm", 'i am', 'cc:',
  'ask', 'tell', 'ping', 'loop in', 'ran into', 'met with', 'spoke with', 'spoke to', 'talked to', 'emailed', 'texted', 'messaged', 'cc'];
const GREETING_CUES = ['hi', 'hi,', 'hey', 'hey,', 'hello', 'hello,', 'dear', 'thanks', 'thanks,', 'thank you', 'thank you,', 'thx', 'thx,', 'ty', 'ty,', 'cheers', 'cheers,', 'best,', 'regards,', 'my name is', 'name is', 'this is'];
const ENGLISH = COMMON_WORD | DICTIONARY_WORD | ABBREVIATION | WORD_NAME;

/** tokens[i], lower case in text with capitals, is a name after a cue of LOWER_CUES (see there). */
function lowerNameAfterCue(text: string, t: Token): boolean {
  if (t.embedded || t.lower.length < 2 || !cueEnds(text, LOWER_CUES).has(t.start) || inList(t, ENGLISH | NOT_NAME | COUNTRY) || !/^[a-z][a-z'-]*$/.test(text.slice(t.start, t.end)) || /n't$|'(?:s|ll|re|ve|d|m)$/.test(t.lower)) return false;
  return inList(t, FIRST_NAME | LAST_NAME) || cueEnds(text, GREETING_CUES).has(t.start);
}

/** After a lower-case cued given name, a lower-case family name: listed, or in no list of English words or places. */
function lowerFamilyName(text: string, u: Token): boolean {
  return !u.embedded && !u.possessive && u.lower.length >= 2 && !inList(u, ENGLISH | NOT_NAME | COUNTRY | PLACE | PARTICLE) && /^[a-z][a-z'-]*$/.test(text.slice(u.start, u.end));
}


const NAME_LETTERS = /^\p{L}[\p{L}'’-]*$/u;
const ORDINARY_WORD = COMMON_WORD | DICTIONARY_WORD | ABBREVIATION;

/**
 * A word that may be part of a name once a cue or a shape says a name is here, in any casing the
 * caller allows: letters (an inner apostrophe or hyphen), two or more, in no list of `never`, and
 * not a frequent English word, a dictionary word, an abbreviation or a word of `words` unless a
 * name list holds it ("Rose", "Mann" are names; "with", "sob" are not). A listed name that is a
 * frequent word counts only capitalised ("Will", not "will"). The one "name word" test of the
 * finders that need no list to know the name (person-verb.ts, person-field.ts).
 */
export function nameWord(text: string, t: Token, excluded: { readonly never?: number; readonly words?: number } = {}): boolean {
  if (t.embedded || t.lower.length < 2 || inList(t, excluded.never ?? 0) || !NAME_LETTERS.test(text.slice(t.start, t.end))) return false;
  if (inList(t, FIRST_NAME | LAST_NAME)) return t.cap || !inList(t, COMMON_WORD);
  return !inList(t, ORDINARY_WORD | (excluded.words ?? 0));
}

function nameish(t: Token): boolean {
  return (t.lists & (FIRST_NAME | LAST_NAME)) !== 0 && !inList(t, NOT_NAME);
}

/** A name word with enough evidence to start or extend a name. */
function strong(t: Token, caseless: boolean): boolean {
  if (inList(t, ORGANIZATION_SUFFIX) && t.lower.length <= 4) return false; // Ltd, Inc, PLC, GmbH
  if (t.embedded || !nameish(t) || inList(t, COMMON_WORD) || t.lower.length < 2) return false;
  if (t.allCaps && t.lower.length <= 4 && !caseless) return false; // IBAN, AB, NHS: acronyms
  // An abbreviation or an English word that is also a name ("ADA", "brown") is one only when written
  // as a name, in text whose capitals mean something; elsewhere it needs a cue (person-role.ts).
  if (caseless && clash(t)) return false;
  return caseless || t.cap;
}

/** A name in the lists that is also an abbreviation or an ordinary English word. */
function clash(t: Token): boolean {
  return inList(t, ABBREVIATION) || inList(t, WORD_NAME);
}

/** A capitalised word not in any list, mid-sentence: a family name the lists lack ("Voet"). */
function unknownCapitalised(t: Token, caseless: boolean): boolean {
  return !caseless && t.cap && !inList(t, ORGANIZATION_SUFFIX) && !t.allCaps && !t.embedded && t.lower.length >= 2 && !inList(t, COMMON_WORD) && !inList(t, NOT_NAME) && !inList(t, COUNTRY);
}

/** Family-name endings across languages (Slavic, Nordic, Baltic, Armenian, Georgian, Turkish, Japanese...). */
const SURNAME_ENDING = /(?:ov|ova|ev|eva|yev|sson|sen|dottir|dóttir|ski|ska|sky|cki|cka|vić|vic|ić|berg|stein|mann|ini|elli|etti|oglu|oğlu|shvili|dze|yan|ian|enko|chuk|czyk|wicz|escu|moto|shita|kubo|mura|yama|kawa|hara|zaki|saki|gawa)$/;

/** A capitalised word that no list knows and that ends like a family name ("Vedzizhev", "Ookubo"). */
function surnameShaped(t: Token, caseless: boolean): boolean {
  return !caseless && t.cap && !t.allCaps && !t.embedded && t.lower.length >= 4 && !inList(t, COMMON_WORD) && !inList(t, PLACE) && !inList(t, COUNTRY) && !inList(t, DEMONYM) && SURNAME_ENDING.test(t.lower);
}

function afterHonorific(tokens: readonly Token[], i: number): boolean {
  const prev = tokenAt(tokens, i - 1);
  // "5Fr DL" (a catheter's size in French units): an honorific is a word of its own.
  if (prev === undefined || prev.embedded || !inList(prev, HONORIFIC)) return false;
  return /^\.?[ \u00a0]{1,2}$/.test(tokens[i]!.gapBefore);
}

/**
 * The lookup keys of tokens[i, j) joined by spaces, built in a loop: the optimised findNames
 * deoptimised ("wrong map") on the array that tokens.slice(i, j).map(...).join(' ') made there.
 */
export function phraseOf(tokens: readonly Token[], i: number, j: number): string {
  let phrase = tokens[i]!.lower;
  for (let k = i + 1; k < j; k++) phrase += ` ${tokens[k]!.lower}`;
  return phrase;
}

function findNames(text: string): readonly Candidate[] {
  let out: Candidate[] | undefined;
  const tokenized = tokenize(text);
  const { tokens } = tokenized;
  // ALL CAPS text says as little through capitals as lower-case text.
  const shouting = textCasing(text) === 'upper';
  const caseless = tokenized.caseless || shouting;
  /** Where CUES end in the text, fetched on the first question (cueEnds keeps it for the text). */
  let cueSet: ReadonlySet<number> | undefined;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // A month's abbreviation after a day and a dash is a date ("placed 28-Jul", "LAST BM 6-DEC"), never a name.
    if (t.start >= 2 && text.charCodeAt(t.start - 1) === 45 && isDigitAt(text, t.start - 2) && MONTH_ABBREVIATION.test(t.lower)) {
      i++;
      continue;
    }
    // Names are capitalised wherever the text has capitals: skip lower-case words at once.
    // Chat and tickets write names in lower case where the rest has capitals: then a cue is needed.
    if (!t.cap && !caseless) {
      if (!lowerNameAfterCue(text, t)) {
        i++;
        continue;
      }
      const u = tokenAt(tokens, i + 1);
      const j = u !== undefined && joined(u) && !t.possessive && inList(t, FIRST_NAME) && lowerFamilyName(text, u) ? i + 2 : i + 1;
      (out ??= []).push({ start: t.start, end: tokens[j - 1]!.end, score: j > i + 1 ? 0.7 : 0.6, pattern: 'lower-after-cue' });
      i = j;
      continue;
    }
    // Where capitals say nothing, only a listed name, a word after an honorific or a cued word can
    // open a name (a word's shape is a cue only in cased text): the rest is passed over on its bits.
    if (caseless && (t.lists & (FIRST_NAME | LAST_NAME)) === 0 && !afterHonorific(tokens, i) && !(cueSet ??= cueEnds(text, CUES)).has(t.start)) {
      i++;
      continue;
    }
    // nameish() asked for every word here, not only in the rare branches below: a call first met in a
    // branch the optimised findNames had not seen deoptimised it.
    const named = nameish(t);
    const titled = afterHonorific(tokens, i) && (t.cap || caseless) && !t.embedded && !inList(t, NOT_NAME) && (!inList(t, COMMON_WORD) || named);
    // "April Martin", "June Carter": a month that is also a given name, before a family name.
    const next = tokenAt(tokens, i + 1);
    if (t.cap && inList(t, MONTH_NAME) && inList(t, FIRST_NAME) && next !== undefined && joined(next) && next.cap && inList(next, LAST_NAME) && !inList(next, COMMON_WORD)) {
      (out ??= []).push({ start: t.start, end: next.end, score: 0.75, pattern: 'full-name' });
      i += 2;
      continue;
    }
    const common = inList(t, COMMON_WORD);
    // A frequent word that is also a name ("Will") may open a name only when a strong name follows.
    const opensWeak = !titled && common && (t.cap || caseless) && named && (!t.sentenceStart || (next !== undefined && joined(next) && strong(next, caseless) && next.cap));
    // After "my name is", "starring"...: an unknown capitalised word (any word in caseless text).
    const isStrong = strong(t, caseless); // asked once: it looks the word up in up to five lists
    const shaped = !titled && !isStrong && !opensWeak && surnameShaped(t, caseless);
    // "Called Jun at...", "Hi June,": a month that is a given name is one after a cue, unless a day number follows.
    const calendarName = t.cap && inList(t, MONTH_NAME) && !/^[ \u00a0]*\d/.test(text.slice(t.end, t.end + 3));
    const afterCue = !titled && !isStrong && !opensWeak && !t.embedded && !common && (!inList(t, NOT_NAME) || calendarName) && t.lower.length >= 2 && (t.cap || caseless) && !inList(t, COUNTRY) && (cueSet ??= cueEnds(text, CUES)).has(t.start);
    if (!titled && !isStrong && !opensWeak && !afterCue && !shaped) {
      i++;
      continue;
    }
    let j = i + 1;
    let evidence = 0; // name words after the first
    while (j < tokens.length && j - i < MAX_NAME_WORDS && joined(tokens[j]!) && !tokens[j - 1]!.possessive) {
      const u = tokens[j]!;
      // Lower-case text: a given name followed by a word no list knows and no one writes in
      // lower case ("natasha higuchi") is a full name.
      if (caseless && j === i + 1 && !opensWeak && !clash(t) && inList(t, FIRST_NAME) && !u.embedded && u.lower.length >= 3 && !inList(u, COMMON_WORD) && !inList(u, NOT_NAME) && !inList(u, PLACE) && !inList(u, COUNTRY) && !nameish(u) && !inList(u, ABBREVIATION) && !inList(u, DICTIONARY_WORD)) { evidence++; j++; continue; }
      if (strong(u, caseless)) { evidence++; j++; continue; }
      // "my name is zorvath quellin": after a cue, in text without capitals, a second name word
      // (nameWord: no frequent word, dictionary word or abbreviation) is the family name.
      if (caseless && afterCue && j === i + 1 && !u.possessive && nameWord(text, u, { never: NOT_NAME | COUNTRY, words: PLACE })) { evidence++; j++; continue; }
      if (inList(u, PARTICLE)) {
        // "van der Voet": one or two particles, then a family name.
        let k = j + 1;
        if (k < tokens.length && inList(tokens[k]!, PARTICLE) && joined(tokens[k]!)) k++;
        const v = tokenAt(tokens, k);
        if (v !== undefined && joined(v) && (strong(v, caseless) || unknownCapitalised(v, caseless))) { evidence++; j = k + 1; continue; }
        break;
      }
      if (u.lower.length === 1 && u.cap && text[u.end] === '.') { j++; continue; } // middle initial
      // After a cue, a listed family name opens a name as an unknown word would ("From: Quine Mitz").
      if (unknownCapitalised(u, caseless) && (evidence > 0 || inList(t, FIRST_NAME) || titled || afterCue || (cueSet ??= cueEnds(text, CUES)).has(t.start))) { evidence++; j++; continue; }
      // "Vanessa Hope", "Carla Dam": after a given name, a capitalised word that is also an
      // ordinary word is still the family name.
      if (j === i + 1 && !caseless && u.cap && !u.allCaps && !u.embedded && inList(t, FIRST_NAME) && !inList(u, NOT_NAME | ORGANIZATION_SUFFIX | COUNTRY | MAJOR_PLACE | STREET_WORD)) { evidence++; j++; continue; }
      break;
    }
    // Do not end on a particle or an initial.
    while (j - 1 > i && (inList(tokens[j - 1]!, PARTICLE) || tokens[j - 1]!.lower.length === 1)) j--;
    // Generations, and degrees written straight after it, belong to a name: "Matthew Gavrilov II",
    // "Taylor Einarsson MD"; "Ann Lee, MD" and "Kim Ode RN" end before the credential.
    while (j < tokens.length && j > i + 1 - (titled ? 1 : 0) && tokens[j]!.cap
      && ((GENERATIONS.has(tokens[j]!.lower) && /^,? {1,2}$/.test(tokens[j]!.gapBefore)) || (DEGREES.has(tokens[j]!.lower) && /^ {1,2}$/.test(tokens[j]!.gapBefore)))) j++;
    const words = j - i;
    // "Foley catheter", "Swan Ganz", "Nissen fundoplication": a medical eponym, not a person (eponyms.ts).
    if (!titled && !afterCue && (beforeEponymHead(tokens, j) || eponymPhrase(tokens, i, j) || eponymByUse(text, tokens, i, j))) {
      i = j;
      continue;
    }
    // "St. Luke's", "Saint Mary Hospital": a saint's name names a church, a hospital or a town.
    if (!titled && !afterCue && /\b(?:St|Ste|Saint)\.? {1,2}$/i.test(text.slice(Math.max(0, t.start - 8), t.start))) {
      i = j;
      continue;
    }
    // "Summit General Hospital", "Maria Street": a name word before a place or facility word names
    // the place (facility.ts, street-address/), not a person.
    const following = tokenAt(tokens, j);
    if (!titled && !afterCue && following !== undefined && joined(following) && (following.cap || caseless) && inList(following, STREET_WORD)) {
      i = j;
      continue;
    }
    // "Cole LLC", "Morrison & Stanton", "Heather's Salon": names that name a firm; "Filipino": a
    // nationality (NRP), not a given name.
    const last = tokens[j - 1]!;
    const firm = following !== undefined && (following.cap || caseless) && ((joined(following) && inList(following, ORGANIZATION_SUFFIX) && !ORG_WEAK.has(following.lower))
      || (/^ ?& ?$/.test(following.gapBefore) && !last.possessive) || (last.possessive && joined(following) && following.cap && (SHOP_WORDS.has(following.lower) || inList(following, ORGANIZATION_SUFFIX))));
    if (!titled && !afterCue && (firm || (words === 1 && inList(t, DEMONYM)))) {
      i = j;
      continue;
    }
    // A country or a many-word place ("Costa Rica", "San Giovanni") is the LOCATION recognizer's.
    // One word's list bits are the token's own; a phrase's come from one probe.
    const phraseLists = words === 1 ? t.lists : memberships(phraseOf(tokens, i, j));
    // "Hi Jordan,", "thanks Salvador": after a cue a given name stays a name, country or city alike.
    const cuedName = words === 1 && !titled && !afterCue && inList(t, FIRST_NAME) && (cueSet ??= cueEnds(text, CUES)).has(t.start);
    if (((phraseLists & COUNTRY) !== 0 && !cuedName) || (words >= 2 && (phraseLists & PLACE) !== 0) || (words === 1 && (phraseLists & MAJOR_PLACE) !== 0 && !titled && !afterCue && !cuedName)) {
      i = j;
      continue;
    }
    let score: number;
    let pattern: string;
    if (titled) {
      score = 0.85;
      pattern = 'after-honorific';
    } else if (afterCue) {
      score = caseless ? 0.6 : 0.75;
      pattern = 'after-cue';
    } else if (shaped) {
      score = t.sentenceStart ? 0.45 : 0.55;
      pattern = 'surname-shape';
    } else if (opensWeak) {
      if (evidence === 0) { i++; continue; }
      score = 0.6;
      pattern = 'common-word-name';
    } else if (words >= 2 && evidence > 0 && inList(t, FIRST_NAME)) {
      score = caseless ? 0.75 : 0.85;
      pattern = 'full-name';
    } else if (words >= 2 && evidence > 0) {
      score = 0.6;
      pattern = 'name-words';
    } else if (inList(t, FIRST_NAME)) {
      // "Grace period...", "Bill the client": a dictionary word opening a sentence. Where capitals
      // say nothing, a lone word that is also an abbreviation or an English word ("amber urine"),
      // and any lone word in ALL CAPS text, needs a context word.
      score = shouting || (caseless && (clash(t) || t.lower.length <= 3)) ? 0.45 : caseless ? 0.55 : t.sentenceStart ? (inList(t, DICTIONARY_WORD) ? 0.35 : 0.5) : 0.6;
      pattern = 'given-name';
    } else {
      score = caseless ? 0.45 : t.sentenceStart ? 0.4 : 0.5;
      pattern = 'family-name';
    }
    (out ??= []).push({ start: t.start, end: tokens[j - 1]!.end, score, pattern });
    i = j;
  }
  return out ?? NO_CANDIDATES;
}

export const personRecognizer: Recognizer = {
  id: 'person',
  entity: 'PERSON',
  patterns: [],
  find: findNames,
  context: ['name', 'named', 'called', 'dear', 'patient', 'said', 'says', 'told', 'asked', 'shouted', 'wrote', 'replied', 'married', 'signed', 'regards', 'sincerely', 'wife', 'husband', 'son', 'daughter', 'mother', 'father', 'brother', 'sister', 'friend', 'partner', 'colleague', 'manager', 'doctor', 'nurse', 'mr', 'mrs', 'ms', 'miss', 'dr', 'hi', 'hello', 'thanks'],
};
