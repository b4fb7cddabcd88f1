// Generalization hierarchies (cordonRisk, src/contracts/risk-spec.ts) applied to a column: the
// column's values are dictionary-encoded once, then each level maps a distinct raw value to the code
// of its generalized value, so a lattice node costs one table lookup per row and column. Level 0 is
// the value itself and the last level is `*` (the attribute suppressed). Pure. Never puts a value in
// an error: a value that does not fit its hierarchy is counted, not quoted.
import { inferDateFormat, parseDate, type DateFormatParam } from '../../transform/dates.js';
import type { RiskHierarchy } from '../../contracts/risk-spec.js';
import { CordonError } from '../../errors.js';

/** A dictionary-encoded column: `codes[row]` indexes `values`. */
export interface EncodedColumn {
  readonly name: string;
  readonly values: readonly string[];
  readonly codes: Int32Array;
}

/** A quasi-identifier with its hierarchy: `levels[L][rawCode]` is the code at level L, `labels[L]` its values. */
export interface QuasiColumn {
  readonly name: string;
  readonly codes: Int32Array;
  readonly levels: readonly Int32Array[];
  readonly labels: ReadonlyArray<readonly string[]>;
  /** What each level is (`value`, `month`, `prefix 3`, `band 10`, `map 1`, `*`). */
  readonly levelNames: readonly string[];
}

/** Dictionary-encodes one column of string cells (missing cells are ''). */
export function encodeColumn(name: string, cells: readonly string[]): EncodedColumn {
  const index = new Map<string, number>();
  const values: string[] = [];
  const codes = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i]!;
    let c = index.get(v);
    if (c === undefined) {
      c = values.length;
      index.set(v, c);
      values.push(v);
    }
    codes[i] = c;
  }
  return { name, values, codes };
}

const BAND_RE = /^[+-]?\d{1,15}(?:\.\d+)?$/;
// ISO 8601 year-month (a day and a time may follow); every other form as the generalize operator
// reads it with the same `format` (transform/dates.ts: M/D/YYYY, DD/MM/YYYY, DD.MM.YYYY, "17 Mar 1984", …).
const ISO_RE = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?$/;

function yearMonth(v: string, format: DateFormatParam): { year: string; month: string } | undefined {
  const iso = ISO_RE.exec(v.trim());
  if (iso === null) {
    const d = parseDate(v.trim(), format);
    return d === undefined ? undefined : { year: String(d.year).padStart(4, '0'), month: String(d.month).padStart(2, '0') };
  }
  const [year, month, day] = [iso[1]!, iso[2]!, iso[3] ?? '01'];
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(Number(year), m, 0)).getUTCDate()) return undefined;
  return { year, month };
}

/**
 * The generalizers of a hierarchy, one per level above 0 (without the final `*`), and their names.
 * A date hierarchy without a `format` reads `values` in the form they are all written in: 17/03/1984
 * and 02/11/1990 are day first, as `cordon contract init` would declare them, never 11 February.
 */
function steps(h: RiskHierarchy, values: readonly string[]): Array<{ name: string; apply: (v: string) => string | undefined }> {
  switch (h.kind) {
    case 'none':
      return [];
    case 'date': {
      const format = h.format ?? inferDateFormat(values.filter((v) => !ISO_RE.test(v.trim())).map((v) => v.trim())) ?? 'auto';
      return h.levels.map((to) => ({
        name: to,
        apply: (v: string) => {
          const d = yearMonth(v, format);
          if (d === undefined) return undefined;
          return to === 'year' ? d.year : `${d.year}-${d.month}`;
        },
      }));
    }
    case 'prefix':
      return h.keep.map((n) => ({ name: `prefix ${n}`, apply: (v: string) => (v.length <= n ? v : v.slice(0, n) + '*'.repeat(v.length - n)) }));
    case 'bands':
      return h.widths.map((w) => ({
        name: `band ${w}`,
        apply: (v: string) => {
          if (!BAND_RE.test(v.trim())) return undefined;
          const lo = Math.floor(Number(v) / w) * w;
          return `${lo}-${lo + w - 1}`;
        },
      }));
    case 'map': {
      // Level i maps level i-1's values: compose the maps.
      return h.levels.map((_, i) => ({
        name: `map ${i + 1}`,
        apply: (v: string) => {
          let x: string | undefined = v;
          for (let j = 0; j <= i && x !== undefined; j++) x = Object.hasOwn(h.levels[j]!, x) ? h.levels[j]![x] : undefined;
          return x;
        },
      }));
    }
  }
}

/**
 * The levels of `column` under `hierarchy`. A missing value ('') stays '' below `*`. Throws
 * ERR_INPUT_INVALID when a value does not fit the hierarchy (the count, never the value).
 */
export function buildQuasiColumn(column: EncodedColumn, hierarchy: RiskHierarchy): QuasiColumn {
  const identity = Int32Array.from(column.values, (_, i) => i);
  const levels: Int32Array[] = [identity];
  const labels: Array<readonly string[]> = [column.values];
  const levelNames = ['value'];
  for (const step of steps(hierarchy, column.values)) {
    const index = new Map<string, number>();
    const lab: string[] = [];
    const map = new Int32Array(column.values.length);
    let misfits = 0;
    column.values.forEach((v, i) => {
      const g = v === '' ? '' : step.apply(v);
      if (g === undefined) {
        misfits++;
        return;
      }
      let c = index.get(g);
      if (c === undefined) {
        c = lab.length;
        index.set(g, c);
        lab.push(g);
      }
      map[i] = c;
    });
    if (misfits > 0) {
      throw new CordonError('ERR_INPUT_INVALID', `column ${column.name}: ${misfits} distinct value(s) do not fit its ${hierarchy.kind} hierarchy at level ${step.name} (cordonRisk in the contract)`, { details: { column: column.name, kind: hierarchy.kind, level: step.name, misfits } });
    }
    levels.push(map);
    labels.push(lab);
    levelNames.push(step.name);
  }
  levels.push(new Int32Array(column.values.length));
  labels.push(['*']);
  levelNames.push('*');
  return { name: column.name, codes: column.codes, levels, labels, levelNames };
}
