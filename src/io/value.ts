// The typed value model every reader yields and every writer takes: what JSON and Parquet can hold,
// kept as it was read so a value no operator changes leaves the run exactly as it came in. Calendar
// dates and timestamps have their own classes (a JavaScript Date cannot tell a DATE from a
// TIMESTAMP, nor hold microseconds). Pure: no I/O.
//
// A record is a JSON-like object whose leaves are Values; `flattenRecord` (record.ts) gives the
// string view (dotted names → text) that checks, detection and operators work on.

const DAY_MS = 86_400_000;

/** A calendar date without a time zone (Parquet DATE): days since 1970-01-01. */
export class LocalDate {
  constructor(readonly days: number) {
    if (!Number.isSafeInteger(days)) throw new TypeError('LocalDate needs a whole number of days');
  }

  /** `YYYY-MM-DD` (years before 1 or after 9999 in the extended ±YYYYYY form). */
  toString(): string {
    return new Date(this.days * DAY_MS).toISOString().slice(0, -14);
  }

  toJSON(): string {
    return this.toString();
  }

  /** The date `YYYY-MM-DD` (or `YYYY-MM`, the first of the month), or undefined when it is not one. */
  static parse(text: string): LocalDate | undefined {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
    if (m === null) return undefined;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
    return new LocalDate(Math.round(t / DAY_MS));
  }
}

export type TimeUnit = 'MILLIS' | 'MICROS' | 'NANOS';
const PER_SECOND: Readonly<Record<TimeUnit, bigint>> = { MILLIS: 1000n, MICROS: 1_000_000n, NANOS: 1_000_000_000n };
const DIGITS: Readonly<Record<TimeUnit, number>> = { MILLIS: 3, MICROS: 6, NANOS: 9 };

/** An instant (Parquet TIMESTAMP) as a count of `unit` since the epoch, UTC: no precision is lost. */
export class Instant {
  constructor(readonly epoch: bigint, readonly unit: TimeUnit) {}

  /** ISO 8601 in UTC with as many fraction digits as the unit has: `2024-05-01T10:00:00.123456Z`. */
  toString(): string {
    const per = PER_SECOND[this.unit];
    let seconds = this.epoch / per;
    let fraction = this.epoch % per;
    if (fraction < 0n) { fraction += per; seconds -= 1n; }
    const base = new Date(Number(seconds) * 1000).toISOString().slice(0, -5);
    return `${base}.${fraction.toString().padStart(DIGITS[this.unit], '0')}Z`;
  }

  toJSON(): string {
    return this.toString();
  }

  /** An ISO 8601 date-time with a zone (`Z` or ±hh:mm), at `unit` precision; undefined when it is not one. */
  static parse(text: string, unit: TimeUnit): Instant | undefined {
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/.exec(text);
    if (m === null) return undefined;
    const ms = Date.parse(`${m[1]}T${m[2]}${m[4]}`);
    if (Number.isNaN(ms)) return undefined;
    const digits = DIGITS[unit];
    const frac = (m[3] ?? '').padEnd(9, '0');
    if (/[1-9]/.test(frac.slice(digits))) return undefined; // more precision than the unit holds
    const per = PER_SECOND[unit];
    return new Instant(BigInt(ms / 1000) * per + BigInt(frac.slice(0, digits) || '0'), unit);
  }
}

/**
 * A time of day without a date or zone (Parquet TIME, SQL TIME): `unit`s since midnight. Spelt as
 * ISO 8601 `13:45:30.123` with the unit's fraction digits, as CSV and JSON readers take a time,
 * never as the raw count the file stores.
 */
export class LocalTime {
  constructor(readonly value: bigint, readonly unit: TimeUnit) {}

  /** `HH:MM:SS.fff` (3, 6 or 9 fraction digits, as the unit has). */
  toString(): string {
    const per = PER_SECOND[this.unit];
    const seconds = this.value / per;
    const two = (n: bigint): string => n.toString().padStart(2, '0');
    return `${two(seconds / 3600n)}:${two((seconds / 60n) % 60n)}:${two(seconds % 60n)}.${(this.value % per).toString().padStart(DIGITS[this.unit], '0')}`;
  }

  toJSON(): string {
    return this.toString();
  }

  /** `HH:MM[:SS[.f…]]` within a day, at `unit` precision; undefined when it is not one or is finer than the unit. */
  static parse(text: string, unit: TimeUnit): LocalTime | undefined {
    const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(text);
    if (m === null) return undefined;
    const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')];
    if (h > 23 || mi > 59 || s > 59) return undefined;
    const frac = (m[4] ?? '').padEnd(9, '0');
    if (/[1-9]/.test(frac.slice(DIGITS[unit]))) return undefined;
    return new LocalTime(BigInt(h * 3600 + mi * 60 + s) * PER_SECOND[unit] + BigInt(frac.slice(0, DIGITS[unit])), unit);
  }
}

/**
 * An exact decimal (Parquet DECIMAL): `unscaled × 10^-scale`. A double holds about 15 digits; a
 * DECIMAL(38,10) holds 38, so the value is kept as the unscaled integer the file stores and spelt
 * with exactly `scale` fraction digits (`123.40` for DECIMAL(9,2)), never through a number.
 */
export class Decimal {
  constructor(readonly unscaled: bigint, readonly scale: number) {
    if (!Number.isSafeInteger(scale) || scale < 0) throw new TypeError('Decimal needs a scale of 0 or more');
  }

  /** Plain digits with `scale` fraction digits: `-0.05`, `12345678901234567890.1234567890`. */
  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const text = this.scale === 0 ? whole : `${whole}.${digits.slice(digits.length - this.scale)}`;
    return negative ? `-${text}` : text;
  }

  toJSON(): string {
    return this.toString();
  }

  /**
   * The text checks, detection and operators see (record.ts scalarText), and CSV and JSON hold: the JSON
   * spelling when a double spells the value exactly so (`12.5` for 12.50, as the same JSON number
   * reads), else every digit at the scale. One view across formats keeps fpe's number classes (and
   * so reveal) the same whether a value came as a JSON number, a small DECIMAL or CSV text.
   */
  text(): string {
    const full = this.toString();
    const plain = this.scale > 0 ? full.replace(/\.?0+$/, '') : full;
    return String(Number(plain)) === plain ? plain : full;
  }

  /** The unscaled integer at `scale` (more fraction digits: exact), or undefined when it would round. */
  at(scale: number): bigint | undefined {
    if (scale >= this.scale) return this.unscaled * 10n ** BigInt(scale - this.scale);
    const div = 10n ** BigInt(this.scale - scale);
    return this.unscaled % div === 0n ? this.unscaled / div : undefined;
  }

  /** A plain decimal text (`-12.5`, `7`; no exponent) at `scale`, or undefined when it is not one or would round. */
  static parse(text: string, scale: number): Decimal | undefined {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (m === null) return undefined;
    const fraction = m[3] ?? '';
    const exact = new Decimal(BigInt(`${m[1]}${m[2]}${fraction}`), fraction.length).at(scale);
    return exact === undefined ? undefined : new Decimal(exact, scale);
  }
}

/** A leaf value: what a JSON or Parquet scalar becomes. */
export type Scalar = string | number | bigint | boolean | null | LocalDate | LocalTime | Instant | Decimal | Uint8Array;

/** A value as read: a scalar, a list or a struct (JSON object, Parquet group). */
export type Value = Scalar | readonly Value[] | { readonly [key: string]: Value };

/** One record as read: field name → value, nested as in the input. Own properties only. */
export type TypedRecord = { readonly [key: string]: Value };

/** A struct (a plain object from JSON or Parquet), not a scalar class or a list. */
export function isStruct(v: unknown): v is { readonly [key: string]: Value } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The kind of a value, as `contract init` drafts a logicalType and the Parquet writer picks a type. */
export type ValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'time' | 'timestamp' | 'bytes' | 'array' | 'object' | 'null';

export function kindOf(v: Value | undefined): ValueKind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'bigint') return 'integer';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (v instanceof LocalDate) return 'date';
  if (v instanceof LocalTime) return 'time';
  if (v instanceof Instant) return 'timestamp';
  if (v instanceof Decimal) return v.scale === 0 ? 'integer' : 'number';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/**
 * The JSON text of a value: bigints and decimals as plain digits (JSON numbers of any size), dates and
 * timestamps as ISO strings, bytes as null (JSON has no bytes). Keys keep their order; "__proto__"
 * stays an ordinary key.
 */
export function jsonOf(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'bigint': return v.toString();
    case 'number': return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    default: break;
  }
  if (v instanceof LocalDate || v instanceof LocalTime || v instanceof Instant) return JSON.stringify(v.toString());
  if (v instanceof Decimal) return v.text(); // a JSON number of any size: the text view, as CSV holds it
  if (v instanceof Uint8Array) return 'null';
  if (Array.isArray(v)) return `[${(v as readonly Value[]).map(jsonOf).join(',')}]`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v as { readonly [key: string]: Value })) parts.push(`${JSON.stringify(k)}:${jsonOf(x)}`);
  return `{${parts.join(',')}}`;
}

/** JSON.parse's reviver context, where the engine gives it (Node 21+): the number's source text. */
interface ReviverContext { readonly source?: string }

/**
 * Parses JSON text into Values. An integer too large for a double is kept exactly as a bigint where
 * the engine gives the reviver the source text (Node 21 and later); on Node 20 it is rounded as
 * JSON.parse rounds it.
 */
export function parseJsonValue(text: string): Value {
  return JSON.parse(text, function (this: unknown, _key: string, value: unknown, ctx?: ReviverContext) {
    if (typeof value === 'number' && !Number.isSafeInteger(value) && ctx?.source !== undefined && /^-?\d+$/.test(ctx.source)) return BigInt(ctx.source);
    return value;
  } as (this: unknown, key: string, value: unknown) => unknown) as Value;
}

/**
 * A copy of `record` with the value at `path` replaced by `value` (or removed with `undefined`).
 * Only the objects along the path are copied; `owned` remembers the copies already made, so several
 * changes to one record copy each object once.
 */
export function setPath(record: TypedRecord, path: readonly string[], value: Value | undefined, owned: Set<object>): TypedRecord {
  const root = own(record, owned);
  let node: Record<string, Value> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]!];
    if (!isStruct(next)) return root; // not there in this record: nothing to change
    const copy = own(next, owned);
    define(node, path[i]!, copy);
    node = copy;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else define(node, last, value);
  return root;
}

function own(o: { readonly [key: string]: Value }, owned: Set<object>): Record<string, Value> {
  if (owned.has(o)) return o as Record<string, Value>;
  // Spread defines own data properties ("__proto__" included, never the prototype), in key order.
  const copy: Record<string, Value> = { ...o };
  owned.add(copy);
  return copy;
}

/** Sets an own property, "__proto__" included (an assignment would set the prototype instead). */
function define(o: Record<string, Value>, key: string, value: Value): void {
  // `o` is always a copy made by own(): its own properties are plain data properties, where an
  // assignment sets the property itself (an own "__proto__" shadows the prototype's setter).
  if (Object.hasOwn(o, key)) o[key] = value;
  else Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** True when a list holds a struct, at any depth up to 8 levels (record.ts MAX_DEPTH; deeper: as if it did). */
function holdsStruct(list: readonly Value[], depth: number): boolean {
  if (depth > 8) return true;
  return list.some((e) => (Array.isArray(e) ? holdsStruct(e as readonly Value[], depth + 1) : isStruct(e)));
}

/** The contract logicalTypes `contract init` drafts (ODCS names, as check-records.ts checks them). */
export type DraftedLogicalType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'time' | 'timestamp' | 'object' | 'array';

/** What a text value spells, for data that has only text (CSV, TSV, strings in JSON). */
function textKind(s: string): DraftedLogicalType {
  if (/^(?:0|-?[1-9]\d{0,14})$/.test(s)) return 'integer'; // canonical and well inside 2^53
  if (/^-?(?:0|[1-9]\d{0,14})\.\d{1,15}$/.test(s)) return 'number';
  if (s === 'true' || s === 'false') return 'boolean';
  if (/^\d{4}-\d{2}-\d{2}$/.test(s) && LocalDate.parse(s) !== undefined) return 'date';
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T')))) return 'timestamp';
  return 'string';
}

/**
 * The logicalType a contract draft gives a column from its sampled values: the values' own kind
 * (JSON and Parquet numbers, booleans, dates, structs, lists); for text, what every sampled text
 * spells when `readText` (an integer, a decimal, true/false, an ISO date or timestamp), else
 * string. Nulls and empty strings say nothing; any mix but integer with number is a string.
 * A list holding a struct (at any depth) is a string: `protect` runs an `array` column's operator
 * on each scalar element and refuses structs (ERR_LIST_UNSUPPORTED), while a column without
 * `array` takes the list's JSON text as one value, so what init drafts is what protect runs.
 *
 * @example
 * ```ts
 * draftLogicalType([1, 2.5, null], true); // 'number'
 * ```
 */
export function draftLogicalType(values: readonly (Value | undefined)[], readText: boolean): DraftedLogicalType {
  const kinds = new Set<DraftedLogicalType>();
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    const k = kindOf(v);
    if (k === 'string') kinds.add(readText ? textKind(v as string) : 'string');
    else if (k === 'array' && holdsStruct(v as readonly Value[], 1)) kinds.add('string');
    else if (k === 'bytes') kinds.add('string');
    else if (k !== 'null') kinds.add(k);
    if (kinds.size > 2) return 'string';
  }
  if (kinds.size === 2 && kinds.has('integer') && kinds.has('number')) return 'number';
  return kinds.size === 1 ? [...kinds][0]! : 'string';
}
