// Presidio's recognizer files read as Cordon's: a file written for Presidio (its ad-hoc recognizers,
// `{ ad_hoc_recognizers: [...] }`, or a registry file, `{ recognizer_registry: { recognizers: [...] } }`
// or `{ recognizers: [...] }` with snake_case keys) is rewritten into the shape parseRecognizers()
// checks, so the same checks and errors apply. Only what has the same meaning is mapped:
// - keys: supported_entity → entity (supported_entities with one entry too), deny_list → denyList,
//   deny_list_score → denyListScore; supported_language(s), version and `type: custom` carry nothing
//   for Cordon (its context words are the file's own) and are dropped; `enabled: false` drops the entry.
// - names: Presidio's free-text names ("Zip code Recognizer") become lower-case ids (zip-code-recognizer).
// - regular expressions (Python `re` syntax): `(?P<name>` → `(?<name>`, `(?P=name)` is refused by the
//   linear-time check anyway, a leading `(?i)` → ignoreCase, `\A` and `\Z` → `^` and `$`, and the escapes of punctuation that
//   Python allows and JavaScript's Unicode mode refuses (`\-`, `\#`, `\ `) lose their backslash.
//   global_regex_flags maps IGNORECASE (2); MULTILINE (8) and DOTALL (16) have no counterpart in a
//   per-pattern flag here and are refused, as is anything else, rather than silently changing meaning.
// - `type: predefined` entries configure Presidio's own recognizers; Cordon's built-in ones cover those
//   entities, so such an entry is refused with that advice (never ignored: its settings would be lost).
// Pure: no I/O.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Python `re` flag bits (re.IGNORECASE, re.UNICODE); anything else is not carried over. */
const PY_IGNORECASE = 2;
const PY_UNICODE = 32;

/** A Presidio recognizer or pattern name as a Cordon id (lower case, a-z 0-9 _ -, at most 64). */
export function presidioId(name: string): string {
  const id = name.trim().toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^[^a-z0-9]+|-+$/g, '').slice(0, 64);
  return id === '' ? name : id;
}

/** Characters JavaScript's Unicode mode accepts after a backslash outside a class (besides letters and digits). */
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
/** Inside a class, `-` may be escaped too. */
const CLASS_SYNTAX = new Set([...SYNTAX, '-']);

/** A Python regular expression in the syntax JavaScript's `u` mode reads with the same meaning. */
export function presidioRegex(source: string): { source: string; ignoreCase: boolean } {
  let ignoreCase = false;
  let s = source;
  if (s.startsWith('(?i)')) {
    ignoreCase = true;
    s = s.slice(4);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1]!;
      i++;
      // Python's \A and \Z are the text's start and end: ^ and $ without the multiline flag.
      if (!inClass && (n === 'A' || n === 'Z')) out += n === 'A' ? '^' : '$';
      else if (/[A-Za-z0-9]/.test(n) || (inClass ? CLASS_SYNTAX : SYNTAX).has(n)) out += `\\${n}`;
      else out += n;
      continue;
    }
    if (!inClass && c === '(' && s.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return { source: out, ignoreCase };
}

const RENAMED: Readonly<Record<string, string>> = {
  supported_entity: 'entity',
  deny_list: 'denyList',
  deny_list_score: 'denyListScore',
};
const DROPPED = new Set(['supported_language', 'supported_languages', 'version']);

function pattern(raw: unknown, flags: number): unknown {
  if (!isObj(raw)) return raw;
  const out: Obj = { ...raw };
  if (typeof raw['name'] === 'string') out['name'] = presidioId(raw['name']);
  if (typeof raw['regex'] === 'string') {
    const { source, ignoreCase } = presidioRegex(raw['regex']);
    out['regex'] = source;
    if (ignoreCase || (flags & PY_IGNORECASE) !== 0) out['ignoreCase'] = true;
  }
  return out;
}

function recognizer(raw: unknown, flags: number): unknown {
  if (!isObj(raw)) return raw;
  const out: Obj = {};
  for (const [k, v] of Object.entries(raw)) {
    if (DROPPED.has(k)) continue;
    if (k === 'type' && v === 'custom') continue;
    if (k === 'enabled' && typeof v === 'boolean') continue;
    if (k === 'supported_entities' && Array.isArray(v) && v.length === 1) out['entity'] = v[0];
    else if (k === 'name' && typeof v === 'string') out['name'] = presidioId(v);
    else if (k === 'patterns' && Array.isArray(v)) out['patterns'] = v.map((p) => pattern(p, flags));
    else out[RENAMED[k] ?? k] = v;
  }
  return out;
}

/** Whether a parsed recognizer file is written in Presidio's format rather than Cordon's. */
export function isPresidioFormat(doc: unknown): boolean {
  if (!isObj(doc)) return false;
  if ('ad_hoc_recognizers' in doc || 'recognizer_registry' in doc || 'global_regex_flags' in doc || 'supported_languages' in doc) return true;
  const list = doc['recognizers'];
  return Array.isArray(list) && list.some((r) => isObj(r) && Object.keys(r).some((k) => k in RENAMED || DROPPED.has(k) || k === 'supported_entities' || k === 'type'));
}

/** Problems that no rewriting can fix, with their paths in the original file. */
export interface PresidioProblem { readonly path: string; readonly problem: string }

/**
 * A Presidio recognizer file rewritten into Cordon's shape, plus what cannot be carried over. A file
 * already in Cordon's shape is returned as it is.
 *
 * @example
 * ```ts
 * presidioToCordon({ ad_hoc_recognizers: [{ name: 'Zip code Recognizer', supported_entity: 'ZIP',
 *   patterns: [{ name: 'zip code (weak)', regex: '(\\b\\d{5}(?:\\-\\d{4})?\\b)', score: 0.01 }] }] }).doc
 * // → { recognizers: [{ name: 'zip-code-recognizer', entity: 'ZIP', patterns: [{ name: 'zip-code-weak', regex: '(\\b\\d{5}(?:-\\d{4})?\\b)', score: 0.01 }] }] }
 * ```
 */
export function presidioToCordon(doc: unknown): { doc: unknown; problems: PresidioProblem[] } {
  if (!isPresidioFormat(doc)) return { doc, problems: [] };
  const d = doc as Obj;
  const problems: PresidioProblem[] = [];
  const registry = isObj(d['recognizer_registry']) ? d['recognizer_registry'] : undefined;
  const where = registry !== undefined ? 'recognizer_registry.recognizers' : 'ad_hoc_recognizers' in d ? 'ad_hoc_recognizers' : 'recognizers';
  const list = registry !== undefined ? registry['recognizers'] : (d['ad_hoc_recognizers'] ?? d['recognizers']);
  const flagsRaw = registry !== undefined ? registry['global_regex_flags'] : d['global_regex_flags'];
  let flags = 0;
  if (flagsRaw !== undefined) {
    if (typeof flagsRaw !== 'number' || !Number.isInteger(flagsRaw) || flagsRaw < 0) {
      problems.push({ path: 'global_regex_flags', problem: 'must be a non-negative integer (Python re flags)' });
    } else if ((flagsRaw & ~(PY_IGNORECASE | PY_UNICODE)) !== 0) {
      problems.push({ path: 'global_regex_flags', problem: 'may hold only IGNORECASE (2) and UNICODE (32): other Python flags change what patterns match and are not carried over' });
    } else flags = flagsRaw;
  }
  if (!Array.isArray(list)) return { doc: { recognizers: list }, problems };
  const recognizers: unknown[] = [];
  list.forEach((r, i) => {
    if (isObj(r) && r['type'] === 'predefined') {
      problems.push({ path: `${where}[${i}]`, problem: 'configures a predefined Presidio recognizer: Cordon\'s built-in recognizers cover those entities (choose them with --profile and --entities); remove the entry' });
      return;
    }
    if (isObj(r) && Array.isArray(r['supported_entities']) && r['supported_entities'].length !== 1) {
      problems.push({ path: `${where}[${i}].supported_entities`, problem: 'must name exactly one entity (one Cordon recognizer finds one entity)' });
      return;
    }
    if (isObj(r) && r['enabled'] === false) return;
    recognizers.push(recognizer(r, flags));
  });
  return { doc: { recognizers }, problems };
}
