// Look-alike rules shared by the weak identifier recognizers (bank account, passport, driver's
// licence, routing number, ITIN, NHS number, Ethereum address). A bare run of digits is only a
// candidate; these rules drop it when the words just before it say it is something else — an order,
// invoice, tracking or reference number, a timestamp, a version, a hash, a phone number. A piece of a
// UUID, a hex digest or a base64 blob never gets this far: the engine drops every match that cuts a
// token (boundaries.ts). Not a recognizer: no entity, only `deny` helpers.
// Every test looks at a bounded window around the match, so a rule costs O(1) per match and never
// scans the whole text.

/** Regex source: a number may not start right after a word character or inside a larger number,
 * amount, path or address (1.5, 1,000, +44, a-b, a/b, 10:30, $5, @host). */
export const NUM_START = '(?<![\\w.,+\\-/:$€£@])';
/** Regex source: a number may not run on into letters, dashes, paths, times or decimals. */
export const NUM_END = '(?![\\w\\-/:@]|[.,]\\d)';

const WINDOW = 48;

const ORDER_CUE = /\b(?:order|invoice|inv|tracking|track|shipment|parcel|ref|reference|ticket|case|po|sku|item|part|serial|confirmation|conf|receipt|transaction|txn)\.?\s{0,2}(?:no\.?|num(?:ber)?|id|#)?\s{0,3}[:#=-]?\s{0,3}$/i;
const TIME_CUE = /\b(?:timestamp|epoch|unix(?:\s?time)?|ts|time|created(?:_at)?|updated(?:_at)?|modified|expires?(?:_at)?|iat|exp|nbf)["']?\s{0,3}[:=]?\s{0,3}["']?$/i;
const VERSION_CUE = /(?:\bv|\bversion\s{0,3}|\bver\.?\s{0,3}|\brelease\s{0,3}|\bbuild\s{0,3}|\brev(?:ision)?\.?\s{0,3})[:=]?\s{0,2}$/i;
const HASH_CUE = /\b(?:md5|sha-?(?:1|224|256|384|512)?|hash|digest|checksum|commit|fingerprint)\s{0,3}[:=]?\s{0,3}$/i;
const PHONE_CUE = /\b(?:phone|telephone|tel|mobile|cell|fax|call|sms|whatsapp)\.?\s{0,2}(?:no\.?|num(?:ber)?|#)?\s{0,3}[:#=-]?\s{0,3}$/i;

/**
 * A reason to drop the candidate at [start, end) as a look-alike, or undefined to keep it.
 *
 * @example
 * ```ts
 * lookAlike('order #123456789', 7, 16) // → 'order, invoice, tracking or reference number'
 * ```
 */
export function lookAlike(text: string, start: number, _end: number): string | undefined {
  const before = text.slice(Math.max(0, start - WINDOW), start);
  if (ORDER_CUE.test(before)) return 'order, invoice, tracking or reference number';
  if (TIME_CUE.test(before)) return 'timestamp';
  if (VERSION_CUE.test(before)) return 'version string';
  if (HASH_CUE.test(before)) return 'hash or digest';
  if (PHONE_CUE.test(before)) return 'phone number';
  return undefined;
}
