// OpenLineage events of protect runs: every START, COMPLETE and FAIL event validates against the
// 2-0-2 spec and each facet's schema (test/fixtures/openlineage, docs/lineage/); columnLineage maps
// each output column to its input column with the operator as the transformation; the Cordon facet
// carries classification, operator and the contract; no value from the data appears.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import type { RunManifest } from '../../../src/pipeline/protect-file.js';
import { failureMessage, lineageForProtect, transformationFor } from '../../../src/lineage/protect-events.js';
import { CordonError } from '../../../src/errors.js';
import { newRunId, runIdTime } from '../../../src/lineage/run-id.js';
import { CORDON_FACET_KEY, type LineageDataset } from '../../../src/lineage/types.js';
import { openLineageProblems } from '../../helpers/openlineage.js';
import { repoPath } from '../../helpers/paths.js';

const CONTRACT = parseContract(`apiVersion: v3.1.0
kind: DataContract
id: customers-contract
version: 2.1.0
status: active
schema:
  - name: customers
    properties:
      - name: customer_id
        logicalType: string
        classification: internal
        customProperties:
          - { property: cordonProtect, value: { operator: keep } }
      - name: email
        logicalType: string
        classification: confidential
        customProperties:
          - { property: cordonEntity, value: EMAIL_ADDRESS }
          - { property: cordonProtect, value: { operator: deterministic } }
      - name: ssn
        logicalType: string
        classification: restricted
        customProperties:
          - { property: cordonProtect, value: { operator: drop } }
      - name: notes
        logicalType: string
`);

const MANIFEST: RunManifest = {
  cordonVersion: '0.1.0',
  contract: { id: CONTRACT.id, version: CONTRACT.version, sha256: CONTRACT.sha256, dataset: 'customers' },
  input: { path: 'data/raw.csv', sha256: 'a'.repeat(64), rows: 10, format: 'csv', bytes: 1234 },
  output: { path: 'data/protected.parquet', sha256: 'b'.repeat(64), rows: 9, format: 'parquet', encrypted: false },
  rows: { in: 10, out: 9, quarantined: 1 },
  quarantine: { path: 'data/quarantine.csv', sha256: 'c'.repeat(64), rows: 1, format: 'csv', encrypted: false },
  columns: [
    { name: 'customer_id', operator: 'keep' }, { name: 'email', operator: 'deterministic' },
    { name: 'ssn', operator: 'drop' }, { name: 'notes', operator: 'redact' },
  ],
  keys: [{ name: 'deterministic', version: 1 }],
  startedAt: '2026-11-30T09:00:00.000Z',
  finishedAt: '2026-11-30T09:00:01.000Z',
};

const where = { host: 'ml-host-1', cwd: '/srv/pipeline' };

function facetsOf(d: LineageDataset): Record<string, Record<string, unknown>> {
  return d.facets as unknown as Record<string, Record<string, unknown>>;
}

describe('lineage: OpenLineage events of a protect run', () => {
  it('the validator accepts the upstream full example and rejects broken events (self-test)', () => {
    const example = JSON.parse(readFileSync(repoPath('test/fixtures/openlineage/examples/example_full_event.json'), 'utf8')) as Record<string, unknown>;
    // The upstream example uses facets Cordon does not copy; check only the core spec for it.
    assert.deepEqual(openLineageProblems({ ...example, run: { runId: (example.run as { runId: string }).runId }, job: { namespace: 'n', name: 'j' }, inputs: [], outputs: [] }), []);
    const good = lineageForProtect({ phase: 'start', contract: CONTRACT, runId: newRunId(), input: 'raw.csv', output: 'out.csv', cordonVersion: '0.1.0', ...where });
    assert.deepEqual(openLineageProblems(good), []);
    assert.notDeepEqual(openLineageProblems({ ...good, run: { runId: 'not-a-uuid' } }), [], 'runId must be a UUID');
    assert.notDeepEqual(openLineageProblems({ ...good, eventType: 'DONE' }), [], 'eventType is an enum');
    const noProducer = structuredClone(good) as unknown as { outputs: Array<{ facets: Record<string, Record<string, unknown>> }> };
    delete noProducer.outputs[0]!.facets.columnLineage!._producer;
    assert.notDeepEqual(openLineageProblems(noProducer), [], 'facets need _producer');
    const badFacet = structuredClone(good) as unknown as { outputs: Array<{ facets: Record<string, Record<string, unknown>> }> };
    badFacet.outputs[0]!.facets[CORDON_FACET_KEY]!.role = 'other';
    assert.notDeepEqual(openLineageProblems(badFacet), [], 'the Cordon facet is checked against its schema');
    const unknownFacet = structuredClone(good) as unknown as { run: { facets: Record<string, unknown> } };
    unknownFacet.run.facets.x_custom = { _producer: 'https://x.example/', _schemaURL: 'https://x.example/s.json#/$defs/X' };
    assert.notDeepEqual(openLineageProblems(unknownFacet), [], 'every facet must name a known schema');
  });

  it('START, COMPLETE and FAIL of one run validate and share the UUIDv7 runId', () => {
    const runId = newRunId();
    assert.ok(runIdTime(runId)! <= Date.now());
    const start = lineageForProtect({ phase: 'start', contract: CONTRACT, runId, input: 'data/raw.csv', output: 'data/protected.parquet', quarantine: 'data/quarantine.csv', cordonVersion: '0.1.0', ...where });
    const complete = lineageForProtect({ phase: 'complete', contract: CONTRACT, runId, manifest: MANIFEST, cordonVersion: '0.1.0', ...where });
    const fail = lineageForProtect({ phase: 'fail', contract: CONTRACT, runId, input: 'data/raw.csv', output: 'data/protected.parquet', error: { code: 'ERR_INPUT_INVALID', message: 'row 3: column "x" is not in the contract' }, cordonVersion: '0.1.0', ...where });
    for (const e of [start, complete, fail]) {
      assert.deepEqual(openLineageProblems(e), [], `${e.eventType} validates`);
      assert.equal(e.run.runId, runId);
      assert.equal(e.job.namespace, 'cordon');
      assert.equal(e.job.name, 'protect.customers-contract.customers');
      assert.deepEqual(e.inputs.map((d) => [d.namespace, d.name]), [['file://ml-host-1', '/srv/pipeline/data/raw.csv']]);
    }
    assert.deepEqual([start.eventType, complete.eventType, fail.eventType], ['START', 'COMPLETE', 'FAIL']);
    assert.equal(complete.eventTime, MANIFEST.finishedAt);
    assert.equal((fail.run.facets!.errorMessage as unknown as { message: string }).message, 'ERR_INPUT_INVALID: row 3: column "x" is not in the contract');
    assert.equal(start.run.facets!.errorMessage, undefined);
    assert.equal(failureMessage(new CordonError('ERR_IO', 'cannot read raw.csv')), 'ERR_IO: cannot read raw.csv');
    assert.equal(failureMessage(new RangeError('value "maria@example.com" out of range')), 'ERR_INTERNAL: unexpected failure (RangeError)', 'a foreign message may quote data: only its class');
    assert.equal(failureMessage('boom'), 'ERR_INTERNAL: unexpected failure');
    assert.deepEqual(complete.outputs.map((d) => d.name), ['/srv/pipeline/data/protected.parquet', '/srv/pipeline/data/quarantine.csv']);
  });

  it('columnLineage: each output column from its input column, the operator as the transformation', () => {
    const e = lineageForProtect({ phase: 'complete', contract: CONTRACT, runId: newRunId(), manifest: MANIFEST, cordonVersion: '0.1.0', ...where });
    const out = facetsOf(e.outputs[0]!);
    const fields = (out.columnLineage as { fields: Record<string, { inputFields: Array<{ namespace: string; name: string; field: string; transformations: unknown[] }> }> }).fields;
    assert.deepEqual(Object.keys(fields), ['customer_id', 'email', 'notes'], 'a dropped column has no output field');
    assert.deepEqual(fields.customer_id!.inputFields, [{ namespace: 'file://ml-host-1', name: '/srv/pipeline/data/raw.csv', field: 'customer_id', transformations: [{ type: 'DIRECT', subtype: 'IDENTITY', description: 'keep', masking: false }] }]);
    assert.deepEqual(fields.email!.inputFields[0]!.transformations, [{ type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'deterministic', masking: true }]);
    assert.deepEqual(fields.notes!.inputFields[0]!.transformations, [{ type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'redact', masking: true }]);
    assert.deepEqual((out.schema as { fields: unknown[] }).fields, [
      { name: 'customer_id', type: 'string', ordinal_position: 1 }, { name: 'email', ordinal_position: 2 }, { name: 'notes', ordinal_position: 3 },
    ]);
    assert.deepEqual(out.dataSource, { _producer: out.dataSource!._producer, _schemaURL: out.dataSource!._schemaURL, name: 'file://ml-host-1', uri: 'file://ml-host-1/srv/pipeline/data/protected.parquet' });
    assert.equal((out.version as { datasetVersion: string }).datasetVersion, 'b'.repeat(64));
    assert.deepEqual(e.outputs[0]!.outputFacets!.outputStatistics!.rowCount, 9);
    assert.deepEqual(e.inputs[0]!.inputFacets!.inputStatistics!.rowCount, 10);
    // Quarantined rows are the input as it was: identity, not masked.
    const q = facetsOf(e.outputs[1]!);
    const qFields = (q.columnLineage as { fields: Record<string, { inputFields: Array<{ transformations: Array<{ masking: boolean; subtype: string }> }> }> }).fields;
    assert.deepEqual(Object.keys(qFields), ['customer_id', 'email', 'ssn', 'notes']);
    assert.ok(Object.values(qFields).every((f) => f.inputFields[0]!.transformations[0]!.subtype === 'IDENTITY' && !f.inputFields[0]!.transformations[0]!.masking));
  });

  it('the cordon_protection facet: contract id, version and hash; classification and operator per column', () => {
    const e = lineageForProtect({ phase: 'complete', contract: CONTRACT, runId: newRunId(), manifest: MANIFEST, cordonVersion: '0.1.0', ...where });
    const c = facetsOf(e.outputs[0]!)[CORDON_FACET_KEY]!;
    assert.deepEqual(c.contract, { id: 'customers-contract', version: '2.1.0', sha256: CONTRACT.sha256, dataset: 'customers' });
    assert.deepEqual(c.columns, {
      customer_id: { classification: 'internal', operator: 'keep' },
      email: { classification: 'confidential', operator: 'deterministic', entity: 'EMAIL_ADDRESS' },
      notes: { classification: 'confidential', operator: 'redact' },
    });
    assert.deepEqual(c.dropped, ['ssn']);
    assert.deepEqual(c.keys, [{ name: 'deterministic', version: 1 }]);
    assert.equal(c.role, 'protected');
    assert.equal(facetsOf(e.inputs[0]!)[CORDON_FACET_KEY]!.role, 'source');
    assert.equal(facetsOf(e.outputs[1]!)[CORDON_FACET_KEY]!.role, 'quarantine');
    // START knows the contract's plan: an unprotected confidential column is redacted (fail closed).
    const start = lineageForProtect({ phase: 'start', contract: CONTRACT, runId: newRunId(), input: 'raw.csv', output: 'o.csv', cordonVersion: '0.1.0', ...where });
    assert.deepEqual((facetsOf(start.outputs[0]!)[CORDON_FACET_KEY]!.columns as Record<string, { operator: string }>).notes!.operator, 'redact');
  });

  it('an unknown operator is reported as a masking transformation (fail closed); run ids are UUIDv7 in time order', () => {
    assert.deepEqual(transformationFor('future-op'), { type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'future-op', masking: true });
    const a = newRunId(1_700_000_000_000);
    const b = newRunId(1_700_000_000_001);
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(a < b);
    assert.equal(runIdTime(a), 1_700_000_000_000);
    assert.equal(runIdTime('6ba7b810-9dad-11d1-80b4-00c04fd430c8'), undefined);
    assert.throws(() => newRunId(-1), TypeError);
  });
});
