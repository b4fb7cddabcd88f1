// List (array) values in the string view: a Parquet LIST column or a JSON array field reaches checks
// and operators as the JSON text of the list (record.ts), and a column the contract declares
// `logicalType: array` is protected element by element. This file reads that text into its elements
// (scalars as text, null elements kept, lists of lists kept nested) and writes the outputs back as
// JSON text, which typed-output.ts turns into a list of the input's element types. A list holding
// structs is refused (ERR_LIST_UNSUPPORTED): its fields have no column of their own to be declared
// in. Pure: no I/O; errors name no value.
import { CordonError } from '../errors.js';
import { MAX_DEPTH, scalarText } from './record.js';
import { isStruct, jsonOf, parseJsonValue, type Value } from './value.js';

/** A list's elements as text: a string, null (a null element, or bytes that are not text), or a nested list. */
export type ListNode = string | null | readonly ListNode[];

const STRUCT_MESSAGE = 'a list of structs (objects) is not protected element by element: declare the column keep, or protect it as one value without logicalType array';

/** Throws ERR_LIST_UNSUPPORTED for a list nested deeper than MAX_DEPTH. */
function checkDepth(depth: number): void {
  if (depth > MAX_DEPTH) throw new CordonError('ERR_LIST_UNSUPPORTED', `lists nested more than ${MAX_DEPTH} deep are not protected element by element`, { details: { reason: 'depth' } });
}

/** Throws ERR_LIST_UNSUPPORTED for an element that is a struct. */
function checkNotStruct(v: Value): void {
  if (isStruct(v)) throw new CordonError('ERR_LIST_UNSUPPORTED', STRUCT_MESSAGE, { details: { reason: 'struct' } });
}

/** The list a value's JSON text spells; ERR_INPUT_INVALID when the text is not a JSON array. */
function listValue(text: string): readonly Value[] {
  let v: Value;
  try {
    v = text.charCodeAt(0) === 0x5b /* [ */ ? parseJsonValue(text) : null;
  } catch {
    v = null;
  }
  if (!Array.isArray(v)) throw new CordonError('ERR_INPUT_INVALID', 'the column is declared logicalType array, but the value is not a list (a JSON array)', { details: { reason: 'not-a-list' } });
  return v as readonly Value[];
}

function nodesOf(list: readonly Value[], depth: number): ListNode[] {
  checkDepth(depth);
  return list.map((v): ListNode => {
    if (Array.isArray(v)) return nodesOf(v as readonly Value[], depth + 1);
    checkNotStruct(v);
    return scalarText(v);
  });
}

/**
 * The elements of a list as the string view spells it (its JSON text). Throws ERR_INPUT_INVALID when
 * the text is not a JSON array, ERR_LIST_UNSUPPORTED when an element is a struct.
 *
 * @example
 * ```ts
 * parseList('["a@x.com",null,["b"]]'); // ['a@x.com', null, ['b']]
 * ```
 */
export function parseList(text: string): ListNode[] {
  return nodesOf(listValue(text), 1);
}

/**
 * The elements of a value that is a list's JSON text, or undefined when it is not one (a scalar, a
 * single token or ciphertext, none of which starts with `[`), for reveals that take both.
 */
export function listOrUndefined(text: string): ListNode[] | undefined {
  if (text.charCodeAt(0) !== 0x5b /* [ */) return undefined;
  try {
    return parseList(text);
  } catch {
    return undefined;
  }
}

/**
 * Puts looked-up elements back into their lists: `given[i]` was a list (`lists[i]`) whose non-empty
 * elements were looked up in order, or a scalar looked up alone; `flat` holds the results in that
 * order. A list with an element that was not found (undefined) is undefined whole; empty and null
 * elements stay as they were.
 *
 * @example
 * ```ts
 * relist(['["t1",null]', 't2'], [['t1', null], undefined], ['a', 'b']); // ['["a",null]', 'b']
 * ```
 */
export function relist(given: readonly string[], lists: ReadonlyArray<ListNode[] | undefined>, flat: ReadonlyArray<string | undefined>): Array<string | undefined> {
  let k = 0;
  return given.map((_, i) => {
    const nodes = lists[i];
    if (nodes === undefined) return flat[k++];
    let missing = false;
    const back = mapList(nodes, (e) => {
      if (e === '') return e;
      const r = flat[k++];
      if (r === undefined) missing = true;
      return r ?? null;
    });
    return missing ? undefined : listText(back);
  });
}

/**
 * A list's JSON text with `f` applied to every non-null, non-empty element, told whether the element
 * was a JSON number (`[123]`) rather than text (`["123"]`); `f` returns a number as a `number` or
 * `bigint`, which is written back as a JSON number. For fpe, which keeps a list of numbers numbers
 * only if it walks the cycle on its number elements (transform/number-walk.ts) on the way in and out.
 * Throws as parseList does.
 *
 * @example
 * ```ts
 * mapListText('[7,"7",null]', (e, n) => (n ? Number(e) + 1 : e + '!')); // '[8,"7!",null]'
 * ```
 */
export function mapListText(text: string, f: (element: string, isNumber: boolean) => string | number | bigint | null): string {
  const walk = (list: readonly Value[], depth: number): Value[] => {
    checkDepth(depth);
    return list.map((v): Value => {
      if (Array.isArray(v)) return walk(v as readonly Value[], depth + 1);
      checkNotStruct(v);
      const t = scalarText(v);
      if (t === null || t === '') return t;
      return f(t, typeof v === 'number' || typeof v === 'bigint');
    });
  };
  return jsonOf(walk(listValue(text), 1));
}

/** The same shape with `f` applied to every non-null element (empty strings included: callers decide). */
export function mapList(nodes: readonly ListNode[], f: (element: string) => string | null): ListNode[] {
  return nodes.map((n) => (n === null ? null : typeof n === 'string' ? f(n) : mapList(n, f)));
}

/** Every non-null, non-empty element, depth first, in order. */
export function listElements(nodes: readonly ListNode[], into: string[] = []): string[] {
  for (const n of nodes) {
    if (n === null || n === '') continue;
    if (typeof n === 'string') into.push(n);
    else listElements(n, into);
  }
  return into;
}

/** The JSON text of a list of outputs (what parseList reads back). */
export function listText(nodes: readonly ListNode[]): string {
  return jsonOf(nodes as Value);
}

/**
 * The elements of sampled list values as text, for classifying a list column by what its lists hold
 * (a column of e-mail lists is an e-mail column; an empty list says nothing). Undefined when some
 * value is not a list, or a list holds a struct.
 */
export function sampledElements(values: readonly (Value | undefined)[], limit = 100_000): Array<string | null> | undefined {
  const out: Array<string | null> = [];
  let lists = 0;
  const walk = (list: readonly Value[], depth: number): boolean => {
    for (const v of list) {
      if (Array.isArray(v)) { if (depth >= MAX_DEPTH || !walk(v as readonly Value[], depth + 1)) return false; continue; }
      if (isStruct(v)) return false;
      if (out.length < limit) out.push(scalarText(v));
    }
    return true;
  };
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (!Array.isArray(v) || !walk(v as readonly Value[], 1)) return undefined;
    lists++;
  }
  return lists > 0 ? out : undefined;
}
