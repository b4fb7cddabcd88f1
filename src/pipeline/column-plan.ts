// The plan of a protect run: each column of the contract's dataset resolved once, before any data is
// read, to its operator (params parsed, detector built for text columns, vault namespace and token
// format for tokenize), and the key purposes the plan needs. The plan is data every stage reads and
// none changes: protect-records, apply-block and the worker threads take it, it imports none of them.
import type { ContractColumn, ContractDataset } from '../contracts/types.js';
import { parseTokenizeParams, type TokenizeParams } from '../contracts/tokenize-params.js';
import { withCustomRecognizers } from '../contracts/with-custom-recognizers.js';
import { vaultNamespace } from '../contracts/vault-namespace.js';
import { resolveProfile } from '../detect/profiles/apply-profile.js';
import { prepareOperator, type PreparedOperator } from '../transform/registry.js';
import type { KeyPurpose } from '../transform/types.js';
import { textSpanOperators, type TextParams } from '../transform/operators/text.js';
import { textSpanFinder, type FindSpans } from './text-spans.js';

/** Which key purpose each keyed operator needs. */
export const OPERATOR_PURPOSES: Readonly<Record<string, readonly KeyPurpose[]>> = {
  hash: ['mac'], 'date-shift': ['mac'], deterministic: ['deterministic'], fpe: ['fpe'], encrypt: ['envelope'],
};

export interface ColumnPlan {
  readonly name: string;
  readonly operator: string;
  /** For tokenize: the vault namespace. */
  readonly namespace?: string;
  /** For tokenize: the token format (contract params format, keepLast). */
  readonly tokenFormat?: TokenizeParams['format'];
  readonly prepared?: PreparedOperator;
  /** For text: the detector, one per run and profile, shared by the text columns. */
  readonly findSpans?: FindSpans;
  /** encrypt with keyScope subject: sealed by protectRecords under the row's subject key (not in the workers). */
  readonly subjectKeyed?: true;
  /** The contract's logicalType: fpe on an integer or number column walks the cycle (transform/number-walk.ts). */
  readonly logicalType?: string;
  /** The contract declares the column `logicalType: array`: the operator applies to each element (io/list-text.ts). */
  readonly list?: true;
}

/** Resolves every column's operator once, before any data is read. */
export function planColumns(dataset: ContractDataset): ColumnPlan[] {
  // One detector per profile, shared by the text columns that use it; the contract's custom recognizers join the built-in ones.
  const recognizers = withCustomRecognizers(dataset.recognizers?.doc);
  const finders = new Map<string, FindSpans>();
  const finder = (profile: string | undefined): FindSpans => {
    let f = finders.get(profile ?? '');
    if (f === undefined) finders.set(profile ?? '', (f = textSpanFinder({ recognizers, ...(profile === undefined ? {} : { profile: resolveProfile(profile).name }) })));
    return f;
  };
  // A column declared logicalType array is protected element by element (io/list-text.ts): the
  // operator is the column's, applied to each element; keep needs no walk.
  return dataset.columns.map((c) => {
    const p = planScalar(dataset, c, finder);
    return c.logicalType === 'array' && p.operator !== 'keep' ? { ...p, list: true } : p;
  });
}

function planScalar(dataset: ContractDataset, c: ContractColumn, finder: (profile: string | undefined) => FindSpans): ColumnPlan {
  const spec = c.protect ?? { operator: c.classification === 'public' || c.classification === 'internal' ? 'keep' : 'redact', params: {} };
  if (spec.operator === 'tokenize') return { name: c.name, operator: 'tokenize', namespace: vaultNamespace(dataset.name, c), tokenFormat: parseTokenizeParams(spec.params).format };
  const prepared = prepareOperator(spec.operator, spec.params);
  if (spec.keyScope === 'subject') return { name: c.name, operator: spec.operator, prepared, subjectKeyed: true };
  if (spec.operator === 'text') return { name: c.name, operator: 'text', prepared, findSpans: finder((prepared.params as TextParams).profile) };
  return { name: c.name, operator: spec.operator, prepared, ...(c.logicalType !== undefined ? { logicalType: c.logicalType } : {}) };
}

/** Key purposes a plan needs. */
export function planPurposes(plan: readonly ColumnPlan[]): KeyPurpose[] {
  const operators = plan.filter((p) => p.subjectKeyed !== true).flatMap((p) => (p.operator === 'text' ? textSpanOperators(p.prepared!.params as TextParams) : [p.operator]));
  return [...new Set(operators.flatMap((o) => OPERATOR_PURPOSES[o] ?? []))];
}
