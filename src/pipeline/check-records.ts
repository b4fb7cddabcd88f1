// Checks each record against its contract before any operator runs: only declared columns, required
// columns present, values of the declared logical type, and no undeclared personal data — a column
// the contract calls public or internal whose value holds a direct identifier, special-category data
// or a secret the contract does not declare for it. Messages name rows, columns and entity kinds,
// never a value.
import { checkWellFormed, CordonError } from '../errors.js';
import type { ContractColumn, ContractDataset } from '../contracts/types.js';
import { undeclaredEntities, UNDECLARED_ENTITIES, UNDECLARED_THRESHOLD } from '../detect/index.js';
import { withCustomRecognizers } from '../contracts/with-custom-recognizers.js';
import type { DatasetRecord } from '../io/record.js';
import { listElements, parseList } from '../io/list-text.js';

// The value test is the column classifier's (detect/columns/value-evidence.ts): `contract init` never
// drafts as public or internal a column whose sampled values this check would refuse.
export { UNDECLARED_ENTITIES, UNDECLARED_THRESHOLD };

/** Distinct values remembered per column (enums, cities, plans repeat; ids do not: their column stops remembering once full). */
const CACHE_LIMIT = 20_000;

const LOGICAL_TYPES: Readonly<Record<string, (v: string) => boolean>> = {
  string: () => true,
  integer: (v) => /^[+-]?\d+$/.test(v),
  number: (v) => /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(v),
  boolean: (v) => /^(?:true|false)$/i.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v.slice(0, 10))),
  timestamp: (v) => /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T'))),
  time: (v) => /^\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.test(v),
  // Nested values arrive flattened or as JSON text; their content is checked column by column.
  object: () => true,
  array: () => true,
};

/** What a check found in one record: human-readable reasons (no values) and the first column at fault. */
export interface Violation {
  readonly row: number;
  readonly column: string;
  readonly entities: readonly string[];
  readonly reasons: readonly string[];
}

export interface RecordChecker {
  /** Throws ERR_INPUT_INVALID for a record that does not fit the contract's shape (row is 1-based). */
  checkShape(record: DatasetRecord, row: number): void;
  /** The undeclared personal data in a record, or undefined when there is none. */
  findUndeclared(record: DatasetRecord, row: number): Violation | undefined;
  /** True when some column is public or internal (so findUndeclared has work to do). */
  readonly scansValues: boolean;
}

const anyString = LOGICAL_TYPES['string']!;

/** Validates logical types at contract level: an unknown type is a contract error before any row. */
function typeCheck(c: ContractColumn): (v: string) => boolean {
  if (c.logicalType === undefined) return LOGICAL_TYPES['string']!;
  const check = LOGICAL_TYPES[c.logicalType];
  if (check === undefined) throw new CordonError('ERR_CONTRACT_INVALID', `column ${JSON.stringify(c.name)}: logicalType ${JSON.stringify(c.logicalType)} is not one of ${Object.keys(LOGICAL_TYPES).join(', ')}`);
  return check;
}

export function recordChecker(dataset: ContractDataset): RecordChecker {
  const columns = new Map(dataset.columns.map((c) => [c.name, { column: c, isType: typeCheck(c) }]));
  const required = dataset.columns.filter((c) => c.required).map((c) => c.name);
  const open = dataset.columns.filter((c) => c.classification === 'public' || c.classification === 'internal');
  const caches = new Map(open.map((c) => [c.name, { map: new Map<string, readonly string[]>(), lookups: 0, hits: 0, off: false }]));
  // The contract's custom entities count like built-in ones of their category (detect/columns/value-evidence.ts).
  const recognizers = withCustomRecognizers(dataset.recognizers?.doc);

  const entitiesIn = (c: ContractColumn, value: string): readonly string[] => {
    const cache = caches.get(c.name)!;
    if (!cache.off) {
      cache.lookups++;
      const hit = cache.map.get(value);
      if (hit !== undefined) {
        cache.hits++;
        return hit;
      }
    }
    const found = undeclaredEntities(value, recognizers, c.entity);
    if (!cache.off) {
      if (cache.map.size < CACHE_LIMIT) cache.map.set(value, found);
      // Full, and fewer than one value in 20 seen again (ids, amounts): the lookups only cost time and the values heap.
      else if (cache.hits * 20 < cache.lookups) {
        cache.off = true;
        cache.map.clear();
      }
    }
    return found;
  };

  /** A list's elements are read one by one, as an operator would take them (io/list-text.ts); text that is not a list is read whole. */
  const elementEntities = (c: ContractColumn, value: string): readonly string[] => {
    let elements: string[];
    try {
      elements = listElements(parseList(value));
    } catch {
      return entitiesIn(c, value);
    }
    const found = new Set<string>();
    for (const e of elements) for (const x of entitiesIn(c, e)) found.add(x);
    return [...found];
  };

  return {
    scansValues: open.length > 0,
    checkShape(record, row) {
      // Three passes in this order (the first error a record meets is always the same one); keys are
      // walked with for…in, not Object.keys/entries: this runs for every record, and those allocate.
      for (const k in record) {
        if (!Object.hasOwn(record, k)) continue;
        if (!columns.has(k)) throw new CordonError('ERR_INPUT_INVALID', `row ${row}: column ${JSON.stringify(k)} is not in the contract; declare it (cordon contract init drafts one)`, { details: { row, column: k } });
      }
      for (const k of required) {
        const v = record[k];
        if (v === null || v === undefined || v === '') throw new CordonError('ERR_INPUT_INVALID', `row ${row}: required column ${JSON.stringify(k)} is empty`, { details: { row, column: k } });
      }
      for (const k in record) {
        if (!Object.hasOwn(record, k)) continue;
        const v = record[k]!;
        if (v === null || v === '') continue;
        // JSONL can spell a lone surrogate ("\ud800"); no operator or writer could keep it apart from U+FFFD.
        if (!(v as string & { isWellFormed(): boolean }).isWellFormed()) checkWellFormed(v, `row ${row}: column ${JSON.stringify(k)}`, { row, column: k });
        const c = columns.get(k)!;
        if (c.isType !== anyString && !c.isType(v)) throw new CordonError('ERR_INPUT_INVALID', `row ${row}: column ${JSON.stringify(k)} holds a value that is not of its declared logicalType ${c.column.logicalType ?? 'string'}`, { details: { row, column: k, logicalType: c.column.logicalType ?? 'string' } });
      }
    },
    findUndeclared(record, row) {
      let first: string | undefined;
      const all = new Set<string>();
      const reasons: string[] = [];
      for (const c of open) {
        const v = record[c.name];
        if (v === null || v === undefined || v === '') continue;
        const found = c.logicalType === 'array' || v.charCodeAt(0) === 0x5b /* [ */ ? elementEntities(c, v) : entitiesIn(c, v);
        if (found.length === 0) continue;
        first ??= c.name;
        for (const e of found) all.add(e);
        reasons.push(`column ${JSON.stringify(c.name)} (${c.classification}) holds ${found.join(', ')}`);
      }
      return first === undefined ? undefined : { row, column: first, entities: [...all], reasons };
    },
  };
}
