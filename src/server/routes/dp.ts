// POST /v1/dp/query: a differentially private answer over a dataset the SERVER holds (config
// `dp.datasets`: a name -> its file and the contract whose cordonPrivacyBudget is spent), in the
// workspace store's budget ledger (src/privacy/query/dp-query.ts). The caller names the dataset and
// the query, never the records nor the contract: whoever calls receives only noisy answers, and every
// answer is paid from that dataset's budget (and per-subject budget). The policy decides `dp:query` on
// the dataset first, with the contract's attributes from the server's catalog; only then is an
// unknown name answered 404. The budget is spent before any noise is drawn, a query that would
// overspend is refused (ERR_BUDGET_EXHAUSTED, 403), and both outcomes are `dp.spend` audit events.
import { Type, type Static } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import { DP_STATS, runDpQuery, type DpQuery, type DpQueryResult } from '../../privacy/query/dp-query.js';
import { parseDpSql } from '../../privacy/query/parse-sql.js';
import { dpDatasetContract, readDpDataset } from '../dp-datasets.js';
import { admitRecords } from '../admit-records.js';
import { HttpError } from '../errors.js';
import { Purpose, type RouteSpec } from '../route.js';
import { MAX_VALUE_LENGTH } from './tokens.js';

const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*$';
const COLUMN = Type.String({ minLength: 1, maxLength: 256 });
const Positive = (description: string) => Type.Number({ exclusiveMinimum: 0, description });

const DpQueryBody = Type.Object({
  dataset: Type.String({ pattern: NAME_PATTERN, maxLength: 128, description: 'a dataset the server holds (config dp.datasets); its contract\'s cordonPrivacyBudget is spent' }),
  sql: Type.Optional(Type.String({ maxLength: 2048, description: 'SELECT [g,] COUNT(*) | SUM(c) | AVG(c) | MEDIAN(c) | QUANTILE(c, q) FROM <dataset> [WHERE col = \'v\' [AND …]] [GROUP BY g]; instead of stat/column/by/where/alpha' })),
  stat: Type.Optional(Type.Union(DP_STATS.map((s) => Type.Literal(s)), { description: 'the statistic (default count)' })),
  column: Type.Optional(COLUMN),
  by: Type.Optional(COLUMN),
  categories: Type.Optional(Type.Array(Type.String({ maxLength: 256 }), { minItems: 1, maxItems: 10_000, description: 'the groups to answer for (zeros included); without it a count by groups is thresholded for delta' })),
  where: Type.Optional(Type.Record(Type.String({ maxLength: 256 }), Type.String({ maxLength: MAX_VALUE_LENGTH }), { maxProperties: 16, description: 'only records where each non-sensitive column has this value' })),
  lower: Type.Optional(Type.Number()),
  upper: Type.Optional(Type.Number()),
  alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
  epsilon: Type.Optional(Positive('privacy loss to spend (discrete Laplace; permute-and-flip for quantiles)')),
  rho: Type.Optional(Positive('privacy loss to spend as zCDP (discrete Gaussian)')),
  delta: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: false });

type Body = Static<typeof DpQueryBody>;

const Budget = Type.Object({
  spent: Type.Number(), left: Type.Number(), total: Type.Number(), unit: Type.String(),
  subjects: Type.Optional(Type.Object({ set: Type.String(), spent: Type.Number(), left: Type.Number(), total: Type.Number(), unit: Type.String() }, { additionalProperties: false })),
}, { additionalProperties: false });

const DpQueryResponse = Type.Object({
  rows: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  mechanism: Type.String(),
  epsilon: Type.Optional(Type.Number()),
  delta: Type.Optional(Type.Number()),
  rho: Type.Optional(Type.Number()),
  scale: Type.Optional(Type.Number()),
  interval95: Type.Optional(Type.Object({ halfWidth: Type.Number() }, { additionalProperties: false })),
  threshold: Type.Optional(Type.Number()),
  maxContributions: Type.Integer(),
  queryHash: Type.String(),
  budget: Budget,
}, { additionalProperties: false });

/** The request as a DpQuery; ERR_INPUT_INVALID for a contradictory one. */
function queryOf(b: Body): DpQuery {
  if ((b.epsilon === undefined) === (b.rho === undefined)) throw new CordonError('ERR_INPUT_INVALID', 'give the privacy to spend: epsilon or rho, one of them');
  const privacy = b.epsilon !== undefined ? { epsilon: b.epsilon } : { rho: b.rho! };
  const shared = {
    privacy, ...(b.categories !== undefined ? { categories: b.categories } : {}), ...(b.lower !== undefined ? { lower: b.lower } : {}),
    ...(b.upper !== undefined ? { upper: b.upper } : {}), ...(b.delta !== undefined ? { delta: b.delta } : {}),
  };
  if (b.sql !== undefined) {
    if (b.stat !== undefined || b.column !== undefined || b.by !== undefined || b.where !== undefined || b.alpha !== undefined) throw new CordonError('ERR_INPUT_INVALID', 'sql says the statistic, column, groups and filter: leave out stat, column, by, where and alpha');
    const s = parseDpSql(b.sql);
    if (b.dataset !== s.from) throw new CordonError('ERR_INPUT_INVALID', 'dataset and the SQL\'s FROM name different datasets');
    return { ...shared, stat: s.stat, ...(s.column !== undefined ? { column: s.column } : {}), ...(s.by !== undefined ? { by: s.by } : {}), ...(s.alpha !== undefined ? { alpha: s.alpha } : {}), ...(Object.keys(s.where).length > 0 ? { where: s.where } : {}) };
  }
  return { ...shared, stat: b.stat ?? 'count', ...(b.column !== undefined ? { column: b.column } : {}), ...(b.by !== undefined ? { by: b.by } : {}), ...(b.alpha !== undefined ? { alpha: b.alpha } : {}), ...(b.where !== undefined ? { where: b.where } : {}) };
}

const n12 = (x: number): number => Number(x.toPrecision(12));

function wire(r: DpQueryResult): Static<typeof DpQueryResponse> {
  const loss = r.loss.kind === 'zcdp' ? { rho: r.loss.rho } : r.loss.kind === 'approx' ? { epsilon: r.loss.epsilon, delta: r.loss.delta } : { epsilon: r.loss.epsilon };
  const b = r.budget;
  return {
    rows: r.rows, mechanism: r.mechanism, ...loss,
    ...(r.scale !== undefined ? { scale: r.scale } : {}),
    ...(r.interval95 !== undefined ? { interval95: { halfWidth: r.interval95 } } : {}),
    ...(r.threshold !== undefined ? { threshold: r.threshold } : {}),
    maxContributions: r.maxContributions, queryHash: r.queryHash,
    budget: {
      spent: n12(b.dataset.spent), left: n12(b.dataset.left), total: b.dataset.total, unit: b.dataset.unit,
      ...(b.subjects !== undefined ? { subjects: { set: b.subjects.set, spent: n12(b.subjects.spent), left: n12(b.subjects.left), total: b.subjects.total, unit: b.subjects.unit } } : {}),
    },
  };
}

export const dpRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/dp/query', summary: 'a differentially private statistic over a dataset the server holds, paid from its contract\'s privacy budget', tags: ['privacy'],
    action: 'dp:query',
    // The resource's attributes come from the server's config and catalog, never from the request.
    resource: ({ body }, deps) => {
      const name = (body as Body).dataset;
      const src = deps.dpDatasets?.get(name);
      return { type: 'dataset', id: name, attributes: src !== undefined ? { contract: src.contract, ...deps.catalog?.contract(src.contract) } : {} };
    },
    // On a dataset whose contract requires consent the handler counts only consented subjects' records, so context.consent is the registry's, never the caller's header.
    consentPerRecord: ({ body }, deps) => {
      const name = (body as Body).dataset;
      const src = deps.dpDatasets?.get(name);
      if (src === undefined) return false;
      try {
        return dpDatasetContract(deps.contractsDir, name, src).dataset.consent?.required === true;
      } catch {
        return false;
      }
    },
    body: DpQueryBody,
    errors: {
      '403': 'ERR_POLICY_DENIED, or ERR_BUDGET_EXHAUSTED: the query would spend more than the budget left (nothing spent, nothing released)',
      '404': 'ERR_NOT_FOUND: the server holds no dataset by that name (answered only once the policy allowed the query)',
    },
    response: DpQueryResponse,
    async handler({ body }, ctx) {
      const b = body as Body;
      const src = ctx.deps.dpDatasets?.get(b.dataset);
      if (src === undefined) throw new HttpError('ERR_NOT_FOUND', 'this server holds no dataset by that name');
      if (ctx.deps.openPrivacyLedger === undefined) throw new CordonError('ERR_STORE_UNAVAILABLE', 'this server has no privacy budget ledger');
      const query = queryOf(b);
      const { contract, dataset } = dpDatasetContract(ctx.deps.contractsDir, b.dataset, src);
      const read = await readDpDataset(b.dataset, src);
      // As POST /v1/protect: where the contract requires consent only the records whose subject
      // granted the purpose count, and an erased subject's records never do. How many were left out
      // is not answered (an exact count beside a noisy statistic would undo the noise).
      const admitted = await admitRecords(read, contract.id, dataset, ctx);
      const records = admitted.rows.length === read.length ? read : admitted.rows.map((i) => read[i]!);
      const ledger = await ctx.deps.openPrivacyLedger();
      try {
        const r = await runDpQuery(records, query, { contractId: contract.id, dataset, ledger, audit: ctx.deps.audit, principal: ctx.caller?.principal.id ?? 'unauthenticated' });
        return wire(r);
      } finally {
        await ledger.close();
      }
    },
  },
];
