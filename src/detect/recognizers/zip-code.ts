// ZIP_CODE: US ZIP (5 digits) and ZIP+4, and after a ZIP or postal-code label the postcodes of other
// countries. Five bare digits are mostly not ZIP codes, so the base score is low and a context word
// (zip, postal...), a label or a preceding state (code or name) is needed to report one.
// Never part of a longer number: digits, thousands separators or decimal points on either side deny it.
import type { Recognizer } from '../types.js';

/** State names as written out ("Austin, Texas 78701", "east alessandra, new jersey 49484"). */
const STATE_NAMES = 'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|District of Columbia|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico';
const ZIP_AFTER = '(?<v>\\d{5}(?:-\\d{4})?)(?![\\w-]|[.,]\\d)';
/** Postcode shapes: UK, Canada, Netherlands, hyphenated (PL, BR, JP, PT), ZIP+4, four to six digits. */
const POSTCODE = '[a-z]{1,2}\\d[a-z\\d]?\\s?\\d[a-z]{2}|[a-z]\\d[a-z]\\s?\\d[a-z]\\d|\\d{4}\\s?[a-z]{2}(?![a-z])|\\d{2,5}-\\d{3,4}|\\d{4,6}';
const STATES = 'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';

export const zipCodeRecognizer: Recognizer = {
  id: 'zip-code',
  entity: 'ZIP_CODE',
  patterns: [
    { name: 'zip5', regex: /(?<![\w.,$#-])\d{5}(?![\w-]|[.,]\d)/, score: 0.2, digits: 5 },
    { name: 'zip+4', regex: /(?<![\w.,$#-])\d{5}-\d{4}(?![\w-]|[.,]\d)/, score: 0.5, digits: 5 },
    { name: 'after-state', regex: new RegExp(`\\b(?:${STATES}),?\\s{1,2}${ZIP_AFTER}`), score: 0.55, digits: 5 },
    { name: 'after-state-name', regex: new RegExp(`\\b(?:${STATE_NAMES}),?\\s{1,2}${ZIP_AFTER}`, 'i'), score: 0.55, digits: 5 },
    // After a ZIP or postal-code label, the postcode shapes of other countries as well: "SW1A 2AA",
    // "K1A 0B1", "1012 AB", "00-950", "01310-100", "100-0001", "8001", "110001".
    { name: 'after-label', regex: new RegExp(`\\b(?:zip|postal|post(?=[ -]?code))(?:[ -]?code)?\\b\\s{0,2}(?:is|was|:|#|-|no\\.?)?\\s{0,2}(?<v>${POSTCODE})(?![\\w-]|[.,]\\d)`, 'i'), score: 0.55, digits: 1 },
  ],
  context: ['zip', 'zipcode', 'postal', 'postcode', 'mailing'],
  // "12345 67890" or "555 12345": a group of a longer spaced number (card, account, phone).
  deny(text, start, end) {
    if (/\d[ -]$/.test(text.slice(Math.max(0, start - 2), start))) return 'part of a longer number';
    if (/^[ -]\d/.test(text.slice(end, end + 2))) return 'part of a longer number';
    return undefined;
  },
};
