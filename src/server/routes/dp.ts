// POST /v1/dp/query: a differentially private answer over the records a caller sends, paid from the
// named contract's privacy budget in the workspace store (src/privacy/query/dp-query.ts). The policy
// decides `dp:query` on the dataset first; the budget is spent before any noise is drawn, a query that
// would overspend is refused (ERR_BUDGET_EXHAUSTED, 403) and both outcomes are `dp.spend` audit
// events. The guarantee protects the data subjects against whoever receives the answer — not against
// the caller, who sent the records (docs/privacy.md#the-server-route).
import { Type, type Static } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import { selectDataset } from '../../contracts/select-dataset.js';
import { DP_STATS, runDpQuery, type DpQuery, type DpQueryResult } from '../../privacy/query/dp-query.js';
import { parseDpSql } from '../../privacy/query/parse-sql.js';
import { Purpose, type RouteSpec } from '../route.js';
import { readNamedContract } from './protect.js';
import { MAX_VALUE_LENGTH } from './tokens.js';

/** Most records in one DP request (the body limit applies as well). */
export const MAX_DP_RECORDS = 100_000;
const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*$';
const COLUMN = Type.String({ minLength: 1, maxLength: 256 });
const Positive = (description: string) => Type.Number({ exclusiveMinimum: 0, description });

const Cell = Type.Union([Type.String({ maxLength: MAX_VALUE_LENGTH }), Type.Number(), Type.Boolean(), Type.Null()]);

const DpQueryBody = Type.Object({
  contract: Type.String({ pattern: NAME_PATTERN, maxLength: 128, description: 'a contract file stem in the server\'s contracts folder; its cordonPrivacyBudget is spent' }),
  dataset: Type.Optional(Type.String({ pattern: NAME_PATTERN, maxLength: 128, description: 'the contract\'s dataset (default: its only one, or the SQL\'s FROM)' })),
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
  records: Type.Array(Type.Record(Type.String({ maxLength: 256 }), Cell, { maxProperties: 512 }), { minItems: 1, maxItems: MAX_DP_RECORDS }),
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

/** The request as a DpQuery and the dataset it names; ERR_INPUT_INVALID for a contradictory one. */
function queryOf(b: Body): { query: DpQuery; dataset?: string } {
  if ((b.epsilon === undefined) === (b.rho === undefined)) throw new CordonError('ERR_INPUT_INVALID', 'give the privacy to spend: epsilon or rho, one of them');
  const privacy = b.epsilon !== undefined ? { epsilon: b.epsilon } : { rho: b.rho! };
  const shared = {
    privacy, ...(b.categories !== undefined ? { categories: b.categories } : {}), ...(b.lower !== undefined ? { lower: b.lower } : {}),
    ...(b.upper !== undefined ? { upper: b.upper } : {}), ...(b.delta !== undefined ? { delta: b.delta } : {}),
  };
  if (b.sql !== undefined) {
    if (b.stat !== undefined || b.column !== undefined || b.by !== undefined || b.where !== undefined || b.alpha !== undefined) throw new CordonError('ERR_INPUT_INVALID', 'sql says the statistic, column, groups and filter: leave out stat, column, by, where and alpha');
    const s = parseDpSql(b.sql);
    if (b.dataset !== undefined && b.dataset !== s.from) throw new CordonError('ERR_INPUT_INVALID', 'dataset and the SQL\'s FROM name different datasets');
    return {
      query: { ...shared, stat: s.stat, ...(s.column !== undefined ? { column: s.column } : {}), ...(s.by !== undefined ? { by: s.by } : {}), ...(s.alpha !== undefined ? { alpha: s.alpha } : {}), ...(Object.keys(s.where).length > 0 ? { where: s.where } : {}) },
      dataset: s.from,
    };
  }
  return {
    query: { ...shared, stat: b.stat ?? 'count', ...(b.column !== undefined ? { column: b.column } : {}), ...(b.by !== undefined ? { by: b.by } : {}), ...(b.alpha !== undefined ? { alpha: b.alpha } : {}), ...(b.where !== undefined ? { where: b.where } : {}) },
    ...(b.dataset !== undefined ? { dataset: b.dataset } : {}),
  };
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
    method: 'POST', url: '/v1/dp/query', summary: 'a differentially private statistic over the records sent, paid from the contract\'s privacy budget', tags: ['privacy'],
    action: 'dp:query',
    resource: ({ body }, deps) => {
      const b = body as Body;
      return { type: 'dataset', id: b.dataset ?? b.contract, attributes: { contract: b.contract, ...deps.catalog?.contract(b.contract) } };
    },
    body: DpQueryBody,
    errors: { '403': 'ERR_POLICY_DENIED, or ERR_BUDGET_EXHAUSTED: the query would spend more than the budget left (nothing spent, nothing released)' },
    response: DpQueryResponse,
    async handler({ body }, ctx) {
      const b = body as Body;
      if (ctx.deps.openPrivacyLedger === undefined) throw new CordonError('ERR_STORE_UNAVAILABLE', 'this server has no privacy budget ledger');
      const { query, dataset: name } = queryOf(b);
      const contract = readNamedContract(ctx.deps.contractsDir, b.contract);
      const dataset = selectDataset(contract, name);
      const ledger = await ctx.deps.openPrivacyLedger();
      try {
        const r = await runDpQuery(b.records, query, { contractId: contract.id, dataset, ledger, audit: ctx.deps.audit, principal: ctx.caller?.principal.id ?? 'unauthenticated' });
        return wire(r);
      } finally {
        await ledger.close();
      }
    },
  },
];
