// The record checks that run before any operator: declared columns, required values, logical types,
// and undeclared personal data in public or internal columns (stop, or quarantine with reasons).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CordonError } from '../../../src/errors.js';
import type { ContractColumn, ContractDataset } from '../../../src/contracts/types.js';
import { recordChecker } from '../../../src/pipeline/check-records.js';
import { planColumns } from '../../../src/pipeline/column-plan.js';
import { protectRecords } from '../../../src/pipeline/protect-records.js';
import type { DatasetRecord } from '../../../src/io/record.js';
import type { OperatorKeys } from '../../../src/transform/types.js';
import { flattenRecord } from '../../../src/io/record.js';

const col = (name: string, more: Partial<ContractColumn> = {}): ContractColumn => ({ name, required: false, classification: 'internal', purposes: [], ...more });

const DATASET: ContractDataset = {
  name: 'customers',
  columns: [
    col('id', { required: true, logicalType: 'integer' }),
    col('name', { classification: 'confidential', entity: 'PERSON', protect: { operator: 'redact', params: {} } }),
    col('plan'),
    col('city', { entity: 'LOCATION' }),
    col('score', { logicalType: 'number' }),
    col('signup', { logicalType: 'date' }),
    col('comment', { classification: 'public' }),
  ],
};

function code(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof CordonError ? `${e.code} ${e.message}` : String(e); }
  return undefined;
}

describe('recordChecker', () => {
  const c = recordChecker(DATASET);

  it('accepts a record that fits', () => {
    assert.equal(code(() => c.checkShape({ id: '7', name: 'Maria Gonzalez', plan: 'pro', score: '-1.5e3', signup: '2024-02-29' }, 1)), undefined);
  });

  it('refuses undeclared columns, empty required columns and values of the wrong logical type, by row and column', () => {
    assert.match(code(() => c.checkShape({ id: '7', extra: 'x' }, 3))!, /^ERR_INPUT_INVALID row 3: column "extra" is not in the contract/);
    assert.match(code(() => c.checkShape({ id: '', plan: 'pro' }, 4))!, /^ERR_INPUT_INVALID row 4: required column "id" is empty/);
    assert.match(code(() => c.checkShape({ id: '12a' }, 5))!, /^ERR_INPUT_INVALID row 5: column "id" .* logicalType integer/);
    assert.match(code(() => c.checkShape({ id: '1', score: 'high' }, 6))!, /column "score" .* number/);
    assert.match(code(() => c.checkShape({ id: '1', signup: '2024-13-45' }, 7))!, /column "signup" .* date/);
    // The message never carries the value.
    assert.equal(code(() => c.checkShape({ id: 'SECRET-ID-42' }, 8))!.includes('SECRET-ID-42'), false);
  });

  it('an unknown logicalType is a contract error before any row', () => {
    assert.match(code(() => recordChecker({ name: 'x', columns: [col('a', { logicalType: 'uuidish' })] }))!, /^ERR_CONTRACT_INVALID/);
  });

  it('finds direct identifiers in public and internal columns, not in declared or protected ones', () => {
    assert.equal(c.findUndeclared({ id: '1', name: 'Maria Gonzalez', plan: 'pro', city: 'Chicago', comment: 'great service' }, 1), undefined);
    const v = c.findUndeclared({ id: '1', plan: 'maria.gonzalez@example.com', comment: 'call me on +1 415 555 0134, Maria Gonzalez' }, 9)!;
    assert.equal(v.row, 9);
    assert.equal(v.column, 'plan');
    assert.deepEqual([...v.entities].sort(), ['EMAIL_ADDRESS', 'PERSON', 'PHONE_NUMBER']);
    assert.equal(v.reasons.length, 2);
    for (const r of v.reasons) assert.equal(/maria|0134/i.test(r), false, 'reasons name kinds, not values');
  });

  it('a lone word that is also a first name in a city column does not stop a run', () => {
    for (const city of ['Jackson', 'Madison', 'Washington', 'Florence']) assert.equal(c.findUndeclared({ id: '1', city }, 1), undefined, city);
  });
});

const KEYS: OperatorKeys = {
  material() { throw new Error('no keys in this test'); },
  materialVersion() { throw new Error('no keys in this test'); },
};

async function* from(records: DatasetRecord[]): AsyncGenerator<DatasetRecord> { yield* records; }

describe('protectRecords and undeclared personal data', () => {
  const records: DatasetRecord[] = [
    { id: '1', name: 'Maria Gonzalez', plan: 'pro', comment: 'fine' },
    { id: '2', name: 'James Smith', plan: 'free', comment: 'my SSN is 536-22-8714, James Smith' },
    { id: '3', name: 'Wei Chen', plan: 'team', comment: 'ok' },
  ];

  it('stops the run with ERR_UNDECLARED_PERSONAL_DATA and the row, without the value', async () => {
    const out: unknown[] = [];
    await assert.rejects(async () => { for await (const r of protectRecords(from(records), { dataset: DATASET, plan: planColumns(DATASET), keys: KEYS })) out.push(r); }, (e: unknown) => {
      assert.ok(e instanceof CordonError);
      assert.equal(e.code, 'ERR_UNDECLARED_PERSONAL_DATA');
      assert.match(e.message, /^row 2: column "comment" \(public\) holds/);
      assert.equal(/536-22|James/.test(e.message), false);
      assert.equal(e.details?.row, 2);
      return true;
    });
  });

  it('with a quarantine, the row goes there whole and the others keep their order', async () => {
    const quarantined: Array<{ row: number; record: DatasetRecord; reasons: readonly string[] }> = [];
    const out: Array<Record<string, string | null>> = [];
    for await (const r of protectRecords(from(records), { dataset: DATASET, plan: planColumns(DATASET), keys: KEYS, block: 1, onQuarantine: (record, row, reasons) => { quarantined.push({ record: record as DatasetRecord, row, reasons }); } })) out.push(flattenRecord(r));
    assert.deepEqual(out.map((r) => r['id']), ['1', '3']);
    assert.equal(out[0]!['name'], '<REDACTED>');
    assert.equal(quarantined.length, 1);
    assert.equal(quarantined[0]!.row, 2);
    assert.equal(quarantined[0]!.record, records[1]);
    assert.match(quarantined[0]!.reasons[0]!, /US_SSN/);
  });
});
