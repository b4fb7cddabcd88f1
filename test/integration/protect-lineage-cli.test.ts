// `cordon protect` records its own lineage: START and COMPLETE (or FAIL) per run, so a two-stage
// pipeline run from the CLI traces end to end with `cordon lineage trace`; each run is audited.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { cliSandbox } from '../helpers/cli.js';

const contract = (name: string, emailOp: string) => `apiVersion: v3.1.0
kind: DataContract
id: ${name}
version: 1.0.0
status: active
schema:
  - name: ${name}
    properties:
      - name: id
        classification: internal
      - name: email
        classification: confidential
        customProperties:
          - property: cordonProtect
            value: { operator: ${emailOp} }
`;

describe('cordon protect and lineage', () => {
  it('each run is recorded; lineage trace follows raw → protected → features', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(s.path('raw.csv'), 'id,email\n1,maria.gonzalez@example.com\n2,james.smith@example.org\n');
      writeFileSync(s.path('stage1.yaml'), contract('customers', 'deterministic'));
      writeFileSync(s.path('stage2.yaml'), contract('features', 'keep'));
      let r = s.run(['protect', 'raw.csv', '-c', 'stage1.yaml', '-o', 'protected.csv']);
      assert.equal(r.status, 0, r.stderr);
      r = s.run(['protect', 'protected.csv', '-c', 'stage2.yaml', '-o', 'features.csv']);
      assert.equal(r.status, 0, r.stderr);
      writeFileSync(s.path('bad.csv'), 'id,email,extra\n1,a@example.com,x\n');
      assert.equal(s.run(['protect', 'bad.csv', '-c', 'stage1.yaml', '-o', 'never.csv']).status, 3);

      const t = s.run(['lineage', 'trace', 'raw.csv.email']);
      assert.equal(t.status, 0, t.stderr);
      assert.match(t.stdout, /raw\.csv\.email → protected\.csv\.email: deterministic/);
      assert.match(t.stdout, /protected\.csv\.email → features\.csv\.email: keep/);
      const events = s.run(['lineage', 'export']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { eventType: string });
      assert.deepEqual(events.map((e) => e.eventType), ['START', 'COMPLETE', 'START', 'COMPLETE', 'START', 'FAIL']);
      assert.equal(JSON.stringify(events).includes('maria'), false);

      // Each run is in the tamper-evident audit log too: two successes and the failure, no values.
      const audit = s.run(['audit', 'show', '--type', 'protect.run', '--json']);
      assert.equal(audit.status, 0, audit.stderr);
      const runs = audit.stdout.trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; reason?: string; attributes: { rowsOut?: number } });
      assert.deepEqual(runs.map((e) => e.outcome), ['success', 'success', 'failure']);
      assert.equal(runs[0]!.attributes.rowsOut, 2);
      assert.equal(runs[2]!.reason, 'ERR_INPUT_INVALID');
      assert.equal(audit.stdout.includes('maria'), false);
      assert.equal(s.run(['audit', 'verify']).status, 0);
    } finally {
      s.cleanup();
    }
  });
});
