// Worker threads change nothing but speed: the same records, in the same order, the same
// quarantined rows and the same first error as the inline run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CordonError } from '../../../src/errors.js';
import type { ContractColumn, ContractDataset } from '../../../src/contracts/types.js';
import { planColumns } from '../../../src/pipeline/column-plan.js';
import { protectRecords } from '../../../src/pipeline/protect-records.js';
import type { DatasetRecord } from '../../../src/io/record.js';
import type { KeyPurpose, OperatorKeys } from '../../../src/transform/types.js';
import { flattenRecord } from '../../../src/io/record.js';

const col = (name: string, more: Partial<ContractColumn> = {}): ContractColumn => ({ name, required: false, classification: 'restricted', purposes: [], ...more });
const DATASET: ContractDataset = {
  name: 'people',
  columns: [
    col('id', { classification: 'internal', logicalType: 'integer' }),
    col('name', { protect: { operator: 'hash', params: {} } }),
    col('email', { protect: { operator: 'deterministic', params: {} } }),
    col('card', { protect: { operator: 'mask', params: { keepLast: 4 } } }),
    col('dob', { protect: { operator: 'generalize', params: { kind: 'date', to: 'year' } } }),
    col('note', { classification: 'internal' }),
  ],
};

const MATERIAL = new Map<KeyPurpose, Uint8Array>([['mac', randomBytes(32)], ['deterministic', randomBytes(64)], ['fpe', randomBytes(32)], ['envelope', randomBytes(32)]]);
const KEYS: OperatorKeys = {
  material: (p) => ({ version: 1, material: MATERIAL.get(p)! }),
  materialVersion: (p) => MATERIAL.get(p)!,
};

function records(n: number, bad?: number): DatasetRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1 === bad ? 'x' : String(i + 1),
    name: `Person ${i % 97}`,
    email: `p${i % 89}@example.com`,
    card: '4111111111111111',
    dob: `19${50 + (i % 50)}-02-0${1 + (i % 9)}`,
    // Every 1,000th note carries an e-mail: undeclared personal data in an internal column.
    note: i % 1000 === 999 ? `write to someone${i}@example.org` : `note ${i % 7}`,
  }));
}

async function run(input: DatasetRecord[], workers: number, quarantine: boolean): Promise<{ out: Array<Record<string, string | null>>; q: number[]; error?: string }> {
  const out: Array<Record<string, string | null>> = [];
  const q: number[] = [];
  async function* src() { yield* input; }
  try {
    for await (const r of protectRecords(src(), { dataset: DATASET, plan: planColumns(DATASET), keys: KEYS, workers, block: 500, ...(quarantine ? { onQuarantine: (_r: unknown, row: number) => { q.push(row); } } : {}) })) out.push(flattenRecord(r));
  } catch (e) {
    return { out, q, error: e instanceof CordonError ? `${e.code} ${e.message}` : String(e) };
  }
  return { out, q };
}

describe('protectRecords with worker threads', () => {
  it('gives the inline output, in order, with the same quarantined rows', async () => {
    const input = records(5000);
    const inline = await run(input, 0, true);
    const threaded = await run(input, 2, true);
    assert.equal(inline.error, undefined);
    assert.deepEqual(inline.q, [1000, 2000, 3000, 4000, 5000]);
    assert.deepEqual(threaded.q, inline.q);
    assert.equal(threaded.out.length, 4995);
    assert.deepEqual(threaded.out, inline.out);
    assert.equal(threaded.out[0]!['card'], '************1111');
  });

  it('stops at the same first error, after the same records', async () => {
    const input = records(5000, 2600);
    const inline = await run(input, 0, false);
    const threaded = await run(input, 2, false);
    assert.match(inline.error!, /^ERR_UNDECLARED_PERSONAL_DATA row 1000:/);
    assert.equal(threaded.error, inline.error);
    const shape = await run(input, 2, true);
    assert.match(shape.error!, /^ERR_INPUT_INVALID row 2600: column "id"/);
    assert.deepEqual(shape.q, [1000, 2000]);
  });

  it('keeps at most two blocks per worker between the reader and the writer, blocks bounded by records and by characters', async () => {
    // Records of ~1,100 characters: with blockChars 10,000 a block ends at its 10th record, before `block` (500).
    const input = records(600).map((r, i) => ({ ...r, name: `${'n'.repeat(1000)}${i}`, note: `note ${i % 7}` }));
    const inline = await run(input, 0, false);
    assert.equal(inline.error, undefined);
    for (const workers of [0, 1, 2]) {
      let read = 0;
      let unwritten = 0;
      let most = 0;
      const blocks: number[] = [];
      async function* src() { for (const r of input) { read++; yield r; } }
      const out: Array<Record<string, string | null>> = [];
      for await (const r of protectRecords(src(), { dataset: DATASET, plan: planColumns(DATASET), keys: KEYS, workers, block: 500, blockChars: 10_000, onBlock: (n) => blocks.push(n) })) {
        out.push(flattenRecord(r));
        unwritten = read - out.length;
        most = Math.max(most, unwritten);
      }
      assert.equal(out.length, 600);
      assert.ok(blocks.every((n) => n === 10), `blocks of ${[...new Set(blocks)].join(', ')} records`);
      // Blocks in flight: one inline, two per worker; the reader has read exactly those, no more.
      assert.equal(most, Math.max(1, 2 * workers) * 10 - 1);
      // Smaller blocks change nothing in the output.
      assert.deepEqual(out, inline.out);
    }
  });
});
