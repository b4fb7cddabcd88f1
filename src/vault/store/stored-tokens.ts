// The format v2 tokens this process knows to be in vault_siv, so that a server tokenizing values it
// has seen before sends the writer thread nothing (issue 15: for a batch of known values the
// writer's INSERT … ON CONFLICT DO NOTHING, one B-tree probe a row that changes nothing, was ~40% of
// the server's CPU). It must never claim a row that is gone: a deleted value tokenized again must be
// stored again (erasure, retention). So it trusts itself only while the file's deletion count
// (vault_meta 'siv_deletions', raised by a trigger on every DELETE from vault_siv, by any process
// or version) is the one it saw: each lookup first reads the count, and a changed count empties it.
// A lookup is then ordered before any delete committed after that read, exactly as a write would
// have been. It learns a token only when the writer found it stored already (its second sighting),
// so new values cost one empty probe. Tokens (synthetic IVs) only, never a value; bounded.

/** Most tokens remembered; past it, all are forgotten and remembering starts again. */
export const STORED_TOKENS_MAX = 1 << 17;

/** Words a slot holds: the token's four 32-bit words, then its namespace's number (0: empty). */
const SLOT = 5;

export class StoredTokens {
  readonly #deletions: () => number;
  readonly #max: number;
  /**
   * Open addressing over a typed array (no object or string a token, nothing for the GC): twice as
   * many slots as tokens at most, probed linearly from the token's first word (a token is a
   * synthetic IV: its bits are uniform). A hit compares all 16 bytes and the namespace.
   */
  readonly #slots: Uint32Array;
  readonly #mask: number;
  /** Namespaces by number (from 1). */
  #namespaces = new Map<string, number>();
  #size = 0;
  /** The deletion count the remembered tokens are valid for. */
  #seen: number;

  /** `deletions` reads the file's current deletion count (one indexed row). */
  constructor(deletions: () => number, max = STORED_TOKENS_MAX) {
    this.#deletions = deletions;
    this.#max = max;
    let slots = 2;
    while (slots < 2 * max) slots *= 2;
    this.#slots = new Uint32Array(slots * SLOT);
    this.#mask = slots - 1;
    this.#seen = deletions();
  }

  #forget(): void {
    this.#slots.fill(0);
    this.#namespaces = new Map();
    this.#size = 0;
  }

  /** The slot holding (or to hold) token i of `w` in namespace `ns`. */
  #find(w: Uint32Array, i: number, ns: number): number {
    const a = w[i * 4]!, b = w[i * 4 + 1]!, c = w[i * 4 + 2]!, d = w[i * 4 + 3]!;
    const t = this.#slots;
    for (let s = (a ^ Math.imul(ns, 0x9e3779b1)) & this.#mask; ; s = (s + 1) & this.#mask) {
      const o = s * SLOT;
      const n = t[o + 4]!;
      if (n === 0 || (n === ns && t[o] === a && t[o + 1] === b && t[o + 2] === c && t[o + 3] === d)) return o;
    }
  }

  /**
   * Reads the deletion count (forgetting everything when it moved) and returns it with the indexes
   * of the 16-byte tokens in `tokens` not known to be stored in `namespace`.
   */
  unknown(namespace: string, tokens: Uint8Array, count: number): { readonly deletions: number; readonly missing: number[] } {
    const now = this.#deletions();
    if (now !== this.#seen) {
      this.#forget();
      this.#seen = now;
    }
    const ns = this.#namespaces.get(namespace);
    const missing: number[] = [];
    if (ns === undefined) {
      for (let i = 0; i < count; i++) missing.push(i);
      return { deletions: now, missing };
    }
    const w = words(tokens, count);
    for (let i = 0; i < count; i++) if (this.#slots[this.#find(w, i, ns) + 4] === 0) missing.push(i);
    return { deletions: now, missing };
  }

  /**
   * Remembers token i of `tokens` where `which[i]` is 1 (a committed transaction holds it), if no
   * delete was seen since `deletions` was read (before that transaction): else none, the safe side.
   */
  remember(namespace: string, tokens: Uint8Array, which: Uint8Array, deletions: number): void {
    if (deletions !== this.#seen) return;
    let count = 0;
    for (let i = 0; i < which.length; i++) count += which[i]!;
    if (count === 0 || count > this.#max) return;
    if (this.#size + count > this.#max) this.#forget();
    let ns = this.#namespaces.get(namespace);
    if (ns === undefined) this.#namespaces.set(namespace, (ns = this.#namespaces.size + 1));
    const w = words(tokens, which.length);
    const t = this.#slots;
    for (let i = 0; i < which.length; i++) {
      if (which[i] !== 1) continue;
      const o = this.#find(w, i, ns);
      if (t[o + 4] !== 0) continue;
      t.set(w.subarray(i * 4, i * 4 + 4), o);
      t[o + 4] = ns;
      this.#size++;
    }
  }
}

/** The first `count` 16-byte tokens as 32-bit words: a view when aligned, else a copy. */
function words(tokens: Uint8Array, count: number): Uint32Array {
  if (tokens.byteOffset % 4 === 0) return new Uint32Array(tokens.buffer, tokens.byteOffset, count * 4);
  return new Uint32Array(tokens.slice(0, count * 16).buffer);
}
