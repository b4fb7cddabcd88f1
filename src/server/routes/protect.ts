// POST /v1/protect: a batch of records through a data contract's operators (src/pipeline's
// protectRecords: check against the contract, transform, tokenize through the vault). The contract
// is named, never sent: `<contracts dir>/<name>.yaml|.yml|.json`, the name a plain file stem, and the
// resolved path checked to stay inside the folder (no traversal, no absolute paths).
// As cordon protect does (docs/consent.md, docs/erasure.md): on a dataset with a subject column the
// records of erased subjects (tombstones) are left out, and where the contract requires consent so
// are the records whose subject holds no grant of the request's purpose in the consent registry;
// both counted, and the answer says which input rows its records are. Must never: echo a subject id.
import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import { parseContract } from '../../contracts/parse-contract.js';
import { contractFolderOptions } from '../catalog.js';
import { selectDataset } from '../../contracts/select-dataset.js';
import type { Contract } from '../../contracts/types.js';
import { MAX_DEPTH, recordView } from '../../io/record.js';
import { Instant, LocalDate, type TypedRecord, type Value } from '../../io/value.js';
import { loadOperatorKeys } from '../../pipeline/operator-keys.js';
import { planColumns, planPurposes } from '../../pipeline/column-plan.js';
import { protectRecords } from '../../pipeline/protect-records.js';
import { Purpose, type RouteSpec } from '../route.js';
import { recordHandlerEvent } from '../handler-audit.js';
import { admitRecords, type Admitted } from '../admit-records.js';
import { MAX_VALUE_LENGTH } from './tokens.js';

/** Most records in one protect request. */
export const MAX_RECORDS = 1000;
const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*$';
const NAME_RE = new RegExp(NAME_PATTERN);
const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Values in one record, counting every nested one (the body limit applies as well). */
const MAX_VALUES_PER_RECORD = 4096;

const JsonValue = Type.Unknown({
  description: `a string (at most ${MAX_VALUE_LENGTH} characters), number, boolean, null, or an object or array of them nested at most ${MAX_DEPTH} levels; `
    + 'a nested field is addressed in the contract by its dotted path (user.email). Types and nesting are kept in the answer for every column an operator does not change; '
    + 'a changed value has the operator\'s output type (docs/operators.md). Integers beyond 2^53 do not survive JSON numbers: send them as strings.',
});

const ProtectBody = Type.Object({
  contract: Type.String({ pattern: NAME_PATTERN, maxLength: 128, description: 'a contract file stem in the server\'s contracts folder' }),
  dataset: Type.Optional(Type.String({ pattern: NAME_PATTERN, maxLength: 128, description: 'the contract\'s dataset (default: its only one)' })),
  records: Type.Array(
    Type.Record(Type.String({ maxLength: 256 }), JsonValue, { maxProperties: 512 }),
    { minItems: 1, maxItems: MAX_RECORDS },
  ),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: false });

/** The contract `name` in `dir`; ERR_INPUT_INVALID for a name that could leave it, ERR_NOT_FOUND-like input error when absent. */
export function readNamedContract(dir: string | undefined, name: string): Contract {
  if (dir === undefined) throw new CordonError('ERR_WORKSPACE_MISSING', 'this server has no contracts folder configured');
  if (!NAME_RE.test(name) || name.length > 128) throw new CordonError('ERR_INPUT_INVALID', 'a contract name is a file stem: letters, digits, "_", "-" and inner dots');
  const root = resolve(dir);
  for (const ext of EXTENSIONS) {
    const path = resolve(join(root, name + ext));
    if (!path.startsWith(root + sep)) throw new CordonError('ERR_INPUT_INVALID', 'a contract name is a file stem: letters, digits, "_", "-" and inner dots');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    return parseContract(text, contractFolderOptions(root));
  }
  throw new CordonError('ERR_INPUT_INVALID', 'no contract by that name');
}

async function* each(records: readonly TypedRecord[]): AsyncGenerator<TypedRecord> {
  yield* records;
}

/** Whether the named contract's dataset requires consent; false when it cannot be read (the handler then answers, after the policy). */
function consentRequired(dir: string | undefined, b: Static<typeof ProtectBody>): boolean {
  try {
    return selectDataset(readNamedContract(dir, b.contract), b.dataset).consent?.required === true;
  } catch {
    return false;
  }
}

/**
 * The pipeline numbers the rows it was given (1, 2, …); with rows left out those are not the
 * request's. A CordonError naming a row (details.row, message "row N…") is renamed to the input row.
 */
function inputRow(e: unknown, rows: readonly number[]): unknown {
  if (!(e instanceof CordonError) || typeof e.details?.['row'] !== 'number') return e;
  const at = rows[e.details['row'] - 1];
  if (at === undefined || at + 1 === e.details['row']) return e;
  return new CordonError(e.code, e.message.replace(/^row \d+/, `row ${at + 1}`), { details: { ...e.details, row: at + 1 }, cause: e.cause });
}


/**
 * Checks one request record's values without recursion: nesting, string length and count bounded,
 * so no later step (flattening, JSON text of arrays) walks an unbounded structure. Names the row, never a value.
 */
function checkRecordValues(record: unknown, row: number): void {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: record, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (++count > MAX_VALUES_PER_RECORD) throw new CordonError('ERR_INPUT_INVALID', `row ${row}: more than ${MAX_VALUES_PER_RECORD} values`);
    if (typeof v === 'string') {
      if (v.length > MAX_VALUE_LENGTH) throw new CordonError('ERR_INPUT_INVALID', `row ${row}: a string longer than ${MAX_VALUE_LENGTH} characters`);
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) throw new CordonError('ERR_INPUT_INVALID', `row ${row}: values nested deeper than ${MAX_DEPTH} levels`);
      for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push({ v: x, depth: depth + 1 });
    }
  }
}

/**
 * A protected value as JSON: JSON's own types as they are; a date or timestamp as ISO text; an
 * integer the operator made as a bigint as a number when a double holds it exactly, else refused
 * (a JSON number would round it silently).
 */
function toWire(v: Value, row: number): unknown {
  if (typeof v === 'bigint') {
    if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
    throw new CordonError('ERR_INPUT_INVALID', `row ${row}: an output integer beyond 2^53 cannot be a JSON number; send such values as strings`);
  }
  if (v instanceof LocalDate || v instanceof Instant) return v.toString();
  if (v instanceof Uint8Array) return null;
  if (Array.isArray(v)) return (v as readonly Value[]).map((x) => toWire(x, row));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v as { readonly [key: string]: Value }).map(([k, x]) => [k, toWire(x, row)]));
  return v;
}

export const protectRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/protect', summary: 'a batch of records protected under a named data contract, in order', tags: ['protect'],
    action: 'protect',
    // The contract's tenant and owner (from the catalog, never the request) so forbid.cross-tenant applies.
    resource: ({ body }, deps) => {
      const b = body as Static<typeof ProtectBody>;
      return { type: 'dataset', id: b.dataset ?? b.contract, attributes: { contract: b.contract, ...deps.catalog?.contract(b.contract) } };
    },
    consentPerRecord: ({ body }, deps) => consentRequired(deps.contractsDir, body as Static<typeof ProtectBody>),
    body: ProtectBody,
    response: Type.Object({
      records: Type.Array(Type.Record(Type.String(), Type.Unknown({ description: 'the record with its types and nesting; changed values in their operator\'s output type' }))),
      rows: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { description: 'for a dataset with a subject column (primaryKey): the 1-based input row of each returned record; the rows missing were left out (erased subject, or no consent)' })),
      erased: Type.Optional(Type.Integer({ minimum: 0, description: 'records left out because their subject was erased (a tombstone, docs/erasure.md)' })),
      withoutConsent: Type.Optional(Type.Integer({ minimum: 0, description: 'records left out because their subject holds no grant of the purpose (contracts with cordonConsent, docs/consent.md)' })),
    }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof ProtectBody>;
      const contract = readNamedContract(ctx.deps.contractsDir, b.contract);
      const dataset = selectDataset(contract, b.dataset);
      // A column name the caller sent is never reflected in an error (the pipeline's message names it).
      const declared = new Set(dataset.columns.map((c) => c.name));
      const records = b.records as readonly TypedRecord[];
      records.forEach((r, i) => {
        checkRecordValues(r, i + 1);
        // Nested fields are columns by their dotted path (user.email), as the contract names them.
        if (Object.keys(recordView(r).record).some((k) => !declared.has(k))) throw new CordonError('ERR_INPUT_INVALID', `row ${i + 1}: a column that is not in the contract`);
      });
      const plan = planColumns(dataset);
      const keys = await loadOperatorKeys(ctx.deps.keyring, planPurposes(plan));
      const out: unknown[] = [];
      const consented = dataset.consent?.required === true;
      const run = { contract: contract.id, contractSha256: contract.sha256, dataset: dataset.name, rowsIn: records.length, ...(consented && ctx.purpose !== undefined ? { purpose: ctx.purpose } : {}) };
      let admitted: Admitted;
      try {
        admitted = await admitRecords(records, contract.id, dataset, ctx);
      } catch (e) {
        recordHandlerEvent(ctx, { type: 'protect.run', outcome: 'failure', reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL', attributes: run });
        throw e;
      }
      const left = {
        ...(dataset.subject !== undefined ? { rowsErased: admitted.erased } : {}),
        ...(consented ? { rowsWithoutConsent: admitted.withoutConsent } : {}),
      };
      try {
        for await (const r of protectRecords(each(admitted.rows.map((i) => records[i]!)), { dataset, plan, keys, ...(ctx.deps.vault ? { vault: ctx.deps.vault } : {}) })) out.push(toWire(r, admitted.rows[out.length]! + 1));
      } catch (caught) {
        const e = inputRow(caught, admitted.rows);
        // As the CLI's protect.run: on undeclared personal data, the entity kinds found (never a value).
        recordHandlerEvent(ctx, { type: 'protect.run', outcome: 'failure', reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL', attributes: {
          ...run,
          ...(e instanceof CordonError && e.code === 'ERR_UNDECLARED_PERSONAL_DATA' && typeof e.details?.['entities'] === 'string' ? { entities: e.details['entities'] } : {}),
        } });
        throw e;
      }
      recordHandlerEvent(ctx, { type: 'protect.run', outcome: 'success', attributes: { ...run, ...left, rowsOut: out.length } });
      return {
        records: out,
        ...(dataset.subject !== undefined ? { rows: admitted.rows.map((i) => i + 1), erased: admitted.erased } : {}),
        ...(consented ? { withoutConsent: admitted.withoutConsent } : {}),
      };
    },
  },
];
