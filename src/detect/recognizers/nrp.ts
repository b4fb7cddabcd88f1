// NRP: nationality, religious or political group ("Brazilian", "Muslim", "Republican") — special-
// category data under the GDPR (Art. 9) when it describes a person. Nationalities come from the
// demonym list (gazetteers/); religions and political groups from the short tables below. Only
// capitalised words count in text that has capitals ("french fries" is not an NRP).
import { DEMONYM, FIRST_NAME, wordBit } from '../gazetteers/index.js';
import { inList, tokenAt, tokenize } from '../tokens.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';

const GROUPS = new Set([
  'christian', 'christians', 'catholic', 'catholics', 'protestant', 'protestants', 'orthodox', 'evangelical', 'muslim', 'muslims', 'islamic',
  'sunni', 'shia', 'shiite', 'jewish', 'jew', 'jews', 'hindu', 'hindus', 'buddhist', 'buddhists', 'sikh', 'sikhs', 'jain', 'mormon', 'atheist',
  'agnostic', 'lutheran', 'baptist', 'methodist', 'anglican', 'presbyterian', 'quaker', 'amish',
  'democrat', 'democrats', 'republican', 'republicans', 'socialist', 'socialists', 'communist', 'communists', 'conservative', 'liberal',
  'libertarian', 'labour', 'tory', 'tories', 'green', 'greens',
  'hispanic', 'latino', 'latina', 'latinx', 'asian', 'african', 'caucasian', 'arab', 'arabs', 'roma', 'aboriginal', 'indigenous',
]);
/** GROUPS as a bit of a token's list probe (gazetteers wordBit). */
const GROUP = wordBit(GROUPS);
/** Words in GROUPS that are ordinary English in lower case, or too often not about a person. */
const CAPITAL_ONLY = new Set(['green', 'greens', 'conservative', 'liberal', 'orthodox', 'labour', 'indigenous']);

function findGroups(text: string): readonly Candidate[] {
  let out: Candidate[] | undefined;
  const { tokens, caseless } = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.embedded || (!caseless && !t.cap)) continue;
    // "Christian had...", "Christian Bale": a given name, not a faith.
    if (inList(t, FIRST_NAME) && (t.sentenceStart || tokenAt(tokens, i + 1)?.cap === true)) continue;
    const isGroup = inList(t, GROUP);
    if (!isGroup && !inList(t, DEMONYM)) continue;
    if (!caseless && !t.cap) continue;
    if (CAPITAL_ONLY.has(t.lower) && (caseless || t.sentenceStart)) continue;
    (out ??= []).push({ start: t.start, end: t.end, score: isGroup ? 0.6 : 0.55, pattern: isGroup ? 'group' : 'nationality' });
  }
  return out ?? NO_CANDIDATES;
}

export const nrpRecognizer: Recognizer = {
  id: 'nrp',
  entity: 'NRP',
  patterns: [],
  find: findGroups,
  context: ['nationality', 'citizen', 'religion', 'religious', 'faith', 'ethnicity', 'ethnic', 'party', 'political', 'voted', 'origin', 'descent'],
};
