// cordon/privacy: differential privacy — exact samplers, measurements, accounting, the budget ledger
// and the query runner (docs/privacy.md). Re-exports only.
export { sampleDiscreteLaplace } from './dp/discrete-laplace.js';
export { sampleDiscreteGaussian } from './dp/discrete-gaussian.js';
export { bernoulli, bernoulliExp } from './dp/bernoulli.js';
export { addGridNoise, defaultGridK, type GridNoise } from './dp/grid-noise.js';
export { rational, rationalFromNumber, type Rational } from './dp/rational.js';
export { cryptoRandomSource, defaultRandomSource, type RandomSource } from './dp/random-source.js';
export { boundContributions, type SubjectRecord } from './dp/contributions.js';
export type { PrivacyLoss, PrivacyParams } from './dp/privacy-loss.js';
export { dpCount } from './measure/count.js';
export { dpSum, type SumOptions } from './measure/sum.js';
export { dpMean } from './measure/mean.js';
export { dpHistogram, histogramThreshold, type HistogramBin, type HistogramOptions } from './measure/histogram.js';
export { dpQuantile, type QuantileOptions } from './measure/quantile.js';
export type { MeasureOptions, Release, ReleaseMechanism } from './measure/release.js';
export { budgetUse, withinBudget, type BudgetUse } from './accounting/compose.js';
export { zcdpToEpsilon, pureToZcdp } from './accounting/zcdp-to-approx.js';
export { spendBudget, budgetState, type BudgetState, type SpendRequest } from './accounting/spend-budget.js';
export { SqliteBudgetLedger } from './ledger/sqlite.js';
export { PostgresBudgetLedger } from './ledger/postgres.js';
export type { BudgetLedgerStore, LedgerEntry } from './ledger/types.js';
export { runDpQuery, queryHash, DP_STATS, type DpQuery, type DpQueryResult, type DpStat } from './query/dp-query.js';
export { parseDpSql, type ParsedDpSql } from './query/parse-sql.js';
export { assessRisk, type RiskAssessment, type RiskOptions, type RiskTarget, type GeneralizationStep } from './risk/assess-risk.js';
export { riskReport, type RiskReport, type AttackerRisk, type ClassSizeBucket } from './risk/risk-report.js';
export { searchLattice, MAX_LATTICE_NODES, type LatticeResult, type NodeVerdict } from './risk/search-lattice.js';
export { equalEmd, orderedEmd, orderedBase } from './risk/emd.js';
export type { SensitiveStats } from './risk/sensitive-stats.js';
