// cordonPrivacyBudget: the differential-privacy budget a contract sets for a dataset (on the schema
// object's customProperties, or on the contract's for every dataset without its own). Pure parsing;
// spending is in src/privacy/. Shape:
//   { epsilon: 1 }                         pure ε: only pure-DP queries (discrete Laplace, quantiles)
//   { epsilon: 1, delta: 1e-6 }            (ε, δ): also zCDP (Gaussian) and thresholded histograms
//   { rho: 0.5 }                           ρ-zCDP: pure ε queries count as ε²/2
//   maxContributions: 1                    records per data subject kept by every query (default 1)
//   subjects: { set: customers, epsilon: 3, delta: 1e-6 }
//                                          a second budget shared by every dataset naming the set

export type PrivacyBudgetLimit =
  | { readonly kind: 'pure'; readonly epsilon: number }
  | { readonly kind: 'approx'; readonly epsilon: number; readonly delta: number }
  | { readonly kind: 'zcdp'; readonly rho: number };

export interface PrivacyBudget {
  /** The dataset's own budget. */
  readonly limit: PrivacyBudgetLimit;
  /** The budget of the set of data subjects, shared across the datasets that name it. */
  readonly subjects?: { readonly set: string; readonly limit: PrivacyBudgetLimit };
  /** Records one data subject may contribute to a query (the rest are dropped). */
  readonly maxContributions: number;
}

const SET_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

function limitOf(v: Record<string, unknown>, path: string, problems: string[]): PrivacyBudgetLimit | undefined {
  const { epsilon, delta, rho } = v;
  if (rho !== undefined) {
    if (epsilon !== undefined || delta !== undefined) problems.push(`${path}: give either rho or epsilon (with an optional delta), not both`);
    else if (!positive(rho)) problems.push(`${path}/rho: must be a positive number`);
    else return { kind: 'zcdp', rho };
    return undefined;
  }
  if (!positive(epsilon)) {
    problems.push(`${path}/epsilon: must be a positive number (or give rho)`);
    return undefined;
  }
  if (delta === undefined) return { kind: 'pure', epsilon };
  if (typeof delta !== 'number' || !(delta > 0 && delta < 1)) {
    problems.push(`${path}/delta: must be a number between 0 and 1`);
    return undefined;
  }
  return { kind: 'approx', epsilon, delta };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The budget in a cordonPrivacyBudget value; problems (with `path`) go to `problems`. */
export function parsePrivacyBudget(value: unknown, path: string, problems: string[]): PrivacyBudget | undefined {
  if (!isObject(value)) {
    problems.push(`${path}: must be an object with epsilon (and optional delta) or rho`);
    return undefined;
  }
  for (const k of Object.keys(value)) {
    if (!['epsilon', 'delta', 'rho', 'maxContributions', 'subjects'].includes(k)) problems.push(`${path}/${k}: unknown setting`);
  }
  const limit = limitOf(value, path, problems);
  const mc = value.maxContributions ?? 1;
  if (!Number.isSafeInteger(mc) || (mc as number) < 1 || (mc as number) > 1_000_000) problems.push(`${path}/maxContributions: must be a whole number from 1 to 1000000`);
  let subjects: PrivacyBudget['subjects'];
  if (value.subjects !== undefined) {
    const s = value.subjects;
    if (!isObject(s) || typeof s.set !== 'string' || !SET_RE.test(s.set)) problems.push(`${path}/subjects: must be { set: <name>, epsilon | rho, delta? } with a set name of letters, digits, ".", "_", ":" or "-"`);
    else {
      const sl = limitOf(s, `${path}/subjects`, problems);
      if (sl !== undefined) subjects = { set: s.set, limit: sl };
    }
  }
  if (limit === undefined) return undefined;
  return { limit, ...(subjects !== undefined ? { subjects } : {}), maxContributions: mc as number };
}
