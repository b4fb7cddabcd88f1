// Equivalence classes: the rows that share every quasi-identifier's value at a lattice node's levels.
// Class ids are made dense one column at a time (id' = dense(id·card + code)), so the key never
// outgrows a double whatever the cardinalities. Pure, linear in rows × quasi-identifiers.
import type { QuasiColumn } from './hierarchy.js';
import { IntTable } from './int-table.js';

export interface Classes {
  /** The class of each row. */
  readonly classOf: Int32Array;
  /** Rows per class. */
  readonly sizes: Int32Array;
}

/** Below this many keys a typed array indexed by key replaces the hash table. */
const DIRECT_LIMIT = 1 << 24;

/** Groups rows by the quasi-identifiers at `node` (one level per column). */
export function groupClasses(columns: readonly QuasiColumn[], node: readonly number[], rows: number): Classes {
  let classOf = new Int32Array(rows);
  let count = rows > 0 ? 1 : 0;
  for (let q = 0; q < columns.length; q++) {
    const col = columns[q]!;
    const map = col.levels[node[q]!]!;
    const card = col.labels[node[q]!]!.length;
    if (card === 1) continue;
    const codes = col.codes;
    const next = new Int32Array(rows);
    let n = 0;
    if (count * card <= DIRECT_LIMIT) {
      const table = new Int32Array(count * card).fill(-1);
      for (let r = 0; r < rows; r++) {
        const key = classOf[r]! * card + map[codes[r]!]!;
        let id = table[key]!;
        if (id < 0) {
          id = n++;
          table[key] = id;
        }
        next[r] = id;
      }
    } else {
      const table = new IntTable(Math.min(rows, count * card));
      for (let r = 0; r < rows; r++) next[r] = table.idOf(classOf[r]! * card + map[codes[r]!]!);
      n = table.size;
    }
    classOf = next;
    count = n;
  }
  const sizes = new Int32Array(count);
  for (let r = 0; r < rows; r++) sizes[classOf[r]!]!++;
  return { classOf, sizes };
}
