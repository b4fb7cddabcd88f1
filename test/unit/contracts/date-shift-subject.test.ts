// date-shift moves all of one data subject's dates by one offset: the subject is the dataset's
// primary key. A contract that date-shifts without one is refused when it loads, not mid-run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CordonError } from '../../../src/errors.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { planColumns } from '../../../src/pipeline/column-plan.js';
import { protectRecords } from '../../../src/pipeline/protect-records.js';
import type { DatasetRecord } from '../../../src/io/record.js';
import type { OperatorKeys } from '../../../src/transform/types.js';
import { flattenRecord } from '../../../src/io/record.js';

const contract = (primaryKey: boolean) => `apiVersion: v3.1.0
kind: DataContract
id: visits
version: 1.0.0
status: active
schema:
  - name: visits
    properties:
      - name: patient_id
        classification: internal
${primaryKey ? '        primaryKey: true\n' : ''}      - name: admitted
        classification: confidential
        customProperties:
          - property: cordonProtect
            value: { operator: date-shift, params: { maxDays: 30 } }
      - name: discharged
        classification: confidential
        customProperties:
          - property: cordonProtect
            value: { operator: date-shift, params: { maxDays: 30 } }
`;

const MAC = randomBytes(32);
const KEYS: OperatorKeys = { material: () => ({ version: 1, material: MAC }), materialVersion: () => MAC };

describe('date-shift and the data subject', () => {
  it('is refused at load without a primary key', () => {
    assert.throws(() => parseContract(contract(false)), (e: unknown) => e instanceof CordonError && e.code === 'ERR_CONTRACT_INVALID' && /date-shift.*primaryKey: true/.test(e.message));
  });

  it('shifts one subject\'s dates by one offset, keeping the interval', async () => {
    const ds = parseContract(contract(true)).datasets[0]!;
    assert.equal(ds.subject, 'patient_id');
    const rows: DatasetRecord[] = [
      { patient_id: 'p-1', admitted: '2024-03-01', discharged: '2024-03-11' },
      { patient_id: 'p-2', admitted: '2024-03-01', discharged: '2024-03-04' },
      { patient_id: 'p-1', admitted: '2024-06-01', discharged: '2024-06-02' },
    ];
    async function* src() { yield* rows; }
    const out: Array<Record<string, string | null>> = [];
    for await (const r of protectRecords(src(), { dataset: ds, plan: planColumns(ds), keys: KEYS })) out.push(flattenRecord(r));
    const day = (s: string) => Date.parse(s) / 86_400_000;
    assert.equal(day(out[0]!['discharged']!) - day(out[0]!['admitted']!), 10, 'interval kept');
    assert.equal(day(out[0]!['admitted']!) - day('2024-03-01'), day(out[2]!['admitted']!) - day('2024-06-01'), 'one offset per subject');
    assert.notEqual(out[0]!['admitted'], '2024-03-01');
    assert.ok(Math.abs(day(out[1]!['admitted']!) - day('2024-03-01')) <= 30);
  });
});
