// The protect step over records: each column's operator from the contract applied to every value,
// vault tokenization in one batch per column per block of records (no round trip per value), row
// order kept. A record with a column the contract does not declare, or without a required column,
// stops the run with its row number: the contract must describe the data (fail closed).
import { CordonError } from '../errors.js';
import type { ContractDataset } from '../contracts/types.js';
import type { DatasetRecord } from '../io/record.js';
import { prepareOperator, type PreparedOperator } from '../transform/registry.js';
import type { KeyPurpose, OperatorKeys } from '../transform/types.js';

/** The vault as the protect step needs it. */
export interface Tokenizer {
  tokenize(namespace: string, values: readonly string[]): Promise<string[]>;
}

/** Which key purpose each keyed operator needs. */
export const OPERATOR_PURPOSES: Readonly<Record<string, readonly KeyPurpose[]>> = {
  hash: ['mac'], 'date-shift': ['mac'], deterministic: ['deterministic'], fpe: ['fpe'], encrypt: ['envelope'],
};

export interface ColumnPlan {
  readonly name: string;
  readonly operator: string;
  /** For tokenize: the vault namespace. */
  readonly namespace?: string;
  readonly prepared?: PreparedOperator;
}

/** Resolves every column's operator once, before any data is read. */
export function planColumns(dataset: ContractDataset): ColumnPlan[] {
  return dataset.columns.map((c) => {
    const spec = c.protect ?? { operator: c.classification === 'public' || c.classification === 'internal' ? 'keep' : 'redact', params: {} };
    if (spec.operator === 'tokenize') return { name: c.name, operator: 'tokenize', namespace: `${dataset.name}.${c.name}` };
    if (spec.operator === 'text') throw new CordonError('ERR_CONTRACT_INVALID', `column ${JSON.stringify(c.name)}: the text operator is not available in this version of cordon protect`);
    return { name: c.name, operator: spec.operator, prepared: prepareOperator(spec.operator, spec.params) };
  });
}

/** Key purposes a plan needs. */
export function planPurposes(plan: readonly ColumnPlan[]): KeyPurpose[] {
  return [...new Set(plan.flatMap((p) => OPERATOR_PURPOSES[p.operator] ?? []))];
}

/**
 * Protects records block by block. `firstRow` numbers rows for errors (1-based data rows).
 */
export async function* protectRecords(records: AsyncIterable<DatasetRecord>, input: { dataset: ContractDataset; plan: readonly ColumnPlan[]; keys: OperatorKeys; vault?: Tokenizer; block?: number; onBlock?: (rows: number) => void }): AsyncGenerator<Record<string, string | null>> {
  const declared = new Set(input.plan.map((p) => p.name));
  const required = input.dataset.columns.filter((c) => c.required).map((c) => c.name);
  const block = input.block ?? 2000;
  let row = 0;
  let buf: DatasetRecord[] = [];
  const flush = async function* (this: void): AsyncGenerator<Record<string, string | null>> {
    const out: Array<Record<string, string | null>> = buf.map(() => ({}));
    const placeholders = buf.map(() => new Map<string, Map<string, number>>());
    for (const p of input.plan) {
      if (p.operator === 'tokenize') {
        const idx: number[] = [];
        const values: string[] = [];
        buf.forEach((r, i) => {
          const v = r[p.name];
          if (v !== null && v !== undefined && v !== '') { idx.push(i); values.push(v); }
          else out[i]![p.name] = v ?? null;
        });
        if (values.length > 0) {
          if (input.vault === undefined) throw new CordonError('ERR_INTERNAL', 'tokenize needs a vault');
          const tokens = await input.vault.tokenize(p.namespace!, values);
          idx.forEach((i, k) => { out[i]![p.name] = tokens[k]!; });
        }
        continue;
      }
      const op = p.prepared!;
      buf.forEach((r, i) => {
        const v = r[p.name];
        if (v === null || v === undefined || v === '') { out[i]![p.name] = v ?? null; return; }
        let res: string | null;
        try {
          res = op.apply(v, { dataset: input.dataset.name, field: p.name, keys: input.keys, placeholders: placeholders[i]! });
        } catch (e) {
          // The operator's message never holds the value; add where it happened.
          if (e instanceof CordonError) throw new CordonError(e.code, `row ${row - buf.length + i + 1}, column ${JSON.stringify(p.name)}: ${e.message}`, { details: { row: row - buf.length + i + 1, column: p.name } });
          throw e;
        }
        if (res !== null) out[i]![p.name] = res;
      });
    }
    for (const o of out) yield o;
    input.onBlock?.(buf.length);
    buf = [];
  };
  for await (const r of records) {
    row++;
    for (const k of Object.keys(r)) if (!declared.has(k)) throw new CordonError('ERR_INPUT_INVALID', `row ${row}: column ${JSON.stringify(k)} is not in the contract; declare it (cordon contract init drafts one)`, { details: { row, column: k } });
    for (const k of required) if (r[k] === null || r[k] === undefined || r[k] === '') throw new CordonError('ERR_INPUT_INVALID', `row ${row}: required column ${JSON.stringify(k)} is empty`, { details: { row, column: k } });
    buf.push(r);
    if (buf.length >= block) yield* flush();
  }
  if (buf.length > 0) yield* flush();
}
