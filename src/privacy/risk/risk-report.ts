// The risk figures of a set of released equivalence classes: k-anonymity (the smallest class and the
// distribution of class sizes), and the re-identification risks as ARX reports them
// (RiskModelSampleRisks; Prasser et al., "Flexible Data Anonymization Using ARX", 2020):
//   prosecutor: the attacker knows the person is in the data. A record's risk is 1/|its class|;
//               highest risk = 1/k, average risk = classes/records, records at risk = the share of
//               records whose risk exceeds the threshold.
//   journalist: the attacker does not know whether the person is in the data; the risk is taken over
//               the population's classes. Without a population table the data is its own population
//               (ARX without a research subset), so the figures equal the prosecutor's.
//   marketer:   the attacker re-identifies as many records as possible: the expected share is
//               classes/records.
// Figures only: no class is described by its values. Pure.
import type { SensitiveStats } from './sensitive-stats.js';

export interface ClassSizeBucket {
  /** `1`, `2`, `3-4`, `5-9`, `10-19`, `20-49`, `50-99` or `100+`. */
  readonly size: string;
  readonly classes: number;
  readonly records: number;
}

export interface AttackerRisk {
  /** The largest record risk: 1/smallest class. */
  readonly highestRisk: number;
  /** Share of records with the highest risk. */
  readonly recordsAtHighestRisk: number;
  /** Mean record risk: classes/records. */
  readonly averageRisk: number;
  /** Share of records whose risk is above the threshold. */
  readonly recordsAtRisk: number;
}

export interface RiskReport {
  /** Records in the input. */
  readonly records: number;
  /** Records suppressed (not released); the figures are over the rest. */
  readonly suppressed: number;
  /** Equivalence classes released. */
  readonly classes: number;
  /** k: the size of the smallest released class (0 when nothing is released). */
  readonly k: number;
  readonly averageClassSize: number;
  readonly classSizes: readonly ClassSizeBucket[];
  readonly sensitive: readonly SensitiveStats[];
  /** A record is at risk when 1/|class| is above this. */
  readonly riskThreshold: number;
  readonly prosecutor: AttackerRisk;
  readonly journalist: AttackerRisk & { readonly population: 'sample' };
  readonly marketer: { readonly averageRisk: number };
}

const BUCKETS: ReadonlyArray<readonly [string, number, number]> = [
  ['1', 1, 1], ['2', 2, 2], ['3-4', 3, 4], ['5-9', 5, 9], ['10-19', 10, 19], ['20-49', 20, 49], ['50-99', 50, 99], ['100+', 100, Infinity],
];

/** The report of the classes with `kept[c] === 1`. */
export function riskReport(sizes: Int32Array, kept: Uint8Array, records: number, sensitive: readonly SensitiveStats[], riskThreshold: number): RiskReport {
  let classes = 0;
  let released = 0;
  let k = Infinity;
  let atK = 0;
  let atRisk = 0;
  const buckets = BUCKETS.map(([size]) => ({ size, classes: 0, records: 0 }));
  for (let c = 0; c < sizes.length; c++) {
    if (kept[c] !== 1) continue;
    const s = sizes[c]!;
    classes++;
    released += s;
    if (s < k) {
      k = s;
      atK = 0;
    }
    if (s === k) atK += s;
    if (1 / s > riskThreshold) atRisk += s;
    const b = s <= 2 ? s - 1 : s <= 4 ? 2 : s <= 9 ? 3 : s <= 19 ? 4 : s <= 49 ? 5 : s <= 99 ? 6 : 7; // the BUCKETS row
    buckets[b]!.classes++;
    buckets[b]!.records += s;
  }
  const none = released === 0;
  const prosecutor: AttackerRisk = {
    highestRisk: none ? 0 : 1 / k,
    recordsAtHighestRisk: none ? 0 : atK / released,
    averageRisk: none ? 0 : classes / released,
    recordsAtRisk: none ? 0 : atRisk / released,
  };
  return {
    records, suppressed: records - released, classes, k: none ? 0 : k, averageClassSize: none ? 0 : released / classes,
    classSizes: buckets.filter((b) => b.classes > 0), sensitive, riskThreshold,
    prosecutor, journalist: { ...prosecutor, population: 'sample' }, marketer: { averageRisk: prosecutor.averageRisk },
  };
}
