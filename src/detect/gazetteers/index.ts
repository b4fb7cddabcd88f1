// Word lists for the PERSON, LOCATION and NRP recognizers, built from npm packages by
// scripts/build-gazetteers.mjs (sources and licenses: data/SOURCES.md). Each list is a generated
// string; the sets are built on first use, so importing detection costs nothing until a name or
// place recognizer runs. Lookups take lookupKey() of a word, or of a phrase of words
// separated by single spaces.
import { ABBREVIATIONS } from './data/abbreviations.js';
import { COMMON_WORDS } from './data/common-words.js';
import { COUNTRIES } from './data/countries.js';
import { DICTIONARY_WORDS } from './data/dictionary-words.js';
import { MAJOR_PLACES } from './data/major-places.js';
import { MEDICAL_EPONYMS } from './data/medical-eponyms.js';
import { DEMONYMS } from './data/demonyms.js';
import { FIRST_NAMES } from './data/first-names.js';
import { LAST_NAMES } from './data/last-names.js';
import { PLACES } from './data/places.js';
import { WORD_NAMES } from './data/word-names.js';

function lazySet(data: string): () => ReadonlySet<string> {
  let set: Set<string> | undefined;
  return () => (set ??= new Set(data.split('\n')));
}

export const firstNames = lazySet(FIRST_NAMES);
export const lastNames = lazySet(LAST_NAMES);
export const places = lazySet(PLACES);
export const countries = lazySet(COUNTRIES);
export const demonyms = lazySet(DEMONYMS);
/** Frequent English words usually written in lower case ("will", "bath", "nice"). */
export const commonWords = lazySet(COMMON_WORDS);
/** Common dictionary words, including those that are also names ("grace", "bill", "mark"). */
export const dictionaryWords = lazySet(DICTIONARY_WORDS);
/**
 * Abbreviations and acronyms, general and clinical (scripts/build-clash-lists.mjs): a name or place
 * written like one ("PAP", "ADA", "CAD") needs a cue before it counts.
 */
export const abbreviations = lazySet(ABBREVIATIONS);
/** Less frequent English words that are also names or places ("brown", "swan", "amber"). */
export const wordNames = lazySet(WORD_NAMES);
/** Cities of 250,000+ people. */
export const majorPlaces = lazySet(MAJOR_PLACES);
/**
 * Names and places that a medical dictionary writes capitalised, i.e. eponyms of devices, procedures,
 * signs and scales ("foley", "swan", "nissen"), without common given names, large cities, countries
 * and US states (scripts/build-clash-lists.mjs).
 */
export const medicalEponyms = lazySet(MEDICAL_EPONYMS);

/**
 * Every proper prefix of a many-word place or country ("new", "new south" for "new south wales"),
 * so a phrase lookup stops extending as soon as no entry can follow.
 */
export const placePrefixes = (() => {
  let set: Set<string> | undefined;
  return (): ReadonlySet<string> => {
    if (set !== undefined) return set;
    set = new Set();
    for (const data of [PLACES, COUNTRIES]) {
      for (const entry of data.split('\n')) {
        let at = entry.indexOf(' ');
        while (at > 0) {
          set.add(entry.slice(0, at));
          at = entry.indexOf(' ', at + 1);
        }
      }
    }
    return set;
  };
})();

/** The longest place or country phrase, in words: bounds the lookahead of a phrase lookup. */
export const MAX_PLACE_WORDS = 5;
