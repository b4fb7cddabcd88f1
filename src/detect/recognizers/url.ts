// URL: absolute http(s)/ftp URLs, and bare host names (www.example.org, example.com) that end in a
// common lower-case TLD — the bare form is what data sets label as a domain name. The bare-domain pattern must
// not fire inside an e-mail address, hence the '@' in its lookbehind. Linear-time: repetitions are
// over classes with single-character separators and fixed upper bounds.
import type { Recognizer } from '../types.js';

/** Generic and widely used country-code TLDs; a bare "word.word" needs one of these to count. */
const TLDS = [
  'com', 'org', 'net', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'io', 'co', 'ai', 'app', 'dev', 'me', 'tv', 'us', 'uk',
  'ca', 'au', 'nz', 'za', 'de', 'fr', 'es', 'it', 'nl', 'be', 'ch', 'at', 'se', 'no', 'dk', 'fi', 'is', 'ie', 'pt', 'pl',
  'cz', 'sk', 'hu', 'si', 'hr', 'ro', 'bg', 'gr', 'ru', 'ua', 'tr', 'il', 'in', 'cn', 'jp', 'kr', 'tw', 'hk', 'sg', 'br',
  'mx', 'ar', 'cl', 'tn', 'eu', 'online', 'site', 'xyz', 'tech', 'shop', 'store', 'cloud',
].sort((a, b) => b.length - a.length);

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const PATH = "(?:[/?#][^\\s<>\"'`]{0,2046}[^\\s<>\"'`.,;:!?)\\]}])?";

export const urlRecognizer: Recognizer = {
  id: 'url',
  entity: 'URL',
  // Its grammar marks its own edges (prefixes, '@', '://'): the engine's token-boundary rule does not apply.
  cutsWords: true,
  patterns: [
    // Scheme, then anything up to whitespace, not ending on sentence punctuation.
    { name: 'absolute', regex: /(?<![\w+.-])(?:https?|ftp):\/\/[^\s<>"'`]{0,2047}[^\s<>"'`.,;:!?)\]}]/i, score: 0.6, requires: /:\/\// },
    { name: 'www', regex: new RegExp(`(?<![\\w@./-])[Ww]{3}\\.(?:${LABEL}\\.){1,6}[A-Za-z]{2,24}(?![\\w-]|\\.\\w)${PATH}`), score: 0.6, requires: /www\./i },
    { name: 'bare-domain', regex: new RegExp(`(?<![\\w@./:-])(?:${LABEL}\\.){1,4}(?:${TLDS.join('|')})(?![\\w-]|\\.\\w|@)${PATH}`), score: 0.5, requires: /[A-Za-z0-9]\.[A-Za-z]{2}/ },
  ],
  context: ['url', 'website', 'site', 'link', 'domain', 'web', 'http', 'https', 'visit', 'homepage'],
};
