// The schema of a Parquet output, drafted from the typed records of its first row group (value.ts):
// integers INT64, doubles DOUBLE, booleans, strings UTF8, LocalDate DATE, LocalTime TIME and Instant
// TIMESTAMP at their precision, objects as structs (groups), arrays as 3-level LISTs. When the input was Parquet its
// schema is the hint: a column whose values still fit its input type keeps that exact element
// (INT32 stays INT32, DECIMAL stays DECIMAL, field ids kept), so an unchanged column leaves as it came
// in. A column whose values have several types cannot be one Parquet column: ERR_INPUT_INVALID,
// naming the column, never a value. Pure: no I/O.
import type { SchemaElement } from 'hyparquet';
import { CordonError } from '../../errors.js';
import { Decimal, Instant, isStruct, kindOf, LocalDate, LocalTime, type TimeUnit, type TypedRecord, type Value, type ValueKind } from '../value.js';

/** A schema element with its children (Parquet stores the tree flat, in preorder). */
export interface SchemaNode {
  readonly element: SchemaElement;
  readonly children: readonly SchemaNode[];
}

/** The tree of a flat preorder schema (the root's children: the top-level columns). */
export function schemaTree(flat: readonly SchemaElement[]): SchemaNode[] {
  let i = 1;
  const node = (): SchemaNode => {
    const element = flat[i++]!;
    const children: SchemaNode[] = [];
    for (let k = 0; k < (element.num_children ?? 0); k++) children.push(node());
    return { element, children };
  };
  const top: SchemaNode[] = [];
  for (let k = 0; k < (flat[0]?.num_children ?? 0); k++) top.push(node());
  return top;
}

/** The flat preorder schema of top-level nodes under a root. */
export function flatSchema(nodes: readonly SchemaNode[]): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'root', num_children: nodes.length }];
  const walk = (n: SchemaNode): void => {
    out.push(n.children.length > 0 ? { ...n.element, num_children: n.children.length } : n.element);
    n.children.forEach(walk);
  };
  nodes.forEach(walk);
  return out;
}

type Category = ValueKind | 'any';

function unitOf(e: SchemaElement): TimeUnit | undefined {
  if (e.converted_type === 'TIMESTAMP_MILLIS') return 'MILLIS';
  if (e.converted_type === 'TIMESTAMP_MICROS') return 'MICROS';
  const lt = e.logical_type;
  if (lt?.type === 'TIMESTAMP') return lt.unit;
  return undefined;
}

/** A TIME element's unit (hyparquet reads it raw; parquet.ts makes LocalTime of it). */
function timeUnitOf(e: SchemaElement): TimeUnit | undefined {
  if (e.converted_type === 'TIME_MILLIS') return 'MILLIS';
  if (e.converted_type === 'TIME_MICROS') return 'MICROS';
  return e.logical_type?.type === 'TIME' ? e.logical_type.unit : undefined;
}

/** What values a schema node holds, as value kinds. */
function categoryOf(n: SchemaNode): Category {
  const e = n.element;
  if (e.converted_type === 'LIST' || e.logical_type?.type === 'LIST') return 'array';
  if (n.children.length > 0) return e.converted_type === 'MAP' || e.logical_type?.type === 'MAP' ? 'any' : 'object';
  if (e.converted_type === 'JSON' || e.logical_type?.type === 'JSON') return 'any';
  if (e.converted_type === 'DATE' || e.logical_type?.type === 'DATE') return 'date';
  if (unitOf(e) !== undefined) return 'timestamp';
  if (timeUnitOf(e) !== undefined) return 'time';
  if (e.converted_type === 'DECIMAL' || e.logical_type?.type === 'DECIMAL' || e.type === 'FLOAT' || e.type === 'DOUBLE') return 'number';
  if (e.type === 'INT32' || e.type === 'INT64') return e.converted_type === undefined || /^U?INT_/.test(e.converted_type) || e.logical_type?.type === 'INTEGER' ? 'integer' : 'any';
  if (e.type === 'BOOLEAN') return 'boolean';
  if (e.type === 'BYTE_ARRAY') return e.converted_type === 'UTF8' || e.converted_type === 'ENUM' || e.logical_type?.type === 'STRING' ? 'string' : 'bytes';
  return 'any'; // INT96, FIXED_LEN_BYTE_ARRAY (UUID, FLOAT16): written back only as they were read
}

function decimalType(e: SchemaElement): { precision: number; scale: number } | undefined {
  if (e.logical_type?.type === 'DECIMAL') return { precision: e.logical_type.precision, scale: e.logical_type.scale };
  if (e.converted_type === 'DECIMAL') return { precision: e.precision ?? 38, scale: e.scale ?? 0 };
  return undefined;
}

/**
 * The unscaled integer a DECIMAL column stores for `v`, exactly, or undefined when the column's scale
 * or precision cannot hold it without rounding (a double is read through its shortest spelling).
 */
function unscaledFor(v: Value, t: { precision: number; scale: number }): bigint | undefined {
  let u: bigint | undefined;
  if (v instanceof Decimal) u = v.at(t.scale);
  else if (typeof v === 'bigint') u = v * 10n ** BigInt(t.scale);
  else if (typeof v === 'number' && Number.isFinite(v)) u = Decimal.parse(String(v), t.scale)?.unscaled;
  if (u === undefined) return undefined;
  return (u < 0n ? -u : u).toString().length <= t.precision ? u : undefined;
}

/** A Decimal as a double only when the double is exactly it. */
function exactNumber(v: Decimal): number | undefined {
  const n = Number(v.toString());
  return Decimal.parse(String(n), v.scale)?.unscaled === v.unscaled ? n : undefined;
}

function fits(n: SchemaNode, kinds: ReadonlySet<ValueKind>, values: readonly Value[]): boolean {
  const c = categoryOf(n);
  if (n.element.type === 'INT96') return false; // hyparquet-writer does not write INT96: drafted as TIMESTAMP
  if (c === 'any') return true;
  for (const k of kinds) {
    if (k === c) continue;
    if (c === 'number' && k === 'integer') continue;
    if (c === 'bytes' && k === 'string') continue;
    return false;
  }
  if (c === 'array') {
    // A protected list (a list of integers hashed to strings) keeps the input's list type only when its elements fit it.
    const item = n.children[0]?.children[0];
    const items = (values as ReadonlyArray<readonly Value[]>).flat().filter((v) => v !== null && v !== undefined);
    return item === undefined || items.length === 0 || fits(item, new Set(items.map(kindOf)), items);
  }
  if (c === 'timestamp') return values.every((v) => !(v instanceof Instant) || v.unit === unitOf(n.element));
  if (c === 'time') return values.every((v) => !(v instanceof LocalTime) || v.unit === timeUnitOf(n.element));
  // A DECIMAL column keeps its type only while every value fits it exactly (an operator's doubles may not).
  const dec = decimalType(n.element);
  if (dec !== undefined) return values.every((v) => unscaledFor(v, dec) !== undefined);
  // fpe keeps the digit count, not the range: 2147483647 may come out as 9417483647.
  if (c === 'integer' && n.element.type === 'INT32') return values.every(fitsInt32);
  return true;
}

function fitsInt32(v: Value): boolean {
  return typeof v !== 'number' && typeof v !== 'bigint' ? true : v >= -2147483648 && v <= 2147483647;
}

const UNIT_RANK: Readonly<Record<TimeUnit, number>> = { MILLIS: 0, MICROS: 1, NANOS: 2 };

function leaf(name: string, kind: ValueKind | undefined, values: readonly Value[]): SchemaElement {
  const repetition_type = 'OPTIONAL' as const;
  // Decimals drafted without the input's schema (a list's elements, a renamed column): DECIMAL(38, widest scale).
  if ((kind === 'integer' || kind === 'number') && values.length > 0 && values.every((v) => v instanceof Decimal)) {
    const scale = Math.max(...values.map((v) => (v as Decimal).scale));
    return { name, type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: 38, scale, logical_type: { type: 'DECIMAL', precision: 38, scale }, repetition_type };
  }
  switch (kind) {
    case 'integer': return { name, type: 'INT64', repetition_type };
    case 'number': return { name, type: 'DOUBLE', repetition_type };
    case 'boolean': return { name, type: 'BOOLEAN', repetition_type };
    case 'date': return { name, type: 'INT32', converted_type: 'DATE', repetition_type };
    case 'timestamp': {
      let unit: TimeUnit = 'MILLIS';
      for (const v of values) if (v instanceof Instant && UNIT_RANK[v.unit] > UNIT_RANK[unit]) unit = v.unit;
      return { name, type: 'INT64', repetition_type, logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit } };
    }
    case 'time': {
      // Parquet: TIME(MILLIS) is an INT32, TIME(MICROS) and TIME(NANOS) are INT64s; not adjusted to UTC (a wall-clock time).
      let unit: TimeUnit = 'MILLIS';
      for (const v of values) if (v instanceof LocalTime && UNIT_RANK[v.unit] > UNIT_RANK[unit]) unit = v.unit;
      const converted = unit === 'MILLIS' ? { converted_type: 'TIME_MILLIS' as const } : unit === 'MICROS' ? { converted_type: 'TIME_MICROS' as const } : {};
      return { name, type: unit === 'MILLIS' ? 'INT32' : 'INT64', ...converted, repetition_type, logical_type: { type: 'TIME', isAdjustedToUTC: false, unit } };
    }
    case 'bytes': return { name, type: 'BYTE_ARRAY', repetition_type };
    default: return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
  }
}

/** Logical types a contract may declare for a column that is null in every drafted row. */
export type NullHint = (path: readonly string[]) => ValueKind | undefined;

function draft(name: string, path: readonly string[], values: readonly Value[], hint: SchemaNode | undefined, nullHint: NullHint): SchemaNode {
  const present = values.filter((v) => v !== null && v !== undefined);
  const kinds = new Set(present.map(kindOf));
  const nullable = present.length < values.length;
  if (hint !== undefined && fits(hint, kinds, present)) {
    const element = nullable && hint.element.repetition_type === 'REQUIRED' ? { ...hint.element, repetition_type: 'OPTIONAL' as const } : hint.element;
    if (categoryOf(hint) !== 'object') return { element, children: hint.children };
    const children = structChildren(path, present as ReadonlyArray<{ readonly [k: string]: Value }>, hint.children, nullHint);
    if (children.length > 0) return { element, children };
    return { element: emptyStruct(name), children: [] };
  }
  if (kinds.has('integer') && kinds.has('number')) {
    if (present.some((v) => typeof v === 'bigint')) throw mixed(path, kinds);
    kinds.delete('integer');
  }
  if (kinds.size > 1) throw mixed(path, kinds);
  const kind = kinds.size === 0 ? nullHint(path) : [...kinds][0]!;
  if (kind === 'object') {
    const children = structChildren(path, present as ReadonlyArray<{ readonly [k: string]: Value }>, [], nullHint);
    if (children.length === 0) return { element: emptyStruct(name), children: [] };
    return { element: { name, repetition_type: 'OPTIONAL', num_children: children.length }, children };
  }
  if (kind === 'array') {
    const items = (present as ReadonlyArray<readonly Value[]>).flat();
    const element = draft('element', [...path, '[]'], items, undefined, () => undefined);
    return {
      element: { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      children: [{ element: { name: 'list', repetition_type: 'REPEATED', num_children: 1 }, children: [element] }],
    };
  }
  return { element: leaf(name, kind, present), children: [] };
}

/** Parquet has no empty group: a struct that is {} in every row (all its fields dropped) is kept as JSON text. */
function emptyStruct(name: string): SchemaElement {
  return { name, type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' };
}

function structChildren(path: readonly string[], objects: ReadonlyArray<{ readonly [k: string]: Value }>, hints: readonly SchemaNode[], nullHint: NullHint): SchemaNode[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const o of objects) for (const k of Object.keys(o)) if (!seen.has(k)) { seen.add(k); names.push(k); }
  // Fields in the input's order, then any new ones; a field dropped in every record is left out.
  const ordered = [...hints.map((h) => h.element.name).filter((n) => seen.has(n)), ...names.filter((n) => !hints.some((h) => h.element.name === n))];
  return ordered.map((k) => draft(k, [...path, k], objects.map((o) => (Object.hasOwn(o, k) ? o[k]! : null)), hints.find((h) => h.element.name === k), nullHint));
}

function mixed(path: readonly string[], kinds: ReadonlySet<ValueKind>): CordonError {
  const column = path.filter((p) => p !== '[]').join('.');
  return new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(column)} holds values of several types (${[...kinds].sort().join(', ')}); a Parquet column has one type: write JSONL, or protect the column to a string`, { details: { column } });
}

/**
 * The top-level schema nodes for `columns`, drafted from `records` (the first row group), with the
 * input's schema as a hint when it was Parquet.
 */
export function draftSchema(columns: readonly string[], records: readonly TypedRecord[], hint: readonly SchemaElement[] | undefined, nullHint: NullHint): SchemaNode[] {
  const hints = hint !== undefined ? schemaTree(hint) : [];
  return columns.map((c) => draft(c, [c], records.map((r) => (Object.hasOwn(r, c) ? r[c]! : null)), hints.find((h) => h.element.name === c), nullHint));
}

/** A value as hyparquet-writer takes it for `node` (dates as days, timestamps in the column's unit, widths matched). */
export function writable(v: Value | undefined, node: SchemaNode, column: string): unknown {
  if (v === null || v === undefined) return null;
  const e = node.element;
  const c = categoryOf(node);
  if (c === 'array' && Array.isArray(v)) {
    const item = node.children[0]?.children[0];
    return item === undefined ? v : (v as readonly Value[]).map((x) => writable(x, item, column));
  }
  if ((e.converted_type === 'MAP' || e.logical_type?.type === 'MAP') && isStruct(v)) {
    // A map's values as its value element takes them (a DECIMAL's unscaled integer, a TIME's count).
    const value = node.children[0]?.children.find((ch) => ch.element.name === 'value');
    if (value !== undefined) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, writable(x, value, column)]));
  }
  if (c === 'object' && isStruct(v)) {
    for (const k of Object.keys(v)) {
      if (!node.children.some((ch) => ch.element.name === k)) {
        const at = `${column}.${k}`;
        throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(at)} is not among the output's columns (the Parquet schema is drafted from the first rows)`, { details: { column: at } });
      }
    }
    return Object.fromEntries(node.children.map((ch) => [ch.element.name, writable(Object.hasOwn(v, ch.element.name) ? v[ch.element.name] : null, ch, column)]));
  }
  if (v instanceof LocalDate) return c === 'date' ? v.days : v.toString();
  if (v instanceof LocalTime) {
    const unit = timeUnitOf(e);
    if (unit === undefined) return v.toString();
    const u = rescaleCount(v.value, v.unit, unit, column, 'time');
    return e.type === 'INT32' ? Number(u) : u;
  }
  if (v instanceof Instant) {
    const unit = unitOf(e);
    if (unit === undefined) return v.toString();
    return rescale(v, unit, column);
  }
  const dec = decimalType(e);
  if (dec !== undefined && c === 'number' && (typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal)) {
    // hyparquet-writer takes a bigint as the unscaled integer, as-is; a number it would scale through a double.
    const u = unscaledFor(v, dec);
    if (u === undefined) throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(column)}: a later record holds a number its DECIMAL(${dec.precision},${dec.scale}) cannot hold exactly (the schema is drafted from the first rows); protect the column to a string`, { details: { column } });
    return u;
  }
  if (v instanceof Decimal) {
    const exact = c === 'integer' ? v.at(0) : c === 'number' ? exactNumber(v) : undefined;
    if (c === 'string' || c === 'any') return v.toString();
    if (exact === undefined) throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(column)}: a DECIMAL value cannot be written exactly as the column's ${e.type ?? c}; keep the column's DECIMAL type or protect it to a string`, { details: { column } });
    return e.type === 'INT64' ? exact : Number(exact);
  }
  if (typeof v === 'number' && e.type === 'INT64' && c === 'integer') return BigInt(v);
  if (e.type === 'INT32' && c === 'integer' && !fitsInt32(v)) {
    throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(column)}: a later record holds an integer beyond the INT32 range of the column drafted from the first rows`, { details: { column } });
  }
  if (typeof v === 'bigint' && (e.type === 'INT32' || e.type === 'DOUBLE' || e.type === 'FLOAT')) return Number(v);
  if (typeof v === 'string' && c === 'bytes') return new TextEncoder().encode(v);
  if (c !== 'any' && c !== kindOf(v) && !(c === 'number' && kindOf(v) === 'integer') && !(c === 'bytes')) {
    throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(column)}: a later record holds a ${kindOf(v)} where the Parquet schema drafted from the first rows has ${c}; declare the column's logicalType or protect it to a string`, { details: { column } });
  }
  return v;
}

const SCALE: Readonly<Record<TimeUnit, bigint>> = { MILLIS: 1n, MICROS: 1000n, NANOS: 1_000_000n };

function rescale(v: Instant, unit: TimeUnit, column: string): bigint {
  return rescaleCount(v.epoch, v.unit, unit, column, 'timestamp');
}

function rescaleCount(count: bigint, fromUnit: TimeUnit, unit: TimeUnit, column: string, what: string): bigint {
  if (fromUnit === unit) return count;
  const from = SCALE[fromUnit];
  const to = SCALE[unit];
  if (to > from) return count * (to / from);
  if (count % (from / to) !== 0n) {
    throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(column)}: a later record holds a ${what} finer than the column's ${unit.toLowerCase()} precision`, { details: { column } });
  }
  return count / (from / to);
}
