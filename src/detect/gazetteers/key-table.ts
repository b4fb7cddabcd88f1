// The word lists' keys as one open-addressing hash table over the lists' own strings: building it makes
// no string per key (the 190,000 keys stay inside the generated list strings), and a word of a text is
// looked up from its character codes, folded to lower case on the way, without slicing it out.
// Pure and bounded: the table is sized once from the key count; a lookup reads at most the key's length.
// In front of the table, a small direct-mapped cache of the keys last looked up (their characters, not
// strings): the table is megabytes, so most of its probes miss the processor's cache, while a text's
// words repeat across texts ("the", "pt", "and"); a word met again is answered from 176 KB.

/** Ints per slot: the key's hash, its offset in its list string (-1: empty), list index << 8 | length, bits. */
const STRIDE = 4;

/** FNV-1a over one character code, then (in `finish`) a murmur-style mix so the low bits spread. */
/** Entries of the recent-key cache (a power of two) and the longest key it holds, in characters. */
const CACHE_SIZE = 4096;
const CACHE_KEY = 16;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/**
 * The hash of a key before `finish`, as a caller that already walks a word's characters (the word
 * tokenizer) computes it on the way: KEY_HASH_OFFSET, then keyHashStep per character of the key
 * (lower case). getFoldedHashed then looks the word up without a second pass to hash it.
 */
export const KEY_HASH_OFFSET = FNV_OFFSET;
export function keyHashStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

export class KeyTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Per cache entry: the key's hash, its length (-1: empty), its bits. */
  private readonly cacheMeta = new Int32Array(CACHE_SIZE * 3).fill(-1);
  /** Per cache entry: the key's characters (lower-cased when it was looked up folded). */
  private readonly cacheChars = new Uint16Array(CACHE_SIZE * CACHE_KEY);

  /** `data`: the list strings keys are added from; `keys`: an upper bound on the keys to be added. */
  constructor(private readonly data: readonly string[], keys: number) {
    let size = 1024;
    while (size < keys * 2) size *= 2; // load below one half: short probe runs
    this.mask = size - 1;
    this.slots = new Int32Array(size * STRIDE);
    for (let i = 0; i < size; i++) this.slots[i * STRIDE + 1] = -1;
  }

  /**
   * A table of every line of the list strings `data[i]` with `lists[i].bit`, plus, for a list with a
   * `prefixBit`, each proper prefix of a line ending before a space ("new", "new south" of "new south
   * wales") with that bit; sized for `spare` more keys, added later with add(). The same table as
   * add() called for each line then its prefixes, in list order, but built in two passes: the keys'
   * hashes first, read straight through the strings (a prefix's hash is the line's hash so far),
   * then the inserts from typed arrays. The inserts are random writes into megabytes, and at start-up
   * every process and worker pays them: one add() call per key cost twice as much (~130 ms of CPU).
   */
  static fromLines(data: readonly string[], lists: readonly { readonly bit: number; readonly prefixBit?: number }[], spare: number): KeyTable {
    // Per key, as a slot will hold it: its hash, its offset, list index << 8 | length, its bit. Sized
    // from a bound (a line per newline and one more, a prefix per space of a prefix list), so that no
    // array grows mid-build, and the lines of lists with and without prefixes are read by two loops:
    // a branch first taken half-way through (a growth, the first list with prefixes) sent the
    // optimised build back to the interpreter, to be compiled again, up to 3 times per process.
    let bound = 0;
    for (let list = 0; list < lists.length; list++) {
      bound += countOf(data[list]!, '\n') + 1;
      if ((lists[list]!.prefixBit ?? 0) !== 0) bound += countOf(data[list]!, ' ');
    }
    const keys = new Int32Array(bound * STRIDE);
    let at = 0;
    for (let list = 0; list < lists.length; list++) {
      const { bit, prefixBit } = lists[list]!;
      at = prefixBit === undefined || prefixBit === 0 ? lineKeys(data[list]!, list, bit, keys, at) : lineAndPrefixKeys(data[list]!, list, bit, prefixBit, keys, at);
    }
    const t = new KeyTable(data, at / STRIDE + spare);
    t.insertAll(keys, at);
    return t;
  }

  /** fromLines' second pass: add() of each collected key (keys[0, end)), in order, without a call or a string per key. */
  private insertAll(keys: Int32Array, end: number): void {
    const slots = this.slots;
    const mask = this.mask;
    const data = this.data;
    for (let k = 0; k < end; k += STRIDE) {
      const h = keys[k]!;
      const len = keys[k + 2]! & 255;
      for (let i = h & mask; ; i = (i + 1) & mask) {
        const at = i * STRIDE;
        const offset = slots[at + 1]!;
        if (offset < 0) {
          slots[at] = h;
          slots[at + 1] = keys[k + 1]!;
          slots[at + 2] = keys[k + 2]!;
          slots[at + 3] = keys[k + 3]!;
          break;
        }
        if (slots[at] === h && (slots[at + 2]! & 255) === len && sameChars(data[slots[at + 2]! >>> 8]!, offset, data[keys[k + 2]! >>> 8]!, keys[k + 1]!, len)) {
          slots[at + 3]! |= keys[k + 3]!;
          break;
        }
      }
    }
  }

  /** ORs `bit` into the key data[list].slice(start, end), adding the key if it is new. */
  add(list: number, start: number, end: number, bit: number): void {
    const s = this.data[list]!;
    const len = end - start;
    if (len > 255) throw new RangeError('word-list key longer than 255 characters');
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
    h = finish(h);
    this.cacheMeta[cacheEntry(h) * 3 + 1] = -1; // the key's bits change: forget a cached answer
    const slots = this.slots;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * STRIDE;
      const offset = slots[at + 1]!;
      if (offset < 0) {
        slots[at] = h;
        slots[at + 1] = start;
        slots[at + 2] = (list << 8) | len;
        slots[at + 3] = bit;
        return;
      }
      if (slots[at] === h && (slots[at + 2]! & 255) === len && this.data[slots[at + 2]! >>> 8]!.startsWith(s.slice(start, end), offset)) {
        slots[at + 3]! |= bit;
        return;
      }
    }
  }

  /** The bits of `key`, 0 when no list holds it. */
  get(key: string): number {
    let h = FNV_OFFSET;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
    return this.probe(finish(h), key, 0, key.length, false);
  }

  /**
   * The bits of text.slice(start, end) lower-cased, when that slice is ASCII (its lookup key is then its
   * lower case); -1 when it holds another character, for the caller to look the key up as a string.
   */
  getFolded(text: string, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c >= 128) return -1;
      if (c >= 65 && c <= 90) c += 32;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    return this.probe(finish(h), text, start, end, true);
  }

  /**
   * getFolded(text, start, end) for an ASCII slice whose key's hash the caller has computed already
   * (`h`: KEY_HASH_OFFSET, then keyHashStep over its lower-cased codes).
   */
  getFoldedHashed(text: string, start: number, end: number, h: number): number {
    return this.probe(finish(h), text, start, end, true);
  }

  /** The bits of the key text[start, end) (folded to lower case when `fold`) of hash `h`: the cache, then the table. */
  private probe(h: number, text: string, start: number, end: number, fold: boolean): number {
    const len = end - start;
    if (len > CACHE_KEY) return this.lookup(h, text, start, end, fold);
    const entry = cacheEntry(h);
    const meta = this.cacheMeta;
    const chars = this.cacheChars;
    const base = entry * CACHE_KEY;
    if (meta[entry * 3] === h && meta[entry * 3 + 1] === len) {
      let k = 0;
      for (; k < len; k++) {
        let c = text.charCodeAt(start + k);
        if (fold && c >= 65 && c <= 90) c += 32;
        if (chars[base + k] !== c) break;
      }
      if (k === len) return meta[entry * 3 + 2]!;
    }
    const bits = this.lookup(h, text, start, end, fold);
    meta[entry * 3] = h;
    meta[entry * 3 + 1] = len;
    meta[entry * 3 + 2] = bits;
    for (let k = 0; k < len; k++) {
      let c = text.charCodeAt(start + k);
      if (fold && c >= 65 && c <= 90) c += 32;
      chars[base + k] = c;
    }
    return bits;
  }

  private lookup(h: number, text: string, start: number, end: number, fold: boolean): number {
    const slots = this.slots;
    const len = end - start;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * STRIDE;
      const offset = slots[at + 1]!;
      if (offset < 0) return 0;
      if (slots[at] !== h || (slots[at + 2]! & 255) !== len) continue;
      const s = this.data[slots[at + 2]! >>> 8]!;
      let k = 0;
      for (; k < len; k++) {
        let c = text.charCodeAt(start + k);
        if (fold && c >= 65 && c <= 90) c += 32;
        if (s.charCodeAt(offset + k) !== c) break;
      }
      if (k === len) return slots[at + 3]!;
    }
  }
}

/**
 * fromLines' first pass over the list string `d` (list number `list`): each line's key into `keys`
 * from `at` on, as a slot holds it; returns the end of what it wrote.
 */
function lineKeys(d: string, list: number, bit: number, keys: Int32Array, at: number): number {
  const length = d.length; // read before the loop: read in it only once, at the last line, it sent the optimised loop back
  for (let start = 0; ;) {
    let end = d.indexOf('\n', start);
    const last = end < 0;
    if (last) end = length;
    if (end - start > 255) throw new RangeError('word-list key longer than 255 characters');
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ d.charCodeAt(i), FNV_PRIME);
    keys[at] = finish(h);
    keys[at + 1] = start;
    keys[at + 2] = (list << 8) | (end - start);
    keys[at + 3] = bit;
    at += STRIDE;
    if (last) return at;
    start = end + 1;
  }
}

/** lineKeys() for a list with prefixes: each line's key, then each of its proper prefixes ending before a space with `prefixBit`. */
function lineAndPrefixKeys(d: string, list: number, bit: number, prefixBit: number, keys: Int32Array, at: number): number {
  const length = d.length; // read before the loop: read in it only once, at the last line, it sent the optimised loop back
  for (let start = 0; ;) {
    let end = d.indexOf('\n', start);
    const last = end < 0;
    if (last) end = length;
    if (end - start > 255) throw new RangeError('word-list key longer than 255 characters');
    const line = at; // the line first, its hash set below; then its prefixes
    keys[line + 1] = start;
    keys[line + 2] = (list << 8) | (end - start);
    keys[line + 3] = bit;
    at += STRIDE;
    // (A line starting with a space has no prefixes, as the prefix walk of the lists always did.)
    const prefixes = d.charCodeAt(start) !== 32;
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      const c = d.charCodeAt(i);
      if (c === 32 && prefixes) {
        keys[at] = finish(h);
        keys[at + 1] = start;
        keys[at + 2] = (list << 8) | (i - start);
        keys[at + 3] = prefixBit;
        at += STRIDE;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    keys[line] = finish(h);
    if (last) return at;
    start = end + 1;
  }
}

/** How many times `ch` occurs in `s`. */
function countOf(s: string, ch: string): number {
  let n = 0;
  for (let at = s.indexOf(ch); at >= 0; at = s.indexOf(ch, at + 1)) n++;
  return n;
}

/** a.slice(i, i + len) === b.slice(j, j + len), without slicing. */
function sameChars(a: string, i: number, b: string, j: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/** The cache entry of hash `h`: its high bits (the table's slot comes from its low bits). */
function cacheEntry(h: number): number {
  return (h >>> 20) & (CACHE_SIZE - 1);
}
