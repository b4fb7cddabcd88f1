// Param parsing shared by the operators: every failure is ERR_INPUT_INVALID naming the operator and
// the param, raised when the contract loads. Unknown params are refused so a typo is not ignored.
import { CordonError } from '../errors.js';

export function invalid(op: string, param: string, rule: string): CordonError {
  return new CordonError('ERR_INPUT_INVALID', `${op}: param "${param}" ${rule}`, { details: { operator: op, param } });
}

/** The raw params as a plain object (undefined/null mean none); refuses keys not in `allowed`. */
export function paramObject(op: string, raw: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CordonError('ERR_INPUT_INVALID', `${op}: params must be an object`, { details: { operator: op } });
  }
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw invalid(op, k, `is not a parameter of ${op}${allowed.length ? ` (expected one of ${allowed.join(', ')})` : ''}`);
  }
  return obj;
}

export function intParam(op: string, obj: Record<string, unknown>, name: string, def: number, min: number, max: number): number {
  const v = obj[name];
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalid(op, name, `must be an integer in [${min}, ${max}]`);
  return v;
}

export function boolParam(op: string, obj: Record<string, unknown>, name: string, def: boolean): boolean {
  const v = obj[name];
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw invalid(op, name, 'must be true or false');
  return v;
}

export function enumParam<T extends string>(op: string, obj: Record<string, unknown>, name: string, values: readonly T[], def: T): T {
  const v = obj[name];
  if (v === undefined) return def;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw invalid(op, name, `must be one of ${values.join(', ')}`);
  return v as T;
}

/** A scope label: 1–64 printable ASCII characters. Equal scopes (and keys) give joinable outputs. */
export function scopeParam(op: string, obj: Record<string, unknown>, def: string): string {
  const v = obj['scope'];
  if (v === undefined) return def;
  if (typeof v !== 'string' || !/^[\x20-\x7e]{1,64}$/.test(v)) {
    throw invalid(op, 'scope', 'must be 1 to 64 printable ASCII characters');
  }
  return v;
}
