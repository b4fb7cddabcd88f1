// STREET_ADDRESS: a found address block reported as its parts (street, unit, locality, postcode),
// the way a postal parser splits it.
import type { Candidate, Entity } from '../../types.js';

const UNIT_LINE = /^(?:apt|apartment|suite|ste|unit|flat|room|rm|floor|fl|bldg|building|p\.?\s?o\.?\s?box|box|#)\b/i;
const POSTCODE = /^(?=[A-Z0-9 -]{3,10}$)(?=.*\d)[A-Z0-9]+(?:[ -][A-Z0-9]+)?$/i;
const TRAILING_POSTCODE = /^(.*?\S)[ ,]+([A-Z]{0,2}\d[A-Z0-9]{1,6}(?:[ -][A-Z0-9]{2,4})?)$/i;

const WORD_CHAR = /[\p{L}\d]/u;

/**
 * Whether a letter or digit stands on the line before `at`. Looked for backwards from `at`, so the cost
 * is the distance to the nearest one, not the length of the line: a one-line document of a megabyte
 * with thousands of addresses stays linear.
 */
function wordBefore(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '\n') return false;
    // A low surrogate is tested with its high half: letters beyond the BMP count too.
    if (WORD_CHAR.test(i > 0 && c >= '\udc00' && c <= '\udfff' ? text.slice(i - 1, i + 1) : c)) return true;
  }
  return false;
}

/**
 * A multi-line address block reported as its parts, the way a postal parser splits it: the street
 * line(s) and unit lines are STREET_ADDRESS, a postcode is ZIP_CODE, the other lines (town, region,
 * country) are LOCATION. Parts keep the block's score, so names inside a block stay part of it.
 * One-line addresses, wrapped or not, stay whole. The parts cover the same characters as the block.
 */
export function* addressParts(text: string, block: Candidate): Generator<Candidate> {
  const body = text.slice(block.start, block.end);
  // A line that opens with a comma continues the one before ("Fahrdorf\n, SH\n 05775"): the breaks
  // are wraps of a one-line address, which stays whole.
  // An address written into a sentence ("my new address is 07 262 Pavlou Drandaki\nKÖPMANHOLMEN")
  // is one finding whatever its line breaks; one laid out on lines of its own is a postal block.
  const inline = wordBefore(text, block.start);
  if (inline && body.includes('\n')) {
    yield block;
    return;
  }
  if (!body.includes('\n') || /\n[ \t]*,/.test(body)) {
    yield* splitBuildingNumber(text, block.start, block.end, block, 'street');
    return;
  }
  let offset = block.start;
  let first = true;
  for (const raw of body.split('\n')) {
    const lineStart = offset;
    offset += raw.length + 1;
    // Trim spaces, list markers and a leading comma ("\n, LA").
    const lead = /^[\s>*•|?,-]*/.exec(raw)![0].length;
    const trail = /[\s,]*$/.exec(raw)![0].length;
    const line = raw.slice(lead, raw.length - trail);
    if (line === '') continue;
    const start = lineStart + lead;
    const end = start + line.length;
    const part = (s: number, e: number, entity: Entity, name: string): Candidate => ({ start: s, end: e, score: block.score, pattern: `${block.pattern}:${name}`, entity });
    if (first) {
      yield* splitBuildingNumber(text, start, end, block, 'street');
    } else if (UNIT_LINE.test(line)) {
      yield part(start, end, 'STREET_ADDRESS', 'unit');
    } else if (POSTCODE.test(line)) {
      yield part(start, end, 'ZIP_CODE', 'postcode');
    } else {
      const m = TRAILING_POSTCODE.exec(line);
      if (m !== null && /\d/.test(m[2]!) && /\p{L}/u.test(m[1]!)) {
        const place = m[1]!.replace(/[\s,]+$/, '');
        yield part(start, start + place.length, 'LOCATION', 'locality');
        yield part(end - m[2]!.length, end, 'ZIP_CODE', 'postcode');
      } else {
        yield part(start, end, 'LOCATION', 'locality');
      }
    }
    first = false;
  }
}

/**
 * Two house numbers in a row ("95 55 Halsey Road", "3 12 Main St"): a unit or door number, then the
 * building's number and its street.
 */
const TWO_NUMBERS = /^(\d{1,5}[A-Za-z]?)[ \t]+(?=\d{1,5}[A-Za-z]?[ \t]+\p{L})/u;
/**
 * A number before a street written name-first with its own number at the end ("78 Camiño Ancho 91",
 * "45 via roma 12"): words without digits between, the street's number at most four digits (a
 * five-digit number there is more often a postcode).
 */
const NUMBER_BEFORE_NAME_NUMBER = /^(\d{1,5}[A-Za-z]?)[ \t]+(?=\p{L}[^\d,\n]{1,60}?(?<!\b(?:apt|apartment|suite|ste|unit|flat|room|rm|no|nr|box|floor|fl|bldg|building)\.?)[ \t]\d{1,4}[A-Za-z]?[.]?(?:$|[ \t]*,))/iu;

/**
 * The first of two house numbers is a unit or door number of its own: reported as a separate
 * STREET_ADDRESS part, so each number is one finding.
 */
function* splitBuildingNumber(text: string, start: number, end: number, block: Candidate, name: string): Generator<Candidate> {
  const line = text.slice(start, end);
  const m = TWO_NUMBERS.exec(line) ?? NUMBER_BEFORE_NAME_NUMBER.exec(line);
  if (m === null) {
    yield start === block.start && end === block.end ? block : { start, end, score: block.score, pattern: `${block.pattern}:${name}`, entity: 'STREET_ADDRESS' };
    return;
  }
  yield { start, end: start + m[1]!.length, score: block.score, pattern: `${block.pattern}:building-number`, entity: 'STREET_ADDRESS' };
  yield { start: start + m[0].length, end, score: block.score, pattern: `${block.pattern}:${name}`, entity: 'STREET_ADDRESS' };
}
