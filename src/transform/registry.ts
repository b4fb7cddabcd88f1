// The operators by name, and `prepareOperator`, which parses a contract's params once (when the
// contract loads, STYLE pattern 8) and returns the operator bound to them.
import { CordonError } from '../errors.js';
import type { ColumnResult, Operator, OperatorContext, OutputType } from './types.js';
import { keep } from './operators/keep.js';
import { drop } from './operators/drop.js';
import { redact } from './operators/redact.js';
import { mask } from './operators/mask.js';
import { hash } from './operators/hash.js';
import { deterministic } from './operators/deterministic.js';
import { fpe } from './operators/fpe.js';
import { encrypt } from './operators/encrypt.js';
import { generalize } from './operators/generalize.js';
import { dateShift } from './operators/date-shift.js';
import { text } from './operators/text.js';

export const OPERATORS = {
  keep, drop, redact, mask, hash, deterministic, fpe, encrypt, generalize, 'date-shift': dateShift, text,
} as const satisfies Record<string, Operator<unknown>>;

export type OperatorName = keyof typeof OPERATORS;

/** Looks an operator up by name; unknown names are ERR_INPUT_INVALID. */
export function getOperator(name: string): Operator<unknown> {
  if (!Object.hasOwn(OPERATORS, name)) {
    throw new CordonError('ERR_INPUT_INVALID', `unknown operator ${JSON.stringify(name)} (expected one of ${Object.keys(OPERATORS).join(', ')})`, { details: { operator: name } });
  }
  return OPERATORS[name as OperatorName] as Operator<unknown>;
}

/** An operator with its params parsed and bound. */
export interface PreparedOperator {
  readonly name: string;
  readonly reversible: boolean;
  readonly params: unknown;
  /** The type of the output (types.ts OutputType). */
  readonly output: OutputType;
  apply(value: string, ctx: OperatorContext): string | null;
  /** Present when the operator has it (types.ts Operator.applyColumn). */
  applyColumn?(values: readonly string[], ctx: OperatorContext): ColumnResult;
  /** Present only for reversible operators. */
  invert?(token: string, ctx: OperatorContext): string;
}

/**
 * Validates `rawParams` for operator `name` and binds them.
 *
 * @example
 * ```ts
 * const op = prepareOperator('mask', { keepLast: 4 }); // throws ERR_INPUT_INVALID on bad params
 * op.apply('4111111111111111', ctx); // '************1111'
 * ```
 */
export function prepareOperator(name: string, rawParams?: unknown): PreparedOperator {
  const op = getOperator(name);
  const params = op.parseParams(rawParams);
  const invert = op.invert;
  const prepared: { -readonly [K in keyof PreparedOperator]: PreparedOperator[K] } = {
    name: op.name,
    reversible: op.reversible,
    params,
    output: op.output?.(params) ?? 'string',
    apply: (value, ctx) => op.apply(value, params, ctx),
  };
  const column = op.applyColumn;
  if (column !== undefined) prepared.applyColumn = (values, ctx) => column.call(op, values, params, ctx);
  return invert === undefined ? prepared : { ...prepared, invert: (token, ctx) => invert.call(op, token, params, ctx) };
}
