// GET /v1/lineage/trace?target=: upstream and downstream of a dataset or column, as
// `cordon lineage trace --json` prints it, from the lineage store the server opened once (SQLite or
// PostgreSQL; protect runs keep writing it). Resource: `lineage`, id = the target; action `lineage:read`.
import { Type, type Static } from '@sinclair/typebox';
import { CordonError } from '../../errors.js';
import { resolveTraceTarget, traceLineage } from '../../lineage/trace.js';
import type { RouteSpec } from '../route.js';

const TraceQuery = Type.Object({
  target: Type.String({ minLength: 1, maxLength: 4096, description: 'a dataset path (raw.csv), a column of one (raw.csv.email), or namespace + path' }),
  depth: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'follow at most this many steps each way (1-999)' })),
}, { additionalProperties: false });

const Node = Type.Object({
  namespace: Type.String(),
  name: Type.String(),
  field: Type.Optional(Type.String()),
}, { additionalProperties: false });

const Step = Type.Object({
  depth: Type.Integer(),
  from: Node,
  to: Node,
  runId: Type.String(),
  job: Type.String(),
  eventTime: Type.String(),
  operators: Type.Array(Type.Object({
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    operator: Type.String(),
    masking: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

const TraceAnswer = Type.Object({ target: Node, upstream: Type.Array(Step), downstream: Type.Array(Step) }, { additionalProperties: false });

export const lineageRoutes: readonly RouteSpec[] = [
  {
    method: 'GET', url: '/v1/lineage/trace', summary: 'upstream and downstream of a dataset or column with the operator at each step, as `cordon lineage trace --json` gives it', tags: ['lineage'],
    action: 'lineage:read',
    resource: ({ query }) => ({ type: 'lineage', id: query['target']!, attributes: {} }),
    query: TraceQuery,
    response: TraceAnswer,
    async handler({ query }, ctx) {
      const q = query as Static<typeof TraceQuery>;
      const store = ctx.deps.lineage;
      if (store === undefined) throw new CordonError('ERR_WORKSPACE_MISSING', 'this server has no lineage store');
      // An empty store answers as the CLI does: ERR_INPUT_INVALID, nothing recorded for the target.
      const graph = store.graph();
      const node = await resolveTraceTarget(graph, q.target);
      return traceLineage(graph, node, q.depth !== undefined ? { maxDepth: Number(q.depth) } : {});
    },
  },
];
