// A second generator of tables for the column classifier (issue 13), designed apart from columns-b.ts:
// other look-alikes and other personal columns, a table with messy headers and a header-less one
// (Spark's `_c0`, `_c1`… names), so a rule tuned on one generator is tested by the other.
//   Look-alikes, nothing personal: product codes with valid GS1 check digits (GTIN-14, UPC-A, EAN-13),
//   ISSNs with their mod-11 check, short git SHAs, semantic versions, JIRA keys, hex colours,
//   durations, HTTP statuses, port numbers, percentages, invoice numbers, signed balances, error codes,
//   event timestamps and dates (when something happened to a record, not a person's date: docs/scan.md).
//   Personal: IBANs of three countries in print groups, passport numbers, NHS numbers with their check
//   digit, MAC and IPv6 addresses, UK and US street addresses, first and last names in two columns,
//   e-mails with display names, phones in E.164 and in national formats, birth dates in several spellings.
// Each column comes with its truth (the entity, or null). Seeded; every value is random, no value is a
// real person's. Read by test/unit/detect/columns-c.test.ts.
import { int, pick, rng, type Rng } from './rng.js';

export interface GeneratedColumn { readonly name: string; readonly entity: string | null; readonly make: (r: Rng) => string }
export interface GeneratedTable { readonly columns: string[]; readonly records: Array<Record<string, string>>; readonly truth: Map<string, string | null> }

const chars = (r: Rng, alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
const hex = (r: Rng, n: number): string => chars(r, '0123456789abcdef', n);
const digits = (r: Rng, n: number): string => chars(r, '0123456789', n);
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A GS1 key (GTIN-8/12/13/14, SSCC) with its check digit: weights 3,1,3… from the right of the body. */
function gs1(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return body + String((10 - (sum % 10)) % 10);
}

/** GS1 company prefixes of a few member organisations (US/CA 0-1, FR 30-37, DE 400-440, JP 45/49, UK 50, IT 80-83, NL 87). */
const GS1_PREFIXES = ['00', '03', '06', '30', '34', '400', '40', '42', '45', '49', '50', '80', '87', '761', '890'];

function issn(r: Rng): string {
  const body = digits(r, 7);
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(body[i]) * (8 - i);
  const c = (11 - (sum % 11)) % 11;
  return `${body.slice(0, 4)}-${body.slice(4)}${c === 10 ? 'X' : String(c)}`;
}

/** ISO 13616 check digits over a BBAN (letters as 10-35). */
function iban(country: string, bban: string, grouped: boolean): string {
  const numeric = [...`${bban}${country}00`].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  let rem = 0;
  for (const c of numeric) rem = (rem * 10 + Number(c)) % 97;
  const plain = `${country}${pad(98 - rem)}${bban}`;
  return grouped ? plain.replace(/(.{4})/g, '$1 ').trim() : plain;
}

function anyIban(r: Rng, grouped: boolean): string {
  const AZ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  switch (int(r, 0, 2)) {
    case 0: return iban('GB', `${chars(r, AZ, 4)}${digits(r, 14)}`, grouped);
    case 1: return iban('FR', `${digits(r, 10)}${chars(r, `${AZ}0123456789`, 11)}${digits(r, 2)}`, grouped);
    default: return iban('NL', `${chars(r, AZ, 4)}${digits(r, 10)}`, grouped);
  }
}

/** NHS numbers: nine digits and a mod-11 check digit (a remainder giving 10 is never issued). */
function nhs(r: Rng): string {
  for (;;) {
    const body = digits(r, 9);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    const c = (11 - (sum % 11)) % 11;
    if (c === 10) continue;
    const n = body + String(c);
    return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
  }
}

function mac(r: Rng): string {
  const sep = pick(r, [':', '-']);
  const m = Array.from({ length: 6 }, () => hex(r, 2)).join(sep);
  return r() < 0.4 ? m.toUpperCase() : m;
}

function ipv6(r: Rng): string {
  const groups = [pick(r, ['2a02', '2001', '2600', '2a01', '2c0f']), ...Array.from({ length: 7 }, () => hex(r, int(r, 1, 4)).replace(/^0+(?=.)/, ''))];
  if (r() < 0.5) return `${groups.slice(0, 4).join(':')}::${groups.slice(6).join(':')}`;
  return groups.join(':');
}

const GIVEN = ['Oluwaseun', 'Mirela', 'Henrik', 'Priyanka', 'Caoimhe', 'Matthias', 'Leilani', 'Bogdan', 'Ines', 'Thandiwe', 'Joaquín', 'Svetlana', 'Emeka', 'Harriet', 'Kenji', 'Aurélie', 'Dagny', 'Farrukh'];
const FAMILY = ['Adeyemi', 'Kowalczyk', 'Fitzgerald', 'Nakamura', 'van der Berg', 'Oyelaran', 'Rasmussen', 'Delacroix', 'Petrov', 'Mahlangu', 'Quintero', 'Abernathy', "O'Sullivan", 'Szabó', 'Lindgren', 'Achterberg'];
const UK_STREETS = ["Queen's Road", 'Mill Lane', 'Victoria Street', 'Church Walk', 'Gorse Hill', 'Albert Terrace'];
const US_STREETS = ['Oak St', 'Pine Ridge Rd', 'Lakeview Blvd', 'Cedar Ave', 'Sunset Dr', '3rd Ave'];
const DOMAINS = ['posteo.de', 'outlook.com', 'example.net', 'proton.me', 'uni-graz.at'];

const email = (r: Rng, g: string, f: string): string => `${g}.${f}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '') + `@${pick(r, DOMAINS)}`;

function e164(r: Rng): string {
  switch (int(r, 0, 2)) {
    case 0: return `+447${int(r, 4, 9)}${digits(r, 8)}`;
    case 1: return `+4915${int(r, 1, 9)}${digits(r, 8)}`;
    default: return `+1${int(r, 201, 989)}${int(r, 200, 999)}${digits(r, 4)}`;
  }
}

function nationalPhone(r: Rng): string {
  switch (int(r, 0, 2)) {
    case 0: return `020 7${digits(r, 3)} ${digits(r, 4)}`;
    case 1: return `030 ${int(r, 2, 9)}${digits(r, 6)}`;
    default: return `${int(r, 201, 989)}.${int(r, 200, 999)}.${digits(r, 4)}`;
  }
}

function birthDate(r: Rng): string {
  const y = int(r, 1938, 2006), m = int(r, 1, 12), d = int(r, 1, 28);
  switch (int(r, 0, 2)) {
    case 0: return `${pad(d)}/${pad(m)}/${y}`;
    case 1: return `${y}-${pad(m)}-${pad(d)}`;
    default: return `${d} ${MONTHS[m - 1]} ${y}`;
  }
}

function duration(r: Rng): string {
  switch (int(r, 0, 2)) {
    case 0: return `${int(r, 0, 5)}h${pad(int(r, 0, 59))}m${pad(int(r, 0, 59))}s`;
    case 1: return `PT${int(r, 1, 59)}M${int(r, 0, 59)}S`;
    default: return `${int(r, 1, 999)}.${int(r, 0, 9)}s`;
  }
}

function balance(r: Rng): string {
  const n = int(r, 0, 250_000).toLocaleString('en-US');
  return `${r() < 0.3 ? '-' : ''}${n}.${pad(int(r, 0, 99))}`;
}

const euStamp = (r: Rng): string => `${pad(int(r, 1, 28))}/${pad(int(r, 1, 12))}/2025 ${pad(int(r, 0, 23))}:${pad(int(r, 0, 59))}`;
const isoStamp = (r: Rng): string => `2024-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}T${pad(int(r, 0, 23))}:${pad(int(r, 0, 59))}:${pad(int(r, 0, 59))}.${digits(r, 3)}+01:00`;

/** Look-alikes under the headers exports give them. */
export const LOOK_ALIKES: readonly GeneratedColumn[] = [
  { name: 'GTIN', entity: null, make: (r) => { const p = pick(r, GS1_PREFIXES); return gs1(`${int(r, 0, 8)}${p}${digits(r, 12 - p.length)}`); } },
  { name: 'UPC', entity: null, make: (r) => gs1(`${pick(r, ['0', '1', '6', '7', '8'])}${digits(r, 10)}`) },
  { name: 'Barcode (EAN)', entity: null, make: (r) => { const p = pick(r, GS1_PREFIXES); return gs1(p + digits(r, 12 - p.length)); } },
  { name: 'ISSN', entity: null, make: issn },
  { name: 'commit', entity: null, make: (r) => hex(r, 7) },
  { name: 'Release', entity: null, make: (r) => `v${int(r, 0, 4)}.${int(r, 0, 30)}.${int(r, 0, 20)}${r() < 0.3 ? `-beta.${int(r, 1, 9)}+build.${int(r, 10, 999)}` : ''}` },
  { name: 'Ticket', entity: null, make: (r) => `${pick(r, ['OPS', 'PAY', 'CORE', 'WEB'])}-${int(r, 1, 9999)}` },
  { name: 'Colour (hex)', entity: null, make: (r) => `#${hex(r, 6)}` },
  { name: 'elapsed', entity: null, make: duration },
  { name: 'HTTP Status', entity: null, make: (r) => String(pick(r, [200, 200, 201, 204, 301, 302, 400, 401, 403, 404, 409, 429, 500, 502, 503])) },
  { name: 'dst_port', entity: null, make: (r) => String(r() < 0.5 ? pick(r, [22, 53, 80, 443, 3306, 5432, 8080]) : int(r, 1024, 65535)) },
  { name: 'Discount %', entity: null, make: (r) => `${int(r, 0, 60)}${r() < 0.5 ? `.${int(r, 0, 9)}` : ''}%` },
  { name: 'Invoice Number', entity: null, make: (r) => `${int(r, 2019, 2025)}-${digits(r, 6)}` },
  { name: 'Account Balance', entity: null, make: balance },
  { name: 'Error Code', entity: null, make: (r) => pick(r, ['E', 'W', 'ERR']) + String(int(r, 100, 9999)) },
  { name: 'Created', entity: null, make: euStamp },
  { name: 'Shipped On', entity: null, make: (r) => `2025-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}` },
];

/** Personal columns under messy headers. */
export const PERSONAL: readonly GeneratedColumn[] = [
  { name: 'IBAN / account', entity: 'IBAN_CODE', make: (r) => anyIban(r, true) },
  { name: 'Passport #', entity: 'US_PASSPORT', make: (r) => (r() < 0.5 ? `${chars(r, 'ACEFGHJKLMNPRSTUVWXYZ', 1)}${digits(r, 8)}` : `${int(r, 1, 9)}${digits(r, 8)}`) },
  { name: 'NHS No.', entity: 'UK_NHS', make: nhs },
  { name: 'MAC', entity: 'MAC_ADDRESS', make: mac },
  { name: 'Client IPv6', entity: 'IP_ADDRESS', make: ipv6 },
  { name: 'Street Address 1', entity: 'STREET_ADDRESS', make: (r) => (r() < 0.5 ? `${r() < 0.3 ? `Flat ${int(r, 1, 12)}, ` : ''}${int(r, 1, 240)} ${pick(r, UK_STREETS)}` : `${int(r, 100, 9899)} ${pick(r, ['N ', 'S ', ''])}${pick(r, US_STREETS)}${r() < 0.3 ? ` Apt ${int(r, 1, 40)}` : ''}`) },
  { name: 'First Name', entity: 'PERSON', make: (r) => pick(r, GIVEN) },
  { name: 'LastName', entity: 'PERSON', make: (r) => pick(r, FAMILY) },
  { name: 'Email (display)', entity: 'EMAIL_ADDRESS', make: (r) => { const g = pick(r, GIVEN), f = pick(r, FAMILY); return `"${g} ${f}" <${email(r, g, f)}>`; } },
  { name: 'Mobile (E.164)', entity: 'PHONE_NUMBER', make: e164 },
  { name: 'Tel (national)', entity: 'PHONE_NUMBER', make: nationalPhone },
  { name: 'Date Of Birth (DD/MM/YYYY)', entity: 'DATE_OF_BIRTH', make: birthDate },
  { name: 'Geburtsdatum', entity: 'DATE_OF_BIRTH', make: (r) => `${pad(int(r, 1, 28))}.${pad(int(r, 1, 12))}.${int(r, 1940, 2004)}` },
];

/** A header-less export (names `_c0`, `_c1`…): only the values can tell. */
export const HEADERLESS: readonly GeneratedColumn[] = [
  { name: 'name', entity: 'PERSON', make: (r) => `${pick(r, GIVEN)} ${pick(r, FAMILY)}` },
  { name: 'ean', entity: null, make: (r) => { const p = pick(r, GS1_PREFIXES); return gs1(p + digits(r, 12 - p.length)); } },
  { name: 'email', entity: 'EMAIL_ADDRESS', make: (r) => email(r, pick(r, GIVEN), pick(r, FAMILY)) },
  { name: 'key', entity: null, make: (r) => `${pick(r, ['OPS', 'PAY'])}-${int(r, 1, 9999)}` },
  { name: 'phone', entity: 'PHONE_NUMBER', make: e164 },
  { name: 'version', entity: null, make: (r) => `${int(r, 0, 4)}.${int(r, 0, 30)}.${int(r, 0, 20)}` },
  { name: 'iban', entity: 'IBAN_CODE', make: (r) => anyIban(r, false) },
  { name: 'status', entity: null, make: (r) => String(pick(r, [200, 201, 304, 404, 500])) },
  { name: 'ip', entity: 'IP_ADDRESS', make: (r) => `${int(r, 11, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}` },
  { name: 'ts', entity: null, make: isoStamp },
  { name: 'mac', entity: 'MAC_ADDRESS', make: mac },
  { name: 'balance', entity: null, make: balance },
  { name: 'colour', entity: null, make: (r) => `#${hex(r, 6).toUpperCase()}` },
];

function table(r: Rng, cols: readonly GeneratedColumn[], rows: number, names: readonly string[]): GeneratedTable {
  const records: Array<Record<string, string>> = [];
  for (let i = 0; i < rows; i++) records.push(Object.fromEntries(cols.map((c, j) => [names[j]!, c.make(r)])));
  return { columns: [...names], records, truth: new Map(cols.map((c, j) => [names[j]!, c.entity])) };
}

/** Two tables from one seed: look-alikes and personal columns under messy headers, interleaved; and a header-less one. */
export function columnsCTables(seed: number, rows: number): GeneratedTable[] {
  const r = rng(seed);
  const headed: GeneratedColumn[] = [];
  for (let i = 0; i < Math.max(LOOK_ALIKES.length, PERSONAL.length); i++) {
    if (LOOK_ALIKES[i] !== undefined) headed.push(LOOK_ALIKES[i]!);
    if (PERSONAL[i] !== undefined) headed.push(PERSONAL[i]!);
  }
  return [
    table(r, headed, rows, headed.map((c) => c.name)),
    table(r, HEADERLESS, rows, HEADERLESS.map((_, j) => `_c${j}`)),
  ];
}
