// Lineage queries over the store, on every backend (SQLite always, PostgreSQL when
// CORDON_TEST_PG_URL is set; see backends.ts): a two-stage pipeline raw → protected → features,
// traced by dataset and by column, upstream and downstream, with each step's operator; only
// completed runs make edges; a re-run shows once (latest run); cycles end; targets resolve by path
// or suffix.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import type { Contract } from '../../../src/contracts/types.js';
import type { RunManifest } from '../../../src/pipeline/protect-file.js';
import { lineageForProtect } from '../../../src/lineage/protect-events.js';
import { newRunId } from '../../../src/lineage/run-id.js';
import { openLineageStore } from '../../../src/lineage/store/open.js';
import type { LineageStore } from '../../../src/lineage/store/types.js';
import { resolveTraceTarget, traceLineage } from '../../../src/lineage/trace.js';
import { BACKENDS, dropLineageSchemas, type LineageBackend } from './backends.js';

after(dropLineageSchemas);

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

async function pipelineStore(b: LineageBackend): Promise<LineageStore> {
  const store = await openLineageStore(await b.location());
  const r1 = newRunId();
  const r2 = newRunId();
  await store.append([
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

for (const b of BACKENDS) describe(`lineage: trace across runs (${b.name})`, { ...(b.skip !== undefined ? { skip: b.skip } : {}) }, () => {
  it('a column: upstream and downstream with the operator at each step', async () => {
    const store = await pipelineStore(b);
    const g = store.graph();
    const r = await traceLineage(g, node('protected.csv', 'email'));
    assert.deepEqual(r.upstream.map((s) => [s.depth, s.from, s.to, s.operators]), [[1, node('raw.csv', 'email'), node('protected.csv', 'email'), [{ operator: 'deterministic', masking: true }]]]);
    assert.deepEqual(r.downstream.map((s) => [s.depth, s.from, s.to, s.operators]), [[1, node('protected.csv', 'email'), node('features.csv', 'email'), [{ operator: 'keep', masking: false }]]]);
    const f = await traceLineage(g, node('features.csv', 'id'));
    assert.deepEqual(f.upstream.map((s) => [s.depth, s.from.name, s.operators[0]!.operator]), [[1, '/data/protected.csv', 'hash'], [2, '/data/raw.csv', 'keep']]);
    assert.deepEqual(f.downstream, []);
    // A dropped column flows nowhere.
    assert.deepEqual((await traceLineage(g, node('raw.csv', 'ssn'))).downstream, []);
    assert.deepEqual((await traceLineage(g, node('protected.csv', 'name'))).downstream, []);
    await store.close();
  });

  it('a dataset: every step with its column operators; depth limits the walk', async () => {
    const store = await pipelineStore(b);
    const g = store.graph();
    const r = await traceLineage(g, node('raw.csv'));
    assert.deepEqual(r.upstream, []);
    assert.deepEqual(r.downstream.map((s) => [s.depth, s.from.name, s.to.name]), [[1, '/data/raw.csv', '/data/protected.csv'], [2, '/data/protected.csv', '/data/features.csv']]);
    assert.deepEqual(r.downstream[0]!.operators.map((o) => `${o.from}→${o.to}:${o.operator}`), ['id→id:keep', 'email→email:deterministic', 'name→name:redact']);
    assert.deepEqual(r.downstream[1]!.operators.map((o) => `${o.from}→${o.to}:${o.operator}`), ['id→id:hash', 'email→email:keep']);
    assert.equal((await traceLineage(g, node('raw.csv'), { maxDepth: 1 })).downstream.length, 1);
    assert.equal((await g.datasets()).some((d) => d.name === '/data/never.csv'), false);
    await store.close();
  });

  it('a re-run shows once, from its latest run; a cycle ends', async () => {
    const store = await pipelineStore(b);
    const again = newRunId();
    await store.append([lineageForProtect({ phase: 'complete', contract: STAGE1, runId: again, manifest: manifest(STAGE1, 'raw.csv', 'protected.csv', '2026-02-01T00:00:00.000Z'), cordonVersion: 't', ...H })]);
    // features.csv protected back into raw.csv: a cycle.
    const back = contract('back', { id: 'keep', email: 'keep' });
    await store.append([lineageForProtect({ phase: 'complete', contract: back, runId: newRunId(), manifest: manifest(back, 'features.csv', 'raw.csv', '2026-03-01T00:00:00.000Z'), cordonVersion: 't', ...H })]);
    const r = await traceLineage(store.graph(), node('protected.csv', 'email'));
    assert.equal(r.upstream[0]!.runId, again, 'the latest run of raw → protected');
    // raw ← features ← protected (the target again): the step that closes the cycle shows, then the walk ends.
    assert.deepEqual(r.upstream.map((s) => [s.depth, s.from.name]), [[1, '/data/raw.csv'], [2, '/data/features.csv'], [3, '/data/protected.csv']]);
    assert.deepEqual(r.downstream.map((s) => [s.depth, s.to.name]), [[1, '/data/features.csv'], [2, '/data/raw.csv'], [3, '/data/protected.csv']]);
    await store.close();
  });

  it('targets: a path, a path with a column, a unique suffix; unknown and ambiguous names are refused', async () => {
    const store = await pipelineStore(b);
    const g = store.graph();
    assert.deepEqual(await resolveTraceTarget(g, 'protected.csv', { cwd: '/data' }), node('protected.csv'));
    assert.deepEqual(await resolveTraceTarget(g, 'protected.csv.email', { cwd: '/data' }), node('protected.csv', 'email'));
    assert.deepEqual(await resolveTraceTarget(g, 'features.csv.id', { cwd: '/elsewhere' }), node('features.csv', 'id'));
    assert.deepEqual(await resolveTraceTarget(g, 'file://h/data/raw.csv'), node('raw.csv'));
    await assert.rejects(resolveTraceTarget(g, 'nothing.csv', { cwd: '/data' }), { code: 'ERR_INPUT_INVALID' });
    await assert.rejects(resolveTraceTarget(g, 'protected.csv.nope', { cwd: '/data' }), { code: 'ERR_INPUT_INVALID' });
    await store.append([lineageForProtect({ phase: 'complete', contract: STAGE1, runId: newRunId(), manifest: manifest(STAGE1, '/other/raw.csv', '/other/protected.csv', '2026-01-01T00:00:00.000Z'), cordonVersion: 't', ...H })]);
    await assert.rejects(resolveTraceTarget(store.graph(), 'protected.csv', { cwd: '/elsewhere' }), { code: 'ERR_USAGE' });
    await store.close();
  });
});
