// Issue 14 item 2: values keep their input types and nesting through `protect` for every column an
// operator does not change, and changed columns take the type their operator declares. The Parquet
// input is written and every Parquet output read back by an independent implementation (DuckDB,
// @duckdb/node-api), comparing schemas and values: integers stay integers (INT32 stays INTEGER,
// INT64 BIGINT, exactly), DATE stays DATE, TIMESTAMP stays TIMESTAMP at microsecond precision,
// booleans, nulls, structs and lists stay what they were.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { contractColumn as col, contractYaml, duckSandbox, type DuckSandbox } from '../helpers/duckdb-sandbox.js';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { isCordonError } from '../../src/errors.js';

const CONTRACT = contractYaml('types-test', 'events', [
  col('id', 'integer', 'internal', 'keep'), col('big', 'integer', 'internal', 'keep'), col('amount', 'number', 'internal', 'keep'), col('active', 'boolean', 'internal', 'keep'),
  col('dob', 'date', 'confidential', 'generalize', '{ kind: date, to: year }', 'DATE_TIME'), col('seen', 'timestamp', 'internal', 'keep'),
  col('card', 'integer', 'restricted', 'fpe', '{}', 'CREDIT_CARD'), col('user.email', 'string', 'restricted', 'hash', '{}', 'EMAIL_ADDRESS'),
  col('user.name', 'string', 'restricted', 'redact', '{}', 'PERSON'), col('user.age', 'integer', 'internal', 'keep'), col('tags', 'array', 'internal', 'keep'), col('note', 'string', 'internal', 'keep'),
]);

const ROWS = [
  { id: 1, big: 9007199254740993n, amount: 12.5, active: true, dob: '1984-03-17', seen: '2024-05-01 10:00:00.123456', card: 4111111111111111n, email: 'maria@example.com', name: 'Maria Gonzalez', age: 41, tags: ['a', 'b'], note: null },
  { id: 2, big: -5n, amount: 0.25, active: false, dob: '1990-12-31', seen: '2023-01-02 03:04:05.000001', card: 5500000000000004n, email: 'james@example.org', name: 'James Smith', age: 29, tags: [], note: 'ok' },
];

describe('protect keeps types and nesting (read back by DuckDB)', () => {
  let d: DuckSandbox;
  let s: DuckSandbox['s'];
  before(async () => {
    d = await duckSandbox();
    s = d.s;
    const values = ROWS.map((r) => `(${r.id}::INTEGER, ${r.big}::BIGINT, ${r.amount}::DOUBLE, ${r.active}, DATE '${r.dob}', TIMESTAMP '${r.seen}', ${r.card}::BIGINT, {'email': '${r.email}', 'name': '${r.name}', 'age': ${r.age}::INTEGER}, [${r.tags.map((t) => `'${t}'`).join(',')}]::VARCHAR[], ${r.note === null ? 'NULL' : `'${r.note}'`})`);
    await d.c.run(`COPY (SELECT * FROM (VALUES ${values.join(', ')}) t(id, big, amount, active, dob, seen, card, "user", tags, note)) TO '${s.path('in.parquet')}' (FORMAT parquet)`);
  });
  after(() => d?.close());

  const query = (sql: string): ReturnType<DuckSandbox['query']> => d.query(sql);
  const protect = (input: string, output: string): Promise<void> => d.protect(input, output, CONTRACT);

  it('Parquet → Parquet: unchanged columns keep their exact types and values; changed ones take their operator\'s type', async () => {
    await protect('in.parquet', 'out.parquet');
    const input = await query(`SELECT * FROM '${s.path('in.parquet')}' ORDER BY id`);
    const out = await query(`SELECT * FROM '${s.path('out.parquet')}' ORDER BY id`);
    assert.deepEqual(out.types, {
      ...input.types,
      dob: 'BIGINT', // generalize to the year: an integer
      user: 'STRUCT("email" VARCHAR, "name" VARCHAR, "age" INTEGER)', // still a struct; hash and redact give strings
    });
    assert.equal(input.types['dob'], 'DATE');
    assert.equal(input.types['seen'], 'TIMESTAMP');
    assert.equal(input.types['card'], 'BIGINT');
    const exact = await query(`SELECT id, big::VARCHAR AS big, amount, active, seen::VARCHAR AS seen, tags, note, "user".age AS age FROM '${s.path('out.parquet')}' ORDER BY id`);
    assert.deepEqual(exact.rows, ROWS.map((r) => ({ id: r.id, big: String(r.big), amount: r.amount, active: r.active, seen: r.seen, tags: r.tags, note: r.note, age: r.age })));
    for (const [i, r] of out.rows.entries()) {
      assert.equal(r['dob'], ROWS[i]!.dob.slice(0, 4));
      const card = String(r['card']);
      assert.match(card, /^[1-9]\d{15}$/, 'fpe on a BIGINT: a BIGINT of the same width');
      assert.notEqual(card, String(ROWS[i]!.card));
      const user = r['user'] as Record<string, unknown>;
      assert.notEqual(user['email'], ROWS[i]!.email);
      assert.equal(user['name'], '<REDACTED>');
    }
    const bytes = readFileSync(s.path('out.parquet'));
    for (const r of ROWS) for (const v of [r.email, r.name]) assert.equal(bytes.includes(v), false);
  });

  it('Parquet → JSONL: numbers, booleans, nulls, objects and arrays stay JSON values; dates as ISO text', async () => {
    await protect('in.parquet', 'out.jsonl');
    const lines = readFileSync(s.path('out.jsonl'), 'utf8').trim().split('\n');
    assert.ok(lines[0]!.includes('"big":9007199254740993'), 'a BIGINT beyond 2^53 is written exactly');
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(Object.keys(rows[0]!), ['id', 'big', 'amount', 'active', 'dob', 'seen', 'card', 'user', 'tags', 'note']);
    assert.equal(rows[0]!['id'], 1);
    assert.equal(rows[0]!['amount'], 12.5);
    assert.equal(rows[1]!['active'], false);
    assert.equal(rows[0]!['dob'], 1984);
    assert.equal(rows[0]!['seen'], '2024-05-01T10:00:00.123456Z');
    assert.deepEqual(rows[0]!['tags'], ['a', 'b']);
    assert.equal(rows[0]!['note'], null);
    assert.equal(typeof rows[0]!['card'], 'number');
    assert.deepEqual(Object.keys(rows[0]!['user'] as object), ['email', 'name', 'age']);
    assert.equal((rows[0]!['user'] as Record<string, unknown>)['age'], 41);
  });

  it('JSONL → JSONL and JSONL → Parquet: nesting and JSON types kept, Parquet types drafted from the values', async () => {
    const jsonl = [
      '{"id":1,"big":9007199254740993,"amount":12.5,"active":true,"dob":"1984-03-17","seen":"2024-05-01T10:00:00Z","card":4111111111111111,"user":{"email":"maria@example.com","name":"Maria Gonzalez","age":41},"tags":["a","b"],"note":null}',
      '{"id":2,"big":-5,"amount":0.25,"active":false,"dob":"1990-12-31","seen":"2023-01-02T03:04:05Z","card":5500000000000004,"user":{"email":"james@example.org","name":"James Smith","age":29},"tags":[],"note":"ok"}',
    ];
    writeFileSync(s.path('in.jsonl'), jsonl.join('\n') + '\n');
    await protect('in.jsonl', 'j.jsonl');
    const rows = readFileSync(s.path('j.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(rows[0]!['id'], 1);
    assert.equal(rows[0]!['active'], true);
    assert.equal(rows[0]!['note'], null);
    assert.deepEqual(rows[0]!['tags'], ['a', 'b']);
    assert.equal(rows[0]!['seen'], '2024-05-01T10:00:00Z', 'a string stays the same string');
    assert.equal(rows[0]!['dob'], 1984);
    assert.equal((rows[1]!['user'] as Record<string, unknown>)['name'], '<REDACTED>');
    assert.equal((rows[1]!['user'] as Record<string, unknown>)['age'], 29);

    await protect('in.jsonl', 'j.parquet');
    const out = await query(`SELECT * FROM '${s.path('j.parquet')}' ORDER BY id`);
    assert.deepEqual(out.types, {
      id: 'BIGINT', big: 'BIGINT', amount: 'DOUBLE', active: 'BOOLEAN', dob: 'BIGINT', seen: 'VARCHAR', card: 'BIGINT',
      user: 'STRUCT("email" VARCHAR, "name" VARCHAR, "age" BIGINT)', tags: 'VARCHAR[]', note: 'VARCHAR',
    });
    assert.deepEqual(out.rows.map((r) => [r['id'], r['active'], r['note'], r['tags']]), [['1', true, null, ['a', 'b']], ['2', false, 'ok', []]]);
  });

  it('a JSONL column whose values have several types cannot be one Parquet column: ERR_INPUT_INVALID naming it', async () => {
    const mixed = ['{"id":1,"note":"a"}', '{"id":2,"note":7}'];
    writeFileSync(s.path('mixed.jsonl'), mixed.join('\n') + '\n');
    await assert.rejects(
      protect('mixed.jsonl', 'mixed.parquet'),
      (e: unknown) => isCordonError(e) && e.code === 'ERR_INPUT_INVALID' && /column "note" holds values of several types \(integer, string\)/.test(e.message),
    );
  });

  it('contract init drafts each column\'s logicalType from the data (typed values as they are, CSV text as it spells)', () => {
    const types = (file: string): Record<string, string> => {
      const r = s.run(['contract', 'init', file, '-o', `${file}.yaml`, '--force']);
      assert.equal(r.status, 0, r.stderr);
      const ds = parseContract(readFileSync(s.path(`${file}.yaml`), 'utf8')).datasets[0]!;
      return Object.fromEntries(ds.columns.map((c) => [c.name, c.logicalType ?? 'string']));
    };
    assert.deepEqual(types('in.parquet'), {
      id: 'integer', big: 'integer', amount: 'number', active: 'boolean', dob: 'date', seen: 'timestamp', card: 'integer',
      'user.email': 'string', 'user.name': 'string', 'user.age': 'integer', tags: 'array', note: 'string',
    });
    writeFileSync(s.path('plain.csv'), 'id,price,ok,day,at,phone,code\n1,2.5,true,2024-01-31,2024-01-31T10:00:00Z,5551234567,007\n2,3,false,2024-02-01,2024-02-01 11:00:00,5559876543,012\n');
    assert.deepEqual(types('plain.csv'), {
      id: 'integer', price: 'number', ok: 'boolean', day: 'date', at: 'timestamp',
      phone: 'string', // digits, but a phone number: text stays text
      code: 'string', // a leading zero is not a number's spelling
    });
  });
});
