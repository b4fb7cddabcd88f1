// The ASCII characters every match of a regular expression contains, read from its source: the
// literal characters of its top-level sequence that no quantifier makes optional. The engine tests a
// text's characters once (one pass, a 128-bit presence mask) and skips a pattern or a `requires` test
// whose required character is absent, without running the regex. Conservative by construction: groups,
// lookarounds and classes are passed over, a top-level alternation or any construct not understood
// gives no requirement, and under the `i` flag letters are left out (only case-free characters count).
// Never claims a character a match can lack: unit/detect/required-chars checks it on every pattern.

const SIMPLE_ESCAPES = 'dDsSwWbBnrtfv';

function skipClass(src: string, i: number): number {
  for (i++; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === ']') return i + 1;
  }
  return -1;
}

function skipGroup(src: string, i: number): number {
  let depth = 0;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const e = skipClass(src, i);
      if (e < 0) return -1;
      i = e - 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

const QUANTIFIER = /^\{(\d+)(?:,\d*)?\}/;

/**
 * The ASCII characters every match of `re` contains (sorted, each once), '' when none is known.
 *
 * @example
 * ```ts
 * requiredChars(/(?<![\w/.-])\d{1,2}\/\d{1,2}\/\d{4}/) // → '/'
 * requiredChars(/jan|feb/i)                              // → '' (alternation)
 * ```
 */
export function requiredChars(re: RegExp): string {
  // A `v` class may nest classes, which skipClass does not follow.
  if (re.flags.includes('v')) return '';
  const src = re.source;
  const fold = re.flags.includes('i');
  const found = new Set<string>();
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    let literal: string | undefined;
    let next: number;
    if (c === '|') return '';
    if (c === '^' || c === '$') {
      i++;
      continue;
    }
    if (c === '(') {
      next = skipGroup(src, i);
    } else if (c === '[') {
      next = skipClass(src, i);
    } else if (c === '\\') {
      const e = src[i + 1];
      if (e === undefined) return '';
      if (/[A-Za-z0-9]/.test(e)) {
        // \p{..}, \u...., \x.., \c., \k<..>, \0 and back-references: not read, no requirement.
        if (!SIMPLE_ESCAPES.includes(e)) return '';
      } else {
        literal = e;
      }
      next = i + 2;
    } else if (c === '.') {
      next = i + 1;
    } else if (')]{}*+?'.includes(c)) {
      return '';
    } else {
      literal = c;
      next = i + 1;
    }
    if (next < 0) return '';
    let optional = false;
    const q = src[next];
    if (q === '?' || q === '*') {
      optional = true;
      next++;
    } else if (q === '+') {
      next++;
    } else if (q === '{') {
      const m = QUANTIFIER.exec(src.slice(next));
      if (m === null) return '';
      optional = Number(m[1]) === 0;
      next += m[0].length;
    }
    if (q !== undefined && '?*+{'.includes(q) && src[next] === '?') next++; // lazy
    if (literal !== undefined && !optional && literal.charCodeAt(0) < 128 && !(fold && /[A-Za-z]/.test(literal))) found.add(literal);
    i = next;
  }
  return [...found].sort().join('');
}

/** The characters as a 128-bit mask: four 32-bit words, bit (code & 31) of word (code >> 5). */
export function charMask(chars: string): [number, number, number, number] {
  const mask: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    if (code < 128) mask[code >>> 5] |= 1 << (code & 31);
  }
  return mask;
}
