// date-shift: moves every date of one data subject by the same offset of ±1..maxDays days, derived
// as HMAC-SHA256(mac key, scope ‖ subject). Intervals between a subject's dates survive (length of
// stay, age at event), calendar dates do not; the input's written form (ISO with its time, M/D/YYYY,
// DD.MM.YYYY, … see dates.ts; `format` declares the column's) is kept. The offset is never 0. Marked not reversible: outputs do not name the key version; note
// that the key holder who knows the subject can still recompute the offset (outputs are pseudonymous).
import { constantTimeEqual, hmacSha256Short } from '../../crypto/index.js';
import { CordonError } from '../../errors.js';
import type { Operator } from '../types.js';
import { addDays, DATE_FORMAT_PARAMS, describeDateFormat, parseDate, type DateFormatParam } from '../dates.js';
import { encodeParts } from '../encoding.js';
import { enumParam, intParam, paramObject, scopeParam } from '../params.js';

export interface DateShiftParams {
  /** Largest shift in days, either way. Default 365, at most 3650. */
  readonly maxDays: number;
  /** Subjects get the same offset in every field and dataset with the same scope and key. Default `default`. */
  readonly scope: string;
  /** How the column writes its dates (dates.ts). Default `auto`. */
  readonly format: DateFormatParam;
}

/**
 * The subject's offset in [-maxDays, -1] ∪ [1, maxDays]: the MAC's first 64 bits, big-endian, mod
 * 2·maxDays. Bias from the modulo is below 2^-37. The modulo runs on Numbers as
 * (hi mod m)·(2^32 mod m) + lo mod m, exact while m² < 2^53 (maxDays ≤ 3650 gives m ≤ 7300).
 */
export function subjectOffset(key: Uint8Array, scope: string, subject: string, maxDays: number): number {
  // A subject's rows come together (a patient's visits, a user's events): its offset is computed once
  // per key, scope and maxDays while it is remembered, not once per date (an HMAC each).
  if (subject.length > OFFSET_SUBJECT_CHARS) return computeOffset(key, scope, subject, maxDays);
  let held = OFFSETS.get(key);
  if (held === undefined) OFFSETS.set(key, (held = { snapshot: Uint8Array.from(key), offsets: new Map(), lookups: 0, hits: 0, off: false }));
  if (held.off) return computeOffset(key, scope, subject, maxDays);
  const k = `${maxDays}\u0000${scope}\u0000${subject}`;
  held.lookups++;
  const known = held.offsets.get(k);
  // The key's bytes are compared before a remembered offset is used (as crypto/aes-block.ts KeyCache
  // does): a key object refilled with other bytes must not be answered with the old key's offsets.
  if (known !== undefined) {
    if (constantTimeEqual(held.snapshot, key)) { held.hits++; return known; }
    OFFSETS.set(key, (held = { snapshot: Uint8Array.from(key), offsets: new Map(), lookups: 1, hits: 0, off: false }));
  }
  const offset = computeOffset(key, scope, subject, maxDays);
  if (held.offsets.size >= OFFSETS_LIMIT) {
    held.offsets.clear();
    // One subject per row or nearly (fewer than one date in 20 of a subject seen before): remembering only costs time.
    if (held.lookups >= 2 * OFFSETS_LIMIT && held.hits * 20 < held.lookups) { held.off = true; return offset; }
  }
  held.offsets.set(k, offset);
  return offset;
}

/**
 * Offsets remembered per key (the key material's object: a key that goes out of use takes its
 * offsets with it), bounded: cleared when full. In memory only, like the pipeline's memos; an offset
 * is as secret as the dates it shifts, and never leaves the process.
 */
const OFFSETS = new WeakMap<Uint8Array, { readonly snapshot: Uint8Array; readonly offsets: Map<string, number>; lookups: number; hits: number; off: boolean }>();
const OFFSETS_LIMIT = 4096;
/** Longer subject ids are not remembered (an id is short; a long one must not stay alive past its row). */
const OFFSET_SUBJECT_CHARS = 256;

function computeOffset(key: Uint8Array, scope: string, subject: string, maxDays: number): number {
  const mac = hmacSha256Short(key, encodeParts('cordon/date-shift/v1', scope, subject));
  const m = 2 * maxDays;
  const hi = ((mac[0]! << 24) | (mac[1]! << 16) | (mac[2]! << 8) | mac[3]!) >>> 0;
  const lo = ((mac[4]! << 24) | (mac[5]! << 16) | (mac[6]! << 8) | mac[7]!) >>> 0;
  const n = m <= NUMBER_MODULUS
    ? ((hi % m) * (TWO_32 % m) + (lo % m)) % m
    : Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(m));
  return n < maxDays ? -(n + 1) : n - maxDays + 1;
}

const TWO_32 = 2 ** 32;
/** Moduli up to 2^26 keep (m-1)² + m below 2^53. */
const NUMBER_MODULUS = 2 ** 26;

/** @example dateShift.apply('2021-05-04', dateShift.parseParams({}), { ...ctx, subject: 'p-17' }) // e.g. '2021-02-11' */
export const dateShift: Operator<DateShiftParams> = {
  name: 'date-shift',
  reversible: false,
  output: () => 'input',
  parseParams(raw) {
    const o = paramObject('date-shift', raw, ['maxDays', 'scope', 'format']);
    return { maxDays: intParam('date-shift', o, 'maxDays', 365, 1, 3650), scope: scopeParam('date-shift', o, 'default'), format: enumParam('date-shift', o, 'format', DATE_FORMAT_PARAMS, 'auto') };
  },
  apply(value, params, ctx) {
    if (ctx.subject === undefined || ctx.subject === '') {
      throw new CordonError('ERR_INPUT_INVALID', 'date-shift: the record has no subject id to derive the offset from', { details: { operator: 'date-shift' } });
    }
    const d = parseDate(value, params.format);
    if (d === undefined) throw new CordonError('ERR_INPUT_INVALID', `date-shift: value is not a date written as ${describeDateFormat(params.format)}; set the column's params.format if its dates are written another way`, { details: { operator: 'date-shift' } });
    const offset = subjectOffset(ctx.keys.material('mac').material, params.scope, ctx.subject, params.maxDays);
    const s = addDays(d.year, d.month, d.day, offset);
    if (s.year < 1 || s.year > 9999) throw new CordonError('ERR_INPUT_INVALID', 'date-shift: shifted date is out of range', { details: { operator: 'date-shift' } });
    return d.format(s.year, s.month, s.day);
  },
};
