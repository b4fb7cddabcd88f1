// PERSON from the places chat, e-mail and ticket text put a name, by the shape of the place, so the
// name may be lower case or in no list:
// - the speaker of a chat export line: "[10:42] maria.k: ...", "16:51 tiann: ...";
// - an @mention: "@priya did you", "@tom.b";
// - an e-mail display name: "blayne mcdermott <blayne.mcdermott@x.com>" (RFC 5322 name-addr);
// - a signature: one or two words alone on the line under "thanks," / "best," / "cheers", or after a
//   dash that ends a line ("- tom");
// - the names after the first in a "cc:" list ("cc: raimundo, Faigi");
// - a self-introduction: "hey, pernell here".
// Every word must still look like a name word: letters, not a frequent English word, a dictionary word
// or an abbreviation unless a name list holds it ("@here", "[10:42] system:", "- done" are not names).
// Linear patterns only; each match is bounded by the line it sits on.
import { ABBREVIATION, COMMON_WORD, DICTIONARY_WORD, FIRST_NAME, LAST_NAME, memberships } from '../gazetteers/index.js';
import { lookupKey } from '../gazetteers/key.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';
import { personRecognizer } from './person.js';

/** A chat export line's time and speaker: "[10:42] maria.k: ", "16:51 Maria Kim: ". */
const SPEAKER = /^[ \t]*\[?\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?\]?[ \t]{1,2}([A-Za-z][A-Za-z'-]{1,30}(?:\.[A-Za-z]{1,20}| [A-Z][A-Za-z'-]{1,30})?):[ \t]/gm;
/** "@priya", "@tom.b": not inside an e-mail address, a path or a decorator call. */
const MENTION = /(?<![\w.@/])@([A-Za-z][A-Za-z'-]{1,30}(?:\.[A-Za-z]{1,20})?)(?![\w@/(-]|\.[A-Za-z])/g;
/** "Jane Doe <jane@x.com>", "blayne mcdermott <b.m@x.com>": the display name of an address. */
const DISPLAY_NAME = /(?<![\w'-])([A-Za-z][A-Za-z'-]{1,30}(?: [A-Za-z][A-Za-z'-]{1,30}){0,2}) <[^\s<>@]{1,64}@[^\s<>@]{1,255}>/g;
/** A sign-off line, then one or two words alone on the next line. */
const SIGNATURE = /^[ \t]*(?:thanks|thank you|thx|ty|best|best regards|kind regards|regards|cheers|sincerely|warmly|talk soon)[,!.]?[ \t]*\r?\n[ \t]*([A-Za-z][A-Za-z'-]{1,30}(?: [A-Za-z][A-Za-z'-]{1,30})?)[ \t]*$/gim;
/** Text, a dash and one word ending the message: "486-1207 - faydra"; or a line of a dash and a given name: "- tom". */
const DASH_SIGNATURE = /(?:(?<=\S)[ \t]|^)[-–—][ \t]?([A-Za-z][A-Za-z'-]{1,30})[ \t]*$/gm;
/** "cc: a, b, c": the list up to the end of the line. */
const CC_LIST = /\bcc:[ \t]*([^\n]{1,200})/gi;
/** "hey, pernell here", "hi all, Ana here". */
const HERE = /\b(?:hi|hey|hello|yo|morning)(?: all| team| everyone)?[,!]?[ \t]{1,2}([A-Za-z][A-Za-z'-]{1,30}) here\b/gi;

/** Words that are never a person in these places (chat platforms' own mentions and system speakers). */
const NEVER = new Set(['here', 'channel', 'everyone', 'all', 'team', 'admin', 'bot', 'system', 'param', 'returns', 'throws', 'deprecated', 'override', 'types', 'type', 'see', 'link', 'todo', 'fixme', 'note', 'info', 'warn', 'error', 'debug', 'root', 'support', 'sales', 'billing', 'ops', 'oncall', 'helpdesk', 'devops', 'sre', 'it', 'hr']);
const LETTERS = /^[A-Za-z][A-Za-z'-]*$/;

/**
 * A name word here: two or more letters, not a frequent English word, a dictionary word or an
 * abbreviation unless a name list holds it (then not a frequent word unless capitalised).
 */
function nameWord(w: string): boolean {
  if (w.length < 2 || !LETTERS.test(w)) return false;
  const key = lookupKey(w);
  if (NEVER.has(key)) return false;
  const lists = memberships(key);
  if ((lists & (FIRST_NAME | LAST_NAME)) !== 0) return (lists & COMMON_WORD) === 0 || /^[A-Z][a-z]/.test(w);
  return (lists & (COMMON_WORD | DICTIONARY_WORD | ABBREVIATION)) === 0;
}

/** A handle "maria.k" or "tom.baker": the name part must be a name word; a one-letter tail is an initial. */
function nameOrHandle(s: string): boolean {
  const dot = s.indexOf('.');
  if (dot < 0) return s.split(' ').every(nameWord);
  const tail = s.slice(dot + 1);
  return nameWord(s.slice(0, dot)) && (tail.length === 1 || nameWord(tail));
}

function push(out: Candidate[], start: number, value: string, score: number, pattern: string): void {
  out.push({ start, end: start + value.length, score, pattern });
}

function findChatNames(text: string): readonly Candidate[] {
  let out: Candidate[] | undefined;
  const hasColon = text.includes(':');
  const hasAt = text.includes('@');
  if (hasColon) {
    for (const m of text.matchAll(SPEAKER)) {
      const name = m[1]!;
      if (nameOrHandle(name)) push((out ??= []), m.index + m[0].length - name.length - 2, name, 0.8, 'chat-speaker');
    }
  }
  if (hasAt) {
    for (const m of text.matchAll(MENTION)) {
      if (nameOrHandle(m[1]!)) push((out ??= []), m.index + 1, m[1]!, 0.75, 'mention');
    }
    for (const m of text.matchAll(DISPLAY_NAME)) {
      let name = m[1]!;
      let start = m.index;
      // "wrote: Jane Doe <...>", "From Jane <...>": drop leading words that are no name words.
      const words = name.split(' ');
      while (words.length > 0 && !nameWord(words[0]!)) { start += words[0]!.length + 1; words.shift(); }
      name = words.join(' ');
      if (words.length > 0 && words.every(nameWord)) push((out ??= []), start, name, 0.8, 'display-name');
    }
  }
  for (const m of text.matchAll(SIGNATURE)) {
    const name = m[1]!;
    if (name.split(' ').every(nameWord)) push((out ??= []), m.index + m[0].trimEnd().length - name.length, name, 0.75, 'signature');
  }
  if (text.includes('-') || text.includes('–') || text.includes('—')) {
    for (const m of text.matchAll(DASH_SIGNATURE)) {
      const name = m[1]!;
      // A line of its own ("- done") is a list item unless a given-name list holds the word; after
      // text ("PROGRESS NOTE - HOSPITALIST"), a heading unless it ends the message and is not in capitals.
      const own = m[0][0] === '-' || m[0][0] === '–' || m[0][0] === '—';
      const end = m.index + m[0].trimEnd().length;
      const signs = own ? (memberships(lookupKey(name)) & FIRST_NAME) !== 0 : text.slice(end).trim() === '' && name !== name.toUpperCase();
      if (signs && nameWord(name)) push((out ??= []), end - name.length, name, 0.65, 'dash-signature');
    }
  }
  if (hasColon) {
    for (const m of text.matchAll(CC_LIST)) {
      const list = m[1]!;
      const base = m.index + m[0].length - list.length;
      // Each item, the first after "cc:" and every one after a comma, is a name of its own.
      let at = -1;
      for (;;) {
        const rest = list.slice(at + 1);
        const lead = rest.length - rest.trimStart().length;
        const item = /^[A-Za-z][A-Za-z'-]{1,30}(?: [A-Za-z][A-Za-z'-]{1,30})?(?=[ \t]*(?:,|$|\.|;))/.exec(rest.slice(lead));
        if (item === null || !item[0].split(' ').every(nameWord)) break;
        push((out ??= []), base + at + 1 + lead, item[0], 0.7, 'cc-list');
        at = list.indexOf(',', at + 1 + lead + item[0].length);
        if (at < 0) break;
      }
    }
  }
  for (const m of text.matchAll(HERE)) {
    const name = m[1]!;
    if (nameWord(name)) push((out ??= []), m.index + m[0].length - name.length - 5, name, 0.7, 'self-introduction');
  }
  return out ?? NO_CANDIDATES;
}

export const personChatRecognizer: Recognizer = {
  id: 'person-chat',
  entity: 'PERSON',
  patterns: [],
  find: findChatNames,
  context: personRecognizer.context ?? [],
};
