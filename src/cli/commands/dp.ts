// `cordon dp query` and `cordon dp budget`: differentially private statistics over a contract's
// dataset, paid from the contract's privacy budget in the workspace store (docs/privacy.md). Parse →
// call the library (src/privacy/) → print.
import type { Command } from 'commander';
import { selectDataset } from '../../contracts/select-dataset.js';
import { CordonError } from '../../errors.js';
import { DATASET_FILE_HELP, readRecords } from '../../io/dataset.js';
import { budgetState, type BudgetState } from '../../privacy/accounting/spend-budget.js';
import { DP_STATS, runDpQuery, type DpQuery, type DpQueryResult, type DpStat } from '../../privacy/query/dp-query.js';
import { parseDpSql } from '../../privacy/query/parse-sql.js';
import { resolvePrincipal } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { addDatasetReadOptions, collectContext, datasetReadOptions, type DatasetReadFlags } from '../options.js';
import { readContract } from '../workspace-data.js';

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const parseNum = (name: string) => (v: string): number => {
  if (!NUMBER_RE.test(v)) throw new CordonError('ERR_USAGE', `${name} expects a number, got ${JSON.stringify(v)}`);
  return Number(v);
};

interface QueryFlags extends DatasetReadFlags {
  contract: string; dataset?: string; sql?: string; stat?: string; column?: string; by?: string; categories?: string;
  lower?: number; upper?: number; alpha?: number; epsilon?: number; rho?: number; delta?: number; where?: Record<string, string>; json?: boolean;
}

function queryOf(f: QueryFlags): { query: DpQuery; dataset?: string } {
  if (f.epsilon !== undefined && f.rho !== undefined) throw new CordonError('ERR_USAGE', 'give --epsilon or --rho, not both');
  if (f.epsilon === undefined && f.rho === undefined) throw new CordonError('ERR_USAGE', 'give the privacy to spend: --epsilon (discrete Laplace) or --rho (discrete Gaussian, zCDP)');
  const privacy = f.epsilon !== undefined ? { epsilon: f.epsilon } : { rho: f.rho! };
  const categories = f.categories?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const shared = {
    privacy, ...(categories !== undefined ? { categories } : {}), ...(f.lower !== undefined ? { lower: f.lower } : {}), ...(f.upper !== undefined ? { upper: f.upper } : {}),
    ...(f.delta !== undefined ? { delta: f.delta } : {}),
  };
  if (f.sql !== undefined) {
    if (f.stat !== undefined || f.column !== undefined || f.by !== undefined || f.where !== undefined || f.alpha !== undefined) throw new CordonError('ERR_USAGE', '--sql says the statistic, column, groups and filter: leave out --stat, --column, --by, --where and --alpha');
    const s = parseDpSql(f.sql);
    if (f.dataset !== undefined && f.dataset !== s.from) throw new CordonError('ERR_USAGE', `--dataset ${f.dataset} and FROM ${s.from} name different datasets`);
    return {
      query: { ...shared, stat: s.stat, ...(s.column !== undefined ? { column: s.column } : {}), ...(s.by !== undefined ? { by: s.by } : {}), ...(s.alpha !== undefined ? { alpha: s.alpha } : {}), ...(Object.keys(s.where).length > 0 ? { where: s.where } : {}) },
      dataset: s.from,
    };
  }
  const stat = f.stat ?? 'count';
  if (!(DP_STATS as readonly string[]).includes(stat)) throw new CordonError('ERR_USAGE', `--stat must be one of ${DP_STATS.join(', ')}`);
  return {
    query: { ...shared, stat: stat as DpStat, ...(f.column !== undefined ? { column: f.column } : {}), ...(f.by !== undefined ? { by: f.by } : {}), ...(f.alpha !== undefined ? { alpha: f.alpha } : {}), ...(f.where !== undefined ? { where: f.where } : {}) },
    ...(f.dataset !== undefined ? { dataset: f.dataset } : {}),
  };
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(10))));

function budgetJson(b: BudgetState): Record<string, unknown> {
  return {
    spent: Number(b.dataset.spent.toPrecision(12)), left: Number(b.dataset.left.toPrecision(12)), total: b.dataset.total, unit: b.dataset.unit,
    ...(b.subjects !== undefined ? { subjects: { set: b.subjects.set, spent: Number(b.subjects.spent.toPrecision(12)), left: Number(b.subjects.left.toPrecision(12)), total: b.subjects.total, unit: b.subjects.unit } } : {}),
  };
}

function resultJson(r: DpQueryResult): Record<string, unknown> {
  const loss = r.loss.kind === 'zcdp' ? { rho: r.loss.rho } : r.loss.kind === 'approx' ? { epsilon: r.loss.epsilon, delta: r.loss.delta } : { epsilon: r.loss.epsilon };
  return {
    rows: r.rows, mechanism: r.mechanism, ...loss,
    ...(r.scale !== undefined ? { scale: r.scale } : {}),
    ...(r.interval95 !== undefined ? { interval95: { halfWidth: r.interval95, meaning: 'each answer is within ±halfWidth of the true value with probability 0.95 (noise only; clamping and contribution bounds add bias)' } } : {}),
    ...(r.threshold !== undefined ? { threshold: r.threshold } : {}),
    maxContributions: r.maxContributions, queryHash: r.queryHash, budget: budgetJson(r.budget),
  };
}

function printTable(rows: ReadonlyArray<Record<string, string | number>>): void {
  if (rows.length === 0) {
    process.stdout.write('(no group passed the threshold)\n');
    return;
  }
  const cols = Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => (typeof r[c] === 'number' ? fmt(r[c] as number) : String(r[c]))));
  const width = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (xs: readonly string[]) => xs.map((x, i) => (i === xs.length - 1 ? x : x.padEnd(width[i]!))).join('  ').trimEnd() + '\n';
  process.stdout.write(line(cols));
  for (const row of cells) process.stdout.write(line(row));
}

function describeBudget(b: BudgetState): string {
  const one = (u: BudgetState['dataset']) => `${fmt(Number(u.spent.toPrecision(12)))} of ${fmt(u.total)} ${u.unit === 'rho' ? 'ρ' : 'ε'} spent, ${fmt(Number(u.left.toPrecision(12)))} left`;
  return `budget: ${one(b.dataset)}${b.subjects !== undefined ? `; subject set ${b.subjects.set}: ${one(b.subjects)}` : ''}`;
}

export function registerDp(program: Command): void {
  const dp = program.command('dp').description('differentially private statistics, paid from the contract\'s privacy budget (docs/privacy.md)')
    .addHelpText('after', '\nExamples:\n  cordon dp query visits.csv -c visits.odcs.yaml --stat count --by region --categories north,south --epsilon 0.5\n  cordon dp budget -c visits.odcs.yaml');

  addDatasetReadOptions(dp.command('query')
    .description('answer one aggregate query with differential privacy, spending its ε (or ρ) from the budget')
    .argument('<dataset>', `the data file: ${DATASET_FILE_HELP}`)
    .requiredOption('-c, --contract <contract.yaml>', 'the contract: its primaryKey column is the data subject, cordonPrivacyBudget the budget')
    .option('--dataset <name>', 'the contract\'s dataset, when it describes several')
    .option('--sql <query>', 'SELECT [g,] COUNT(*) | SUM(c) | AVG(c) | MEDIAN(c) | QUANTILE(c, q) FROM <dataset> [WHERE col = \'v\' [AND …]] [GROUP BY g]')
    .option('--stat <stat>', `the statistic: ${DP_STATS.join(', ')} (default count)`)
    .option('--column <name>', 'the numeric column of sum, mean and quantile')
    .option('--by <column>', 'one answer per group of this column')
    .option('--categories <a,b,…>', 'the groups to answer for (zeros included); without it a count by groups releases only groups whose noisy count passes a threshold set for --delta')
    .option('--lower <n>', 'clamping bound: values below count as this', parseNum('--lower'))
    .option('--upper <n>', 'clamping bound: values above count as this', parseNum('--upper'))
    .option('--alpha <q>', 'the quantile, 0 < q < 1 (default 0.5, the median)', parseNum('--alpha'))
    .option('--epsilon <ε>', 'privacy loss to spend (discrete Laplace; permute-and-flip for quantiles)', parseNum('--epsilon'))
    .option('--rho <ρ>', 'privacy loss to spend as zCDP (discrete Gaussian)', parseNum('--rho'))
    .option('--delta <δ>', 'for a count by groups not listed: the δ the threshold is set for', parseNum('--delta'))
    .option('--where <col=value>', 'only records where a non-sensitive column has this value (repeatable)', (v: string, prev?: Record<string, string>) => collectContext(v, prev))
    .option('--json', 'print one JSON document: {"rows", "mechanism", "epsilon"|"rho", "scale", "interval95", "budget": {"spent", "left"}}'))
    .addHelpText('after', `
The query is checked against the contract, then its loss is spent from the dataset's budget (and its
subject set's) in the workspace store, then the noisy answer is computed: a query that would overspend
is refused with ERR_BUDGET_EXHAUSTED (exit 4) and both outcomes are audit events (dp.spend). Each data
subject (the contract's primaryKey column) keeps at most maxContributions records (cordonPrivacyBudget).
Noise is exact (discrete Laplace or Gaussian on rationals, CSPRNG); the 95% interval is the noise's.

Examples:
  cordon dp query visits.csv -c visits.odcs.yaml --stat count --by region --categories north,south,east,west --epsilon 0.5
  cordon dp query visits.csv -c visits.odcs.yaml --stat count --by diagnosis --epsilon 1 --delta 1e-7 --json
  cordon dp query visits.csv -c visits.odcs.yaml --stat mean --column age --lower 0 --upper 100 --rho 0.05
  cordon dp query visits.csv -c visits.odcs.yaml --sql "SELECT MEDIAN(age) FROM visits WHERE year = '2024'" --lower 0 --upper 100 --epsilon 0.3`)
    .action(async (file: string, f: QueryFlags) => {
      const { query, dataset: name } = queryOf(f);
      const read = datasetReadOptions(f);
      const contract = readContract(f.contract);
      const dataset = selectDataset(contract, name);
      await withWorkspace(async (ws) => {
        const records = [];
        for await (const r of readRecords(file, read)) records.push(r);
        const ledger = await ws.openPrivacyLedger();
        let result: DpQueryResult;
        try {
          result = await runDpQuery(records, query, { contractId: contract.id, dataset, ledger, audit: ws.audit, principal: resolvePrincipal() });
        } finally {
          await ledger.close();
        }
        if (f.json) {
          process.stdout.write(JSON.stringify(resultJson(result)) + '\n');
          return;
        }
        printTable(result.rows);
        const l = result.loss;
        const cost = l.kind === 'zcdp' ? `ρ ${l.rho}` : l.kind === 'approx' ? `ε ${l.epsilon}, δ ${l.delta}` : `ε ${l.epsilon}`;
        process.stderr.write(`cordon: ${result.mechanism}, ${cost}${result.scale !== undefined ? `, noise scale ${fmt(result.scale)}` : ''}${result.interval95 !== undefined ? `, 95% of answers within ±${fmt(result.interval95)}` : ''}${result.threshold !== undefined ? `, groups below ${result.threshold} withheld` : ''}\n`);
        process.stderr.write(`cordon: ${describeBudget(result.budget)}\n`);
      });
    });

  dp.command('budget')
    .description('show a dataset\'s privacy budget: spent and left (nothing is spent)')
    .requiredOption('-c, --contract <contract.yaml>', 'the contract that sets the budget')
    .option('--dataset <name>', 'the contract\'s dataset, when it describes several')
    .option('--json', 'print {"spent", "left", "total", "unit", "subjects"?}')
    .addHelpText('after', '\nExamples:\n  cordon dp budget -c visits.odcs.yaml\n  cordon dp budget -c visits.odcs.yaml --dataset visits --json')
    .action(async (f: { contract: string; dataset?: string; json?: boolean }) => {
      const contract = readContract(f.contract);
      const dataset = selectDataset(contract, f.dataset);
      await withWorkspace(async (ws) => {
        const ledger = await ws.openPrivacyLedger();
        try {
          const state = await budgetState(ledger, contract.id, dataset);
          process.stdout.write(f.json ? JSON.stringify(budgetJson(state)) + '\n' : `${describeBudget(state)}\n`);
        } finally {
          await ledger.close();
        }
      });
    });
}
