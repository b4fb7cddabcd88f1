// `lineage trace`: from a dataset or one of its columns, every step upstream (where it came from)
// and downstream (where it went), across runs, with the operator applied at each step. Walks a
// LineageGraph breadth-first; each (from, to) step is shown once, from its latest run; cycles stop.
// The graph is async (the store may be PostgreSQL): one query per node of the frontier.
import { resolve } from 'node:path';
import { CordonError } from '../errors.js';
import type { LineageEdge, LineageGraph, LineageNode } from './store/types.js';

export interface TraceOperator {
  /** Column steps of a dataset trace: the input and output column. */
  readonly from?: string;
  readonly to?: string;
  readonly operator: string;
  readonly masking?: boolean;
}

export interface TraceStep {
  /** 1 for a direct neighbour of the target, 2 for the next, … */
  readonly depth: number;
  readonly from: LineageNode;
  readonly to: LineageNode;
  readonly runId: string;
  readonly job: string;
  readonly eventTime: string;
  readonly operators: TraceOperator[];
}

export interface TraceResult {
  readonly target: LineageNode;
  readonly upstream: TraceStep[];
  readonly downstream: TraceStep[];
}

const keyOf = (n: LineageNode): string => JSON.stringify([n.namespace, n.name, n.field ?? null]);

async function walk(graph: LineageGraph, target: LineageNode, direction: 'up' | 'down', maxDepth: number): Promise<TraceStep[]> {
  const steps: TraceStep[] = [];
  const seenNodes = new Set([keyOf(target)]);
  const seenSteps = new Set<string>();
  let frontier: LineageNode[] = [target];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: LineageNode[] = [];
    for (const node of frontier) {
      const edges: LineageEdge[] = await (direction === 'up' ? graph.edgesInto(node) : graph.edgesFrom(node));
      for (const e of edges) {
        const stepKey = `${keyOf(e.from)}>${keyOf(e.to)}`;
        if (seenSteps.has(stepKey)) continue; // edges come newest first: keep the latest run's
        seenSteps.add(stepKey);
        const operators: TraceOperator[] = target.field !== undefined
          ? [{ operator: e.operator ?? 'unknown', ...(e.transformation?.masking !== undefined ? { masking: e.transformation.masking } : {}) }]
          : (await graph.columnEdgesOfRun(e.runId, e.from, e.to)).map((c) => ({
            from: c.from.field!, to: c.to.field!, operator: c.operator ?? 'unknown',
            ...(c.transformation?.masking !== undefined ? { masking: c.transformation.masking } : {}),
          }));
        steps.push({ depth, from: e.from, to: e.to, runId: e.runId, job: e.job, eventTime: e.eventTime, operators });
        const other = direction === 'up' ? e.from : e.to;
        if (!seenNodes.has(keyOf(other))) {
          seenNodes.add(keyOf(other));
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return steps;
}

/**
 * Upstream and downstream lineage of a dataset or column.
 *
 * @example
 * ```ts
 * const r = await traceLineage(store.graph(), { namespace: 'file://ml-1', name: '/srv/protected.csv', field: 'email' });
 * r.upstream[0]; // { from: { …raw.csv, field: 'email' }, operators: [{ operator: 'deterministic', masking: true }], … }
 * ```
 */
export async function traceLineage(graph: LineageGraph, target: LineageNode, options: { maxDepth?: number } = {}): Promise<TraceResult> {
  const maxDepth = options.maxDepth ?? 100;
  return { target, upstream: await walk(graph, target, 'up', maxDepth), downstream: await walk(graph, target, 'down', maxDepth) };
}

/**
 * What the user named: a dataset (path, relative to `cwd`, or `namespace` + path as a URI such as
 * `file://host/abs/path`) or a column of one (`<dataset>.<column>`). A path is matched exactly,
 * then as the unique dataset whose path ends with it. Throws ERR_INPUT_INVALID when nothing
 * matches and ERR_USAGE when several datasets do.
 *
 * @example
 * ```ts
 * const node = await resolveTraceTarget(store.graph(), 'protected.csv.email', { cwd: '/srv' });
 * ```
 */
export async function resolveTraceTarget(graph: LineageGraph, spec: string, options: { cwd?: string } = {}): Promise<LineageNode> {
  const datasets = await graph.datasets();
  const cwd = options.cwd ?? process.cwd();
  const find = (s: string): LineageNode[] => {
    const uri = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)$/i.exec(s);
    if (uri) return datasets.filter((d) => d.namespace === uri[1] && d.name === uri[2]);
    const abs = resolve(cwd, s);
    const exact = datasets.filter((d) => d.name === abs);
    if (exact.length > 0) return exact;
    return datasets.filter((d) => d.name.endsWith(`/${s.replace(/^\.\//, '')}`));
  };
  const pick = (found: LineageNode[], s: string): LineageNode | undefined => {
    if (found.length > 1) throw new CordonError('ERR_USAGE', `${JSON.stringify(s)} matches ${found.length} datasets (${found.map((d) => `${d.namespace}${d.name}`).join(', ')}): give the full path`);
    return found[0];
  };
  const whole = pick(find(spec), spec);
  if (whole) return { namespace: whole.namespace, name: whole.name };
  const dot = spec.lastIndexOf('.');
  if (dot > 0 && dot < spec.length - 1) {
    const ds = pick(find(spec.slice(0, dot)), spec.slice(0, dot));
    if (ds) {
      const node = { namespace: ds.namespace, name: ds.name, field: spec.slice(dot + 1) };
      if ((await graph.edgesInto(node)).length === 0 && (await graph.edgesFrom(node)).length === 0) {
        throw new CordonError('ERR_INPUT_INVALID', `no lineage recorded for column ${JSON.stringify(node.field)} of ${ds.name}`);
      }
      return node;
    }
  }
  throw new CordonError('ERR_INPUT_INVALID', `no lineage recorded for ${JSON.stringify(spec)} (datasets appear once a protect run completes)`);
}
