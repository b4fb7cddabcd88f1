// POST /v1/protect: a batch of records through a data contract's operators (src/pipeline's
// protectRecords: check against the contract, transform, tokenize through the vault). The contract
// is named, never sent: `<contracts dir>/<name>.yaml|.yml|.json`, the name a plain file stem, and the
// resolved path checked to stay inside the folder (no traversal, no absolute paths).
import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import { parseContract } from '../../contracts/parse-contract.js';
import { contractFolderOptions } from '../catalog.js';
import { selectDataset } from '../../contracts/select-dataset.js';
import type { Contract } from '../../contracts/types.js';
import { flattenRecord, type DatasetRecord } from '../../io/record.js';
import { loadOperatorKeys } from '../../pipeline/operator-keys.js';
import { planColumns, planPurposes, protectRecords } from '../../pipeline/protect-records.js';
import { Purpose, type RouteSpec } from '../route.js';
import { MAX_VALUE_LENGTH } from './tokens.js';

/** Most records in one protect request. */
export const MAX_RECORDS = 1000;
const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*$';
const NAME_RE = new RegExp(NAME_PATTERN);
const EXTENSIONS = ['.yaml', '.yml', '.json'];

const ProtectBody = Type.Object({
  contract: Type.String({ pattern: NAME_PATTERN, maxLength: 128, description: 'a contract file stem in the server\'s contracts folder' }),
  dataset: Type.Optional(Type.String({ pattern: NAME_PATTERN, maxLength: 128, description: 'the contract\'s dataset (default: its only one)' })),
  records: Type.Array(
    Type.Record(Type.String({ maxLength: 256 }), Type.Union([Type.String({ maxLength: MAX_VALUE_LENGTH }), Type.Null()]), { maxProperties: 512 }),
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

async function* each(records: readonly DatasetRecord[]): AsyncGenerator<DatasetRecord> {
  yield* records;
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
    body: ProtectBody,
    response: Type.Object({
      records: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]))),
    }, { additionalProperties: false }),
    async handler({ body }, ctx) {
      const b = body as Static<typeof ProtectBody>;
      const dataset = selectDataset(readNamedContract(ctx.deps.contractsDir, b.contract), b.dataset);
      // A column name the caller sent is never reflected in an error (the pipeline's message names it).
      const declared = new Set(dataset.columns.map((c) => c.name));
      b.records.forEach((r, i) => {
        if (Object.keys(r).some((k) => !declared.has(k))) throw new CordonError('ERR_INPUT_INVALID', `row ${i + 1}: a column that is not in the contract`);
      });
      const plan = planColumns(dataset);
      const keys = await loadOperatorKeys(ctx.deps.keyring, planPurposes(plan));
      const out: DatasetRecord[] = [];
      // The API speaks strings for now: typed outputs (generalize to a year) are given as their text.
      for await (const r of protectRecords(each(b.records), { dataset, plan, keys, ...(ctx.deps.vault ? { vault: ctx.deps.vault } : {}) })) out.push(flattenRecord(r));
      return { records: out };
    },
  },
];
