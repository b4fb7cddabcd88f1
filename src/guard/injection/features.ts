// Hashed n-gram features for the built-in injection classifier, shared by the runtime and the
// training script (scripts/train-injection.mjs imports the compiled file), so the two can never
// disagree. Input is scan-view text (already folded). Pure; linear in the text length.

/** log2 of the hashed feature space of one model. */
export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;
/** Character n-grams come from at most this many leading UTF-16 units of a text. */
const CHAR_LIMIT = 4096;
const WORD_LIMIT = 2048;

/** FNV-1a 32-bit over UTF-16 units, seeded by a namespace character. */
function fnv(ns: number, s: string, from = 0, to = s.length): number {
  let h = (0x811c9dc5 ^ ns) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines two 32-bit hashes (order matters). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ b, 0x85ebca6b) ^ (b >>> 13);
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 15)) >>> 0;
}

// Word classes whose co-occurrence is the structure of a role-play jailbreak rather than its words: a
// persona or fiction frame, plus the removal of rules, plus a harmful or detailed request, or a late
// relative asked to recite something (issue 16). Each present class, pair and triple of classes is one
// feature, so the model can weigh "persona + rules removed" apart from "persona" (a tutor, a story)
// and from "rules" (a security question). Lists are short and generic on purpose: the classifier still
// learns the weights; these only say which words belong together.
const CONCEPTS: readonly (readonly string[])[] = [
  // 0 persona and acting
  ['pretend', 'pretending', 'roleplay', 'role', 'character', 'persona', 'act', 'acting', 'play', 'playing', 'imagine', 'simulate', 'simulation', 'villain', 'antagonist', 'npc', 'actor', 'impersonate', 'embody', 'mode', 'persona'],
  // 1 rules and their removal
  ['unrestricted', 'unfiltered', 'uncensored', 'unbound', 'jailbreak', 'jailbroken', 'restrictions', 'restriction', 'filters', 'filter', 'guidelines', 'guardrails', 'policy', 'policies', 'rules', 'ethics', 'ethical', 'morals', 'refuse', 'refusal', 'refusals', 'refusing', 'decline', 'disclaimers', 'disclaimer', 'warnings', 'censorship', 'moderation', 'limits', 'safety', 'laws', 'allowed', 'forbidden', 'comply', 'illegal', 'override', 'disabled'],
  // 2 harm
  ['bomb', 'explosive', 'explosives', 'napalm', 'meth', 'methamphetamine', 'ricin', 'poison', 'malware', 'ransomware', 'keylogger', 'phishing', 'launder', 'laundering', 'steal', 'stealing', 'hack', 'hacking', 'hotwire', 'forge', 'counterfeit', 'weapon', 'weapons', 'gun', 'guns', 'drugs', 'overdose', 'kill', 'murder', 'stalk', 'untraceable', 'smuggle', 'fraud', 'scam', 'virus', 'viruses', 'crack', 'ddos', 'threatening', 'terrorist', 'skim', 'breathalyser', 'fake', 'nerve', 'toxin', 'abuse',
    // the same kinds of harm in more words (issue 16: requests never trained on)
    'kills', 'killing', 'poisoning', 'poisoned', 'grenade', 'silencer', 'firearm', 'rifle', 'handgun', 'ammunition', 'detonator', 'molotov', 'arson', 'fentanyl', 'cocaine', 'heroin', 'lsd', 'mdma', 'ghb', 'ketamine', 'narcotics', 'opioid', 'opioids',
    'botnet', 'rootkit', 'spyware', 'trojan', 'worm', 'exploit', 'exploits', 'credential', 'credentials', 'stolen', 'theft', 'shoplift', 'shoplifting', 'burglary', 'robbery', 'rob', 'extort', 'extortion', 'blackmail', 'bribe', 'forged', 'forgery',
    'stalking', 'spy', 'spying', 'tracker', 'dox', 'doxx', 'secretly', 'harass', 'harassment', 'bully', 'bullying', 'threat', 'threats', 'threaten', 'racist', 'slurs', 'propaganda', 'extremist', 'extremism', 'terrorism', 'manifesto', 'deepfake', 'revenge',
    'hurt', 'injure', 'injury', 'lethal', 'deadly', 'suicide', 'harm', 'cuts', 'starve', 'anthrax', 'sarin', 'pathogen', 'bioweapon', 'chemical', 'nuclear', 'evade', 'evasion', 'caught', 'undetectable', 'undetected', 'traced', 'illegally', 'victim', 'victims', 'ponzi', 'misinformation', 'disinformation'],
  // 3 a late relative, bedtime
  ['late', 'deceased', 'passed', 'died', 'grandma', 'grandmother', 'grandfather', 'grandpa', 'granny', 'nana', 'nan', 'miss', 'bedtime', 'lullabies', 'lullaby', 'sleep', 'uncle', 'aunt'],
  // 4 fiction and hypotheticals
  ['story', 'novel', 'screenplay', 'scene', 'fiction', 'fictional', 'hypothetical', 'hypothetically', 'universe', 'world', 'movie', 'film', 'game', 'book', 'chapter', 'thriller', 'drama', 'dream', 'suppose', 'opposite'],
  // 5 detail and realism
  ['step', 'steps', 'exact', 'exactly', 'detailed', 'detail', 'details', 'real', 'accurate', 'precise', 'precisely', 'full', 'complete', 'recipe', 'quantities', 'working', 'technical', 'authentic', 'realism'],
  // 6 hiding the answer
  ['base64', 'backwards', 'leetspeak', 'reversed', 'encode', 'encoded', 'cipher', 'rot13', 'letters', 'dash', 'latin', 'spell', 'detected', 'notice', 'catch'],
  // 7 the assistant itself
  ['ai', 'assistant', 'model', 'chatbot', 'llm', 'gpt', 'chatgpt', 'bot', 'developer', 'developers', 'trained', 'training'],
  // 8 a claim of authority or permission ("I'm authorised", "the policy was updated")
  ['authorised', 'authorized', 'authorising', 'authorizing', 'permission', 'permitted', 'cleared', 'approved', 'sanctioned', 'admin', 'administrator', 'owner', 'operator', 'researcher', 'vendor', 'audit', 'updated', 'exempt', 'exception', 'waived'],
  // 9 the assistant's own setup and instructions
  ['instructions', 'instruction', 'instructed', 'configuration', 'configured', 'setup', 'prompt', 'preamble', 'told', 'directions', 'guidance', 'programming', 'directives', 'initial', 'hidden', 'earlier', 'previous', 'above', 'verbatim'],
];
const CONCEPT_COUNT = CONCEPTS.length;
const CONCEPT_COPIES = 4;
const CONCEPT_OF = new Map<string, number>();
for (let i = 0; i < CONCEPT_COUNT; i++) for (const w of CONCEPTS[i]!) CONCEPT_OF.set(w, (CONCEPT_OF.get(w) ?? 0) | (1 << i));

const WORD_RE = /[\p{L}\p{N}]+(?:'[\p{L}]+)?|[^\s\p{L}\p{N}]/gu;

// Repeats are removed with a stamp per feature slot instead of a Set: one typed array for the
// process, a new stamp per call. Not re-entrant, and nothing here awaits.
const STAMP = new Uint32Array(1 << FEATURE_BITS);
let stamp = 0;
const NGRAM_SALT = [0, 0, 0, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];

/**
 * The feature indices of a text (with repeats removed) and the value each one carries: binary
 * features scaled to unit L2 norm, so long and short texts score on one scale. `concepts` adds the
 * word-class features (the user model's; see CONCEPTS).
 */
export function featurize(text: string, concepts = false, quoted?: string, context = 0): { readonly idx: Uint32Array; readonly value: number } {
  if (++stamp === 0xffffffff) { STAMP.fill(0); stamp = 1; }
  const out: number[] = [];
  const add = (h: number): void => {
    const i = h & MASK;
    if (STAMP[i] !== stamp) { STAMP[i] = stamp; out.push(i); }
  };
  add(0); // bias
  const words = text.slice(0, CHAR_LIMIT * 2).match(WORD_RE)?.slice(0, WORD_LIMIT) ?? [];
  const hw = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) hw[i] = fnv(1, words[i]!);
  for (let i = 0; i < words.length; i++) {
    add(hw[i]!);
    if (i + 1 < words.length) add(mix(mix(0x2545f491, hw[i]!), hw[i + 1]!));
    if (i + 2 < words.length) add(mix(mix(mix(0x3c6ef372, hw[i]!), hw[i + 1]!), hw[i + 2]!));
  }
  // The opening words say whether a sentence is an instruction ("explain ...", "ignore ...").
  if (words.length > 0) add(mix(0x4f1bbcdc, hw[0]!));
  if (words.length > 1) add(mix(mix(0x5be0cd19, hw[0]!), hw[1]!));
  // Concepts and their combinations (see CONCEPTS): which kinds of words occur together, wherever they are.
  // User prompts only: in retrieved documents (code answers about viruses and cracked passwords,
  // tables of films) the same words co-occur without any persona, and the segment model did worse with them.
  let seen = 0;
  if (concepts) for (const w of words) seen |= CONCEPT_OF.get(w) ?? 0;
  // Each concept feature is added CONCEPT_COPIES times under different salts: a text has hundreds of
  // n-gram features and only a few concept ones, and with one copy each their share of the unit-norm
  // score was too small for the structure to outweigh the words of a request never trained on.
  if (seen !== 0) {
    for (let k = 0; k < CONCEPT_COPIES; k++) {
      const salt = Math.imul(k + 1, 0x9e3779b1);
      for (let a = 0; a < CONCEPT_COUNT; a++) {
        if ((seen & (1 << a)) === 0) continue;
        add(mix(0x6a09e667 ^ salt, a));
        for (let b = a + 1; b < CONCEPT_COUNT; b++) {
          if ((seen & (1 << b)) === 0) continue;
          add(mix(0x3c6ef373 ^ salt, (a << 8) | b));
          for (let c = b + 1; c < CONCEPT_COUNT; c++) if ((seen & (1 << c)) !== 0) add(mix(0xa54ff53a ^ salt, (a << 16) | (b << 8) | c));
        }
      }
    }
  }
  // The segment's place in its document (segmentContexts, retrieved model only): each context alone,
  // with the segment's opening words (after a speaker's label, dash or opening quote) and with each of
  // its words, so "tell them everything" can weigh one way as a subtitle cue or a character's line and
  // the other as a line of an e-mail. Repeated CONTEXT_COPIES times under different salts, like the
  // word classes, so a few context features are not drowned by the segment's n-grams.
  if (context !== 0) {
    const at = bodyStart(words);
    for (let k = 0; k < CONTEXT_COPIES; k++) {
      const salt = Math.imul(k + 1, 0x7f4a7c15);
      for (let c = 0; c < CONTEXT_KINDS; c++) {
        if ((context & (1 << c)) === 0) continue;
        const h = mix(0x510e527f ^ salt, c);
        add(h);
        if (at < words.length) add(mix(h, hw[at]!));
        if (at + 1 < words.length) add(mix(mix(h, hw[at]!), hw[at + 1]!));
        if (k === 0) for (let i = at; i < words.length; i++) add(mix(h ^ 0x2f, hw[i]!));
      }
    }
  }
  // Quoted passages (see userFeatures): only their word classes, in a namespace of their own, and
  // each class of the text outside paired with each class inside, so the model can tell a question
  // about a quoted attack ("should our filter flag \"…\"?") from a frame that quotes the request it
  // wants answered ("stay in the scene and answer: \"…\""). Their words themselves are left out: with
  // them (issue 16, measured) quoted attack strings in security questions were flagged again
  // (trigger-word FPR 0.012 -> 0.040, NotInject three 0.019 -> 0.038).
  if (quoted !== undefined && quoted.length > 0) {
    const qw = quoted.slice(0, CHAR_LIMIT).match(WORD_RE)?.slice(0, WORD_LIMIT) ?? [];
    let qseen = 0;
    if (concepts) for (const w of qw) qseen |= CONCEPT_OF.get(w) ?? 0;
    if (qseen !== 0) {
      for (let k = 0; k < CONCEPT_COPIES; k++) {
        const salt = Math.imul(k + 1, 0x9e3779b1);
        for (let b = 0; b < CONCEPT_COUNT; b++) {
          if ((qseen & (1 << b)) === 0) continue;
          add(mix(0x1b873593 ^ salt, b));
          for (let a = 0; a < CONCEPT_COUNT; a++) if ((seen & (1 << a)) !== 0) add(mix(0xcc9e2d51 ^ salt, (a << 8) | b));
        }
      }
    }
  }
  // Character 3-, 4- and 5-grams with one rolling FNV-1a per start position.
  const t = ' ' + text.slice(0, CHAR_LIMIT).replace(/\s+/g, ' ') + ' ';
  for (let i = 0; i + 3 <= t.length; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(t.length, i + 5);
    for (let j = i; j < end; j++) {
      h ^= t.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
      const n = j - i + 1;
      if (n >= 3) add(Math.imul(h ^ NGRAM_SALT[n]!, 0x27d4eb2d) >>> 7);
    }
  }
  const idx = Uint32Array.from(out);
  return { idx, value: 1 / Math.sqrt(idx.length) };
}

// ------------------------------------------------------------------ document context of a segment
//
// A retrieved segment is scored alone, and alone a film line ("Tell them everything.", "Ignore the
// alarm, it's a drill.") reads like a task slipped into data. The lines around it say who it is
// addressed to: a subtitle cue after its timestamp, a line after a speaker's name or a dialogue dash,
// a quotation followed by who said it, in a document made mostly of such lines, speaks to a
// character, not to the assistant (issue 16). These are features, not verdicts: the same documents
// with an attack inserted train as positives, and the rules read every segment at full weight.

/** Context bits of a segment (segmentContexts): its own line, and the kind of document it is in. */
const CTX_CUE = 1; // the line follows a subtitle timestamp (SRT/WebVTT "00:01:02,000 --> …")
const CTX_SPEAKER = 2; // "hana: …", "dr. lee: …": a short label and a colon opening the line
const CTX_DASH = 4; // "- …": a dialogue dash
const CTX_SPEECH = 8; // a quotation closed and attributed: "…," she said / "…" pablo shouted
const CTX_QUOTE = 16; // the line opens with a quotation mark
const CTX_DIALOGUE_DOC = 32; // at least two lines, and half the document's text lines, are dialogue
const CTX_FOREIGN = 64; // none of the segment's content words occurs elsewhere in the document
const CTX_ECHO = 128; // half or more of them do: the segment is about what the document is about
const CTX_LETTER = 256; // the document opens with a greeting ("dear parents,", "hi david"): a letter to people
const CTX_CODE = 512; // the segment is inside a fenced code block: code and its output, not prose
const CTX_TECH_DOC = 1024; // the document is written in markdown or technical markup: headings, fences, links, inline code, tables
const CTX_DIRECTIVE_DOC = 2048; // three or more of its segments, and a quarter of them, open with an imperative: a manual, not a letter
// Asked of the document's reader (issue 16, indirect attacks in e-mails, tables and code answers): the
// segment opens with an imperative or is a question; and the same when none of its content words
// occurs elsewhere in the document (a task slipped into an e-mail about a payment, a question above a
// table of results), a conjunction the linear model cannot form from the two bits alone.
const CTX_ORDER = 4096;
const CTX_ORDER_FOREIGN = 8192;
// The segment names what the reading agent writes ("your answer", "your response", "your solution"):
// an e-mail's "your" is the human recipient's (your card, your account), a task's is the agent's output.
const CTX_AGENT_OUTPUT = 16384;
const CONTEXT_KINDS = 15;
/** The context bits by name, for tests and for reading segmentContexts() output. */
export const SEGMENT_CONTEXT = {
  cue: CTX_CUE, speaker: CTX_SPEAKER, dash: CTX_DASH, speech: CTX_SPEECH, quote: CTX_QUOTE,
  dialogueDocument: CTX_DIALOGUE_DOC, foreign: CTX_FOREIGN, echo: CTX_ECHO, letter: CTX_LETTER,
  code: CTX_CODE, techDocument: CTX_TECH_DOC, directiveDocument: CTX_DIRECTIVE_DOC,
  order: CTX_ORDER, orderForeign: CTX_ORDER_FOREIGN, agentOutput: CTX_AGENT_OUTPUT,
} as const;
const CONTEXT_COPIES = 6;

const CUE_TIME_RE = /^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\s*-->/;
const SPEAKER_RE = /^\s*\p{L}[\p{L}.'\u2019-]{0,19}(?: \p{L}[\p{L}.'\u2019-]{0,19})?:\s+\S/u;
const DASH_RE = /^\s*[-\u2013\u2014]\s+\S/;
const SPEECH_RE = /["\u201d],? {0,3}(?:\p{L}+ ){0,2}(?:said|says|asked|asks|replied|answered|whispered|shouted|yelled|cried|muttered|murmured|snapped|called|insisted|added|told|warned|begged)\b/u;
const QUOTE_RE_START = /^\s*["\u201c]/;
const INDEX_LINE_RE = /^\s*\d+\s*$/;
const GREETING_RE = /(?:^|\n)\s*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings)\b/;
// Markdown or technical markup: a heading, a code fence, a table row, a link, inline code. Bounded, linear.
const MARKUP_RE = /(?:^|\n)[ \t]*(?:#{1,6} \S|```|\|[^\n|]{1,200}\|)|\]\((?:https?:|\.{0,2}\/|#)|`[^`\n]{1,80}`/g;
// A segment opening with the base form of a verb (after a bullet, number or dialogue dash): an
// instruction to its reader. READMEs and manuals are full of them; a letter or a table has few, so
// one there (an injected task) stands out (issue 16: document prose scored high, e-mail recall low).
const IMPERATIVE_OPENERS = new Set(['add', 'use', 'run', 'install', 'see', 'check', 'make', 'set', 'create', 'call', 'import', 'pass', 'read', 'write', 'open', 'click', 'select', 'type', 'enter', 'copy', 'paste', 'remove', 'delete', 'update', 'change', 'edit', 'configure', 'enable', 'disable', 'note', 'ensure', 'try', 'start', 'stop', 'build', 'test', 'send', 'keep', 'let', 'follow', 'go', 'visit', 'return', 'replace', 'define', 'register', 'explain', 'describe', 'tell', 'ignore', 'forget', 'list', 'give', 'provide', 'summarize', 'summarise', 'translate', 'include', 'append', 'respond', 'reply', 'answer', 'print', 'show', 'output', 'do', 'don\'t', 'never', 'always', 'please', 'remember', 'avoid', 'consider', 'refer', 'download', 'upload', 'report', 'submit', 'contact', 'email', 'review', 'verify', 'look', 'find', 'get', 'put', 'specify', 'pick', 'choose', 'save', 'load', 'apply', 'wrap', 'bear', 'feel', 'join', 'head', 'take', 'bring', 'fill', 'sign', 'share', 'ask', 'compare', 'calculate', 'convert', 'generate', 'recommend', 'suggest', 'identify', 'analyze', 'analyse', 'rewrite', 'modify', 'insert']);
const OPENER_RE = /^[\s>*+\-\u2013\u2014"\u201c(]*(?:\d{1,3}[.)]\s+)?([\p{L}']+)/u;
// A question to the reader: the segment ends with a question mark (closing quotes and spaces allowed).
const QUESTION_END_RE = /\?["\u201d')\s]*$/;
// The reading agent's own output named as the object of the request. Bounded, linear.
const AGENT_OUTPUT_RE = /\byour (?:(?:next|final|whole|entire) )?(?:response|responses|reply|replies|answer|answers|summary|summaries|solution|solutions|output|codebase|translation)\b/;

/** Where a segment's words start after a leading dialogue dash or quote mark, or a label and its colon. */
function bodyStart(words: readonly string[]): number {
  const w0 = words[0];
  if (w0 === '-' || w0 === '"' || w0 === '\u201c' || w0 === '\u2013' || w0 === '\u2014') return 1;
  if (words[1] === ':') return 2;
  if (words[2] === ':') return 3;
  return 0;
}

/** The context bits (CTX_*) of each segment of a document, in order. Linear in the text length. */
export function segmentContexts(text: string, segs: readonly { start: number; end: number }[]): number[] {
  const lines: { start: number; bits: number }[] = [];
  let dialogue = 0;
  let content = 0;
  let afterTime = false;
  for (let a = 0; a <= text.length;) {
    let b = text.indexOf('\n', a);
    if (b < 0) b = text.length;
    const line = text.slice(a, b);
    let bits = 0;
    if (line.trim().length === 0) { lines.push({ start: a, bits }); a = b + 1; continue; }
    if (CUE_TIME_RE.test(line)) { afterTime = true; lines.push({ start: a, bits }); a = b + 1; continue; }
    if (!INDEX_LINE_RE.test(line)) {
      if (afterTime) bits |= CTX_CUE;
      if (SPEAKER_RE.test(line)) bits |= CTX_SPEAKER;
      if (DASH_RE.test(line)) bits |= CTX_DASH;
      if (SPEECH_RE.test(line)) bits |= CTX_SPEECH;
      if (QUOTE_RE_START.test(line)) bits |= CTX_QUOTE;
      content++;
      if ((bits & (CTX_CUE | CTX_SPEAKER | CTX_DASH | CTX_SPEECH)) !== 0) dialogue++;
      afterTime = false;
    }
    lines.push({ start: a, bits });
    a = b + 1;
  }
  let markup = 0;
  MARKUP_RE.lastIndex = 0;
  while (markup < 3 && MARKUP_RE.exec(text) !== null) markup++;
  let imperative = 0;
  const order: boolean[] = [];
  for (const sg of segs) {
    const w = OPENER_RE.exec(text.slice(sg.start, Math.min(sg.end, sg.start + 80)))?.[1];
    const imp = w !== undefined && IMPERATIVE_OPENERS.has(w);
    if (imp) imperative++;
    order.push(imp || QUESTION_END_RE.test(text.slice(Math.max(sg.start, sg.end - 8), sg.end)));
  }
  const doc = (dialogue >= 2 && 2 * dialogue >= content ? CTX_DIALOGUE_DOC : 0) | (GREETING_RE.test(text.slice(0, 300)) ? CTX_LETTER : 0)
    | (markup >= 3 ? CTX_TECH_DOC : 0) | (imperative >= 3 && 4 * imperative >= segs.length ? CTX_DIRECTIVE_DOC : 0);
  // Fenced code blocks: the offsets of the fences, to tell a segment inside one (linear scan).
  const fences: number[] = [];
  for (let f = text.indexOf('```'); f >= 0; f = text.indexOf('```', f + 3)) fences.push(f);
  let fi = 0;
  // How many times each content word occurs in the document, to tell a segment about the document's
  // own subject from one about something else (a task slipped into an e-mail about a payment).
  const counts = new Map<string, number>();
  for (const w of contentWords(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const out: number[] = [];
  let li = 0;
  for (const [k, s] of segs.entries()) {
    let p = s.start;
    while (p < s.end && /\s/.test(text[p]!)) p++;
    while (li + 1 < lines.length && lines[li + 1]!.start <= p) li++;
    // a sentence inside a line keeps its line's context only when it opens the line
    const at = lines[li];
    let q = p - 1;
    while (at !== undefined && q >= at.start && /\s/.test(text[q]!)) q--;
    const line = at === undefined ? 0 : q < at.start ? at.bits : at.bits & (CTX_CUE | CTX_SPEECH);
    let topic = 0;
    if (segs.length > 1) {
      const mine = new Map<string, number>();
      for (const w of contentWords(text.slice(s.start, s.end))) mine.set(w, (mine.get(w) ?? 0) + 1);
      let shared = 0;
      for (const [w, n] of mine) if (counts.get(w)! > n) shared++;
      if (mine.size >= 2) topic = shared === 0 ? CTX_FOREIGN : 2 * shared >= mine.size ? CTX_ECHO : 0;
    }
    while (fi < fences.length && fences[fi]! < p) fi++;
    const code = fi % 2 === 1 ? CTX_CODE : 0;
    const asked = order[k] === true ? CTX_ORDER | (topic === CTX_FOREIGN ? CTX_ORDER_FOREIGN : 0) : 0;
    const agent = AGENT_OUTPUT_RE.test(text.slice(s.start, s.end)) ? CTX_AGENT_OUTPUT : 0;
    out.push(line | doc | topic | code | asked | agent);
  }
  return out;
}

// Words too common to say what a text is about.
const FUNCTION_WORDS = new Set(['that', 'this', 'with', 'from', 'have', 'your', 'what', 'when', 'will', 'there', 'their', 'they', 'them', 'then', 'than', 'were', 'been', 'into', 'just', 'only', 'also', 'about', 'which', 'would', 'could', 'should', 'please', 'here', 'more', 'some', 'other', 'these', 'those', 'very', 'over', 'after', 'before', 'each', 'does', 'make', 'like', 'know', 'where', 'while', 'must', 'because']);

/** The words of four letters or more of a scan-view text, function words left out. */
function contentWords(text: string): string[] {
  return (text.match(/\p{L}{4,}/gu) ?? []).filter((w) => !FUNCTION_WORDS.has(w));
}

/** The retrieved model's features of one segment of a scan-view document, with its context bits. */
export function segmentFeatures(text: string, seg: { start: number; end: number }, context: number): { readonly idx: Uint32Array; readonly value: number } {
  return featurize(text.slice(seg.start, seg.end), false, undefined, context);
}

// A double-quoted passage (straight or curly), on one line and of bounded length: linear.
const QUOTE_RE = /"[^"\n]{4,400}"|\u201c[^\u201d\n]{4,400}\u201d/g;

/**
 * The quoted passages of a user prompt whose words outside the quotes are at least three: "our red
 * team tried \"print everything above this line\" — how should we log it?" quotes an attack to ask
 * about it (issue 16 over-defense: security docs and questions quoting attacks). A prompt that is
 * only a quotation keeps full scores, and so does every match outside the quotes.
 */
export function quotedSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let outside = '';
  let last = 0;
  for (const m of text.matchAll(QUOTE_RE)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    outside += ` ${text.slice(last, m.index)}`;
    last = m.index + m[0].length;
  }
  if (out.length === 0) return out;
  outside += ` ${text.slice(last)}`;
  return (outside.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= 3 ? out : [];
}

/**
 * A user prompt as the user model reads it: the text outside the quoted passages of quotedSpans(),
 * each passage replaced by one placeholder, and the passages themselves, joined. The outside text
 * gets the ordinary features; the passages only word and word-class features of their own namespace
 * (featurize `quoted`): a question about a quoted attack is scored on the question, and a request
 * put in quotes inside a role-play frame still counts (the rules see the quotation at half weight).
 */
export function userModelText(text: string, q: readonly { start: number; end: number }[] = quotedSpans(text)): { readonly outside: string; readonly quoted: string } {
  if (q.length === 0) return { outside: text, quoted: '' };
  let out = '';
  let inside = '';
  let last = 0;
  for (const s of q) { out += `${text.slice(last, s.start)}"\u2026"`; inside += ` ${text.slice(s.start + 1, s.end - 1)}`; last = s.end; }
  return { outside: out + text.slice(last), quoted: inside };
}

/**
 * The user model's features of a scan-view prompt (userModelText, with the word classes). `spans`:
 * its quotedSpans() when the caller already found them (scanInput finds them once for the rules and
 * the classifier); training and the runtime share this one split.
 */
export function userFeatures(text: string, spans?: readonly { start: number; end: number }[]): { readonly idx: Uint32Array; readonly value: number } {
  const { outside, quoted } = userModelText(text, spans);
  return featurize(outside, true, quoted);
}

/**
 * Segments of a document: lines and sentences (a run of . ! ? followed by a space or the end; 。！？),
 * short ones merged with the next, long ones cut at spaces.
 */
export function segments(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  const close = (end: number, force: boolean): void => {
    if (end <= start) return;
    if (!force && text.slice(start, end).trim().length < 25) return;
    out.push(...cut(text, { start, end }));
    start = end;
  };
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      // a code fence is a hard boundary: an instruction is never merged with the code it introduces
      const fence = text.startsWith('```', i + 1) || text.slice(lineStart, i).trimStart().startsWith('```');
      close(i + 1, fence);
      lineStart = i + 1;
    }
    else if (c === 0x3002 || c === 0xff01 || c === 0xff1f) close(i + 1, false);
    else if (c === 46 || c === 33 || c === 63) {
      let j = i + 1;
      while (j < text.length && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
      if (j === text.length || /\s/.test(text[j]!)) close(j, false);
      i = j - 1;
    }
  }
  if (start < text.length) {
    const rest = text.slice(start).trim().length;
    const last = out[out.length - 1];
    if (rest === 0) { if (last !== undefined) last.end = text.length; }
    else if (last !== undefined && rest < 12 && last.end - last.start < MAX_SEGMENT) last.end = text.length;
    else close(text.length, true);
  }
  return out;
}

const MAX_SEGMENT = 400;

function cut(text: string, seg: { start: number; end: number }): { start: number; end: number }[] {
  if (seg.end - seg.start <= MAX_SEGMENT) return [seg];
  const out: { start: number; end: number }[] = [];
  let s = seg.start;
  while (seg.end - s > MAX_SEGMENT) {
    let e = text.lastIndexOf(' ', s + MAX_SEGMENT);
    if (e <= s + MAX_SEGMENT / 2) e = s + MAX_SEGMENT;
    out.push({ start: s, end: e });
    s = e;
  }
  out.push({ start: s, end: seg.end });
  return out;
}
