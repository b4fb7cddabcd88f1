// Generated tables for the column classifier (issue 13): look-alike columns that hold nothing personal
// (digests, tracking numbers, SKUs, versions, order and lot numbers, ISBN/EAN barcodes, timestamps,
// amounts, build ids) next to real personal columns under the messy headers exports carry ("Cust.
// E-Mail", "PHONE #", "D.O.B.", "SSN (no dashes)"). Each column comes with its truth: the entity the
// classifier should report, or null for a look-alike. Read by test/unit/detect/columns-b.test.ts and
// the eval script. Seeded; every value is random, no value is a real person's.
import { luhnValid } from '../../src/detect/validators/luhn.js';
import { int, pick, rng, type Rng } from './rng.js';

export interface GeneratedColumn { readonly name: string; readonly entity: string | null; readonly make: (r: Rng, row: number) => string }

const chars = (r: Rng, alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
const hex = (r: Rng, n: number): string => chars(r, '0123456789abcdef', n);
const digits = (r: Rng, n: number): string => chars(r, '0123456789', n);
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** EAN-13 with its GS1 check digit; ISBN-13 is EAN-13 with prefix 978/979. */
function ean13(r: Rng, prefix = ''): string {
  const body = prefix + digits(r, 12 - prefix.length);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

/** SSN-shaped values that pass the SSA rules (area not 000/666/9xx, group and serial not zero). */
function ssn(r: Rng): string {
  let area = int(r, 1, 899);
  if (area === 666) area = 667;
  return `${pad(area, 3)}-${pad(int(r, 1, 99))}-${pad(int(r, 1, 9999), 4)}`;
}

function luhnCard(r: Rng): string {
  const body = pick(r, ['4', '51', '52', '37']) + digits(r, 14);
  const base = body.slice(0, 15);
  for (let d = 0; d <= 9; d++) if (luhnValid(base + d)) return base + d;
  return base + '0';
}

const GIVEN = ['Maren', 'Tobias', 'Aylin', 'Desmond', 'Ingrid', 'Kofi', 'Lucia', 'Ravi', 'Sabine', 'Tomasz', 'Yuki', 'Zainab'];
const FAMILY = ['Okafor', 'Lindqvist', 'Haddad', 'Moreau', 'Castellano', 'Novak', 'Brennan', 'Tanaka', 'Wojcik', 'Ferreira'];
const STREETS = ['Maple Avenue', 'Harbour Road', 'Kingsley Street', 'Elm Court', 'Station Lane', 'Birchwood Drive'];
const CITIES = ['Leeds', 'Porto', 'Dayton', 'Graz', 'Tampere', 'Halifax'];

/** Look-alikes: nothing personal, whatever their digits say. */
export const LOOK_ALIKES: readonly GeneratedColumn[] = [
  { name: 'sha1', entity: null, make: (r) => hex(r, 40) },
  { name: 'Content-MD5', entity: null, make: (r) => hex(r, 32) },
  { name: 'image digest', entity: null, make: (r) => `sha256:${hex(r, 64)}` },
  { name: 'Tracking #', entity: null, make: (r) => { let d = digits(r, 16); while (luhnValid(d)) d = digits(r, 16); return d; } },
  { name: 'SKU', entity: null, make: (r) => `${chars(r, 'ABCDEFGHJKLMNPRSTUVWXYZ', 3)}-${digits(r, 4)}-${pick(r, ['S', 'M', 'L', 'XL'])}` },
  { name: 'pkg version', entity: null, make: (r) => `${int(r, 0, 9)}.${int(r, 0, 40)}.${int(r, 0, 99)}${r() < 0.2 ? `-rc.${int(r, 1, 5)}` : ''}` },
  { name: 'Order No.', entity: null, make: (r) => `SO${digits(r, 8)}` },
  { name: 'lot_number', entity: null, make: (r) => `L${digits(r, 2)}${chars(r, 'ABCDEFGH', 1)}${digits(r, 5)}` },
  { name: 'ISBN', entity: null, make: (r) => ean13(r, pick(r, ['978', '979'])) },
  { name: 'EAN', entity: null, make: (r) => ean13(r) },
  { name: 'created_at', entity: null, make: (r) => `2025-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}T${pad(int(r, 0, 23))}:${pad(int(r, 0, 59))}:${pad(int(r, 0, 59))}Z` },
  { name: 'ts_epoch', entity: null, make: (r) => String(1_700_000_000 + int(r, 0, 90_000_000)) },
  { name: 'Amount (EUR)', entity: null, make: (r) => `${int(r, 1, 9999)}.${pad(int(r, 0, 99))}` },
  { name: 'unit_price_cents', entity: null, make: (r) => String(int(r, 100, 999_999)) },
  { name: 'build', entity: null, make: (r) => `${int(r, 2023, 2025)}.${int(r, 1, 52)}.${int(r, 100, 9999)}` },
  { name: 'part_no', entity: null, make: (r) => `${digits(r, 4)}-${digits(r, 3)}-${chars(r, 'ABCDEFGH', 2)}` },
  { name: 'invoice_ref', entity: null, make: (r) => `INV/${int(r, 2020, 2025)}/${digits(r, 6)}` },
  { name: 'warehouse_bin', entity: null, make: (r) => `${chars(r, 'ABCDEF', 1)}${pad(int(r, 1, 40))}-${pad(int(r, 1, 12))}` },
  { name: 'quantity', entity: null, make: (r) => String(int(r, 1, 500)) },
];

/** Personal columns under the headers real exports use. */
export const PERSONAL: readonly GeneratedColumn[] = [
  { name: 'Cust. E-Mail', entity: 'EMAIL_ADDRESS', make: (r) => `${pick(r, GIVEN).toLowerCase()}.${pick(r, FAMILY).toLowerCase()}${int(r, 1, 99)}@${pick(r, ['mail.com', 'example.org', 'web.de'])}` },
  { name: 'PHONE #', entity: 'PHONE_NUMBER', make: (r) => `(${int(r, 201, 989)}) ${int(r, 200, 999)}-${pad(int(r, 0, 9999), 4)}` },
  { name: 'Full Name', entity: 'PERSON', make: (r) => `${pick(r, GIVEN)} ${pick(r, FAMILY)}` },
  { name: 'SSN (no dashes)', entity: 'US_SSN', make: (r) => ssn(r).replace(/-/g, '') },
  { name: 'Tax ID', entity: 'US_SSN', make: (r) => ssn(r) },
  { name: 'D.O.B.', entity: 'DATE_OF_BIRTH', make: (r) => `${pad(int(r, 1, 12))}/${pad(int(r, 1, 28))}/${int(r, 1940, 2005)}` },
  { name: 'Home Addr', entity: 'STREET_ADDRESS', make: (r) => `${int(r, 1, 980)} ${pick(r, STREETS)}, ${pick(r, CITIES)}` },
  { name: 'card_no', entity: 'CREDIT_CARD', make: (r) => luhnCard(r) },
  { name: 'Client IP', entity: 'IP_ADDRESS', make: (r) => `${int(r, 11, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}` },
  { name: 'IBAN', entity: 'IBAN_CODE', make: (r) => germanIban(r) },
  // A carrier's checked format ties a parcel to its recipient (column-types.ts): quasi, not a look-alike.
  { name: 'ups_tracking', entity: 'TRACKING_NUMBER', make: (r) => `1Z${chars(r, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 6)}${digits(r, 10)}` },
];

/** A German IBAN with its ISO 13616 mod-97 check digits. */
function germanIban(r: Rng): string {
  const bban = digits(r, 18);
  const numeric = `${bban}131400`; // "DE" = 13 14, then "00"
  let rem = 0;
  for (const c of numeric) rem = (rem * 10 + Number(c)) % 97;
  return `DE${pad(98 - rem)}${bban}`;
}

/** A table of every column, `rows` rows, from one seed. */
export function columnsTable(seed: number, rows: number): { columns: string[]; records: Array<Record<string, string>>; truth: Map<string, string | null> } {
  const r = rng(seed);
  const all = [...LOOK_ALIKES, ...PERSONAL];
  const records: Array<Record<string, string>> = [];
  for (let i = 0; i < rows; i++) records.push(Object.fromEntries(all.map((c) => [c.name, c.make(r, i)])));
  return { columns: all.map((c) => c.name), records, truth: new Map(all.map((c) => [c.name, c.entity])) };
}
