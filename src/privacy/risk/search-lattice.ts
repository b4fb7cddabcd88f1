// The optimal full-domain generalization on a small lattice, as ARX's optimal search does (Kohlmayer
// et al., "Flash: Efficient, Stable and Optimal k-Anonymity", 2012): a node gives each
// quasi-identifier a hierarchy level; a node passes when the rows it leaves in failing classes
// (smaller than k, or with fewer than ℓ distinct sensitive values) are at most the suppression limit.
// Passing is monotone (merging classes can only shrink the failing rows), so a passing node passes
// everything above it and a failing node fails everything below it. Vertical paths are checked by
// binary search, each result tagged up or down the lattice, until every node is known; the answer
// is the evaluated passing node of least loss (Sweeney's precision loss: the mean of level/height),
// ties going to fewer suppressed rows. Pure: the caller supplies the predicate.
import { CordonError } from '../../errors.js';

export interface NodeVerdict {
  readonly pass: boolean;
  readonly suppressed: number;
}

export interface LatticeResult {
  /** The least-generalizing passing node (a level per quasi-identifier), absent when none passes. */
  readonly levels?: readonly number[];
  readonly loss?: number;
  readonly suppressed?: number;
  readonly nodes: number;
  readonly evaluated: number;
}

export const MAX_LATTICE_NODES = 100_000;

/** Searches the lattice of `heights` (levels per quasi-identifier, each ≥ 2) with `evaluate`. */
export function searchLattice(heights: readonly number[], evaluate: (levels: readonly number[]) => NodeVerdict): LatticeResult {
  const Q = heights.length;
  let total = 1;
  for (const h of heights) total *= h;
  if (total > MAX_LATTICE_NODES) {
    throw new CordonError('ERR_INPUT_INVALID', `the generalization lattice has ${total} nodes, over the ${MAX_LATTICE_NODES} an optimal search covers: use fewer quasi-identifiers or shorter hierarchies`, { details: { nodes: total } });
  }
  const mult: number[] = [];
  let m = 1;
  for (let q = 0; q < Q; q++) {
    mult.push(m);
    m *= heights[q]!;
  }
  const levelsOf = (i: number): number[] => heights.map((h, q) => Math.floor(i / mult[q]!) % h);
  const lossOf = (lv: readonly number[]): number => (Q === 0 ? 0 : lv.reduce((s, l, q) => s + l / (heights[q]! - 1), 0) / Q);
  const tag = new Int8Array(total); // 0 unknown, 1 pass, -1 fail
  const results = new Map<number, NodeVerdict>();

  // Tag a node and, transitively, everything above (pass) or below (fail) it.
  const spread = (start: number, t: 1 | -1): void => {
    const stack = [start];
    tag[start] = t;
    while (stack.length > 0) {
      const i = stack.pop()!;
      const lv = levelsOf(i);
      for (let q = 0; q < Q; q++) {
        const j = t === 1 ? (lv[q]! < heights[q]! - 1 ? i + mult[q]! : -1) : (lv[q]! > 0 ? i - mult[q]! : -1);
        if (j >= 0 && tag[j] !== t) {
          tag[j] = t;
          stack.push(j);
        }
      }
    }
  };
  const check = (i: number): boolean => {
    if (tag[i] !== 0) return tag[i] === 1;
    const v = evaluate(levelsOf(i));
    results.set(i, v);
    spread(i, v.pass ? 1 : -1);
    return v.pass;
  };

  // Visit order: by height (sum of levels), then loss.
  const order = Array.from({ length: total }, (_, i) => i);
  const heightOf = (i: number) => levelsOf(i).reduce((s, l) => s + l, 0);
  const key = order.map((i) => [heightOf(i), lossOf(levelsOf(i))] as const);
  order.sort((a, b) => key[a]![0] - key[b]![0] || key[a]![1] - key[b]![1] || a - b);

  for (const start of order) {
    if (tag[start] !== 0) continue;
    // A vertical path up from `start` through unknown nodes.
    const path = [start];
    for (let cur = start; ;) {
      const lv = levelsOf(cur);
      let next = -1;
      for (let q = 0; q < Q && next < 0; q++) if (lv[q]! < heights[q]! - 1 && tag[cur + mult[q]!] === 0) next = cur + mult[q]!;
      if (next < 0) break;
      path.push(next);
      cur = next;
    }
    let lo = 0;
    let hi = path.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (check(path[mid]!)) hi = mid - 1;
      else lo = mid + 1;
    }
  }

  let best: { i: number; loss: number; suppressed: number } | undefined;
  for (const [i, v] of results) {
    if (!v.pass) continue;
    const loss = lossOf(levelsOf(i));
    if (best === undefined || loss < best.loss - 1e-12 || (Math.abs(loss - best.loss) <= 1e-12 && (v.suppressed < best.suppressed || (v.suppressed === best.suppressed && i < best.i)))) best = { i, loss, suppressed: v.suppressed };
  }
  return best === undefined
    ? { nodes: total, evaluated: results.size }
    : { levels: levelsOf(best.i), loss: best.loss, suppressed: best.suppressed, nodes: total, evaluated: results.size };
}
