// ORGANIZATION: company and institution names without a model. Four cues, strongest first:
// a legal or sector suffix after capitalised words ("Drake PLC", "Castle Biosciences", "Acme Inc."),
// an institutional head ("University of Ghent", "Ministry of Agriculture"), the law-firm shape of
// family names ("Hoover, Morris and Johnson", "Lind - Doyle", "Kuhlman and Sons"), and a capitalised name in an organisational frame
// ("works at Deloitte", "the Kpmg office"). Names alone ("Apple") are not guessed.
import { ABBREVIATION, COMMON_WORD, FIRST_NAME, firstNames, LAST_NAME, MAJOR_PLACE, wordBit } from '../gazetteers/index.js';
import { cueEnds, inList, joined, type Token, tokenAt, tokenize } from '../tokens.js';
import { textCasing } from '../casing.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';

/** Words that end an organisation's name; exported so the name recognizer stops before them. */
export const SUFFIXES: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'group', 'holdings', 'gmbh', 'ag', 'sa', 'sas', 'sarl',
  'spa', 'srl', 'bv', 'nv', 'plc', 'llp', 'lp', 'pty', 'oy', 'ab', 'as', 'kg', 'sons', 'bank', 'bancorp', 'technologies', 'technology', 'systems', 'solutions',
  'consulting', 'partners', 'associates', 'foundation', 'institute', 'university', 'college', 'hospital', 'clinic', 'agency', 'labs',
  'laboratories', 'pharmaceuticals', 'pharma', 'biosciences', 'therapeutics', 'industries', 'enterprises', 'services', 'insurance', 'airlines', 'motors',
  'media', 'networks', 'software', 'analytics', 'capital', 'ventures', 'society', 'association', 'council', 'trust', 'movers', 'lines',
  'logistics', 'research', 'robotics', 'energy', 'healthcare', 'health', 'financial', 'bros', 'brothers', 'studios', 'records', 'publishing',
  'press', 'school', 'academy', 'federation', 'union', 'maintenance', 'appraisals', 'traffic', 'app', 'data', 'digital', 'interactive',
  // Sector words that name a firm after its owner's name ("Piórkowski Foods", "Hale Realty").
  'foods', 'farms', 'realty', 'properties', 'construction', 'builders', 'engineering', 'hotels', 'resorts', 'apparel', 'outfitters',
  'chemicals', 'petroleum', 'airways', 'shipping', 'freight', 'trucking', 'distributors', 'distribution', 'manufacturing', 'brands',
  'architects', 'automotive', 'electronics', 'communications', 'entertainment', 'productions', 'investments', 'securities', 'advisors',
  'attorneys', 'accountants', 'cosmetics', 'beverages', 'brewing', 'brewery', 'winery', 'textiles', 'supplies', 'telecom',
]);
/** Suffixes that are ordinary words too: they need two capitalised words before them. */
const WEAK_SUFFIXES = new Set(['labs', 'co', 'company', 'group', 'trust', 'lines', 'data', 'app', 'press', 'records', 'union', 'health', 'energy', 'capital', 'media', 'services', 'research', 'digital', 'traffic', 'as', 'ab', 'sa', 'school', 'ag',
  'farms', 'properties', 'construction', 'builders', 'engineering', 'hotels', 'shipping', 'freight', 'distribution', 'manufacturing', 'brands', 'electronics', 'communications', 'entertainment', 'productions', 'investments', 'securities', 'supplies']);
/** "Kuhlman and Sons", "Hale & Daughters": the family firm's suffix after "and". */
const FAMILY_SUFFIXES = new Set(['sons', 'son', 'daughters', 'brothers', 'bros', 'sisters']);
/**
 * English closed-class words (prepositions, pronouns, determiners, auxiliaries, conjunctions and a
 * few sentence adverbs): never inside a firm's name, so in lower-case text the name stops at them.
 */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'about', 'above', 'after', 'against', 'along', 'am', 'among', 'are', 'around', 'as', 'at', 'be', 'been', 'before', 'behind', 'being', 'below', 'beside',
  'between', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'during', 'for', 'from', 'had', 'has', 'have', 'he', 'her', 'him', 'his', 'i', 'if', 'in', 'into', 'is',
  'it', 'its', 'just', 'me', 'my', 'near', 'now', 'of', 'off', 'on', 'onto', 'or', 'our', 'over', 'she', 'since', 'so', 'still', 'than', 'that', 'the', 'their',
  'them', 'then', 'they', 'this', 'those', 'through', 'to', 'toward', 'towards', 'under', 'until', 'up', 'upon', 'us', 'via', 'was', 'we', 'were', 'what', 'when',
  'where', 'which', 'while', 'who', 'whom', 'will', 'with', 'within', 'without', 'would', 'you', 'your', 'ask', 'asked', 'called', 'joined', 'left', 'told',
]);
// " - ", " – ", " — ": two family names joined by a spaced dash name a firm ("Lind - Doyle"), not a person.
const HEADS = new Set(['university', 'bank', 'ministry', 'department', 'institute', 'college', 'school', 'office', 'bureau', 'board', 'church', 'museum', 'academy', 'society', 'federation', 'council']);
const FRAME_BEFORE = ['address of', 'year at', 'years at', 'later became', 'office of', 'works at', 'work at', 'working at', 'worked at', 'works for', 'work for', 'working for', 'worked for', 'employed by', 'joined', 'hired by', 'ceo of', 'founder of', 'invested in', 'acquired by', 'recorded for', 'employer is', 'employer:', 'company:', 'is from', 'customer of', 'client of'];
const FRAME_AFTER = new Set(['office', 'offices', 'headquarters', 'hq', 'employees', 'staff', 'team', 'shares', 'stock', 'ceo', 'board', 'subsidiary', 'invested', 'announced', 'acquired']);
/** "our founders: Kovalev, Lee and Phillips": a list of people, not a firm. */
const PEOPLE_BEFORE = /\b(?:founders?|co-founders?|members|children|kids|sons|daughters|friends|siblings|parents|authors|colleagues|students|players|guests|patients)\b[^.!?\n]{0,12}$/i;
/** What follows an organisation as the subject of a sentence. */
const FOLLOWS = ['is the brainchild', 'was founded', 'is a 501', 'is headquartered', 'is a company', 'is a startup', 'went public', 'filed for', 'is hiring', 'later became', 'has offices'];
/** First words of FOLLOWS. */
const FOLLOW_STARTS = new Set(FOLLOWS.map((f) => f.split(' ')[0]!));
const CONNECT = new Set(['of', 'and', 'the', 'for', '&', 'de', 'du', 'des', 'la']);
// The word sets asked of every token, as bits of the token's one list probe (gazetteers wordBit), so
// a word that is none of them is passed over without its lookup key being made: SUFFIXES exactly (the
// same bit the name and place finders ask), and one bit over HEADS, FRAME_AFTER and FOLLOW_STARTS
// that only filters (a word with it is then asked of its own set).
const SUFFIX = wordBit(SUFFIXES);
const CUE_WORD = wordBit(new Set([...HEADS, ...FRAME_AFTER, ...FOLLOW_STARTS]));

/** `set.has(t.lower)` for HEADS, FRAME_AFTER or FOLLOW_STARTS, asking the set only when the token's CUE_WORD bit is set. */
function cueWordIn(t: Token, set: ReadonlySet<string>): boolean {
  return inList(t, CUE_WORD) && set.has(t.lower);
}

/**
 * Read 3 does not start at `t` after a comma when the word before is a name or an unknown word, which
 * could be one of a list ("Head of Operations, Kilback, Towne and McGlynn"), not an ordinary word.
 */
function listBefore(t: Token, prevWord: Token | undefined): boolean {
  return t.gapIs(', ') && prevWord !== undefined && (inList(prevWord, FIRST_NAME) || inList(prevWord, LAST_NAME) || !inList(prevWord, COMMON_WORD));
}

function nameWord(t: Token, caseless: boolean): boolean {
  if (t.embedded) return false;
  // A token holds no digit (tokens.ts: letters and marks), so in text with capitals a name word is a
  // capitalised one, decided without the word's lookup key (most words are never looked up).
  return caseless ? t.lower.length >= 2 : t.cap;
}

/** A family name from the lists, or any capitalised rare word (the lists cannot know every name). */
function familyName(t: Token, caseless: boolean): boolean {
  if (!nameWord(t, caseless) || inList(t, COMMON_WORD)) return false;
  return inList(t, LAST_NAME) || inList(t, FIRST_NAME) || !caseless;
}

/** A word of the name before a suffix; without capitals a function word ("from", "at", "is") is where it stops. */
function inSuffixedName(x: Token, caseless: boolean): boolean {
  return nameWord(x, caseless) && !(caseless && FUNCTION_WORDS.has(x.lower));
}

/** A later name of "Hoover, Morris and Johnson": also a family name that is a word ("Sporer, Berge and Wolf"), capitalised. */
function laterPartner(x: Token, caseless: boolean): boolean {
  return familyName(x, caseless) || (!caseless && x.cap && !x.sentenceStart && inList(x, LAST_NAME));
}

const FRAME_OPTIONS = { optionalThe: true } as const;

function findOrganizations(text: string): readonly Candidate[] {
  let out: Candidate[] | undefined;
  const tokenized = tokenize(text);
  const { tokens } = tokenized;
  // In ALL CAPS text every word is capitalised: capitals are no cue there, as in lower-case text.
  const caseless = tokenized.caseless || textCasing(text) === 'upper';
  /** Where FRAME_BEFORE phrases end, asked for on the first capitalised run (cueEnds keeps it for the text). */
  let frameEnds: ReadonlySet<number> | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // 1. Capitalised words then a suffix: look back from each suffix.
    if ((t.cap || caseless) && i > 0 && !t.embedded && inList(t, SUFFIX) && joined(t)) {
      // "Kuhlman and Sons": look back from the word before "and".
      const family = FAMILY_SUFFIXES.has(t.lower) && i > 1 && (tokens[i - 1]!.lower === 'and' || tokens[i - 1]!.lower === '&') && joined(tokens[i - 1]!);
      let k = family ? i - 1 : i;
      while (k > 0 && i - k < 4 && (joined(tokens[k]!) || /^ ?& ?$/.test(tokens[k]!.gapBefore)) && inSuffixedName(tokens[k - 1]!, caseless)) k--;
      if (family && k === i - 1) k = i;
      // "The Acme Group", "Our Acme Inc.": a frequent word opening a sentence is not part of the name.
      while (k < i && inList(tokens[k]!, COMMON_WORD) && (tokens[k]!.sentenceStart || tokens[k]!.lower === 'the')) k++;
      const words = i - k;
      const first = tokens[k]!;
      const weak = WEAK_SUFFIXES.has(t.lower);
      if (words >= 1 && (!weak || (!caseless && (words >= 2 || !inList(first, COMMON_WORD)))) && !(words === 1 && inList(first, COMMON_WORD) && first.sentenceStart)) {
        const end = text[t.end] === '.' && /^(?:inc|ltd|corp|co|bros)$/.test(t.lower) ? t.end + 1 : t.end;
        (out ??= []).push({ start: first.start, end, score: weak ? 0.6 : 0.8, pattern: 'suffix' });
        continue;
      }
    }
    // 2. "University of X", "Ministry of Agriculture".
    if ((t.cap || caseless) && !t.embedded && cueWordIn(t, HEADS)) {
      const of = tokenAt(tokens, i + 1);
      if (of !== undefined && of.lower === 'of' && joined(of)) {
        let j = i + 2;
        while (j < tokens.length && j - i < 6 && joined(tokens[j]!) && (nameWord(tokens[j]!, caseless) || (CONNECT.has(tokens[j]!.lower) && j + 1 < tokens.length && nameWord(tokens[j + 1]!, caseless)))) j++;
        if (j > i + 2) {
          (out ??= []).push({ start: t.start, end: tokens[j - 1]!.end, score: 0.75, pattern: 'institution' });
          i = j - 1;
          continue;
        }
      }
    }
    // 3. "Hoover, Morris and Johnson": family names, a comma, "and". Not inside a longer list of
    // given names ("Kyle, Jessica, Megan and Ashley").
    const b3 = tokenAt(tokens, i + 1);
    if (b3 !== undefined && b3.gapIs(', ') && familyName(t, caseless) && !listBefore(t, tokenAt(tokens, i - 1)) && !PEOPLE_BEFORE.test(text.slice(Math.max(0, t.start - 40), t.start))) {
      const b = b3;
      const c = tokenAt(tokens, i + 2);
      const d = tokenAt(tokens, i + 3);
      if (c && d && laterPartner(b, caseless) && / $/.test(c.gapBefore) && (c.lower === 'and' || c.lower === '&') && joined(d) && laterPartner(d, caseless)
        && ![t, b, d].every((x) => inList(x, FIRST_NAME) && !inList(x, LAST_NAME)) && [t, b, d].some((x) => inList(x, LAST_NAME))) {
        // Three capitalised family names in the firm shape outrank each name read as a person, even one
        // that a context word ("says", "manager") has raised.
        (out ??= []).push({ start: t.start, end: d.end, score: caseless ? 0.7 : 0.97, pattern: 'partners' });
        i += 3;
        continue;
      }
    }
    // 3b. "Lind - Doyle": two family names around a spaced dash.
    const dashed = tokenAt(tokens, i + 1);
    if (dashed !== undefined && (dashed.gapIs(' - ') || dashed.gapIs(' – ') || dashed.gapIs(' — ')) && familyName(t, caseless) && familyName(dashed, caseless) && !dashed.embedded
      && [t, dashed].every((x) => (inList(x, LAST_NAME) || x.lower.includes('-')) && !(x.allCaps && !caseless) && !inList(x, ABBREVIATION))
      && ![t, dashed].some((x) => inList(x, MAJOR_PLACE))
      && ![t, dashed].every((x) => inList(x, FIRST_NAME))) {
      (out ??= []).push({ start: t.start, end: dashed.end, score: caseless ? 0.6 : 0.9, pattern: 'dashed-names' });
      i += 1;
      continue;
    }
    // 4. A line of its own, between a name line and an address line (a letter or signature block).
    if (!caseless && t.cap && (i === 0 || (t.sentenceStart && t.gapBefore.includes('\n')))) {
      let j = i;
      while (j + 1 < tokens.length && j - i < 4 && !tokens[j + 1]!.gapBefore.includes('\n') && /^[ \-&]{1,3}$/.test(tokens[j + 1]!.gapBefore) && (tokens[j + 1]!.cap || CONNECT.has(tokens[j + 1]!.lower))) j++;
      const lineEnd = text.indexOf('\n', tokens[j]!.end);
      const restOfLine = text.slice(tokens[j]!.end, lineEnd < 0 ? text.length : lineEnd).trim();
      const nextLine = lineEnd < 0 ? '' : text.slice(lineEnd + 1, lineEnd + 40).replace(/^[\s>?*•-]+/, '');
      const personLike = inList(t, FIRST_NAME) && j > i && (inList(tokens[i + 1]!, LAST_NAME) || tokens[i + 1]!.cap);
      // The next line is an address, or a person's name after this line followed a person's name.
      const prevLineStart = text.lastIndexOf('\n', t.start - 2);
      const prevLine = text.slice(prevLineStart + 1, t.start).replace(/^[\s>?*•-]+/, '').trim();
      const nameLine = (l: string) => /^\p{Lu}\p{Ll}+ \p{Lu}[\p{L}'-]+$/u.test(l) && firstNames().has(l.split(' ')[0]!.toLowerCase());
      const nextAddress = /^(?:\d{1,5}\s|unit\s|p\.?o\.?\sbox|the corner of|suite\s|apt)/i.test(nextLine);
      const betweenNames = nameLine(prevLine) && nameLine(nextLine.split('\n')[0]!.trim());
      if (restOfLine === '' && !personLike && (nextAddress || betweenNames) && !(j === i && inList(t, COMMON_WORD))) {
        (out ??= []).push({ start: t.start, end: tokens[j]!.end, score: 0.55, pattern: 'letterhead-line' });
        i = j;
        continue;
      }
    }
    // 5. Capitalised run in an organisational frame.
    if (!caseless && nameWord(t, caseless)) {
      let j = i;
      while (j + 1 < tokens.length && j - i < 3 && joined(tokens[j + 1]!) && nameWord(tokens[j + 1]!, caseless) && !cueWordIn(tokens[j + 1]!, FRAME_AFTER)) j++;
      const allCommon = j === i && inList(t, COMMON_WORD);
      const next = tokenAt(tokens, j + 1);
      const framedBefore = (frameEnds ??= cueEnds(text, FRAME_BEFORE, FRAME_OPTIONS)).has(t.start);
      // The phrase tests below cost slices: only when the next word could start one.
      let followed = false;
      if (next !== undefined && cueWordIn(next, FOLLOW_STARTS)) {
        const after = text.slice(tokens[j]!.end, tokens[j]!.end + 24).toLowerCase().replace(/^[\s,]+/, '').replace(/\s+/g, ' ');
        followed = FOLLOWS.some((f) => after.startsWith(f));
      }
      // "meet at Geolytics, 43 P.O. Box 41": a venue named before its address.
      const venue = text[tokens[j]!.end] === ',' && /^, \d{1,5} /.test(text.slice(tokens[j]!.end, tokens[j]!.end + 8)) && / at $/.test(text.slice(Math.max(0, t.start - 4), t.start));
      const framedAfter = (next !== undefined && joined(next) && cueWordIn(next, FRAME_AFTER)) || followed || venue;
      // A sentence's first word is capitalised anyway: there only a following frame counts.
      if ((framedBefore || framedAfter) && !(allCommon && !framedBefore) && (!t.sentenceStart || followed)) {
        // "work at Morrison & Stanton", "work at Heather's Salon": a firm's name goes on past '&' and a possessive.
        let e = j;
        while (framedBefore && e + 1 < tokens.length && e - i < 5 && tokens[e + 1]!.cap && (/^ ?& ?$/.test(tokens[e + 1]!.gapBefore) || (tokens[e]!.possessive && joined(tokens[e + 1]!)) || (joined(tokens[e + 1]!) && SUFFIXES.has(tokens[e + 1]!.lower)))) e++;
        (out ??= []).push({ start: t.start, end: tokens[e]!.end, score: framedBefore ? 0.8 : 0.6, pattern: framedBefore ? 'frame-before' : 'frame-after' });
        i = e;
      }
    }
  }
  return out ?? NO_CANDIDATES;
}

export const organizationRecognizer: Recognizer = {
  id: 'organization',
  entity: 'ORGANIZATION',
  patterns: [],
  find: findOrganizations,
  context: ['company', 'corporation', 'firm', 'employer', 'office', 'works', 'worked', 'employed', 'joined', 'startup', 'organization', 'organisation', 'vendor', 'bank', 'agency', 'subsidiary'],
};
