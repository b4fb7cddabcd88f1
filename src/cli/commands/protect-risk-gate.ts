// `cordon protect --require-k N [--require-l N]`: the risk gate's glue for the protect command — the
// gate (src/privacy/risk/release-gate.ts) sees the records written and refuses the release before it
// is put in place; its result becomes a `risk.gate` audit event and a `cordon_risk` OpenLineage run
// facet. Counts only: never a value or a class.
import type { AuditEvent } from '../../audit/event.js';
import { auditEvent } from '../../audit/make-event.js';
import type { Contract } from '../../contracts/types.js';
import { selectDataset } from '../../contracts/select-dataset.js';
import { CordonError } from '../../errors.js';
import { CORDON_PRODUCER } from '../../lineage/types.js';
import { releaseGate, type ReleaseGate } from '../../privacy/risk/release-gate.js';

export const CORDON_RISK_FACET_KEY = 'cordon_risk';
export const CORDON_RISK_FACET_SCHEMA_URL = 'https://cordon.dev/spec/facets/1-0-0/CordonRiskRunFacet.json#/$defs/CordonRiskRunFacet';

export const parseRequire = (name: string) => (v: string): number => {
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw new CordonError('ERR_USAGE', `${name} expects a whole number ≥ 1`);
  return Number(v);
};

/** The gate for `--require-k/--require-l`, or undefined without them. */
export function riskGateFor(contract: Contract, dataset: string | undefined, f: { requireK?: number; requireL?: number; out: string }): ReleaseGate | undefined {
  if (f.requireL !== undefined && f.requireK === undefined) throw new CordonError('ERR_USAGE', '--require-l goes with --require-k (use --require-k 1 for ℓ alone)');
  if (f.requireK === undefined) return undefined;
  // Data already on stdout cannot be withdrawn when the gate refuses it.
  if (f.out === '-') throw new CordonError('ERR_USAGE', '--require-k needs a file output (-o FILE): a release on stdout cannot be withdrawn when it fails');
  return releaseGate(selectDataset(contract, dataset), { k: f.requireK, ...(f.requireL !== undefined ? { l: f.requireL } : {}) });
}

/** The gate's figures as audit attributes (counts only). */
function attributes(gate: ReleaseGate): Record<string, string | number | boolean> {
  const r = gate.result!;
  const l = r.report.sensitive.length > 0 ? Math.min(...r.report.sensitive.map((s) => s.distinctL)) : undefined;
  return {
    require_k: r.target.k, ...(r.target.l !== undefined ? { require_l: r.target.l } : {}), k: r.report.k, classes: r.report.classes, records: r.report.records,
    failing_classes: r.failingClasses, failing_records: r.failingRecords, ...(l !== undefined ? { distinct_l: l } : {}),
    prosecutor_highest: Number(r.report.prosecutor.highestRisk.toPrecision(6)), marketer: Number(r.report.marketer.averageRisk.toPrecision(6)),
  };
}

/** The `risk.gate` audit event of a run whose gate reached a verdict (undefined when it did not run). */
export function riskGateEvent(gate: ReleaseGate | undefined, principal: string, ctx: { contract: string; dataset: string; output: string }): AuditEvent | undefined {
  if (gate?.result === undefined) return undefined;
  const ok = gate.result.passed;
  return auditEvent({ type: 'risk.gate', outcome: ok ? 'success' : 'failure', principal, ...(ok ? {} : { reason: 'ERR_RISK_TARGET_UNMET' }), attributes: { ...ctx, ...attributes(gate) } });
}

/** The `cordon_risk` run facet, when the gate reached a verdict. */
export function riskGateFacets(gate: ReleaseGate | undefined): Record<string, unknown> {
  const r = gate?.result;
  if (r === undefined) return {};
  return {
    [CORDON_RISK_FACET_KEY]: {
      _producer: CORDON_PRODUCER, _schemaURL: CORDON_RISK_FACET_SCHEMA_URL,
      passed: r.passed, requireK: r.target.k, ...(r.target.l !== undefined ? { requireL: r.target.l } : {}),
      quasiIdentifiers: r.quasiIdentifiers, sensitive: r.sensitive, k: r.report.k, classes: r.report.classes, records: r.report.records,
      failingClasses: r.failingClasses, failingRecords: r.failingRecords,
      lDiversity: r.report.sensitive.map((s) => ({ column: s.column, distinctL: s.distinctL, entropyL: Number(s.entropyL.toPrecision(6)), t: Number(s.t.toPrecision(6)) })),
      prosecutorHighestRisk: Number(r.report.prosecutor.highestRisk.toPrecision(6)), prosecutorAverageRisk: Number(r.report.prosecutor.averageRisk.toPrecision(6)),
      marketerRisk: Number(r.report.marketer.averageRisk.toPrecision(6)),
    },
  };
}
