// List columns (logicalType array) through protectRecords: the column's operator on each element,
// lists kept lists (null elements null, empty lists empty, lists of lists nested), each element in
// its input type where the operator keeps it, one output per element value (deterministic, vault
// tokens), the same in worker threads; a list of structs or a non-list value stops the run with
// its row and column; an internal list column holding e-mails is undeclared personal data.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CordonError } from '../../../src/errors.js';
import type { ContractColumn, ContractDataset } from '../../../src/contracts/types.js';
import { planColumns } from '../../../src/pipeline/column-plan.js';
import { protectRecords, type Tokenizer } from '../../../src/pipeline/protect-records.js';
import { LocalDate, type TypedRecord } from '../../../src/io/value.js';
import type { KeyPurpose, OperatorKeys } from '../../../src/transform/types.js';

const col = (name: string, more: Partial<ContractColumn> = {}): ContractColumn => ({ name, required: false, classification: 'restricted', purposes: [], ...more });
const MATERIAL = new Map<KeyPurpose, Uint8Array>([['mac', randomBytes(32)], ['deterministic', randomBytes(64)], ['fpe', randomBytes(32)], ['envelope', randomBytes(32)]]);
const KEYS: OperatorKeys = { material: (p) => ({ version: 1, material: MATERIAL.get(p)! }), materialVersion: (p) => MATERIAL.get(p)! };

const DATASET: ContractDataset = {
  name: 'people',
  columns: [
    col('id', { classification: 'internal', logicalType: 'integer' }),
    col('emails', { logicalType: 'array', protect: { operator: 'deterministic', params: {} } }),
    col('phones', { logicalType: 'array', protect: { operator: 'tokenize', params: {} } }),
    col('visits', { logicalType: 'array', protect: { operator: 'generalize', params: { kind: 'date', to: 'month' } } }),
    col('codes', { logicalType: 'array', protect: { operator: 'mask', params: { keepLast: 2 } } }),
    col('tags', { classification: 'internal', logicalType: 'array' }),
  ],
};

/** A vault that numbers each new value of a namespace, and counts the values asked for. */
function fakeVault(): Tokenizer & { asked: string[] } {
  const tokens = new Map<string, string>();
  const asked: string[] = [];
  return {
    asked,
    async tokenize(namespace, values) {
      asked.push(...values);
      return values.map((v) => {
        const k = `${namespace}\u0000${v}`;
        if (!tokens.has(k)) tokens.set(k, `tok_${tokens.size + 1}`);
        return tokens.get(k)!;
      });
    },
  };
}

function rows(n: number): TypedRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    emails: [`user${i}@example.com`, `shared${i % 3}@example.org`],
    phones: i % 4 === 0 ? [] : i % 5 === 0 ? null : [`+1 415 555 ${String(1000 + (i % 6))}`, null],
    visits: [new LocalDate(19_000 + i), new LocalDate(19_400)],
    codes: [[123456 + i, null], []],
    tags: ['a', 'b'],
  }));
}

async function protect(input: TypedRecord[], options: { workers?: number; dataset?: ContractDataset; vault?: Tokenizer } = {}): Promise<TypedRecord[]> {
  const dataset = options.dataset ?? DATASET;
  async function* src() { yield* input; }
  const out: TypedRecord[] = [];
  for await (const r of protectRecords(src(), { dataset, plan: planColumns(dataset), keys: KEYS, vault: options.vault ?? fakeVault(), block: 7, workers: options.workers ?? 0 })) out.push(r);
  return out;
}

async function failure(input: TypedRecord[], dataset: ContractDataset): Promise<CordonError> {
  try {
    await protect(input, { dataset });
  } catch (e) {
    assert.ok(e instanceof CordonError);
    return e;
  }
  assert.fail('the run did not fail');
}

describe('protect: list columns element by element', () => {
  it('applies the operator to each element and keeps lists, nulls, empties and nesting', async () => {
    const input = rows(20);
    const vault = fakeVault();
    const out = await protect(input, { vault });
    assert.equal(out.length, 20);
    for (const [i, r] of out.entries()) {
      const emails = r['emails'] as string[];
      assert.ok(Array.isArray(emails) && emails.length === 2);
      for (const e of emails) assert.match(e, /^det_v1_/);
      assert.equal(emails[1], (out[i % 3]!['emails'] as string[])[1], 'one output per element value, across lists');
      assert.notEqual(emails[0], emails[1]);
      if (i % 4 === 0) assert.deepEqual(r['phones'], [], 'empty list stays empty');
      else if (i % 5 === 0) assert.equal(r['phones'], null, 'null list stays null');
      else { assert.match((r['phones'] as string[])[0]!, /^tok_\d+$/); assert.equal((r['phones'] as unknown[])[1], null, 'null element stays null'); }
      const visits = r['visits'] as LocalDate[];
      assert.ok(visits[0] instanceof LocalDate, 'a date element stays a date');
      assert.equal(visits[0]!.toString(), `${new LocalDate(19_000 + i).toString().slice(0, 7)}-01`);
      assert.deepEqual(r['codes'], [[`****${String(123456 + i).slice(-2)}`, null], []], 'lists of lists, element by element');
      assert.equal(r['tags'], input[i]!['tags'], 'a kept list is the input\'s own value');
    }
    assert.equal(new Set(vault.asked).size, vault.asked.length, 'each element value asked of the vault once');
    const phoneValues = new Set(input.flatMap((r) => (Array.isArray(r['phones']) ? (r['phones'] as Array<string | null>).filter((x) => x !== null) : [])));
    assert.equal(vault.asked.length, phoneValues.size);
    assert.equal(phoneValues.size, 5);
    assert.doesNotMatch(JSON.stringify(out), /example\.(com|org)|415 555/);
  });

  it('gives the same output in worker threads', async () => {
    const input = rows(30);
    const inline = await protect(input);
    const threaded = await protect(input, { workers: 2 });
    assert.deepEqual(threaded.map((r) => [r['emails'], r['visits']!.toString(), r['codes']]), inline.map((r) => [r['emails'], r['visits']!.toString(), r['codes']]));
  });

  it('a list of structs stops the run with ERR_LIST_UNSUPPORTED naming the row and column', async () => {
    const input = rows(3);
    input[1] = { ...input[1]!, emails: [{ work: 'w@example.com' }] };
    const e = await failure(input, DATASET);
    assert.equal(e.code, 'ERR_LIST_UNSUPPORTED');
    assert.equal(e.details?.['row'], 2);
    assert.equal(e.details?.['column'], 'emails');
    assert.doesNotMatch(e.message, /example/);
    const t = rows(3);
    t[2] = { ...t[2]!, phones: [{ home: '+1 415 555 1000' }] };
    const te = await failure(t, DATASET);
    assert.equal(te.code, 'ERR_LIST_UNSUPPORTED');
    assert.equal(te.details?.['row'], 3);
    assert.equal(te.details?.['column'], 'phones');
  });

  it('a value that is not a list in a column declared array is ERR_INPUT_INVALID with its row', async () => {
    const input = rows(3);
    input[2] = { ...input[2]!, emails: 'solo@example.com' };
    const e = await failure(input, DATASET);
    assert.equal(e.code, 'ERR_INPUT_INVALID');
    assert.equal(e.details?.['row'], 3);
    assert.doesNotMatch(e.message, /solo/);
  });

  it('fpe on a list of integers walks the cycle per element: every output an integer of the input\'s form, in and out of workers', async () => {
    const dataset: ContractDataset = { name: 'people', columns: [col('id', { classification: 'internal', logicalType: 'integer' }), col('ids', { logicalType: 'array', protect: { operator: 'fpe', params: {} } })] };
    // 200 six-digit numbers: about one unwalked fpe output in ten begins with 0, which no integer spells.
    const input: TypedRecord[] = Array.from({ length: 20 }, (_, i) => ({ id: i, ids: Array.from({ length: 10 }, (_, k) => 100_000 + i * 10 + k) }));
    const out = await protect(input, { dataset });
    for (const r of out) for (const v of r['ids'] as unknown[]) assert.ok(typeof v === 'number' && v >= 100_000 && v <= 999_999, String(v));
    assert.deepEqual(await protect(input, { dataset, workers: 2 }), out);
  });

  it('an internal list column holding e-mails is undeclared personal data, read element by element', async () => {
    const input = rows(3);
    input[1] = { ...input[1]!, tags: ['vip', 'write to owner@example.com'] };
    const e = await failure(input, DATASET);
    assert.equal(e.code, 'ERR_UNDECLARED_PERSONAL_DATA');
    assert.equal(e.details?.['column'], 'tags');
    assert.equal(e.details?.['row'], 2);
  });

  it('without logicalType array a list is still one value (contracts written before lists were walked)', async () => {
    const dataset: ContractDataset = { name: 'people', columns: [col('id', { classification: 'internal', logicalType: 'integer' }), col('emails', { protect: { operator: 'deterministic', params: {} } })] };
    const out = await protect([{ id: 1, emails: ['a@example.com', 'b@example.com'] }], { dataset });
    assert.match(out[0]!['emails'] as string, /^det_v1_/);
  });
});
