// applyBlock works column by column and remembers the outputs of value-only operators; protectRecords
// remembers tokens. Neither may change a result: the same outputs as one operator call per value, the
// same first error as a row-by-row pass, fresh ciphertexts for `encrypt` even for equal values, and one
// vault call per distinct value a run has not tokenized yet.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CordonError } from '../../../src/errors.js';
import type { ContractColumn, ContractDataset } from '../../../src/contracts/types.js';
import { planColumns } from '../../../src/pipeline/column-plan.js';
import { applyBlock, MEMO_LIMIT } from '../../../src/pipeline/apply-block.js';
import { recordChecker } from '../../../src/pipeline/check-records.js';
import { protectRecords, type Tokenizer } from '../../../src/pipeline/protect-records.js';
import { flattenRecord, type DatasetRecord } from '../../../src/io/record.js';
import type { KeyPurpose, OperatorKeys } from '../../../src/transform/types.js';

const col = (name: string, more: Partial<ContractColumn> = {}): ContractColumn => ({ name, required: false, classification: 'restricted', purposes: [], ...more });
const MATERIAL = new Map<KeyPurpose, Uint8Array>([['mac', randomBytes(32)], ['deterministic', randomBytes(64)], ['fpe', randomBytes(32)], ['envelope', randomBytes(32)]]);
const KEYS: OperatorKeys = {
  material: (p) => ({ version: 1, material: MATERIAL.get(p)! }),
  materialVersion: (p) => MATERIAL.get(p)!,
};

const DATASET: ContractDataset = {
  name: 'people',
  subject: 'id',
  columns: [
    col('id', { classification: 'internal' }),
    col('name', { protect: { operator: 'hash', params: {} } }),
    col('email', { protect: { operator: 'deterministic', params: {} } }),
    col('card', { protect: { operator: 'fpe', params: { keepLast: 4 } } }),
    col('dob', { protect: { operator: 'generalize', params: { kind: 'date', to: 'year' } } }),
    col('seen', { protect: { operator: 'date-shift', params: {} } }),
    col('secret', { protect: { operator: 'encrypt', params: {} } }),
    col('note', { protect: { operator: 'text', params: { default: { operator: 'redact', params: { indexed: true } } } } }),
  ],
};

function rows(n: number): DatasetRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i % 5}`,
    name: `Person ${i % 3}`,
    email: `p${i % 4}@example.com`,
    card: ['4111111111111111', '5555555555554444'][i % 2]!,
    dob: '1980-02-03',
    seen: '2024-05-06',
    secret: 'the same secret',
    note: i % 2 === 0 ? 'Call Maria Gonzalez or Maria Gonzalez at maria@example.com' : 'No issues reported.',
  }));
}

const ctxOf = (dataset: ContractDataset, quarantine = false) => ({ dataset, plan: planColumns(dataset), keys: KEYS, checker: recordChecker(dataset), quarantine });

/** Every operator called once per value, with a fresh context per record: what applyBlock must match. */
function oneByOne(records: readonly DatasetRecord[], dataset: ContractDataset): Array<Record<string, string | null>> {
  const plan = planColumns(dataset);
  return records.map((r) => {
    const o: Record<string, string | null> = {};
    const placeholders = new Map();
    for (const p of plan) {
      const v = r[p.name]!;
      o[p.name] = p.prepared!.apply(v, { dataset: dataset.name, field: p.name, keys: KEYS, placeholders, subject: r['id']!, ...(p.findSpans ? { findSpans: p.findSpans } : {}) });
    }
    return o;
  });
}

describe('applyBlock', () => {
  it('gives each value the output of its own operator call, repeated values included', () => {
    const input = rows(40);
    const ctx = ctxOf(DATASET);
    // Twice through the same context: the second block is answered from the memo.
    const first = applyBlock(input, input.map((_r, i) => i + 1), ctx);
    const second = applyBlock(input, input.map((_r, i) => i + 41), ctx);
    assert.equal(first.error, undefined);
    const expected = oneByOne(input, DATASET);
    for (const res of [first, second]) {
      res.out.forEach((o, i) => {
        for (const c of ['id', 'name', 'email', 'card', 'dob', 'seen', 'note']) assert.equal(o![c], expected[i]![c], `row ${i + 1} ${c}`);
      });
    }
    assert.equal(first.out[0]!['note'], 'Call <PERSON_1> or <PERSON_1> at <EMAIL_ADDRESS_1>');
    // date-shift follows the subject, not the value: p0 and p1 share a date but not (in general) an offset.
    assert.equal(first.out[0]!['seen'], first.out[5]!['seen']);
  });

  it('never reuses an encrypt output: equal values get distinct ciphertexts', () => {
    const input = rows(50);
    const ctx = ctxOf(DATASET);
    const res = [...applyBlock(input, input.map((_r, i) => i + 1), ctx).out, ...applyBlock(input, input.map((_r, i) => i + 51), ctx).out];
    assert.equal(new Set(res.map((o) => o!['secret'])).size, 100);
  });

  it('stops at the error a row-by-row pass meets first', () => {
    const dataset: ContractDataset = {
      name: 't',
      columns: [
        col('id', { classification: 'internal', logicalType: 'integer' }),
        col('a', { protect: { operator: 'generalize', params: { kind: 'date', to: 'year' } } }),
        col('b', { protect: { operator: 'generalize', params: { kind: 'number', width: 10 } } }),
      ],
    };
    const good = (i: number): DatasetRecord => ({ id: String(i), a: '2020-01-01', b: '17' });
    const at = (ctxRows: DatasetRecord[]) => applyBlock(ctxRows, ctxRows.map((_r, i) => i + 1), ctxOf(dataset));
    // Column b fails at row 3, column a at row 5: row 3 comes first although a is the earlier column.
    let r = at([good(1), good(2), { ...good(3), b: 'x' }, good(4), { ...good(5), a: 'x' }]);
    assert.equal(r.error?.details?.['row'], 3);
    assert.equal(r.error?.details?.['column'], 'b');
    assert.equal(r.out.length, 2);
    // Both columns fail in row 2: the first column is named.
    r = at([good(1), { ...good(2), a: 'x', b: 'x' }]);
    assert.equal(r.error?.details?.['column'], 'a');
    // A record check in row 2 comes before an operator error in the same row, and before later rows.
    r = at([good(1), { ...good(2), id: 'nope', a: 'x' }, { ...good(3), b: 'x' }]);
    assert.equal(r.error?.code, 'ERR_INPUT_INVALID');
    assert.match(r.error!.message, /^row 2: column "id"/);
    // An operator error before a record check wins.
    r = at([{ ...good(1), b: 'x' }, { ...good(2), id: 'nope' }]);
    assert.equal(r.error?.details?.['row'], 1);
    assert.equal(r.out.length, 0);
  });

  it('fpe over the column at once: the outputs of one call per value, and the first error a row-by-row pass meets', () => {
    const dataset: ContractDataset = {
      name: 'f',
      columns: [
        col('id', { classification: 'internal' }),
        col('card', { protect: { operator: 'fpe', params: { keepLast: 4 } } }),
        col('b', { protect: { operator: 'generalize', params: { kind: 'number', width: 10 } } }),
      ],
    };
    const card = (i: number) => String(4000000000000000 + ((i % 37) * 1234567891 % 1e15));
    const good = (i: number): DatasetRecord => ({ id: String(i), card: i % 11 === 0 ? '' : card(i), b: '17' });
    const input = Array.from({ length: 300 }, (_r, i) => good(i));
    const ctx = ctxOf(dataset);
    const expected = oneByOne(input.map((r) => ({ ...r, card: r['card'] || '4111111111111111' })), dataset);
    for (const round of [0, 1]) {
      const res = applyBlock(input, input.map((_r, i) => i + 1 + round * 300), ctx);
      assert.equal(res.error, undefined);
      res.out.forEach((o, i) => assert.equal(o!['card'], input[i]!['card'] === '' ? '' : expected[i]!['card'], `round ${round} row ${i + 1}`));
    }
    const at = (rs: DatasetRecord[]) => applyBlock(rs, rs.map((_r, i) => i + 1), ctxOf(dataset));
    // A bad card in row 4 (after values that repeat) and a bad b in row 6: row 4, column card.
    let r = at([good(1), good(2), good(1), { ...good(4), card: '4111-11x1' }, good(2), { ...good(6), b: 'x' }, { ...good(7), card: '12' }]);
    assert.equal(r.error?.code, 'ERR_FPE_DOMAIN');
    assert.deepEqual([r.error?.details?.['row'], r.error?.details?.['column']], [4, 'card']);
    assert.match(r.error!.message, /^row 4, column "card": fpe: /);
    assert.equal(r.out.length, 3);
    assert.equal(r.out[2]!['card'], r.out[0]!['card']);
    // The bad value's first row counts, even when an earlier row of a later column fails after it.
    r = at([good(1), { ...good(2), b: 'x' }, { ...good(3), card: '12' }]);
    assert.deepEqual([r.error?.details?.['row'], r.error?.details?.['column']], [2, 'b']);
    r = at([good(1), { ...good(2), card: '12' }, { ...good(3), card: '12' }, { ...good(4), b: 'x' }]);
    assert.deepEqual([r.error?.details?.['row'], r.error?.details?.['column']], [2, 'card']);
    assert.equal(r.out.length, 1);
  });

  it('keeps memory bounded: a column with more distinct values than the memo holds stays right', () => {
    const dataset: ContractDataset = { name: 'm', columns: [col('v', { protect: { operator: 'hash', params: {} } })] };
    const ctx = ctxOf(dataset);
    // Values that repeat after more than the memo holds, then values that never repeat (the memo turns itself off).
    const n = 4 * MEMO_LIMIT;
    // Long values (not remembered) are mixed in.
    const input = Array.from({ length: n }, (_r, i) => ({ v: i % 10 === 0 ? `${'x'.repeat(300)}${i % 3}` : i < 2 * MEMO_LIMIT ? `value ${i % (MEMO_LIMIT + 100)}` : `unique ${i}` }));
    const res = applyBlock(input, input.map((_r, i) => i + 1), ctx);
    const expected = oneByOne(input, dataset);
    assert.deepEqual(res.out.map((o) => o!['v']), expected.map((o) => o['v']));
  });
});

describe('protectRecords and the vault', () => {
  const dataset: ContractDataset = { name: 'v', columns: [col('id', { classification: 'internal' }), col('name', { protect: { operator: 'tokenize', params: {} } })] };
  /** A convergent fake vault that records what it is asked. */
  function vault(refuse?: string): Tokenizer & { asked: string[] } {
    const asked: string[] = [];
    return {
      asked,
      tokenize: async (_ns, values) => {
        values.forEach((v, index) => {
          if (v === refuse) throw new CordonError('ERR_INPUT_INVALID', 'refused', { details: { index, reason: 'is refused' } });
        });
        asked.push(...values);
        return values.map((v) => `tok(${v})`);
      },
    };
  }
  async function run(input: DatasetRecord[], v: Tokenizer): Promise<Array<Record<string, string | null>>> {
    async function* src() { yield* input; }
    const out: Array<Record<string, string | null>> = [];
    for await (const r of protectRecords(src(), { dataset, plan: planColumns(dataset), keys: KEYS, vault: v, block: 10 })) out.push(flattenRecord(r));
    return out;
  }

  it('asks once per distinct value in a run, and every row gets its token', async () => {
    const input = Array.from({ length: 100 }, (_r, i) => ({ id: String(i), name: i % 7 === 0 ? '' : `n${i % 13}` }));
    const v = vault();
    const out = await run(input, v);
    assert.deepEqual(out.map((o) => o['name']), input.map((r) => (r.name === '' ? '' : `tok(${r.name})`)));
    assert.equal(v.asked.length, new Set(v.asked).size);
    assert.equal(v.asked.length, 13);
  });

  it('names the first row holding a refused value', async () => {
    const input = Array.from({ length: 10 }, (_r, i) => ({ id: String(i), name: i >= 4 ? 'bad' : `n${i}` }));
    await assert.rejects(run(input, vault('bad')), (e: CordonError) => e.code === 'ERR_INPUT_INVALID' && e.details?.['row'] === 5 && !e.message.includes('bad'));
  });
});
