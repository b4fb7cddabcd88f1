// l-diversity and t-closeness of one sensitive column over the kept equivalence classes:
//   distinct ℓ: the fewest distinct sensitive values in a class (Machanavajjhala et al., "ℓ-Diversity:
//               Privacy Beyond k-Anonymity", ACM TKDD 2007, §4.1);
//   entropy ℓ:  exp of the smallest class entropy −Σ p·ln p (§4.2: a table is entropy ℓ-diverse when
//               every class's entropy is ≥ ln ℓ);
//   t:          the largest EMD between a class's distribution and the whole kept table's (emd.ts).
// Also per class distinct counts, which the lattice search uses to suppress classes below ℓ. Pure.
import { equalEmd, orderedBase, orderedEmd } from './emd.js';
import { IntTable } from './int-table.js';

export interface SensitiveColumn {
  readonly name: string;
  /** Value code per row; for the ordered distance codes follow the values' numeric order. */
  readonly codes: Int32Array;
  readonly cardinality: number;
  readonly distance: 'equal' | 'ordered';
}

export interface SensitiveStats {
  readonly column: string;
  readonly distance: 'equal' | 'ordered';
  readonly distinctL: number;
  readonly entropyL: number;
  readonly t: number;
}

const DIRECT_LIMIT = 1 << 24;

/**
 * The (class, value, count) triples of the kept rows, grouped by class then value, ascending.
 * `kept[c]` is 1 when class c is released.
 */
function classValueCounts(classOf: Int32Array, classes: number, kept: Uint8Array, col: SensitiveColumn): { cls: Int32Array; val: Int32Array; cnt: Int32Array } {
  const S = col.cardinality;
  const cls: number[] = [];
  const val: number[] = [];
  const cnt: number[] = [];
  if (classes * S <= DIRECT_LIMIT) {
    const table = new Int32Array(classes * S);
    for (let r = 0; r < classOf.length; r++) {
      const c = classOf[r]!;
      if (kept[c] === 1) table[c * S + col.codes[r]!]!++;
    }
    for (let i = 0; i < table.length; i++) {
      if (table[i] !== 0) {
        cls.push(Math.floor(i / S));
        val.push(i % S);
        cnt.push(table[i]!);
      }
    }
  } else {
    const table = new IntTable(classOf.length);
    const counts = new Int32Array(classOf.length);
    for (let r = 0; r < classOf.length; r++) {
      const c = classOf[r]!;
      if (kept[c] === 1) counts[table.idOf(c * S + col.codes[r]!)]!++;
    }
    const keys = table.keysById.slice(0, table.size).sort();
    for (const key of keys) {
      cls.push(Math.floor(key / S));
      val.push(key % S);
      cnt.push(counts[table.get(key)]!);
    }
  }
  return { cls: Int32Array.from(cls), val: Int32Array.from(val), cnt: Int32Array.from(cnt) };
}

/** Distinct sensitive values per class (0 for classes not kept). */
export function distinctPerClass(classOf: Int32Array, classes: number, kept: Uint8Array, col: SensitiveColumn): Int32Array {
  const { cls } = classValueCounts(classOf, classes, kept, col);
  const out = new Int32Array(classes);
  for (let i = 0; i < cls.length; i++) out[cls[i]!]!++;
  return out;
}

/** ℓ (distinct and entropy) and t of `col` over the kept classes (sizes counted on kept rows). */
export function sensitiveStats(classOf: Int32Array, sizes: Int32Array, kept: Uint8Array, col: SensitiveColumn): SensitiveStats {
  const { cls, val, cnt } = classValueCounts(classOf, sizes.length, kept, col);
  let total = 0;
  const q = new Float64Array(col.cardinality);
  for (let i = 0; i < cls.length; i++) {
    q[val[i]!]! += cnt[i]!;
    total += cnt[i]!;
  }
  if (total === 0) return { column: col.name, distance: col.distance, distinctL: 0, entropyL: 0, t: 0 };
  for (let i = 0; i < q.length; i++) q[i]! /= total;
  // The ordered distance runs over the values present in the kept table only (m = their number).
  const present = col.distance === 'ordered' ? Int32Array.from({ length: q.length }, () => -1) : undefined;
  let base;
  if (present !== undefined) {
    const qs: number[] = [];
    for (let i = 0; i < q.length; i++) if (q[i]! > 0) { present[i] = qs.length; qs.push(q[i]!); }
    base = orderedBase(qs);
  }
  const ranks = new Int32Array(col.cardinality);
  let minDistinct = Infinity;
  let minEntropy = Infinity;
  let maxT = 0;
  for (let start = 0; start < cls.length;) {
    let end = start;
    let size = 0;
    let sumClogC = 0;
    while (end < cls.length && cls[end] === cls[start]) {
      size += cnt[end]!;
      sumClogC += cnt[end]! * Math.log(cnt[end]!);
      end++;
    }
    minDistinct = Math.min(minDistinct, end - start);
    minEntropy = Math.min(minEntropy, Math.log(size) - sumClogC / size);
    const support = val.subarray(start, end);
    const counts = cnt.subarray(start, end);
    let t: number;
    if (present !== undefined) {
      for (let j = 0; j < support.length; j++) ranks[j] = present[support[j]!]!;
      t = orderedEmd(base!, ranks.subarray(0, support.length), counts, size);
    } else t = equalEmd(q, support, counts, size);
    if (t > maxT) maxT = t;
    start = end;
  }
  return { column: col.name, distance: col.distance, distinctL: minDistinct, entropyL: Math.exp(Math.max(0, minEntropy)), t: maxT };
}
