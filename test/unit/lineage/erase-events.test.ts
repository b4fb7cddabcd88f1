// The OpenLineage event of an erasure (issue 18 item 4): it validates against the OpenLineage
// schemas, names each rewritten file with its version before (input) and after (output, with its
// row count), and carries no subject: nothing but paths, digests and counts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lineageForErasure } from '../../../src/lineage/erase-events.js';
import { newRunId } from '../../../src/lineage/run-id.js';
import { openLineageProblems } from '../../helpers/openlineage.js';

describe('lineage: erasure events', () => {
  it('validates, and shows each rewritten file before and after', () => {
    const before = 'a'.repeat(64);
    const after = 'b'.repeat(64);
    const e = lineageForErasure({
      runId: newRunId(), scope: 'crm/customers', cordonVersion: '0.0.0', host: 'h1', cwd: '/srv',
      outputs: [{ path: 'out/c.csv', sha256Before: before, sha256After: after, rowsAfter: 41 }],
    });
    assert.deepEqual(openLineageProblems(e), []);
    assert.equal(e.eventType, 'COMPLETE');
    assert.equal(e.job.name, 'erase.crm.customers');
    assert.equal(e.job.facets!['jobType']!['jobType'], 'ERASE');
    assert.deepEqual(e.inputs.map((d) => [d.namespace, d.name, d.facets!['version']!['datasetVersion']]), [['file://h1', '/srv/out/c.csv', before]]);
    assert.deepEqual(e.outputs.map((d) => [d.name, d.facets!['version']!['datasetVersion'], d.outputFacets!['outputStatistics']!['rowCount']]), [['/srv/out/c.csv', after, 41]]);
    assert.equal(lineageForErasure({ runId: newRunId(), scope: '*', cordonVersion: '0', outputs: [] }).job.name, 'erase.all');
  });
});
