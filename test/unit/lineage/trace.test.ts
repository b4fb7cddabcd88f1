// Lineage queries over the store: a two-stage pipeline raw → protected → features, traced by
// dataset and by column, upstream and downstream, with each step's operator; only completed runs
// make edges; a re-run shows once (latest run); cycles end; targets resolve by path or suffix.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import type { Contract } from '../../../src/contracts/types.js';
import type { RunManifest } from '../../../src/pipeline/protect-file.js';
import { lineageForProtect } from '../../../src/lineage/protect-events.js';
import { newRunId } from '../../../src/lineage/run-id.js';
import { SqliteLineageStore } from '../../../src/lineage/store.js';
import { resolveTraceTarget, traceLineage } from '../../../src/lineage/trace.js';
import { tempDir } from '../../helpers/keyring.js';

function contract(id: string, cols: Record<string, string>): Contract {
  const props = Object.entries(cols).map(([n, op]) => `      - name: ${n}\n        classification: restricted\n        customProperties:\n          - { property: cordonProtect, value: { operator: ${op} } }`).join('\n');
  return parseContract(`apiVersion: v3.1.0\nkind: DataContract\nid: ${id}\nversion: 1.0.0\nstatus: active\nschema:\n  - name: customers\n    properties:\n${props}\n`);
}

function manifest(c: Contract, input: string, output: string, finishedAt: string): RunManifest {
  const columns = c.datasets[0]!.columns.map((x) => ({ name: x.name, operator: x.protect!.operator }));
  return {
    cordonVersion: '0.1.0', contract: { id: c.id, version: c.version, sha256: c.sha256, dataset: 'customers' },
    input: { path: input, sha256: '0'.repeat(64), rows: 2, format: 'csv', bytes: 10 },
    output: { path: output, sha256: '1'.repeat(64), rows: 2, format: 'csv', encrypted: false },
    rows: { in: 2, out: 2, quarantined: 0 }, columns, keys: [], startedAt: finishedAt, finishedAt,
  };
}

const STAGE1 = contract('stage1', { id: 'keep', email: 'deterministic', name: 'redact', ssn: 'drop' });
const STAGE2 = contract('stage2', { id: 'hash', email: 'keep', name: 'drop' });
const H = { host: 'h', cwd: '/data' };

function pipelineStore(): SqliteLineageStore {
  const store = SqliteLineageStore.open(join(tempDir(), 'lineage.db'));
  const r1 = newRunId();
  const r2 = newRunId();
  store.append([
    lineageForProtect({ phase: 'start', contract: STAGE1, runId: r1, input: 'raw.csv', output: 'protected.csv', cordonVersion: 't', ...H }),
    lineageForProtect({ phase: 'complete', contract: STAGE1, runId: r1, manifest: manifest(STAGE1, 'raw.csv', 'protected.csv', '2026-01-01T00:00:00.000Z'), cordonVersion: 't', ...H }),
    lineageForProtect({ phase: 'start', contract: STAGE2, runId: r2, input: 'protected.csv', output: 'features.csv', cordonVersion: 't', ...H }),
    lineageForProtect({ phase: 'complete', contract: STAGE2, runId: r2, manifest: manifest(STAGE2, 'protected.csv', 'features.csv', '2026-01-02T00:00:00.000Z'), cordonVersion: 't', ...H }),
    // A failed run names outputs it never wrote: no edges.
    lineageForProtect({ phase: 'fail', contract: STAGE1, runId: newRunId(), input: 'raw.csv', output: 'never.csv', error: { message: 'x' }, cordonVersion: 't', ...H }),
  ]);
  return store;
}

const node = (name: string, field?: string) => ({ namespace: 'file://h', name: `/data/${name}`, ...(field ? { field } : {}) });

describe('lineage: trace across runs', () => {
  it('a column: upstream and downstream with the operator at each step', () => {
    const store = pipelineStore();
    const g = store.graph();
    const r = traceLineage(g, node('protected.csv', 'email'));
    assert.deepEqual(r.upstream.map((s) => [s.depth, s.from, s.to, s.operators]), [[1, node('raw.csv', 'email'), node('protected.csv', 'email'), [{ operator: 'deterministic', masking: true }]]]);
    assert.deepEqual(r.downstream.map((s) => [s.depth, s.from, s.to, s.operators]), [[1, node('protected.csv', 'email'), node('features.csv', 'email'), [{ operator: 'keep', masking: false }]]]);
    const f = traceLineage(g, node('features.csv', 'id'));
    assert.deepEqual(f.upstream.map((s) => [s.depth, s.from.name, s.operators[0]!.operator]), [[1, '/data/protected.csv', 'hash'], [2, '/data/raw.csv', 'keep']]);
    assert.deepEqual(f.downstream, []);
    // A dropped column flows nowhere.
    assert.deepEqual(traceLineage(g, node('raw.csv', 'ssn')).downstream, []);
    assert.deepEqual(traceLineage(g, node('protected.csv', 'name')).downstream, []);
    store.close();
  });

  it('a dataset: every step with its column operators; depth limits the walk', () => {
    const store = pipelineStore();
    const g = store.graph();
    const r = traceLineage(g, node('raw.csv'));
    assert.deepEqual(r.upstream, []);
    assert.deepEqual(r.downstream.map((s) => [s.depth, s.from.name, s.to.name]), [[1, '/data/raw.csv', '/data/protected.csv'], [2, '/data/protected.csv', '/data/features.csv']]);
    assert.deepEqual(r.downstream[0]!.operators.map((o) => `${o.from}→${o.to}:${o.operator}`), ['id→id:keep', 'email→email:deterministic', 'name→name:redact']);
    assert.deepEqual(r.downstream[1]!.operators.map((o) => `${o.from}→${o.to}:${o.operator}`), ['id→id:hash', 'email→email:keep']);
    assert.equal(traceLineage(g, node('raw.csv'), { maxDepth: 1 }).downstream.length, 1);
    assert.equal(g.datasets().some((d) => d.name === '/data/never.csv'), false);
    store.close();
  });

  it('a re-run shows once, from its latest run; a cycle ends', () => {
    const store = pipelineStore();
    const again = newRunId();
    store.append([lineageForProtect({ phase: 'complete', contract: STAGE1, runId: again, manifest: manifest(STAGE1, 'raw.csv', 'protected.csv', '2026-02-01T00:00:00.000Z'), cordonVersion: 't', ...H })]);
    // features.csv protected back into raw.csv: a cycle.
    const back = contract('back', { id: 'keep', email: 'keep' });
    store.append([lineageForProtect({ phase: 'complete', contract: back, runId: newRunId(), manifest: manifest(back, 'features.csv', 'raw.csv', '2026-03-01T00:00:00.000Z'), cordonVersion: 't', ...H })]);
    const r = traceLineage(store.graph(), node('protected.csv', 'email'));
    assert.equal(r.upstream[0]!.runId, again, 'the latest run of raw → protected');
    // raw ← features ← protected (the target again): the step that closes the cycle shows, then the walk ends.
    assert.deepEqual(r.upstream.map((s) => [s.depth, s.from.name]), [[1, '/data/raw.csv'], [2, '/data/features.csv'], [3, '/data/protected.csv']]);
    assert.deepEqual(r.downstream.map((s) => [s.depth, s.to.name]), [[1, '/data/features.csv'], [2, '/data/raw.csv'], [3, '/data/protected.csv']]);
    store.close();
  });

  it('targets: a path, a path with a column, a unique suffix; unknown and ambiguous names are refused', () => {
    const store = pipelineStore();
    const g = store.graph();
    assert.deepEqual(resolveTraceTarget(g, 'protected.csv', { cwd: '/data' }), node('protected.csv'));
    assert.deepEqual(resolveTraceTarget(g, 'protected.csv.email', { cwd: '/data' }), node('protected.csv', 'email'));
    assert.deepEqual(resolveTraceTarget(g, 'features.csv.id', { cwd: '/elsewhere' }), node('features.csv', 'id'));
    assert.deepEqual(resolveTraceTarget(g, 'file://h/data/raw.csv'), node('raw.csv'));
    assert.throws(() => resolveTraceTarget(g, 'nothing.csv', { cwd: '/data' }), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => resolveTraceTarget(g, 'protected.csv.nope', { cwd: '/data' }), { code: 'ERR_INPUT_INVALID' });
    store.append([lineageForProtect({ phase: 'complete', contract: STAGE1, runId: newRunId(), manifest: manifest(STAGE1, '/other/raw.csv', '/other/protected.csv', '2026-01-01T00:00:00.000Z'), cordonVersion: 't', ...H })]);
    assert.throws(() => resolveTraceTarget(store.graph(), 'protected.csv', { cwd: '/elsewhere' }), { code: 'ERR_USAGE' });
    store.close();
  });
});
