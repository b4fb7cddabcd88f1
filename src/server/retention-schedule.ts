// `cordon serve`'s retention schedule (config `retention: { schedule: { intervalSeconds }, receipts }`,
// docs/retention.md#scheduled): every interval, in the background and never on a request's path,
// the cordonRetention of the contracts in contracts.dir is applied as `cordon retention apply`
// would (resuming a run a crash left unfinished), its receipt written into the receipts folder.
// Runs never overlap: the next is timed from the end of the last. Each run is audited (the
// `retention.apply` event; a failure too, with its code) and counted in the metrics. Stopping waits
// for a run in progress, so the stores it uses are not closed under it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditEvent } from '../audit/make-event.js';
import type { AuditSink } from '../audit/event.js';
import { parseContract } from '../contracts/parse-contract.js';
import type { Contract } from '../contracts/types.js';
import { CordonError } from '../errors.js';
import type { RetentionRunResult } from '../retention/run-retention.js';
import { contractFolderOptions } from './catalog.js';
import type { Metrics } from './metrics.js';

export interface RetentionScheduleOptions {
  readonly intervalMs: number;
  /** One run over the contracts (the shell opens the stores and signs the receipt). */
  readonly run: (contracts: readonly Contract[]) => Promise<RetentionRunResult>;
  readonly contractsDir: string;
  readonly metrics: Metrics;
  /** Where a failed run is recorded. */
  readonly audit: AuditSink;
  readonly principal: string;
  /** Told of each failure (the server's log); never given a value. */
  readonly onError?: (code: string) => void;
}

export interface RetentionSchedule {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Every contract (`*.yaml`, `*.yml`, `*.json`) in `dir`, read anew for each run. */
export function readContractsIn(dir: string): Contract[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.(?:ya?ml|json)$/.test(n)).sort();
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read the contracts folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return names.map((n) => {
    try {
      return parseContract(readFileSync(join(dir, n), 'utf8'), contractFolderOptions(dir));
    } catch (e) {
      if (e instanceof CordonError) throw new CordonError(e.code, `${n}: ${e.message}`);
      throw e;
    }
  });
}

/**
 * Starts the schedule: the first run one interval after start.
 *
 * @example
 * ```ts
 * const schedule = startRetentionSchedule({ intervalMs: 3_600_000, run, contractsDir, metrics, audit, principal: 'server' });
 * await schedule.stop();
 * ```
 */
export function startRetentionSchedule(o: RetentionScheduleOptions): RetentionSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const once = async (): Promise<void> => {
    try {
      const { state } = await o.run(readContractsIn(o.contractsDir));
      o.metrics.retentionRuns.inc({ outcome: 'success' });
      o.metrics.retentionRemoved.inc({ tier: 'outputs' }, state.outputs.filter((x) => x.status === 'removed').length);
      o.metrics.retentionRemoved.inc({ tier: 'column_outputs' }, (state.columnOutputs ?? []).filter((x) => x.status === 'aged').length);
      o.metrics.retentionRemoved.inc({ tier: 'tokens' }, state.vault?.deleted ?? 0);
      o.metrics.retentionRemoved.inc({ tier: 'key_versions' }, state.keys?.destroyed ?? 0);
      o.metrics.retentionRemoved.inc({ tier: 'subject_keys' }, state.subjectKeys?.destroyed ?? 0);
      o.metrics.retentionRemoved.inc({ tier: 'rag_chunks' }, state.rag?.deleted ?? 0);
      o.metrics.retentionLastSuccess.set(Date.now() / 1000);
    } catch (e) {
      const code = e instanceof CordonError ? e.code : 'ERR_INTERNAL';
      o.metrics.retentionRuns.inc({ outcome: 'failure' });
      o.audit.emit(auditEvent({ type: 'retention.apply', outcome: 'failure', principal: o.principal, reason: code }));
      o.onError?.(code);
    }
  };
  const arm = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = once().finally(() => { running = undefined; arm(); });
    }, o.intervalMs);
    timer.unref();
  };
  arm();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
