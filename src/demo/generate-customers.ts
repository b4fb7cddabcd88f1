// A deterministic, realistic customer table for `cordon demo`: the same seed gives the same rows on
// every machine (a small seeded PRNG, no clock, no locale). Everything is fictional by construction
// and must stay so: phones in the 555-0100..0199 range reserved for fiction, e-mail domains reserved
// for documentation (RFC 2606), cards on issuers' published test BINs, SSNs in areas never allocated
// to a state. Values still pass the detectors' checks (libphonenumber, Luhn, SSA structure), so the
// demo shows what Cordon does with real-looking data. Nothing here downloads or reads files.
import { FIRST_NAMES, LAST_NAMES } from './data/names.js';
import { NOTE_TEMPLATES } from './data/notes.js';
import { CITIES, EMAIL_DOMAINS, STREET_NAMES, STREET_SUFFIXES, type DemoCity } from './data/places.js';

export const CUSTOMER_COLUMNS = [
  'customer_id', 'first_name', 'last_name', 'email', 'phone', 'card', 'ssn', 'birth_date',
  'street_address', 'city', 'state', 'zip', 'signup_date', 'plan', 'notes',
] as const;

export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
export type CustomerRow = Readonly<Record<CustomerColumn, string>>;

export interface GenerateCustomersOptions {
  /** Number of rows (1 to 1,000,000). */
  readonly rows: number;
  /** Any safe integer; equal seeds give equal tables. */
  readonly seed: number;
}

export const MAX_DEMO_ROWS = 1_000_000;

/** Mulberry32: a 32-bit PRNG, tiny and good enough for test data (never for secrets). */
function _mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rng {
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

function _rng(seed: number): Rng {
  // Fold a 53-bit seed into 32 bits so that large seeds still differ.
  const next = _mulberry32((seed % 4294967296) ^ Math.floor(seed / 4294967296));
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return { int, pick: (list) => list[int(0, list.length - 1)]!, chance: (p) => next() < p };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The Luhn (ISO/IEC 7812-1) check digit: the digit that makes `body` + digit pass Luhn. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Issuers' published test prefixes (Visa, Mastercard incl. 2-series, Amex, Discover) and lengths. */
const TEST_CARD_PREFIXES: ReadonlyArray<{ prefix: string; length: number }> = [
  { prefix: '400000', length: 16 }, { prefix: '424242', length: 16 },
  { prefix: '555555', length: 16 }, { prefix: '222300', length: 16 },
  { prefix: '378282', length: 15 }, { prefix: '371449', length: 15 },
  { prefix: '601111', length: 16 },
];

function _card(r: Rng): string {
  const { prefix, length } = r.pick(TEST_CARD_PREFIXES);
  let body = prefix;
  while (body.length < length - 1) body += String(r.int(0, 9));
  return body + luhnCheckDigit(body);
}

/** Grouped as printed on the card: 4-4-4-4, or 4-6-5 for 15-digit Amex. */
function _groupCard(card: string): string {
  return card.length === 15 ? `${card.slice(0, 4)} ${card.slice(4, 10)} ${card.slice(10)}` : card.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * SSA structure rules hold (area 001-899 but not 666, group 01-99, serial 0001-9999), so detectors
 * recognize the value; the area is 773-899, which the SSA never allocated to a state before it
 * randomized issuance in 2011.
 */
function _ssn(r: Rng): string {
  return `${r.int(773, 899)}-${pad(r.int(1, 99), 2)}-${pad(r.int(1, 9999), 4)}`;
}

/** 555-0100 to 555-0199 are reserved for fiction in every US area code; libphonenumber accepts them. */
function _phone(r: Rng, city: DemoCity): string {
  const line = `01${pad(r.int(0, 99), 2)}`;
  const a = city.areaCode;
  switch (r.int(0, 3)) {
    case 0: return `(${a}) 555-${line}`;
    case 1: return `${a}-555-${line}`;
    case 2: return `+1 ${a} 555 ${line}`;
    default: return `${a}.555.${line}`;
  }
}

function _email(r: Rng, first: string, last: string): string {
  const f = first.toLowerCase();
  const l = last.toLowerCase();
  const local = r.pick([`${f}.${l}`, `${f}${l}${r.int(1, 99)}`, `${f[0]}.${l}`, `${f}_${l}`, `${l}.${f}`]);
  return `${local}@${r.pick(EMAIL_DOMAINS)}`;
}

/** A calendar date `days` after 1970-01-01, as YYYY-MM-DD (UTC arithmetic: no time zone enters). */
function _isoDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

const daysOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const BIRTH_RANGE = [daysOf('1945-01-01'), daysOf('2006-12-31')] as const;
const SIGNUP_RANGE = [daysOf('2018-01-01'), daysOf('2025-06-30')] as const;
const PLANS: readonly string[] = ['free', 'free', 'free', 'free', 'basic', 'basic', 'basic', 'pro', 'pro', 'enterprise'];

function _note(r: Rng, v: Record<string, string>): string {
  return r.pick(NOTE_TEMPLATES).replace(/\{(\w+)\}/g, (_m, k: string) => v[k] ?? '');
}

/**
 * The demo's customer table: `rows` rows from `seed`, in CUSTOMER_COLUMNS order.
 *
 * @example
 * ```ts
 * const rows = generateCustomers({ rows: 200, seed: 42 });
 * rows[0]!.email // e.g. 'priya.patel@example.org'
 * ```
 */
export function generateCustomers(options: GenerateCustomersOptions): CustomerRow[] {
  if (!Number.isSafeInteger(options.rows) || options.rows < 1 || options.rows > MAX_DEMO_ROWS) throw new TypeError(`rows must be an integer from 1 to ${MAX_DEMO_ROWS}`);
  if (!Number.isSafeInteger(options.seed)) throw new TypeError('seed must be a safe integer');
  const r = _rng(options.seed);
  const out: CustomerRow[] = [];
  for (let i = 0; i < options.rows; i++) {
    const first = r.pick(FIRST_NAMES);
    const last = r.pick(LAST_NAMES);
    const place = r.pick(CITIES);
    const street = `${r.int(1, 9899)} ${r.pick(STREET_NAMES)} ${r.pick(STREET_SUFFIXES)}${r.chance(0.15) ? ` Apt ${r.int(1, 40)}` : ''}`;
    const zip = `${place.zip3}${pad(r.int(1, 99), 2)}`;
    const card = _card(r);
    const phone = _phone(r, place);
    const email = _email(r, first, last);
    const plan = r.pick(PLANS);
    const signup = _isoDate(r.int(SIGNUP_RANGE[0], SIGNUP_RANGE[1]));
    const row: Record<CustomerColumn, string> = {
      customer_id: `CUS-${pad(100001 + i, 7)}`,
      first_name: first,
      last_name: last,
      email,
      phone,
      card,
      ssn: _ssn(r),
      birth_date: _isoDate(r.int(BIRTH_RANGE[0], BIRTH_RANGE[1])),
      street_address: street,
      city: place.city,
      state: place.state,
      zip,
      signup_date: signup,
      plan,
      notes: '',
    };
    row.notes = _note(r, {
      first, last, email, phone, card: _groupCard(card), last4: card.slice(-4), street,
      city: place.city, state: place.state, zip, plan: r.pick(['basic', 'pro', 'enterprise']), date: signup,
    });
    out.push(row);
  }
  return out;
}
