// An open-addressing hash table from non-negative safe integers to dense ids (0, 1, 2, … in order of
// first sight): what grouping rows by a combined key needs, without a Map's per-entry objects (at a
// million classes a Map costs several times more). Pure; linear probing, capacity a power of two at
// least twice the expected keys, so it never fills.

export class IntTable {
  #mask: number;
  #keys: Float64Array;
  #ids: Int32Array;
  /** The keys by id. */
  readonly keysById: Float64Array;
  size = 0;

  /** A table for at most `maxKeys` distinct keys. */
  constructor(maxKeys: number) {
    let cap = 16;
    while (cap < maxKeys * 2) cap *= 2;
    this.#mask = cap - 1;
    this.#keys = new Float64Array(cap).fill(-1);
    this.#ids = new Int32Array(cap);
    this.keysById = new Float64Array(Math.max(1, maxKeys));
  }

  #slot(key: number): number {
    // Mix both 32-bit halves (keys reach 2^53).
    const lo = key % 4294967296;
    const hi = (key - lo) / 4294967296;
    let h = Math.imul((lo | 0) ^ Math.imul(hi | 0, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let i = h & this.#mask;
    while (this.#keys[i] !== key && this.#keys[i] !== -1) i = (i + 1) & this.#mask;
    return i;
  }

  /** The id of `key`, adding it when new. */
  idOf(key: number): number {
    const i = this.#slot(key);
    if (this.#keys[i] === key) return this.#ids[i]!;
    const id = this.size++;
    this.#keys[i] = key;
    this.#ids[i] = id;
    this.keysById[id] = key;
    return id;
  }

  /** The id of `key`, or -1. */
  get(key: number): number {
    const i = this.#slot(key);
    return this.#keys[i] === key ? this.#ids[i]! : -1;
  }
}
