// `cordon risk`: re-identification risk of a dataset over the quasi-identifiers its contract marks
// (k-anonymity, ℓ-diversity, t-closeness, ARX attacker risks) and, with --k, the least generalization
// reaching a target (docs/privacy.md). Parse → call the library (src/privacy/risk/) → print. Prints
// figures only, never a value of the data.
import type { Command } from 'commander';
import { selectDataset } from '../../contracts/select-dataset.js';
import { CordonError } from '../../errors.js';
import { DATASET_FILE_HELP, readRecords } from '../../io/dataset.js';
import { assessRisk, type RiskAssessment } from '../../privacy/risk/assess-risk.js';
import type { RiskReport } from '../../privacy/risk/risk-report.js';
import { addDatasetReadOptions, datasetReadOptions, type DatasetReadFlags } from '../options.js';
import { readContract } from '../workspace-data.js';

const wholeNumber = (name: string) => (v: string): number => {
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw new CordonError('ERR_USAGE', `${name} expects a whole number ≥ 1`);
  return Number(v);
};
const percent = (name: string) => (v: string): number => {
  const m = /^(\d{1,3}(?:\.\d+)?)%?$/.exec(v);
  if (m === null || Number(m[1]) > 100) throw new CordonError('ERR_USAGE', `${name} expects a percentage 0–100`);
  return Number(m[1]) / 100;
};
const fraction = (name: string) => (v: string): number => {
  const x = Number(v);
  if (!/^(?:0?\.\d+|1(?:\.0*)?)$/.test(v) || !(x > 0 && x <= 1)) throw new CordonError('ERR_USAGE', `${name} expects a number in (0, 1]`);
  return x;
};

interface RiskFlags extends DatasetReadFlags { contract: string; dataset?: string; k?: number; l?: number; suppress?: number; threshold?: number; json?: boolean }

const r4 = (x: number): number => Number(x.toPrecision(6));

/** The report as JSON: figures only. */
export function riskReportJson(r: RiskReport): Record<string, unknown> {
  return {
    records: r.records, suppressed: r.suppressed, classes: r.classes, k: r.k, averageClassSize: r4(r.averageClassSize), classSizes: r.classSizes,
    sensitive: r.sensitive.map((s) => ({ column: s.column, distance: s.distance, distinctL: s.distinctL, entropyL: r4(s.entropyL), t: r4(s.t) })),
    riskThreshold: r.riskThreshold,
    prosecutor: Object.fromEntries(Object.entries(r.prosecutor).map(([k, v]) => [k, r4(v)])),
    journalist: Object.fromEntries(Object.entries(r.journalist).map(([k, v]) => [k, typeof v === 'number' ? r4(v) : v])),
    marketer: { averageRisk: r4(r.marketer.averageRisk) },
  };
}

export function assessmentJson(a: RiskAssessment): Record<string, unknown> {
  return {
    quasiIdentifiers: a.quasiIdentifiers, sensitive: a.sensitive, report: riskReportJson(a.report),
    ...(a.search !== undefined ? {
      search: {
        target: a.search.target, found: a.search.found, nodes: a.search.nodes, evaluated: a.search.evaluated,
        ...(a.search.found ? { generalization: a.search.generalization, loss: r4(a.search.loss!), report: riskReportJson(a.search.report!) } : {}),
      },
    } : {}),
  };
}

const pct = (x: number): string => `${r4(x * 100)}%`;

function printReport(title: string, r: RiskReport): void {
  const out: string[] = [title];
  out.push(`  records ${r.records}${r.suppressed > 0 ? ` (${r.suppressed} suppressed)` : ''}, classes ${r.classes}, k = ${r.k}, mean class size ${r4(r.averageClassSize)}`);
  out.push(`  class sizes: ${r.classSizes.map((b) => `${b.size}: ${b.classes} class(es), ${b.records} record(s)`).join('; ') || 'none'}`);
  for (const s of r.sensitive) out.push(`  ${s.column}: distinct ℓ = ${s.distinctL}, entropy ℓ = ${r4(s.entropyL)}, t = ${r4(s.t)} (${s.distance} distance)`);
  out.push(`  prosecutor: highest risk ${pct(r.prosecutor.highestRisk)} (${pct(r.prosecutor.recordsAtHighestRisk)} of records), average ${pct(r.prosecutor.averageRisk)}, records at risk above ${pct(r.riskThreshold)}: ${pct(r.prosecutor.recordsAtRisk)}`);
  out.push(`  journalist: the same (no population table: the data is its own population)`);
  out.push(`  marketer: ${pct(r.marketer.averageRisk)} of records re-identified on average`);
  process.stdout.write(out.join('\n') + '\n');
}

export function registerRisk(program: Command): void {
  addDatasetReadOptions(program.command('risk')
    .description('re-identification risk of a dataset over its contract\'s quasi-identifiers: k-anonymity, ℓ-diversity, t-closeness, prosecutor/journalist/marketer risk')
    .argument('<dataset>', `the data file: ${DATASET_FILE_HELP}`)
    .requiredOption('-c, --contract <contract.yaml>', 'the contract: cordonRisk marks quasi-identifiers (with hierarchies) and sensitive columns')
    .option('--dataset <name>', 'the contract\'s dataset, when it describes several')
    .option('--k <n>', 'search for the least generalization giving every class at least n records', wholeNumber('--k'))
    .option('--l <n>', 'with --k: and at least n distinct values of each sensitive column', wholeNumber('--l'))
    .option('--suppress <pct>', 'with --k: records that may be suppressed, in percent (default 0)', percent('--suppress'))
    .option('--threshold <risk>', 'a record is at risk when 1/|its class| is above this (default 0.2)', fraction('--threshold'))
    .option('--json', 'print one JSON document: {"quasiIdentifiers", "sensitive", "report": {k, classSizes, sensitive, prosecutor, journalist, marketer}, "search"?}'))
    .addHelpText('after', `
Quasi-identifiers are the columns whose cordonRisk says role: quasi, and columns with a quasi entity
(ZIP_CODE, DATE_OF_BIRTH, AGE, GENDER, …: what \`cordon contract init\` drafts) without one. Sensitive
columns (cordonRisk role: sensitive) get ℓ-diversity and t-closeness. The output holds figures only.
With --k the generalization lattice (every combination of hierarchy levels) is searched for the
node of least precision loss that reaches k (and ℓ) once classes that fail are suppressed, within
--suppress; no such node exits 4 (ERR_RISK_TARGET_UNMET).

Examples:
  cordon risk patients.csv -c patients.odcs.yaml
  cordon risk patients.csv -c patients.odcs.yaml --json
  cordon risk patients.csv -c patients.odcs.yaml --k 5 --l 2 --suppress 2`)
    .action(async (file: string, f: RiskFlags) => {
      if ((f.l !== undefined || f.suppress !== undefined) && f.k === undefined) throw new CordonError('ERR_USAGE', '--l and --suppress set the search target: add --k');
      const contract = readContract(f.contract);
      const dataset = selectDataset(contract, f.dataset);
      const records = [];
      for await (const r of readRecords(file, datasetReadOptions(f))) records.push(r);
      const a = assessRisk(records, dataset, {
        ...(f.threshold !== undefined ? { riskThreshold: f.threshold } : {}),
        ...(f.k !== undefined ? { target: { k: f.k, ...(f.l !== undefined ? { l: f.l } : {}), maxSuppression: f.suppress ?? 0 } } : {}),
      });
      if (f.json) process.stdout.write(JSON.stringify(assessmentJson(a)) + '\n');
      else {
        process.stdout.write(`quasi-identifiers: ${a.quasiIdentifiers.join(', ')}${a.sensitive.length > 0 ? `; sensitive: ${a.sensitive.join(', ')}` : ''}\n`);
        printReport('as it is:', a.report);
        if (a.search?.found) {
          process.stdout.write(`least generalization for k ≥ ${a.search.target.k}${a.search.target.l !== undefined ? `, ℓ ≥ ${a.search.target.l}` : ''} (suppressing ≤ ${pct(a.search.target.maxSuppression)}): ${a.search.generalization!.map((g) => `${g.column} → ${g.to}`).join(', ')}; loss ${r4(a.search.loss!)} (${a.search.evaluated} of ${a.search.nodes} nodes evaluated)\n`);
          printReport('after it:', a.search.report!);
        }
      }
      if (a.search !== undefined && !a.search.found) {
        throw new CordonError('ERR_RISK_TARGET_UNMET', `no generalization of ${a.quasiIdentifiers.length} quasi-identifier(s) reaches k ≥ ${a.search.target.k}${a.search.target.l !== undefined ? ` and ℓ ≥ ${a.search.target.l}` : ''} suppressing at most ${pct(a.search.target.maxSuppression)} of records`, { details: { nodes: a.search.nodes } });
      }
    });
}
