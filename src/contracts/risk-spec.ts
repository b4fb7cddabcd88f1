// cordonRisk: a column's role in re-identification risk analysis (docs/contracts.md, docs/privacy.md).
// Pure parsing, validated when the contract loads; the analysis is in src/privacy/risk/. Shape, on an
// ODCS property's customProperties:
//   { role: quasi, hierarchy: { kind: date, levels: [month, year] } }   dates → month → year → *
//   { role: quasi, hierarchy: { kind: date, format: DD.MM.YYYY } }       how the column writes them (dates.ts)
//   { role: quasi, hierarchy: { kind: prefix, keep: [3, 1] } }          ZIP 02139 → 021** → 0**** → *
//   { role: quasi, hierarchy: { kind: bands, widths: [5, 10, 20] } }     ages 37 → 35-39 → 30-39 → 20-39 → *
//   { role: quasi, hierarchy: { kind: map, levels: [{ flu: respiratory, … }, { respiratory: any, … }] } }
//   { role: quasi }                                                      value → * (no hierarchy)
//   { role: sensitive, distance: ordered }                               l-diversity and t-closeness
// Every hierarchy ends in `*` (the attribute fully suppressed). A column with no cordonRisk whose
// cordonEntity is a quasi-identifier entity (ZIP_CODE, DATE_OF_BIRTH, AGE, GENDER, …: the scanner's
// `quasi` category) is a quasi-identifier with the default hierarchy of its entity (riskRoleOf).
import { ENTITY_CATEGORY } from '../detect/columns/categories.js';
import { DATE_FORMAT_PARAMS, type DateFormatParam } from '../transform/dates.js';
import type { ProtectSpec } from './types.js';

export type RiskHierarchy =
  | { readonly kind: 'none' }
  | {
    readonly kind: 'date';
    readonly levels: readonly ('month' | 'year')[];
    /**
     * How the column writes its dates (transform/dates.ts). Absent: the `format` of the column's
     * generalize or date-shift operator, else the form its own values read in (inferDateFormat).
     */
    readonly format?: DateFormatParam;
  }
  | { readonly kind: 'prefix'; readonly keep: readonly number[] }
  | { readonly kind: 'bands'; readonly widths: readonly number[] }
  | { readonly kind: 'map'; readonly levels: ReadonlyArray<Readonly<Record<string, string>>> };

export type RiskRole =
  | { readonly role: 'quasi'; readonly hierarchy: RiskHierarchy }
  | { readonly role: 'sensitive'; /** t-closeness ground distance (Li et al. 2007): equal for categories, ordered for numbers. */ readonly distance: 'equal' | 'ordered' }
  | { readonly role: 'none' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_LEVELS = 8;

function hierarchyOf(v: unknown, path: string, problems: string[]): RiskHierarchy | undefined {
  if (v === undefined) return { kind: 'none' };
  if (!isObject(v)) {
    problems.push(`${path}: must be an object with a kind (date, prefix, bands or map)`);
    return undefined;
  }
  const allow = (keys: string[]) => {
    for (const k of Object.keys(v)) if (k !== 'kind' && !keys.includes(k)) problems.push(`${path}/${k}: unknown setting for kind ${String(v.kind)}`);
  };
  switch (v.kind) {
    case 'date': {
      allow(['levels', 'format']);
      const levels = v.levels ?? ['month', 'year'];
      const format = v.format;
      if (format !== undefined && !(DATE_FORMAT_PARAMS as readonly unknown[]).includes(format)) {
        problems.push(`${path}/format: must be one of ${DATE_FORMAT_PARAMS.join(', ')}`);
        return undefined;
      }
      if (!Array.isArray(levels) || levels.length === 0 || !levels.every((x) => x === 'month' || x === 'year') || new Set(levels).size !== levels.length || (levels.length === 2 && levels[0] !== 'month')) {
        problems.push(`${path}/levels: must list month and/or year, finest first`);
        return undefined;
      }
      const date = { kind: 'date', levels: levels as ('month' | 'year')[] } as const;
      return format === undefined ? date : { ...date, format: format as DateFormatParam };
    }
    case 'prefix': {
      allow(['keep']);
      const keep = v.keep;
      if (!Array.isArray(keep) || keep.length === 0 || keep.length > MAX_LEVELS || !keep.every((x, i) => Number.isInteger(x) && (x as number) >= 1 && (i === 0 || (x as number) < (keep[i - 1] as number)))) {
        problems.push(`${path}/keep: must list how many leading characters each level keeps, decreasing, each ≥ 1 (e.g. [3, 1])`);
        return undefined;
      }
      return { kind: 'prefix', keep: keep as number[] };
    }
    case 'bands': {
      allow(['widths']);
      const w = v.widths;
      // Each band must nest in the next level's, or the hierarchy is not a tree.
      if (!Array.isArray(w) || w.length === 0 || w.length > MAX_LEVELS || !w.every((x, i) => Number.isInteger(x) && (x as number) >= 2 && (x as number) <= 1e9 && (i === 0 || (x as number) % (w[i - 1] as number) === 0 && (x as number) > (w[i - 1] as number)))) {
        problems.push(`${path}/widths: must list band widths ≥ 2, each a larger multiple of the one before (e.g. [5, 10, 20])`);
        return undefined;
      }
      return { kind: 'bands', widths: w as number[] };
    }
    case 'map': {
      allow(['levels']);
      const levels = v.levels;
      if (!Array.isArray(levels) || levels.length === 0 || levels.length > MAX_LEVELS || !levels.every((m) => isObject(m) && Object.values(m).every((x) => typeof x === 'string' || typeof x === 'number'))) {
        problems.push(`${path}/levels: must list maps from each level's values to the next level's (strings)`);
        return undefined;
      }
      return { kind: 'map', levels: levels.map((m) => Object.fromEntries(Object.entries(m as Record<string, unknown>).map(([a, b]) => [a, String(b)]))) };
    }
    default:
      problems.push(`${path}/kind: must be date, prefix, bands or map`);
      return undefined;
  }
}

/** The role in a cordonRisk value; problems (with `path`) go to `problems`. */
export function parseRiskRole(value: unknown, path: string, problems: string[]): RiskRole | undefined {
  if (!isObject(value)) {
    problems.push(`${path}: must be an object with role quasi, sensitive or none`);
    return undefined;
  }
  switch (value.role) {
    case 'quasi': {
      for (const k of Object.keys(value)) if (k !== 'role' && k !== 'hierarchy') problems.push(`${path}/${k}: unknown setting for role quasi`);
      const hierarchy = hierarchyOf(value.hierarchy, `${path}/hierarchy`, problems);
      return hierarchy === undefined ? undefined : { role: 'quasi', hierarchy };
    }
    case 'sensitive': {
      for (const k of Object.keys(value)) if (k !== 'role' && k !== 'distance') problems.push(`${path}/${k}: unknown setting for role sensitive`);
      const d = value.distance ?? 'equal';
      if (d !== 'equal' && d !== 'ordered') {
        problems.push(`${path}/distance: must be equal (categories) or ordered (numbers)`);
        return undefined;
      }
      return { role: 'sensitive', distance: d };
    }
    case 'none':
      return { role: 'none' };
    default:
      problems.push(`${path}/role: must be quasi, sensitive or none`);
      return undefined;
  }
}

/** The scanner's quasi-identifier entities (src/detect/columns/categories.ts) with a natural hierarchy. */
const DEFAULT_HIERARCHY: Readonly<Record<string, RiskHierarchy>> = {
  ZIP_CODE: { kind: 'prefix', keep: [3, 1] },
  DATE_OF_BIRTH: { kind: 'date', levels: ['month', 'year'] },
  DATE_TIME: { kind: 'date', levels: ['month', 'year'] },
  AGE: { kind: 'bands', widths: [5, 10, 20] },
};

/** The `format` of a column's date operator (generalize kind date, date-shift), when it names one. */
function operatorDateFormat(protect: ProtectSpec | undefined): DateFormatParam | undefined {
  if (protect === undefined || (protect.operator !== 'generalize' && protect.operator !== 'date-shift')) return undefined;
  const f = protect.params.format;
  return (DATE_FORMAT_PARAMS as readonly unknown[]).includes(f) ? f as DateFormatParam : undefined;
}

/** A date hierarchy without a `format` takes the one the column's date operator names. */
function withOperatorFormat(role: RiskRole, protect: ProtectSpec | undefined): RiskRole {
  if (role.role !== 'quasi' || role.hierarchy.kind !== 'date' || role.hierarchy.format !== undefined) return role;
  const format = operatorDateFormat(protect);
  return format === undefined ? role : { role: 'quasi', hierarchy: { ...role.hierarchy, format } };
}

/**
 * The risk role of a column: its cordonRisk, else (for an entity the scanner puts in the `quasi`
 * category) a quasi-identifier with its entity's default hierarchy. A date hierarchy that names no
 * `format` reads the column's dates as its generalize or date-shift operator does.
 */
export function riskRoleOf(col: { readonly risk?: RiskRole; readonly entity?: string; readonly protect?: ProtectSpec }): RiskRole {
  if (col.risk !== undefined) return withOperatorFormat(col.risk, col.protect);
  if (col.entity !== undefined && (ENTITY_CATEGORY as Readonly<Record<string, string>>)[col.entity] === 'quasi') return withOperatorFormat({ role: 'quasi', hierarchy: DEFAULT_HIERARCHY[col.entity] ?? { kind: 'none' } }, col.protect);
  return { role: 'none' };
}
