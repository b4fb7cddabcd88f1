// LOCATION: countries, states, cities and towns, looked up in gazetteers (GeoNames cities of 5,000+
// people, country names in English and their own languages; see gazetteers/). The longest phrase
// wins ("New South Wales" over "Wales"). Place names that are also frequent words ("Nice", "Bath",
// "Reading") or people's names ("Austin") need capitals mid-sentence or a preposition before them
// (in, from, at, near...) to count.
import { ABBREVIATION, COMMON_WORD, COUNTRY, DEMONYM, DICTIONARY_WORD, FIRST_NAME, LAST_NAME, MAJOR_PLACE, MAX_PLACE_WORDS, MEDICAL_EPONYM, memberships, PLACE, PLACE_PREFIX, WORD_NAME, wordBit } from '../gazetteers/index.js';
import { textCasing } from '../casing.js';
import { cueEnds, inList, joined, type Token, tokenAt, tokenize } from '../tokens.js';
import { beforeEponymHead } from './eponyms.js';
import { SUFFIXES as ORGANIZATION_SUFFIXES } from './organization.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';

const PREPOSITIONS = new Set(['in', 'from', 'at', 'to', 'near', 'of', 'visit', 'visited', 'visiting', 'via', 'towards', 'into', 'outside', 'around', 'across']);
/** Lower-case words that may sit inside a place name ("Stratford upon Avon", "Ústí nad Labem"). */
const INNER = new Set(['of', 'the', 'and', 'upon', 'on', 'am', 'an', 'der', 'de', 'del', 'la', 'le', 'les', 'da', 'do', 'dos', 'di', 'sur', 'nad', 'pod', 'im', 'in', 'en', 'y', 'e']);
// The sets asked of (nearly) every token, as bits of the token's one list probe (gazetteers wordBit).
const PREPOSITION = wordBit(PREPOSITIONS);
const INNER_WORD = wordBit(INNER);
const ORGANIZATION_SUFFIX = wordBit(ORGANIZATION_SUFFIXES);

/** Names of places in the lists that in running text are almost always something else. */
const NOT_PLACES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'dob', 'ssn', 'mrn', 'icu', 'er', 'ed', 'or', 'van', 'christmas', 'easter', 'halloween', 'thanksgiving', 'god', 'jesus', 'christ', 'lord', 'central', 'northern', 'southern', 'eastern', 'western', 'union', 'liberty', 'independence', 'victory', 'paradise', 'eden', 'university', 'college', 'hospital', 'mission', 'university park',
  'pacu', 'micu', 'sicu', 'ccu', 'nicu', 'picu', 'tsicu', 'csru',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
/** Words that continue a place name ("Hamilton East", "Oamaru Central"). */
const PLACE_TAILS = new Set(['north', 'south', 'east', 'west', 'central', 'upper', 'lower', 'heights', 'city', 'town', 'village', 'beach', 'springs', 'falls', 'park']);

/**
 * Phrases after which the next capitalised words name a place even when no list knows them (a
 * village, a district): "grew up in Dornberk", "I'm in PADASJOKI", "moved here from Cite Essanaouber".
 */
const CUES = ['lives in', 'live in', 'living in', 'lived in', 'grew up in', 'born in', 'moved to', 'moved here from', 'moved from', 'relocated to',
  'i am in', "i'm in", 'we are in', 'arrived at', 'arrived in', 'located in', 'based in', 'originally from', 'city of', 'town of', 'village of',
  'home city', 'home town', 'hometown', 'home is', 'drove in from', 'family from', 'lives alone in', 'travelled to', 'traveled to', 'flew to', 'trip to', 'where:', 'resident of', 'residing in', 'year in'];
/** Short lower-case words allowed inside a cued place name ("Loka pri Zidanem Mostu", "Mansilla de la Sierra"). */
const CUED_INNER = /^[\p{Ll}']{1,3}$/u;

/**
 * First words of place names made from a feature or a direction ("Lake Jewel", "North Inez", "Fort
 * Collins", "New Murray"): with a capitalised word after them they name a place even when no list
 * knows it, and they outrank a reading of the pair as a person.
 */
const FEATURE_HEADS = new Set(['north', 'south', 'east', 'west', 'new', 'lake', 'port', 'fort', 'mount', 'mt', 'saint', 'st', 'san', 'santa', 'point', 'glen', 'cape', 'bay', 'upper', 'lower', 'old']);
const FEATURE_HEAD = wordBit(FEATURE_HEADS);
/** Heads that are ordinary adjectives too ("in new designs"): they need their capital. */
const ADJECTIVE_HEADS = new Set(['new', 'old', 'upper', 'lower', 'point', 'bay', 'glen', 'cape', 'mount']);
/**
 * English place-name endings (Old English -tūn, -burh, -wīc, -ford, -lond, -mūþa, -hæfen; Norse and
 * Dutch -stad, -berg; and -ville): an unknown capitalised word with one after a preposition is a town.
 */
const TOPONYM_END = /^[\p{L}'-]{3,}(?:ville|town|burgh?|borough|boro|bury|chester|cester|mouth|haven|stad|berg|furt|fort|shire|side|view|port|field|ford|land|ton|worth|wick|dale|mont|stead)$/u;
/** Words after a given name that make it a person's, not a place's ("Rosario and Jayden", "Rodrigo at the"). */
const PERSON_NEXT = new Set(['said', 'says', 'told', 'asked', 'wrote', 'called', 'is', 'was', 'will', 'has', 'had', 'and', 'or']);
/** Words before a given name that make it a person's ("escalated by Guadalupe", "ran into Erwin"). */
const PERSON_PREV = /(?:\bby|\bwith|\b(?:ran|bumped) into|\bassigned to|\bhi|\bhey|\bdear|\bthanks|\blol)\s+$/i;

/** ", OH", ", nj": a US state's postal code after a town. */
const STATE_AFTER = /^, ?(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])(?![A-Za-z])/i;


/** A capitalised run after a location cue: [end token index, exclusive] or 0 when none. */
function cuedRun(tokens: readonly Token[], i: number, caseless: boolean): number {
  const ok = (t: Token) => !t.embedded && (t.cap || caseless) && !inList(t, COMMON_WORD);
  if (!ok(tokens[i]!)) return 0;
  let j = i + 1;
  while (j < tokens.length && j - i < 6 && joined(tokens[j]!)) {
    const u = tokens[j]!;
    if (ok(u) && !caseless) { j++; continue; }
    const v = tokenAt(tokens, j + 1);
    if (!caseless && CUED_INNER.test(u.lower) && v !== undefined && joined(v) && ok(v)) { j += 2; continue; }
    break;
  }
  return j;
}

/** Not embedded, capitalised (any word where `anyCase`), in neither the common-word nor the suffix list. */
function unknownName(u: Token, anyCase: boolean): boolean {
  return !u.embedded && (u.cap || anyCase) && !inList(u, COMMON_WORD | ORGANIZATION_SUFFIX);
}

/** A place-shaped unknown name at token i: "Lake Jewel", "North Geraldineland", "to Sauertown". */
function shapedPlace(tokens: readonly Token[], i: number, caseless: boolean): { candidate: Candidate; next: number } | undefined {
  const t = tokens[i]!;
  const prev = tokenAt(tokens, i - 1);
  const afterPreposition = prev !== undefined && inList(prev, PREPOSITION) && joined(t);
  // Both shapes below need a feature head or a preposition before the word.
  if (!afterPreposition && !inList(t, FEATURE_HEAD)) return undefined;
  // "12 North Oak Street": part of a street address, which its own recognizer reports. (A token starts
  // with a letter, so only the gap before it can hold the number.)
  if (/\d\s*$/.test(t.gapBefore)) return undefined;
  const next = tokenAt(tokens, i + 1);
  if (inList(t, FEATURE_HEAD) && ((t.cap && !(caseless && ADJECTIVE_HEADS.has(t.lower))) || (caseless && afterPreposition && !ADJECTIVE_HEADS.has(t.lower))) && next !== undefined && joined(next) && unknownName(next, caseless && afterPreposition) && !STREET_AFTER.has(tokenAt(tokens, i + 2)?.lower ?? '')) {
    return { candidate: { start: t.start, end: next.end, score: afterPreposition ? 0.8 : 0.7, pattern: 'feature-place' }, next: i + 2 };
  }
  if (afterPreposition && unknownName(t, caseless) && TOPONYM_END.test(t.lower) && !inList(t, FIRST_NAME) && !inList(t, LAST_NAME) && !inList(t, DICTIONARY_WORD)) {
    return { candidate: { start: t.start, end: t.end, score: caseless ? 0.55 : 0.65, pattern: 'toponym-shape' }, next: i + 1 };
  }
  return undefined;
}

/** A given name that is also a town, in a person's frame: "ran into Erwin", "Soledad and Sammie". */
function readsAsPerson(text: string, tokens: readonly Token[], i: number): boolean {
  const next = tokenAt(tokens, i + 1);
  if (text.startsWith(' (', tokens[i]!.end)) return true;
  if (next !== undefined && joined(next) && PERSON_NEXT.has(next.lower)) {
    const after = tokenAt(tokens, i + 2);
    // "Paris is lovely": a large city's name with a verb after it stays a place.
    if (next.lower !== 'and' && next.lower !== 'or') return !inList(tokens[i]!, MAJOR_PLACE);
    return after !== undefined && inList(after, FIRST_NAME) && !inList(after, PLACE);
  }
  if (next !== undefined && next.lower === 'at' && tokenAt(tokens, i + 2)?.lower === 'the') return true;
  return PERSON_PREV.test(text.slice(Math.max(0, tokens[i]!.start - 16), tokens[i]!.start));
}

/** Street words after a feature-headed pair: "North Oak Street" is a street, not a town. */
const STREET_AFTER = new Set(['street', 'st', 'avenue', 'ave', 'road', 'rd', 'lane', 'ln', 'drive', 'dr', 'boulevard', 'blvd', 'way', 'court', 'ct', 'place', 'pl', 'terrace', 'highway', 'hwy', 'parkway', 'pkwy']);
/** Shorthand only clinical notes write: s/p, h/o, c/o, w/u, c/d/i, CIWA, NIHSS, d/c'd, PRN, BID, SpO2, Dispo, HD#2, POD#3. */
const CLINICAL = /\b(?:[shcd]\/[opcu]|c\/d\/i|cdi|ciwa|nihss|w\/u|prn|bid|tid|qhs|spo2|dispo|hd ?#\d|pod ?#?\d|a\/p|pmh|hpi)\b/i;

function findPlaces(text: string): readonly Candidate[] {
  let out: Candidate[] | undefined;
  const tokenized = tokenize(text);
  const { tokens } = tokenized;
  // In ALL CAPS text capitals say nothing, as in lower-case text.
  const shouting = textCasing(text) === 'upper';
  const caseless = tokenized.caseless || shouting;
  /** Where CUES end in the text, fetched on the first question (cueEnds keeps it for the text). */
  let cueSet: ReadonlySet<number> | undefined;
  /** Whether the text reads as a clinical note, asked on the first lone town (CLINICAL). */
  let clinical: boolean | undefined;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // A lower-case word in text that has capitals scores below any threshold, except after a cue
    // ("moved to johns creek", "based in waxhaw": chat writes towns in lower case): skip the lookups.
    if (t.embedded || (!t.cap && !caseless && !(cueSet ??= cueEnds(text, CUES)).has(t.start)) || inList(t, INNER_WORD)) {
      i++;
      continue;
    }
    const isCued = (cueSet ??= cueEnds(text, CUES)).has(t.start);
    let found = 0;
    let kind: 'country' | 'place' | undefined;
    let phrase = '';
    const limit = Math.min(MAX_PLACE_WORDS, tokens.length - i);
    let p = '';
    for (let k = 0; k < limit; k++) {
      const u = tokens[i + k]!;
      if (k > 0 && (!joined(u) || u.embedded)) break;
      // One probe per phrase (the token's own bits for its first word) answers all three lists; a
      // first word in none of them ends the phrase before its lookup key is made.
      let lists: number;
      if (k === 0) {
        lists = u.lists;
        if ((lists & (COUNTRY | PLACE | PLACE_PREFIX)) === 0) break;
        p = u.lower;
      } else {
        p = `${p} ${u.lower}`;
        lists = memberships(p);
      }
      if ((lists & COUNTRY) !== 0) { found = k + 1; kind = 'country'; phrase = p; }
      else if ((lists & PLACE) !== 0) { found = k + 1; kind = 'place'; phrase = p; }
      if ((lists & PLACE_PREFIX) === 0) break;
    }
    if (found === 0 || kind === undefined) {
      const shaped = shapedPlace(tokens, i, caseless);
      if (shaped !== undefined) {
        (out ??= []).push(shaped.candidate);
        i = shaped.next;
        continue;
      }
      if (isCued) {
        const j = cuedRun(tokens, i, caseless);
        if (j > i) {
          (out ??= []).push({ start: t.start, end: tokens[j - 1]!.end, score: caseless ? 0.55 : 0.65, pattern: 'after-cue' });
          i = j;
          continue;
        }
      }
      i++;
      continue;
    }
    const prev = tokenAt(tokens, i - 1);
    const after = tokenAt(tokens, i + found);
    // "Boston Consulting Group", "Rand Corporation": the place names a firm. "Tara Burns": a surname.
    const beforeSuffix = after !== undefined && joined(after) && after.cap && inList(after, ORGANIZATION_SUFFIX);
    const afterGivenName = prev !== undefined && joined(t) && prev.cap === t.cap && inList(prev, FIRST_NAME) && !inList(prev, COMMON_WORD);
    if (NOT_PLACES.has(phrase) || beforeSuffix || (afterGivenName && !isCued)) {
      i += found;
      continue;
    }
    // An addition run for every phrase, not an increment under a rare test: the increment had no type
    // feedback when findPlaces was first optimised, and the first tail word deoptimised it.
    found += after !== undefined && joined(after) && (after.cap || caseless) && PLACE_TAILS.has(after.lower) ? 1 : 0;
    const last = tokens[i + found - 1]!;
    const afterPreposition = isCued || (prev !== undefined && inList(prev, PREPOSITION) && joined(t));
    // One word: the phrase is t.lower, whose list bits the token holds.
    const common = found === 1 && inList(t, COMMON_WORD);
    const personal = found === 1 && inList(t, FIRST_NAME | LAST_NAME) && !inList(t, MAJOR_PLACE);
    const capitalised = t.cap || caseless;
    // "Country Club", "Thai", "Paul": every word ordinary, a nationality, or a person's name with no
    // preposition before it. The name and NRP recognizers, or nobody, should have these.
    const allCommon = tokens.slice(i, i + found).every((x) => inList(x, COMMON_WORD));
    if ((found > 1 && allCommon) || (found === 1 && inList(t, DEMONYM)) || (kind === 'place' && personal && !afterPreposition) || (kind === 'place' && found === 1 && inList(t, FIRST_NAME) && readsAsPerson(text, tokens, i))) {
      i += found;
      continue;
    }
    // An abbreviation or an English word that is also a place ("PS", "SALEM", "amber") is one only
    // after a preposition or a cue, wherever capitals cannot tell, and when written as an acronym.
    const clash = found === 1 && inList(t, ABBREVIATION | WORD_NAME);
    // "Foley draining", "Glasgow coma scale": a town that is also a medical eponym needs a preposition
    // or a cue, and is never one before a device or procedure noun (eponyms.ts).
    const nextCapitalised = after !== undefined && joined(after) && after.cap;
    if ((found === 1 && inList(t, MEDICAL_EPONYM) && !afterPreposition && !nextCapitalised) || (!isCued && beforeEponymHead(tokens, i + found))) {
      i += found;
      continue;
    }
    // Clinical notes name drugs, devices and scores after towns ("Norco 40 mg", "Hickman site", "Ranson
    // 2", "Miami J collar"): there one capitalised town needs place evidence, a preposition or cue
    // before it or a state after it.
    if (found === 1 && kind === 'place' && !afterPreposition && !STATE_AFTER.test(text.slice(last.end, last.end + 5)) && (clinical ??= CLINICAL.test(text))) {
      i += found;
      continue;
    }
    let score: number;
    // "OSH", "CXR": three letters or fewer in capitals are an acronym, except a state after a town
    // ("Dayton, OH") and, in ALL CAPS text, a place after a preposition ("FROM ROME").
    const acronym = found === 1 && t.allCaps && phrase.length <= 3 && !/^, ?$/.test(t.gapBefore) && !(shouting && afterPreposition);
    if ((clash && (caseless || t.allCaps) && !afterPreposition) || acronym) score = 0;
    else if (phrase.length < 3 && !t.allCaps) score = 0;
    else if (common) score = capitalised && (!t.sentenceStart || afterPreposition) && !caseless ? (afterPreposition ? 0.6 : 0.4) : 0;
    // "somerset, nj", "Wadsworth, OH": a town before a US state's postal code.
    else if (STATE_AFTER.test(text.slice(last.end, last.end + 5)) && !common) score = 0.75;
    else if (!capitalised) score = isCued && !common ? 0.6 : kind === 'country' ? 0.5 : 0.35;
    else if (kind === 'country') score = 0.85;
    else if (shouting && found === 1 && !afterPreposition) score = 0.45;
    else if (found >= 2) score = 0.8;
    else if (personal) score = afterPreposition ? 0.65 : 0.45;
    else score = afterPreposition ? 0.8 : 0.7;
    if (score > 0) (out ??= []).push({ start: t.start, end: last.end, score, pattern: kind === 'country' ? 'country' : found >= 2 ? 'place-phrase' : 'place' });
    i += found;
  }
  return out ?? NO_CANDIDATES;
}

export const locationRecognizer: Recognizer = {
  id: 'location',
  entity: 'LOCATION',
  patterns: [],
  find: findPlaces,
  context: ['city', 'country', 'village', 'province', 'region', 'located', 'lives', 'living', 'moved', 'visited', 'travelled', 'traveled', 'trip', 'flight', 'headquartered', 'based', 'arrived'],
};
