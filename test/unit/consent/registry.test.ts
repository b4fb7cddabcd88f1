// Issue 18 item 7: the consent registry. One storage suite on SQLite and PostgreSQL (grants as
// intervals: a withdrawal closes the open grant, consent is judged at a time, re-granting opens a
// new interval), changeConsent (commitments only, one audit event with the audit commitment, never
// the id), the import parser (checked whole, time-ordered), and protect's gate end to end: rows of
// subjects without consent for the run's purpose are dropped or quarantined and counted, and a
// withdrawal is honoured by the next run.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { PG_SKIP, ScratchSchemas } from '../../helpers/pg-schemas.js';
import { SqliteConsentStore } from '../../../src/consent/store/sqlite.js';
import { PostgresConsentStore } from '../../../src/consent/store/postgres.js';
import type { ConsentStore } from '../../../src/consent/store/types.js';
import { changeConsent } from '../../../src/consent/change-consent.js';
import { parseConsentImport } from '../../../src/consent/import-consent.js';
import { holds, runGate } from '../../../src/consent/run-gate.js';
import { commitSubject, subjectIndexKey } from '../../../src/erasure/commitment.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { protectFile } from '../../../src/pipeline/protect-file.js';
import type { AuditEvent } from '../../../src/audit/event.js';
import { CordonError } from '../../../src/errors.js';

const c = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const T0 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

function storeSuite(name: string, open: () => Promise<ConsentStore>, options: { skip?: string } = {}, done?: () => Promise<void>): void {
  describe(`consent: ${name} registry`, options, () => {
    if (done !== undefined) after(done);
    it('grants are intervals: judged at a time, closed by a withdrawal, reopened by a new grant', async () => {
      const s = await open();
      try {
        assert.deepEqual(await s.grant(c(1), 'analytics', T0), { changed: true });
        assert.deepEqual(await s.grant(c(1), 'analytics', T0 + DAY), { changed: false }, 'a grant already open');
        assert.equal(await s.granted(c(1), 'analytics', T0 - 1), false, 'before the grant');
        assert.equal(await s.granted(c(1), 'analytics', T0), true);
        assert.equal(await s.granted(c(1), 'marketing', T0), false, 'another purpose');
        assert.deepEqual(await s.withdraw(c(1), 'analytics', T0 + 10 * DAY), { changed: true });
        assert.deepEqual(await s.withdraw(c(1), 'analytics', T0 + 11 * DAY), { changed: false }, 'nothing open to withdraw');
        assert.equal(await s.granted(c(1), 'analytics', T0 + 5 * DAY), true, 'a run judged before the withdrawal');
        assert.equal(await s.granted(c(1), 'analytics', T0 + 10 * DAY), false, 'from the withdrawal on');
        await s.grant(c(1), 'analytics', T0 + 20 * DAY);
        assert.equal(await s.granted(c(1), 'analytics', T0 + 15 * DAY), false);
        assert.equal(await s.granted(c(1), 'analytics', T0 + 21 * DAY), true);
        const h = await s.history(c(1));
        assert.deepEqual(h.map((r) => [r.purpose, r.grantedAt - T0, r.withdrawnAt === null ? null : r.withdrawnAt - T0]), [['analytics', 0, 10 * DAY], ['analytics', 20 * DAY, null]]);
        // A withdrawal dated before its grant closes it at the grant (an empty interval), never earlier.
        await s.grant(c(2), 'analytics', T0 + DAY);
        await s.withdraw(c(2), 'analytics', T0);
        assert.equal(await s.granted(c(2), 'analytics', T0 + DAY), false);
      } finally {
        await s.close();
      }
    });

    it('grantedAll lists the commitments granted at a time, sorted; summary counts per purpose', async () => {
      const s = await open();
      try {
        for (const n of [9, 3, 200, 7]) await s.grant(c(n), 'p1', T0);
        await s.withdraw(c(7), 'p1', T0 + DAY);
        await s.grant(c(5), 'p2', T0);
        const all = await s.grantedAll('p1', T0 + 2 * DAY);
        assert.equal(all.length, 3 * 32);
        assert.deepEqual([all[0], all[32], all[64]], [3, 9, 200]);
        assert.equal((await s.grantedAll('p1', T0)).length, 4 * 32, 'c(7) still granted then');
        for (const n of [3, 9, 200]) assert.equal(holds(all, c(n)), true);
        for (const n of [0, 5, 7, 8, 255]) assert.equal(holds(all, c(n)), false);
        // grantedEach (POST /v1/protect's batch): in the order asked, repeats answered each time.
        assert.deepEqual(await s.grantedEach([c(9), c(7), c(5), c(3), c(9), c(0)], 'p1', T0 + 2 * DAY), [true, false, false, true, true, false]);
        assert.deepEqual(await s.grantedEach([c(7)], 'p1', T0), [true], 'judged at the time asked');
        assert.deepEqual(await s.grantedEach([], 'p1', T0), []);
        assert.deepEqual(await s.summary(), [{ purpose: 'p1', granted: 3, withdrawn: 1 }, { purpose: 'p2', granted: 1, withdrawn: 0 }]);
      } finally {
        await s.close();
      }
    });
  });
}

storeSuite('SQLite', async () => SqliteConsentStore.open(join(tempDir(), 'consent.db')));
const schemas = new ScratchSchemas('cordon_consent');
storeSuite('PostgreSQL', async () => PostgresConsentStore.open((await schemas.create()).url), PG_SKIP, () => schemas.dropAll());

describe('consent: changeConsent and import', () => {
  let k: TempKeyring;
  before(async () => { k = await tempKeyring(); });
  after(async () => { await k.cleanup(); });

  it('stores the subject index commitment and audits with the audit commitment, never the id', async () => {
    const dir = tempDir();
    const s = SqliteConsentStore.open(join(dir, 'consent.db'));
    const events: AuditEvent[] = [];
    try {
      const deps = { registry: s, keyring: k.keyring, auditSubject: (id: string) => `audit:${id.length}`, emit: (e: AuditEvent) => { events.push(e); }, now: () => T0 };
      const r = await changeConsent({ action: 'grant', subjectId: 'cust-4242', purposes: ['analytics', 'marketing', 'analytics'], principal: 'local:test' }, deps);
      assert.deepEqual(r, { changed: ['analytics', 'marketing'], unchanged: [] });
      const w = await changeConsent({ action: 'withdraw', subjectId: 'cust-4242', purposes: ['marketing', 'research'], principal: 'local:test' }, { ...deps, now: () => T0 + DAY });
      assert.deepEqual(w, { changed: ['marketing'], unchanged: ['research'] });
      const key = await subjectIndexKey(k.keyring);
      assert.equal(await s.granted(commitSubject(key, 'cust-4242'), 'marketing', T0 + DAY - 1), true);
      assert.equal(await s.granted(commitSubject(key, 'cust-4242'), 'marketing', T0 + DAY), false);
      assert.equal(events.length, 2);
      assert.deepEqual([events[1]!.type, events[1]!.subject, events[1]!.attributes?.['action'], events[1]!.attributes?.['changed']], ['consent.change', 'audit:9', 'withdraw', 'marketing']);
      assert.equal(JSON.stringify(events).includes('cust-4242'), false);
      assert.equal(readFileSync(join(dir, 'consent.db')).includes('cust-4242'), false);
      await assert.rejects(changeConsent({ action: 'grant', subjectId: 'x', purposes: ['bad purpose'], principal: 'p' }, deps), (e) => e instanceof CordonError && e.code === 'ERR_USAGE');
      await assert.rejects(changeConsent({ action: 'grant', subjectId: '', purposes: ['a'], principal: 'p' }, deps), (e) => e instanceof CordonError && e.code === 'ERR_USAGE');
    } finally {
      await s.close();
    }
  });

  it('parses CSV and JSON Lines imports whole, in time order, naming lines but never values', () => {
    const csv = 'subject,purpose,action,at\ncust-1,analytics,withdraw,2026-03-01T00:00:00Z\ncust-1,analytics,grant,2026-02-01\ncust-2,marketing,,\n';
    const lines = parseConsentImport(csv, 'csv', T0);
    assert.deepEqual(lines.map((l) => [l.subjectId, l.action, l.line]), [['cust-2', 'grant', 4], ['cust-1', 'grant', 3], ['cust-1', 'withdraw', 2]]);
    const jsonl = '{"subject":"a","purpose":"p"}\n\n{"subject":"b","purpose":"p","action":"withdraw","at":"2025-12-31T00:00:00Z"}\n';
    assert.deepEqual(parseConsentImport(jsonl, 'jsonl', T0).map((l) => l.subjectId), ['b', 'a']);
    const bad = 'subject,purpose,action\nsecret-id-77,analytics,revoke\n,analytics,grant\nsecret-id-78,bad purpose,grant\n';
    assert.throws(() => parseConsentImport(bad, 'csv', T0), (e) => e instanceof CordonError && e.code === 'ERR_INPUT_INVALID' && /3 problem/.test(e.message)
      && !JSON.stringify({ m: e.message, d: e.details }).includes('secret-id'));
    assert.throws(() => parseConsentImport('id,purpose\nx,p\n', 'csv', T0), (e) => e instanceof CordonError && e.code === 'ERR_INPUT_INVALID');
    assert.throws(() => parseConsentImport('{"subject":"a","purpose":"p","at":"yesterday"}\n', 'jsonl', T0), (e) => e instanceof CordonError && e.code === 'ERR_INPUT_INVALID');
  });
});

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: consent-test
version: 1.0.0
status: active
customProperties:
  - { property: cordonConsent, value: { required: true } }
schema:
  - name: people
    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: note, logicalType: string, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
`;

describe('consent: contracts and protect runs', () => {
  let k: TempKeyring;
  before(async () => { k = await tempKeyring(); });
  after(async () => { await k.cleanup(); });

  it('cordonConsent is parsed per contract or schema object, and needs a subject column', () => {
    assert.deepEqual(parseContract(CONTRACT).datasets[0]!.consent, { required: true });
    assert.throws(() => parseContract(CONTRACT.replace('primaryKey: true, ', '')), (e) => e instanceof CordonError && e.code === 'ERR_CONTRACT_INVALID' && /cordonConsent/.test(e.message));
    assert.throws(() => parseContract(CONTRACT.replace('{ required: true }', '{ required: yes please }')), (e) => e instanceof CordonError && e.code === 'ERR_CONTRACT_INVALID');
    assert.throws(() => parseContract(CONTRACT.replace('{ required: true }', '{ required: true, purposes: [a] }')), (e) => e instanceof CordonError && e.code === 'ERR_CONTRACT_INVALID');
    const own = CONTRACT.replace('  - name: people\n', '  - name: people\n    customProperties: [{ property: cordonConsent, value: { required: false } }]\n');
    assert.deepEqual(parseContract(own).datasets[0]!.consent, { required: false });
  });

  it('a run for a purpose keeps consenting subjects only, drops or quarantines the rest, and honours a later withdrawal', async () => {
    const dir = tempDir();
    const N = 5000;
    const lines = ['id,note'];
    for (let i = 0; i < N; i++) lines.push(`${i % 10 === 9 ? '' : `cust-${i}`},n${i}`);
    writeFileSync(join(dir, 'in.csv'), lines.join('\n') + '\n');
    const contract = parseContract(CONTRACT);
    const dataset = contract.datasets[0]!;
    const s = SqliteConsentStore.open(join(dir, 'consent.db'));
    const deps = { registry: s, keyring: k.keyring, auditSubject: () => 'x', emit: () => undefined };
    try {
      // Even subjects granted analytics; 4 also granted marketing.
      for (let i = 0; i < N; i += 2) if (i % 10 !== 9) await changeConsent({ action: 'grant', subjectId: `cust-${i}`, purposes: ['analytics'], principal: 'p', at: T0 }, deps);
      await changeConsent({ action: 'grant', subjectId: 'cust-4', purposes: ['marketing'], principal: 'p', at: T0 }, deps);
      const run = async (purpose: string, onMissing: 'drop' | 'quarantine', at: number, out: string) => protectFile({
        input: join(dir, 'in.csv'), output: join(dir, out), contract, keyring: k.keyring, cordonVersion: '0.0.0', workers: 0, force: true,
        consent: await runGate(s, k.keyring, { dataset, purpose, onMissing, at }), ...(onMissing === 'quarantine' ? { quarantine: join(dir, `${out}.q.csv`) } : {}),
      });
      const ids = (file: string): string[] => readFileSync(join(dir, file), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
      const m1 = await run('analytics', 'drop', T0 + DAY, 'a.csv');
      // Even i below N: N/2 of them, and none of those ends in 9 (rows without an id have no consent).
      assert.deepEqual(m1.rows, { in: N, out: N / 2, quarantined: 0, withoutConsent: N / 2 });
      assert.deepEqual(m1.consent, { purpose: 'analytics', onMissing: 'drop' });
      assert.ok(ids('a.csv').every((id) => id !== '' && Number(id.slice(5)) % 2 === 0));
      const m2 = await run('marketing', 'quarantine', T0 + DAY, 'm.csv');
      assert.deepEqual(m2.rows, { in: N, out: 1, quarantined: N - 1, withoutConsent: N - 1 });
      assert.deepEqual(ids('m.csv'), ['cust-4']);
      assert.equal(ids('m.csv.q.csv').length, N - 1);
      assert.equal(ids('m.csv.q.csv')[0], 'cust-0', 'quarantined rows keep input order');
      // A withdrawal: the next run leaves the subject out; a run judged before it still had it.
      await changeConsent({ action: 'withdraw', subjectId: 'cust-2', purposes: ['analytics'], principal: 'p', at: T0 + 2 * DAY }, deps);
      const m3 = await run('analytics', 'drop', T0 + 3 * DAY, 'b.csv');
      assert.equal(m3.rows.out, N / 2 - 1);
      assert.equal(ids('b.csv').includes('cust-2'), false);
      assert.equal((await run('analytics', 'drop', T0 + DAY, 'c.csv')).rows.out, N / 2);
      assert.equal((await run('nobody', 'drop', T0 + DAY, 'd.csv')).rows.out, 0);
      await assert.rejects(protectFile({
        input: join(dir, 'in.csv'), output: join(dir, 'e.csv'), contract, keyring: k.keyring, cordonVersion: '0.0.0',
        consent: await runGate(s, k.keyring, { dataset, purpose: 'analytics', onMissing: 'quarantine' }),
      }), (e) => e instanceof CordonError && e.code === 'ERR_USAGE');
    } finally {
      await s.close();
    }
  });
});
