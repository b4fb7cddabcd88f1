// `cordon consent import FILE`: consent changes exported from a consent-management platform, as
// CSV (header `subject,purpose[,action][,at]`) or JSON Lines (`{"subject","purpose","action"?,"at"?}`).
// `action` is grant (default) or withdraw; `at` an ISO-8601 time (default: the import's). Pure: the
// whole file is checked before anything is applied, and problems name the line, never a value.
import Papa from 'papaparse';
import { CordonError } from '../errors.js';
import { PURPOSE_RE } from './change-consent.js';

export interface ConsentLine {
  readonly subjectId: string;
  readonly purpose: string;
  readonly action: 'grant' | 'withdraw';
  /** Milliseconds since the epoch; undefined: the import's time. */
  readonly at?: number;
  /** 1-based line of the file (the header is line 1 in CSV). */
  readonly line: number;
}

/** At most this many lines per import (the import is one audit event, apply-import.ts). */
export const MAX_IMPORT_LINES = 1_000_000;

function lineOf(raw: Record<string, unknown>, line: number, problems: string[]): ConsentLine | undefined {
  const { subject, purpose, at } = raw;
  // An empty CSV cell is no action: a grant.
  const action = raw['action'] === undefined || raw['action'] === '' ? 'grant' : raw['action'];
  const bad = (what: string): undefined => { problems.push(`line ${line}: ${what}`); return undefined; };
  if (typeof subject !== 'string' || subject === '') return bad('subject is missing or empty');
  if (typeof purpose !== 'string' || !PURPOSE_RE.test(purpose)) return bad('purpose must be 1-64 letters, digits, ".", "_", ":" or "-"');
  if (action !== 'grant' && action !== 'withdraw') return bad('action must be grant or withdraw');
  let time: number | undefined;
  if (at !== undefined && at !== '') {
    time = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(at) ? Date.parse(at) : Number.NaN;
    if (!Number.isSafeInteger(time) || time < 0) return bad('at must be an ISO-8601 date or time such as 2026-05-01T12:00:00Z');
  }
  return { subjectId: subject, purpose, action, ...(time !== undefined ? { at: time } : {}), line };
}

/**
 * Parses an import file. Lines are returned in time order (a line without `at` counts as `now`),
 * keeping the file's order among equal times, so a grant and a later withdrawal apply in turn.
 */
export function parseConsentImport(text: string, format: 'csv' | 'jsonl', now: number): ConsentLine[] {
  const problems: string[] = [];
  const lines: ConsentLine[] = [];
  if (format === 'jsonl') {
    text.split(/\r?\n/).forEach((l, i) => {
      if (l.trim() === '') return;
      let v: unknown;
      try { v = JSON.parse(l); } catch { problems.push(`line ${i + 1}: not JSON`); return; }
      if (typeof v !== 'object' || v === null || Array.isArray(v)) { problems.push(`line ${i + 1}: not a JSON object`); return; }
      const r = lineOf(v as Record<string, unknown>, i + 1, problems);
      if (r !== undefined) lines.push(r);
    });
  } else {
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    const fields = parsed.meta.fields ?? [];
    if (!fields.includes('subject') || !fields.includes('purpose')) throw new CordonError('ERR_INPUT_INVALID', 'the import\'s header must name the columns subject and purpose (and optionally action, at)');
    parsed.data.forEach((row, i) => {
      const r = lineOf(row, i + 2, problems);
      if (r !== undefined) lines.push(r);
    });
  }
  if (lines.length + problems.length > MAX_IMPORT_LINES) throw new CordonError('ERR_INPUT_INVALID', `an import holds at most ${MAX_IMPORT_LINES} lines: split the file`);
  if (problems.length > 0) throw new CordonError('ERR_INPUT_INVALID', `the import has ${problems.length} problem(s), nothing was applied: ${problems[0]}`, { details: { problems: problems.slice(0, 20).join('; ') } });
  return lines.map((l, i) => ({ l, i })).sort((a, b) => (a.l.at ?? now) - (b.l.at ?? now) || a.i - b.i).map(({ l }) => l);
}
