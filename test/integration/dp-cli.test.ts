// `cordon dp query` and `cordon dp budget` end to end: a workspace, a contract with a budget, the
// table and --json outputs, the SQL subset, refusal with exit 4 and its audit event.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: visits-contract
version: 1.0.0
status: active
schema:
  - name: visits
    customProperties:
      - property: cordonPrivacyBudget
        value: { epsilon: 1, delta: 1.0e-6, maxContributions: 2 }
    properties:
      - name: patient_id
        primaryKey: true
        classification: restricted
      - name: region
        classification: internal
      - name: age
        classification: confidential
`;

describe('cordon dp', () => {
  let s: CliSandbox;
  before(() => {
    s = cliSandbox();
    assert.equal(s.run(['init']).status, 0);
    writeFileSync(s.path('visits.odcs.yaml'), CONTRACT);
    // 3,000 patients, 4,000 visits: patient p0..p999 has two visits.
    const regions = ['north', 'south', 'east', 'west'];
    let csv = 'patient_id,region,age\n';
    for (let i = 0; i < 4000; i++) csv += `p${i % 3000},${regions[i % 4]},${20 + ((i * 7) % 60)}\n`;
    writeFileSync(s.path('visits.csv'), csv);
  });
  after(() => s.cleanup());

  it('count by known regions: a table on stdout, mechanism and budget on stderr', () => {
    const r = s.run(['dp', 'query', 'visits.csv', '-c', 'visits.odcs.yaml', '--stat', 'count', '--by', 'region', '--categories', 'north,south,east,west', '--epsilon', '0.25']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^region\s+count$/);
    assert.equal(lines.length, 5);
    for (const l of lines.slice(1)) {
      const n = Number(l.split(/\s+/)[1]);
      assert.ok(Math.abs(n - 1000) < 60, l);
    }
    assert.match(r.stderr, /discrete-laplace, ε 0\.25, noise scale 8/);
    assert.match(r.stderr, /0\.25 of 1 ε spent, 0\.75 left/);
  });

  it('--sql with --json: rows, mechanism, epsilon, scale, interval95, budget', () => {
    const r = s.run(['dp', 'query', 'visits.csv', '-c', 'visits.odcs.yaml', '--sql', 'SELECT region, COUNT(*) FROM visits GROUP BY region', '--epsilon', '0.25', '--delta', '1e-7', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.rows.map((x: { region: string }) => x.region), ['east', 'north', 'south', 'west']);
    assert.equal(doc.mechanism, 'discrete-laplace');
    assert.equal(doc.epsilon, 0.25);
    assert.equal(doc.delta, 1e-7);
    assert.equal(doc.scale, 8);
    assert.equal(typeof doc.interval95.halfWidth, 'number');
    assert.equal(typeof doc.threshold, 'number');
    assert.deepEqual([doc.budget.spent, doc.budget.left], [0.5, 0.5]);
  });

  it('a quantile with a WHERE on a non-sensitive column; WHERE on a sensitive one is refused before spending', () => {
    const r = s.run(['dp', 'query', 'visits.csv', '-c', 'visits.odcs.yaml', '--sql', "SELECT MEDIAN(age) FROM visits WHERE region = 'north'", '--lower', '0', '--upper', '100', '--epsilon', '0.25', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.mechanism, 'permute-and-flip');
    assert.ok(Math.abs(doc.rows[0].p50 - 49) <= 6, JSON.stringify(doc.rows));
    const bad = s.run(['dp', 'query', 'visits.csv', '-c', 'visits.odcs.yaml', '--sql', "SELECT COUNT(*) FROM visits WHERE age = '40'", '--epsilon', '0.1']);
    assert.equal(bad.status, 3);
    assert.match(bad.stderr, /ERR_INPUT_INVALID/);
  });

  it('overspending exits 4 with ERR_BUDGET_EXHAUSTED, spends nothing, and is audited', () => {
    const r = s.run(['dp', 'query', 'visits.csv', '-c', 'visits.odcs.yaml', '--stat', 'count', '--epsilon', '0.5', '--json']);
    assert.equal(r.status, 4);
    assert.equal(JSON.parse(r.stderr).error.code, 'ERR_BUDGET_EXHAUSTED');
    const b = s.run(['dp', 'budget', '-c', 'visits.odcs.yaml', '--json']);
    assert.equal(b.status, 0, b.stderr);
    assert.deepEqual(JSON.parse(b.stdout), { spent: 0.75, left: 0.25, total: 1, unit: 'epsilon' });
    const events = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'dp.spend');
    assert.deepEqual(events.map((e) => e.outcome), ['success', 'success', 'success', 'failure']);
    assert.equal(events[3].reason, 'ERR_BUDGET_EXHAUSTED');
    assert.equal(events[3].attributes.budget_left, 0.25);
    // Audit events carry digests and losses, never an answer.
    assert.ok(events.every((e) => !JSON.stringify(e).includes('north')));
  });

  it('usage errors: no privacy given, both given, --sql with --stat', () => {
    assert.equal(s.run(['dp', 'query', 'visits.csv', '-c', 'visits.odcs.yaml']).status, 2);
    assert.equal(s.run(['dp', 'query', 'visits.csv', '-c', 'visits.odcs.yaml', '--epsilon', '1', '--rho', '1']).status, 2);
    assert.equal(s.run(['dp', 'query', 'visits.csv', '-c', 'visits.odcs.yaml', '--sql', 'SELECT COUNT(*) FROM visits', '--stat', 'count', '--epsilon', '0.1']).status, 2);
  });
});
