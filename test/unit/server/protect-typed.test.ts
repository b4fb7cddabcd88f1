// POST /v1/protect with typed values (issue 14 item 9): numbers, booleans, nulls, arrays and nested
// objects are accepted (a bare {"id":1} was a 400), nested fields are the contract's dotted paths,
// and the answer keeps each value's type and nesting unless an operator changed it (then it has the
// operator's output type: generalize a date to a year → an integer). Values nested too deep or
// columns outside the contract are refused without echoing a name or value.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import type { Principal } from '../../../src/server/principal.js';

const col = (name: string, logicalType: string, classification: string, operator: string, params = '{}', entity?: string): string =>
  `      - { name: ${JSON.stringify(name)}, logicalType: ${logicalType}, classification: ${classification}, customProperties: [${entity ? `{ property: cordonEntity, value: ${entity} }, ` : ''}{ property: cordonProtect, value: { operator: ${operator}, params: ${params} } }] }\n`;

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: typed-api
version: 1.0.0
status: active
schema:
  - name: events
    properties:
${col('id', 'integer', 'internal', 'keep')}${col('amount', 'number', 'internal', 'keep')}${col('active', 'boolean', 'internal', 'keep')}${col('dob', 'date', 'confidential', 'generalize', '{ kind: date, to: year }', 'DATE_TIME')}${col('user.name', 'string', 'restricted', 'redact', '{}', 'PERSON')}${col('user.age', 'integer', 'internal', 'keep')}${col('tags', 'array', 'internal', 'keep')}${col('note', 'string', 'internal', 'keep')}`;

describe('server: POST /v1/protect keeps types and nesting', () => {
  let tk: TempKeyring;
  let server: ReturnType<typeof buildServer>;
  const alice: Principal = { id: 'user:alice', roles: [], attributes: {}, via: 'jwt' };
  const post = (records: unknown[]) => server.app.inject({ method: 'POST', url: '/v1/protect', headers: { authorization: 'Bearer alice' }, payload: { contract: 'events', records } });

  before(async () => {
    tk = await tempKeyring();
    mkdirSync(join(tk.dir, 'contracts'));
    writeFileSync(join(tk.dir, 'contracts', 'events.yaml'), CONTRACT);
    server = buildServer({ keyring: tk.keyring, audit: tk.audit, recognizers: DEFAULT_RECOGNIZERS, contractsDir: join(tk.dir, 'contracts') }, {
      authenticators: { jwt: async (t) => { if (t !== 'alice') throw new Error('bad'); return alice; } },
      authorizer: { authorize: () => ({ allowed: true, policies: ['allow-all'], errors: [] }) },
    });
  });
  after(async () => {
    await server.app.close();
    await tk.cleanup();
  });

  it('a bare {"id": 1} is accepted and answered as a number', async () => {
    const r = await post([{ id: 1 }]);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { records: [{ id: 1 }] });
  });

  it('numbers, booleans, null, arrays and nested objects keep their types; changed values take the operator\'s type', async () => {
    const r = await post([
      { id: 7, amount: 12.5, active: true, dob: '1984-03-17', user: { name: 'Maria Gonzalez', age: 41 }, tags: ['a', 'b'], note: null },
      { id: 8, amount: 0.25, active: false, dob: '1990-12-31', user: { name: 'James Smith', age: 29 }, tags: [], note: 'ok' },
    ]);
    assert.equal(r.statusCode, 200, r.body);
    const out = (r.json() as { records: Array<Record<string, unknown>> }).records;
    assert.equal(out.length, 2);
    const [a, b] = out as [Record<string, unknown>, Record<string, unknown>];
    assert.equal(a['id'], 7);
    assert.equal(a['amount'], 12.5);
    assert.equal(a['active'], true);
    assert.equal(b['active'], false);
    assert.equal(a['dob'], 1984, 'generalize to a year answers an integer');
    assert.deepEqual(a['tags'], ['a', 'b']);
    assert.deepEqual(b['tags'], []);
    assert.equal(a['note'], null);
    assert.equal(b['note'], 'ok');
    const user = a['user'] as Record<string, unknown>;
    assert.equal(user['age'], 41, 'nesting kept, the kept number a number');
    assert.equal(typeof user['name'], 'string');
    assert.notEqual(user['name'], 'Maria Gonzalez');
    assert.ok(!r.body.includes('Maria Gonzalez') && !r.body.includes('James Smith'));
  });

  it('values nested too deep, or a nested column the contract does not name, are 400 without echoing it', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = { d: deep };
    const tooDeep = await post([{ id: 1, note: deep }]);
    assert.equal(tooDeep.statusCode, 400);
    assert.equal(tooDeep.json().code, 'ERR_INPUT_INVALID');
    const extra = await post([{ id: 1, user: { secret_field_xyz: 'v' } }]);
    assert.equal(extra.statusCode, 400);
    assert.ok(!extra.body.includes('secret_field_xyz'));
    // 100,000 levels (built as text: the test's own JSON.stringify would overflow the stack)
    const payload = `{"contract":"events","records":[{"tags":${'['.repeat(100_000)}1${']'.repeat(100_000)}}]}`;
    const deepList = await server.app.inject({ method: 'POST', url: '/v1/protect', headers: { authorization: 'Bearer alice', 'content-type': 'application/json' }, payload });
    assert.equal(deepList.statusCode, 400, deepList.body);
  });
});
