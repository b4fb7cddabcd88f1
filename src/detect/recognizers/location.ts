// LOCATION: countries, states, cities and towns, looked up in gazetteers (GeoNames cities of 5,000+
// people, country names in English and their own languages; see gazetteers/). The longest phrase
// wins ("New South Wales" over "Wales"). Place names that are also frequent words ("Nice", "Bath",
// "Reading") or people's names ("Austin") need capitals mid-sentence or a preposition before them
// (in, from, at, near...) to count.
import { commonWords, countries, firstNames, lastNames, MAX_PLACE_WORDS, placePrefixes, places } from '../gazetteers/index.js';
import { joined, tokenize } from '../tokens.js';
import type { Candidate, Recognizer } from '../types.js';

const PREPOSITIONS = new Set(['in', 'from', 'at', 'to', 'near', 'of', 'visit', 'visited', 'visiting', 'via', 'towards', 'into', 'outside', 'around', 'across']);
/** Lower-case words that may sit inside a place name ("Stratford upon Avon", "Ústí nad Labem"). */
const INNER = new Set(['of', 'the', 'and', 'upon', 'on', 'am', 'an', 'der', 'de', 'del', 'la', 'le', 'les', 'da', 'do', 'dos', 'di', 'sur', 'nad', 'pod', 'im', 'in', 'en', 'y', 'e']);

function* findPlaces(text: string): Generator<Candidate> {
  const { tokens, caseless } = tokenize(text);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // A lower-case word in text that has capitals scores below any threshold: skip the lookups.
    if (t.embedded || (!t.cap && !caseless) || INNER.has(t.lower)) {
      i++;
      continue;
    }
    let found = 0;
    let kind: 'country' | 'place' | undefined;
    let phrase = '';
    const limit = Math.min(MAX_PLACE_WORDS, tokens.length - i);
    let p = '';
    for (let k = 0; k < limit; k++) {
      const u = tokens[i + k]!;
      if (k > 0 && (!joined(u) || u.embedded)) break;
      p = k === 0 ? u.lower : `${p} ${u.lower}`;
      if (countries().has(p)) { found = k + 1; kind = 'country'; phrase = p; }
      else if (places().has(p)) { found = k + 1; kind = 'place'; phrase = p; }
      if (!placePrefixes().has(p)) break;
    }
    if (found === 0 || kind === undefined || INNER.has(t.lower) || t.embedded) {
      i++;
      continue;
    }
    const last = tokens[i + found - 1]!;
    const prev = tokens[i - 1];
    const afterPreposition = prev !== undefined && PREPOSITIONS.has(prev.lower) && joined(t);
    const common = found === 1 && commonWords().has(phrase);
    const personal = found === 1 && (firstNames().has(phrase) || lastNames().has(phrase));
    const capitalised = t.cap || caseless;
    let score: number;
    if (phrase.length < 3 && !t.allCaps) score = 0;
    else if (common) score = capitalised && (!t.sentenceStart || afterPreposition) && !caseless ? (afterPreposition ? 0.6 : 0.4) : 0;
    else if (!capitalised) score = kind === 'country' ? 0.5 : 0.35;
    else if (kind === 'country') score = 0.85;
    else if (found >= 2) score = 0.8;
    else if (personal) score = afterPreposition ? 0.65 : 0.45;
    else score = afterPreposition ? 0.8 : 0.7;
    if (score > 0) yield { start: t.start, end: last.end, score, pattern: kind === 'country' ? 'country' : found >= 2 ? 'place-phrase' : 'place' };
    i += found;
  }
}

export const locationRecognizer: Recognizer = {
  id: 'location',
  entity: 'LOCATION',
  patterns: [],
  find: findPlaces,
  context: ['city', 'country', 'town', 'village', 'state', 'province', 'region', 'located', 'live', 'lives', 'lived', 'living', 'moved', 'born', 'visit', 'visited', 'travel', 'travelled', 'traveled', 'trip', 'flight', 'headquartered', 'based', 'arrived'],
};
