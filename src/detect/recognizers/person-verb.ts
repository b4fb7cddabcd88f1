// PERSON from what follows: tickets, chat and notes open sentences with a name and what the person
// did ("Seojun Choi disputed a charge", "Jun Park called back", "Adaeze Nwachukwu presented with").
// Where no list knows a word of the name, the verb is the evidence: two or three capitalised words
// that are not ordinary English words, places, countries, nationalities or abbreviations, then a
// lower-case verb that takes a person as its subject. One word alone is not enough ("Zendesk
// replied"): a product or a team does as much. Must never fire on a word the lists call a place or
// a country phrase ("Hong Kong reported"), nor on ALL CAPS or lower-case text, where capitals say
// nothing.
import { ABBREVIATION, COMMON_WORD, COUNTRY, DEMONYM, DICTIONARY_WORD, FIRST_NAME, LAST_NAME, memberships, PLACE, WORD_NAME, wordBit } from '../gazetteers/index.js';
import { textCasing } from '../casing.js';
import { inList, joined, type Token, tokenAt, tokenize } from '../tokens.js';
import { SUFFIXES as ORGANIZATION_SUFFIXES } from './organization.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';
import { nameWord, personRecognizer, phraseOf } from './person.js';

/**
 * Verbs whose subject is a person, as support notes, chat and clinical notes write them: speech,
 * requests, payments, visits. Not "is", "has", "was", "sent", "crashed": a firm, a product or a
 * place does those as often.
 */
const PERSON_VERBS = new Set([
  'said', 'says', 'asked', 'asks', 'told', 'tells', 'called', 'calls', 'phoned', 'emailed', 'texted', 'messaged', 'wrote', 'writes',
  'replied', 'replies', 'responded', 'mentioned', 'mentions', 'explained', 'explains', 'stated', 'states', 'noted', 'notes',
  'complained', 'complains', 'disputed', 'disputes', 'requested', 'requests', 'reported', 'reports', 'confirmed', 'confirms',
  'agreed', 'agrees', 'declined', 'declines', 'refused', 'refuses', 'denied', 'denies', 'insisted', 'insists', 'claimed', 'claims',
  'wants', 'wanted', 'needs', 'needed', 'prefers', 'preferred', 'thanked', 'apologised', 'apologized', 'promised', 'threatened',
  'paid', 'pays', 'cancelled', 'canceled', 'upgraded', 'downgraded', 'signed', 'visited', 'presented', 'presents', 'endorses',
  'endorsed', 'feels', 'felt', 'lives', 'lived', 'works', 'worked',
]);
const PERSON_VERB = wordBit(PERSON_VERBS);
/** Days and the months that are no given names: "On Monday Chen called" names Chen alone. */
const CALENDAR = wordBit(new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'september', 'october', 'november', 'december']));
const ORGANIZATION_SUFFIX = wordBit(ORGANIZATION_SUFFIXES);
const NAMES = FIRST_NAME | LAST_NAME;
/** Never part of a name before a verb: countries, nationalities, firms' suffixes, days and months. */
const NEVER = COUNTRY | DEMONYM | ORGANIZATION_SUFFIX | CALENDAR;

/** A capitalised word that may be part of a name (person.ts nameWord), and no place a list knows. */
function capitalisedNameWord(text: string, t: Token): boolean {
  return t.cap && !t.allCaps && !t.possessive && nameWord(text, t, { never: NEVER, words: PLACE });
}

/**
 * Verbs of speech after which chat and quoted replies name a person in lower case ("toby said you
 * were out"): then a given name a list holds, and no English word, is a name in text with capitals.
 */
const SPEECH_VERBS = new Set(['said', 'says', 'told', 'asked', 'wrote', 'replied', 'mentioned', 'texted', 'emailed', 'messaged']);
const ENGLISH = COMMON_WORD | DICTIONARY_WORD | ABBREVIATION | WORD_NAME;

/** tokens[i] is a lower-case listed given name right before a verb of speech (see SPEECH_VERBS). */
function lowerNameBeforeSpeech(text: string, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  const verb = tokenAt(tokens, i + 1);
  if (verb === undefined || verb.cap || !joined(verb) || !SPEECH_VERBS.has(verb.lower) || t.embedded || t.possessive || t.lower.length < 3) return false;
  return inList(t, FIRST_NAME) && !inList(t, ENGLISH | NEVER | PLACE) && /^[a-z]+$/.test(text.slice(t.start, t.end));
}

function findNamesBeforeVerbs(text: string): readonly Candidate[] {
  const tokenized = tokenize(text);
  if (tokenized.caseless || textCasing(text) === 'upper') return NO_CANDIDATES;
  let out: Candidate[] | undefined;
  const { tokens } = tokenized;
  // Runs of capitalised words first: their list bits are the ones person.ts has asked for already,
  // so a lower-case word is looked up only when it follows such a run.
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i]!.cap) {
      if (lowerNameBeforeSpeech(text, tokens, i)) (out ??= []).push({ start: tokens[i]!.start, end: tokens[i]!.end, score: 0.6, pattern: 'lower-name-before-speech' });
      i++;
      continue;
    }
    if (!capitalisedNameWord(text, tokens[i]!)) { i++; continue; }
    let v = i + 1;
    while (v < tokens.length && v - i < 4 && joined(tokens[v]!) && capitalisedNameWord(text, tokens[v]!)) v++;
    const start = i;
    i = v;
    // Two or three name words; a longer run is a title or an organisation ("Acme Billing Team Lead").
    const words = v - start;
    const verb = tokenAt(tokens, v);
    if (words < 2 || words > 3 || verb === undefined || verb.cap || !joined(verb) || !inList(verb, PERSON_VERB)) continue;
    // "Customer Success Team asked": a capitalised word that is no name word ends the run before it.
    const before = tokenAt(tokens, start - 1);
    if (before !== undefined && joined(tokens[start]!) && before.cap && !before.sentenceStart) continue;
    // Not a place or country phrase ("Santa Clara asked", "Hong Kong reported").
    if ((memberships(phraseOf(tokens, start, v)) & (PLACE | COUNTRY)) !== 0) continue;
    let named = 0;
    for (let k = start; k < v; k++) if (inList(tokens[k]!, NAMES)) named++;
    (out ??= []).push({ start: tokens[start]!.start, end: tokens[v - 1]!.end, score: named > 0 ? 0.75 : 0.65, pattern: 'name-before-verb' });
  }
  return out ?? NO_CANDIDATES;
}

export const personVerbRecognizer: Recognizer = {
  id: 'person-verb',
  entity: 'PERSON',
  patterns: [],
  find: findNamesBeforeVerbs,
  context: personRecognizer.context,
};
