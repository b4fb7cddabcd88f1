// Worker-thread entry for protect runs on large inputs: it plans the contract's columns itself
// (operators and the text detector are built here, once per worker), then answers block messages
// with applyBlock's result. Key material arrives once, in workerData, as the primary version per
// purpose the plan needs; it never leaves this process.
import { parentPort, workerData } from 'node:worker_threads';
import { CordonError } from '../errors.js';
import type { ContractDataset } from '../contracts/types.js';
import type { DatasetRecord } from '../io/record.js';
import type { KeyMaterial, KeyPurpose, OperatorKeys } from '../transform/types.js';
import { applyBlock, toBlockError, type BlockResult } from './apply-block.js';
import type { BlockReply, BlockRequest } from './block-worker-pool.js';
import { recordChecker } from './check-records.js';
import { planColumns } from './column-plan.js';

/** What a protect worker starts with. */
export interface ProtectWorkerData {
  readonly dataset: ContractDataset;
  readonly keys: ReadonlyArray<readonly [KeyPurpose, KeyMaterial]>;
  readonly quarantine: boolean;
}

/** One block of records and their 1-based rows, as the worker receives it (with the pool's id). */
export interface ProtectBlock {
  readonly records: readonly DatasetRecord[];
  readonly rows: readonly number[];
}

function operatorKeys(entries: ProtectWorkerData['keys']): OperatorKeys {
  const byPurpose = new Map(entries);
  return {
    material(purpose) {
      const m = byPurpose.get(purpose);
      if (m === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `no ${purpose} key was loaded for this run`);
      return m;
    },
    materialVersion(purpose, version) {
      const m = byPurpose.get(purpose);
      if (m === undefined || m.version !== version) throw new CordonError('ERR_KEY_NOT_FOUND', `version ${version} of the ${purpose} key is not loaded in this worker`);
      return m.material;
    },
  };
}

if (parentPort !== null) {
  const port = parentPort;
  const data = workerData as ProtectWorkerData;
  let setup: Omit<Parameters<typeof applyBlock>[2], never> | undefined;
  let setupError: ReturnType<typeof toBlockError> | undefined;
  try {
    setup = { dataset: data.dataset, plan: planColumns(data.dataset), keys: operatorKeys(data.keys), checker: recordChecker(data.dataset), quarantine: data.quarantine };
  } catch (e) {
    setupError = toBlockError(e);
  }
  port.on('message', (m: BlockRequest<ProtectBlock>) => {
    const reply: BlockReply<BlockResult> = setup === undefined
      ? { id: m.id, out: [], quarantined: [], error: setupError! }
      : { id: m.id, ...applyBlock(m.records, m.rows, setup) };
    port.postMessage(reply);
  });
}
