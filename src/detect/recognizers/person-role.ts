// PERSON from a role: in notes, tickets and chat a name is often introduced by who the person is —
// a relative ("wife mary", "DTR ELLIN"), a clinician ("attending Lemke", "per NP Sanford", "dr. boyer"),
// an exchange ("spoke w/", "signed out to", "report given to") — or followed by a credential
// ("Glendon RN", "joelleon krey, rn"). The cue is the evidence, so the name may be lower case, ALL
// CAPS, or in no list; initials after a clinician's role ("per RN JS", "d/w NP L.O.") count too.
// What follows a cue must still look like a name: not a frequent English word ("wife at bedside",
// "per protocol"), not an abbreviation ("per RN ICU"), not part of an identifier.
import { ABBREVIATION, COMMON_WORD, DICTIONARY_WORD, FIRST_NAME, LAST_NAME, WORD_NAME } from '../gazetteers/index.js';
import { textCasing } from '../casing.js';
import { cueEnds, inList, joined, type Token, tokenAt, tokenize } from '../tokens.js';
import { type Candidate, NO_CANDIDATES, type Recognizer } from '../types.js';

/** Relatives and others close to a patient or customer. */
const RELATIONS = ['wife', 'husband', 'son', 'daughter', 'dtr', 'sister', 'brother', 'mother', 'father', 'mom', 'dad', 'niece', 'nephew', 'grandson', 'granddaughter', 'grandmother', 'grandfather', 'aunt', 'uncle', 'cousin', 'friend', 'partner', 'boyfriend', 'girlfriend', 'fiance', 'fiancee', 'neighbor', 'neighbour', 'roommate', 'hcp', 'health care proxy', 'healthcare proxy', 'proxy', 'guardian', 'caregiver', 'stepson', 'stepdaughter', 'sil', 'dil',
  // Work relations, as tickets and chat write them ("approved by mgr Baharmitz", "my coworker dana").
  'mgr', 'manager', 'coworker', 'co-worker', 'colleague', 'boss', 'supervisor', 'teammate'];
/** Clinicians and staff: after these, initials count as a name too. */
const ROLES = ['dr', 'dr.', 'doctor', 'attending', 'resident', 'fellow', 'intern', 'pcp', 'surgeon', 'nurse', 'rn', 'np', 'pa', 'lpn', 'cna', 'md', 'rt', 'pharmacist', 'case manager', 'social worker', 'sw', 'chaplain', 'therapist', 'charge rn', 'charge nurse', 'covering dr', 'covering md', 'agent', 'technician', 'tech'];
/** Exchanges with a person. */
const EXCHANGES = ['spoke with', 'spoke w/', 'spoke to', 'talked with', 'talked to', 'discussed with', 'd/w', 'd/w dr', 'per', 'signed out to', 'report given to', 'report to', 'care assumed by', 'seen by', 'evaluated by', 'examined by', 'called by', 'paged', 'handed off to', 'assigned to', 'escalated to', 'ask for', 'asked for',
  // Helpdesk notes and on-call handoffs: "caller was loydie christiansen", "backup is rayna walker".
  'caller', 'caller was', 'caller is', 'user', 'backup is', 'covered by', 'covering for', 'handed over to'];
/** Role cues, and the handoffs after which initials stand for a person too ("signed out to JK"). */
const ROLE_CUES = [...ROLES, 'signed out to', 'handed off to', 'handed over to', 'report given to'];
const ROLE_WORDS = new Set([...RELATIONS, ...ROLES].filter((w) => !w.includes(' ')));
const PERSON_CUES = [...RELATIONS, ...ROLES, ...EXCHANGES];
/**
 * Cues that name who follows (a relative, a doctor): after these a lower-case word no list knows is a
 * name too ("spoke w/ niece shayradi", "seen by dr. ning"), where it would need capitals after an
 * exchange ("per vanco"). Short roles that are also shorthand ("rt" = right, "pa", "np") are left out.
 */
const NAMING_CUES = [...RELATIONS, 'dr', 'dr.', 'doctor', 'attending', 'pcp', 'surgeon', 'covering dr', 'covering md', 'caller', 'caller was', 'caller is', 'backup is'];
/** Services a note is seen by or discussed with: not names ("seen by ortho", "d/w neuro"). */
const SERVICES = new Set(['ortho', 'neuro', 'nsgy', 'pulm', 'onc', 'heme', 'nephro', 'psych', 'derm', 'uro', 'gyn', 'obgyn', 'ent', 'gi', 'id', 'ir', 'cards', 'renal', 'surg', 'gensurg', 'vasc', 'ctsurg', 'palliative', 'pall', 'endo', 'rheum', 'hospitalist', 'micu', 'sicu', 'ccu']);
/** Credentials written after a name, as written (case matters: "Do" and "Pa" are not credentials). */
const CREDENTIAL_WORDS = ['RN', 'NP', 'MD', 'DO', 'PA', 'PA-C', 'LPN', 'CNA', 'RRT', 'PharmD', 'LICSW', 'MSW', 'CNM', 'CRNA', 'rn', 'np', 'md', 'pa', 'lpn', 'cna', 'rrt'];
const CREDENTIALS = new RegExp(`^,?[ \\u00a0]{1,2}(?:${CREDENTIAL_WORDS.join('|')})\\b`);
/**
 * The first two letters of each credential, by character code (first * 128 + second): the credential
 * is the next word, so a next word opening with any other two letters cannot make CREDENTIALS match;
 * checked per word before slicing and testing (most words opening with "p", "c" or "m" fail it).
 */
const CREDENTIAL_PAIR = new Uint8Array(128 * 128);
for (const w of CREDENTIAL_WORDS) CREDENTIAL_PAIR[w.charCodeAt(0) * 128 + w.charCodeAt(1)] = 1;
/** text[i] and text[i + 1] open one of the credentials (a table lookup per word, not a hash). */
function credentialAt(text: string, i: number): boolean {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  return a < 128 && b < 128 && CREDENTIAL_PAIR[a * 128 + b] === 1;
}

/** text[from, to) is "(" or " (": a role's name in brackets follows ("nurse (Okafor)"). */
function bracketAfter(text: string, from: number, to: number): boolean {
  return text.charCodeAt(to - 1) === 40 && (to - from === 1 || (to - from === 2 && text.charCodeAt(from) === 32));
}

/** Short words that end a name run in notes ("re: plan", "x2", "w/"). */
const STOP = new Set(['re', 'w', 'x', 'pt', 'and', 'or', 'to', 'at', 'in', 'on', 'of', 'for', 'with']);

/** A word that can be (part of) a name once a cue has said a person follows. */
function nameAfterCue(t: Token, caseless: boolean, afterName = false): boolean {
  if (t.embedded || t.lower.length < 2 || STOP.has(t.lower) || inList(t, ABBREVIATION)) return false;
  if (!/^[\p{L}][\p{L}'’-]*$/u.test(t.lower)) return false;
  const known = inList(t, FIRST_NAME) || inList(t, LAST_NAME);
  if (inList(t, COMMON_WORD)) return known && !caseless && t.cap && !t.allCaps; // "wife Grace", not "wife called"
  if (caseless) return true;
  if (t.cap && !(t.allCaps && t.lower.length <= 3)) return true;
  // Lower case in text with capitals: a listed name, not an English word ("wife mary"); after one,
  // a word no list knows, or a word after a naming cue; never a contraction ("proxy isn't").
  return (known || (afterName && !/n['’]t$|['’](?:s|ll|re|ve|d|m)$/.test(t.lower))) && !inList(t, DICTIONARY_WORD) && !inList(t, WORD_NAME);
}

/** Words that follow a clinician's initials in notes ("RT KG aware", "pharmacist PD notified"). */
const AFTER_INITIALS = new Set(['aware', 'notified', 'paged', 'updated', 'informed', 'called', 'made', 'at', 'here', 'in', 'to', 'said', 'states', 'reports', 'agrees', 'will', 'and']);

/** Initials: "JS", "J.S.", "js" where capitals say nothing. */
function initials(text: string, t: Token, next: Token | undefined, caseless: boolean): number {
  const dotted = (caseless ? /^(?:\p{L}\.){2,3}/u : /^(?:\p{Lu}\.){2,3}/u).exec(text.slice(t.start, t.start + 6));
  if (dotted !== null) return t.start + dotted[0].length;
  const w = text.slice(t.start, t.end);
  // Two letters that are also an abbreviation ("PD", "CT") are initials when a verb of the note follows.
  const initialsBeforeVerb = w.length === 2 && next !== undefined && joined(next) && AFTER_INITIALS.has(next.lower);
  if (w.length < 2 || w.length > 3 || ((inList(t, ABBREVIATION) || inList(t, COMMON_WORD)) && !initialsBeforeVerb) || t.embedded) return -1;
  if (!(caseless || /^\p{Lu}+$/u.test(w))) return -1;
  return t.end;
}

function findRoleNames(text: string): readonly Candidate[] {
  let out: Candidate[] | undefined;
  const tokenized = tokenize(text);
  const { tokens } = tokenized;
  const caseless = tokenized.caseless || textCasing(text) === 'upper';
  const personCue = cueEnds(text, PERSON_CUES);
  /** Most texts hold no cue: then no token is asked of the set. */
  const anyCue = personCue.size > 0;
  const roleCue = cueEnds(text, ROLE_CUES);
  const namingCue = anyCue ? cueEnds(text, NAMING_CUES) : personCue;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // "Agent (Estella):", "nurse (Okafor)": a role, then the name in brackets.
    const prev = tokenAt(tokens, i - 1);
    const bracketed = prev !== undefined && bracketAfter(text, prev.end, t.start) && ROLE_WORDS.has(prev.lower);
    if ((anyCue && personCue.has(t.start)) || bracketed) {
      // "spoke w/ hcp clettie": a role after a cue is itself a cue; the name starts after it.
      if (ROLE_WORDS.has(t.lower) && personCue.has(tokenAt(tokens, i + 1)?.start ?? -1)) continue;
      if (nameAfterCue(t, caseless, namingCue.has(t.start) && !SERVICES.has(t.lower))) {
        let j = i + 1;
        while (j < tokens.length && j - i < 3 && joined(tokens[j]!) && !tokens[j - 1]!.possessive && nameAfterCue(tokens[j]!, caseless, true)) j++;
        // A credential may follow: "Kiri Howe, RN" — the name ends before it.
        if (j - i > 1 && CREDENTIALS.test(' ' + text.slice(tokens[j - 1]!.start, tokens[j - 1]!.end))) j--;
        (out ??= []).push({ start: t.start, end: tokens[j - 1]!.end, score: j - i > 1 ? 0.75 : 0.65, pattern: 'after-role' });
        i = j - 1;
        continue;
      }
      if (roleCue.has(t.start)) {
        const end = initials(text, t, tokenAt(tokens, i + 1), caseless);
        if (end > 0) (out ??= []).push({ start: t.start, end, score: 0.85, pattern: 'initials-after-role' });
      }
      continue;
    }
    // "Glendon RN", "joelleon krey, rn", "clej adams, MD": one or two name words right before a
    // credential; the credential says a name precedes, so a lower-case word no list knows counts.
    const next = tokenAt(tokens, i + 1);
    // The credential is the next token, after at most ",  " (a letter always starts a token): a wider gap cannot match.
    if (next !== undefined && next.start - t.end <= 3 && credentialAt(text, next.start) && CREDENTIALS.test(text.slice(t.end, next.end)) && nameAfterCue(t, caseless, true) && !personCue.has(t.start)) {
      const prev = tokenAt(tokens, i - 1);
      const start = prev !== undefined && joined(t) && nameAfterCue(prev, caseless, true) && !personCue.has(t.start) ? prev.start : t.start;
      (out ??= []).push({ start, end: t.end, score: start < t.start ? 0.7 : 0.6, pattern: 'before-credential' });
    }
  }
  return out ?? NO_CANDIDATES;
}

export const personRoleRecognizer: Recognizer = {
  id: 'person-role',
  entity: 'PERSON',
  patterns: [],
  find: findRoleNames,
};
