// Lineage end to end: two real protect runs (raw.csv → protected.csv → features.csv, the second
// under its own contract) and a failed one, each recorded with recordProtectLineage as the protect
// command will; then `cordon lineage trace` (text and --json) answers across both runs, and
// `cordon lineage export` prints events that all validate against OpenLineage 2-0-2.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.js';
import { openLineageProblems } from '../helpers/openlineage.js';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { newRunId } from '../../src/lineage/run-id.js';
import { recordProtectLineage } from '../../src/lineage/record-protect.js';
import { LINEAGE_DB_FILE } from '../../src/lineage/store.js';
import type { TraceResult } from '../../src/lineage/trace.js';
import type { RunEvent } from '../../src/lineage/types.js';
import { protectFile } from '../../src/pipeline/protect-file.js';
import { openWorkspace } from '../../src/workspace/workspace.js';

const STAGE1 = `apiVersion: v3.1.0
kind: DataContract
id: customers-raw
version: 1.0.0
status: active
schema:
  - name: customers
    properties:
      - { name: customer_id, logicalType: string, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: email, logicalType: string, classification: confidential, customProperties: [{ property: cordonEntity, value: EMAIL_ADDRESS }, { property: cordonProtect, value: { operator: deterministic } }] }
      - { name: full_name, logicalType: string, classification: restricted, customProperties: [{ property: cordonEntity, value: PERSON }, { property: cordonProtect, value: { operator: redact } }] }
      - { name: ssn, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: drop } }] }
`;
const STAGE2 = `apiVersion: v3.1.0
kind: DataContract
id: customer-features
version: 1.0.0
status: active
schema:
  - name: features
    properties:
      - { name: customer_id, logicalType: string, classification: confidential, customProperties: [{ property: cordonProtect, value: { operator: hash } }] }
      - { name: email, logicalType: string, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: full_name, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: drop } }] }
`;
const RAW = 'customer_id,email,full_name,ssn\n1001,maria.gonzalez@example.com,Maria Gonzalez,123-45-6789\n1002,james.smith@example.org,James Smith,987-65-4321\n';

describe('cordon lineage trace over real protect runs', () => {
  it('raw.csv → protected.csv → features.csv: upstream and downstream with operators, by column and by dataset', async () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(s.path('raw.csv'), RAW);
      writeFileSync(s.path('bad.csv'), 'customer_id,email,full_name,ssn,notes\n1,a@example.com,A B,1,x\n');
      const ws = await openWorkspace({ env: s.env, cwd: s.dir });
      try {
        const opts = { home: ws.home, env: {} };
        const at = { kind: 'sqlite', path: join(ws.home, LINEAGE_DB_FILE) } as const;
        const run = async (contractText: string, input: string, output: string): Promise<void> => {
          const contract = parseContract(contractText);
          const base = { contract, runId: newRunId(), cordonVersion: '0.1.0' };
          await recordProtectLineage(at, { ...base, phase: 'start', input, output }, opts);
          try {
            const manifest = await protectFile({ input, output, contract, keyring: ws.keyring, cordonVersion: '0.1.0' });
            const r = await recordProtectLineage(at, { ...base, phase: 'complete', manifest }, opts);
            assert.deepEqual(r.warnings, []);
          } catch (e) {
            await recordProtectLineage(at, { ...base, phase: 'fail', input, output, error: e }, opts);
            throw e;
          }
        };
        await run(STAGE1, s.path('raw.csv'), s.path('protected.csv'));
        await run(STAGE2, s.path('protected.csv'), s.path('features.csv'));
        await assert.rejects(run(STAGE1, s.path('bad.csv'), s.path('never.csv')), { code: 'ERR_INPUT_INVALID' });
      } finally {
        await ws.close();
      }

      // Every stored event is a valid OpenLineage RunEvent and holds no value from the data.
      const exported = s.run(['lineage', 'export']);
      assert.equal(exported.status, 0, exported.stderr);
      const events = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as RunEvent);
      assert.deepEqual(events.map((e) => e.eventType), ['START', 'COMPLETE', 'START', 'COMPLETE', 'START', 'FAIL']);
      for (const e of events) assert.deepEqual(openLineageProblems(e), [], `${e.eventType} ${e.run.runId}`);
      assert.match((events[5]!.run.facets!.errorMessage as unknown as { message: string }).message, /^ERR_INPUT_INVALID: row 1: column "notes" is not in the contract/);
      for (const v of ['maria', 'Maria', 'Gonzalez', '123-45-6789', 'james.smith']) assert.equal(exported.stdout.includes(v), false, v);
      assert.equal(readFileSync(s.path('protected.csv'), 'utf8').includes('maria'), false);

      const col = s.run(['lineage', 'trace', 'protected.csv.email']);
      assert.equal(col.status, 0, col.stderr);
      assert.match(col.stdout, /^lineage of protected\.csv\.email \(file:\/\/.+\/protected\.csv\)\n/);
      assert.match(col.stdout, /upstream:\n  raw\.csv\.email → protected\.csv\.email: deterministic \(masking\)  \(run [0-9a-f-]{36}, /);
      assert.match(col.stdout, /downstream:\n  protected\.csv\.email → features\.csv\.email: keep  \(run /);

      const feat = s.run(['lineage', 'trace', 'features.csv.customer_id', '--json']);
      assert.equal(feat.status, 0, feat.stderr);
      const t = JSON.parse(feat.stdout) as TraceResult;
      assert.deepEqual(t.upstream.map((x) => [x.depth, x.from.name.endsWith('/protected.csv') || x.from.name.endsWith('/raw.csv'), x.from.field, x.operators[0]!.operator]), [[1, true, 'customer_id', 'hash'], [2, true, 'customer_id', 'keep']]);
      assert.deepEqual(t.downstream, []);

      const ds = s.run(['lineage', 'trace', 'raw.csv']);
      assert.equal(ds.status, 0, ds.stderr);
      assert.match(ds.stdout, /downstream:\n  raw\.csv → protected\.csv  \(run [^)]+\)\n      customer_id → customer_id: keep\n      email → email: deterministic \(masking\)\n      full_name → full_name: redact \(masking\)\n    protected\.csv → features\.csv  \(run [^)]+\)\n        customer_id → customer_id: hash \(masking\)\n        email → email: keep\n$/);
      assert.match(ds.stdout, /upstream: \(none\)/);

      assert.equal(s.run(['lineage', 'trace', 'never.csv']).status, 3, 'a failed run records no data flow');
      assert.equal(s.run(['lineage', 'trace', 'raw.csv.ssn']).status, 3, 'a dropped column flows nowhere');
      assert.equal(s.run(['lineage', 'trace', 'x', '--depth', '0']).status, 2);
    } finally {
      s.cleanup();
    }
  });

  it('without lineage recorded: a clear error', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const r = s.run(['lineage', 'trace', 'raw.csv']);
      assert.equal(r.status, 3);
      assert.match(r.stderr, /ERR_INPUT_INVALID: no lineage recorded yet/);
    } finally {
      s.cleanup();
    }
  });
});
