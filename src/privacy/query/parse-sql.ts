// The small SQL subset `cordon dp query --sql` accepts, parsed into a DpQuery's shape:
//   SELECT [g,] COUNT(*) | SUM(c) | AVG(c) | MEDIAN(c) | QUANTILE(c, 0.9) [AS name]
//   FROM <dataset> [WHERE col = 'value' [AND col = 'value' ...]] [GROUP BY g]
// Nothing else: no joins, no expressions, no OR, no subqueries, one aggregate. A hand-written
// tokenizer and recursive descent, linear in the input, which is bounded (2,000 characters).
import { CordonError } from '../../errors.js';
import type { DpStat } from './dp-query.js';

export interface ParsedDpSql {
  readonly stat: DpStat;
  readonly column?: string;
  readonly alpha?: number;
  readonly by?: string;
  readonly from: string;
  readonly where: Readonly<Record<string, string>>;
}

type Tok = { t: 'id' | 'str' | 'num' | 'sym'; v: string };

const MAX_SQL = 2000;
const bad = (m: string): never => {
  throw new CordonError('ERR_INPUT_INVALID', `--sql: ${m} (docs/privacy.md lists the SQL Cordon accepts)`);
};

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < s.length && /[A-Za-z0-9_.-]/.test(s[j]!)) j++;
      out.push({ t: 'id', v: s.slice(i, j) });
      i = j;
    } else if (ch === '"') {
      const j = s.indexOf('"', i + 1);
      if (j < 0) bad('an unclosed "quoted name"');
      out.push({ t: 'id', v: s.slice(i + 1, j) });
      i = j + 1;
    } else if (ch === "'") {
      let v = '';
      let j = i + 1;
      for (;;) {
        if (j >= s.length) bad('an unclosed \'string\'');
        if (s[j] === "'") {
          if (s[j + 1] === "'") { v += "'"; j += 2; continue; }
          break;
        }
        v += s[j++];
      }
      out.push({ t: 'str', v });
      i = j + 1;
    } else if (/[0-9.]/.test(ch)) {
      let j = i + 1;
      while (j < s.length && /[0-9.eE+-]/.test(s[j]!)) j++;
      out.push({ t: 'num', v: s.slice(i, j) });
      i = j;
    } else if ('(),*=;'.includes(ch)) {
      out.push({ t: 'sym', v: ch });
      i++;
    } else bad(`unexpected character ${JSON.stringify(ch)}`);
  }
  return out;
}

/**
 * @example
 * ```ts
 * parseDpSql("SELECT region, COUNT(*) FROM visits WHERE year = '2024' GROUP BY region")
 * // { stat: 'count', by: 'region', from: 'visits', where: { year: '2024' } }
 * ```
 */
export function parseDpSql(sql: string): ParsedDpSql {
  if (sql.length > MAX_SQL) bad(`at most ${MAX_SQL} characters`);
  const toks = tokenize(sql);
  let i = 0;
  const peek = () => toks[i];
  const kw = (w: string) => peek()?.t === 'id' && peek()!.v.toUpperCase() === w;
  const expectKw = (w: string) => (kw(w) ? void i++ : bad(`expected ${w}`));
  const sym = (c: string) => (peek()?.t === 'sym' && peek()!.v === c ? (i++, true) : false);
  const expectSym = (c: string) => (sym(c) ? undefined : bad(`expected "${c}"`));
  const ident = (what: string): string => {
    const t = peek();
    if (t?.t !== 'id') return bad(`expected ${what}`);
    i++;
    return t.v;
  };
  expectKw('SELECT');
  let group: string | undefined;
  const AGGS = ['COUNT', 'SUM', 'AVG', 'MEDIAN', 'QUANTILE'];
  if (!AGGS.some(kw) || toks[i + 1]?.v !== '(') {
    group = ident('a column or an aggregate');
    expectSym(',');
  }
  const agg = ident('an aggregate').toUpperCase();
  if (!AGGS.includes(agg)) bad(`the aggregate must be one of ${AGGS.join(', ')}`);
  expectSym('(');
  let stat: DpStat;
  let column: string | undefined;
  let alpha: number | undefined;
  if (agg === 'COUNT') {
    expectSym('*');
    stat = 'count';
  } else {
    column = ident('a column');
    stat = agg === 'SUM' ? 'sum' : agg === 'AVG' ? 'mean' : 'quantile';
    if (agg === 'QUANTILE') {
      expectSym(',');
      const t = peek();
      if (t?.t !== 'num') bad('QUANTILE(column, q) needs a number q between 0 and 1');
      i++;
      alpha = Number(t!.v);
      if (!(alpha > 0 && alpha < 1)) bad('QUANTILE(column, q) needs a number q between 0 and 1');
    } else if (agg === 'MEDIAN') alpha = 0.5;
  }
  expectSym(')');
  if (kw('AS')) { i++; ident('a name'); }
  expectKw('FROM');
  const from = ident('the dataset');
  const where: Record<string, string> = {};
  if (kw('WHERE')) {
    i++;
    for (;;) {
      const col = ident('a column');
      expectSym('=');
      const t = peek();
      if (t?.t !== 'str' && t?.t !== 'num') bad('WHERE compares a column with a \'string\' or a number');
      i++;
      if (col in where) bad(`WHERE names ${col} twice`);
      where[col] = t!.v;
      if (!kw('AND')) break;
      i++;
    }
  }
  let by: string | undefined;
  if (kw('GROUP')) {
    i++;
    expectKw('BY');
    by = ident('a column');
  }
  sym(';');
  if (i !== toks.length) bad(`unexpected ${JSON.stringify(toks[i]!.v)}`);
  if ((group === undefined) !== (by === undefined) || (group !== undefined && group !== by)) bad('select the GROUP BY column and only it beside the aggregate');
  return { stat, ...(column !== undefined ? { column } : {}), ...(alpha !== undefined ? { alpha } : {}), ...(by !== undefined ? { by } : {}), from, where };
}
