// Issue 18 item 6 through the CLI: a dataset with cordonRetention P30D protected twice, a key
// rotated; `cordon retention apply --dry-run` at now + 40 days lists both outputs, the tokens and
// the superseded key version and changes nothing (file digests, vault, key state, audit log); the
// apply removes them with a receipt `cordon receipt verify` accepts, and a retention.apply event;
// at the real now nothing is past retention. Then kill -9 after each journaled step: the next apply
// completes the run and writes the receipt.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CliSandbox } from '../helpers/cli.js';
import { peopleContract, peopleSandbox, sha256Hex, vaultValues } from '../helpers/people-sandbox.js';

const WORKER = new URL('../helpers/retention-worker.js', import.meta.url).pathname;
const CONTRACT = peopleContract({
  id: 'retention-test', contractProperties: ['{ property: cordonRetention, value: P30D }'],
  columns: ['{ name: name, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: hash } }] }'],
});
const CSV = 'id,email,name\ncust-1,ann@example.com,Ann\ncust-2,bob@example.com,Bob\ncust-3,cid@example.com,Cid\n';
const DAY = 86_400_000;
const sha = (p: string): string => sha256Hex(readFileSync(p));

/** The retention.apply events in the audit log. */
function retentionEvents(s: CliSandbox): Array<{ outcome: string; attributes: Record<string, unknown> }> {
  const r = s.run(['audit', 'show', '--type', 'retention.apply', '--json']);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

describe('cordon retention apply (issue 18 item 6)', () => {
  let s: CliSandbox;
  before(() => {
    s = peopleSandbox(CONTRACT, CSV);
  });
  after(() => s.cleanup());

  it('--dry-run lists what would go and changes nothing; apply removes it with a receipt that verifies', async () => {
    for (const out of ['out1.csv', 'out2.jsonl']) assert.equal(s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', out]).status, 0);
    assert.equal(s.run(['keys', 'rotate', 'pseudonym']).status, 0);
    const tokens = readFileSync(s.path('out1.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]!);
    const later = new Date(Date.now() + 40 * DAY).toISOString();

    // At the real now, nothing is past 30 days.
    const today = s.run(['retention', 'apply', '-c', 'c.yaml', '--dry-run', '--json']);
    assert.equal(today.status, 0, today.stderr);
    const p0 = JSON.parse(today.stdout);
    assert.deepEqual([p0.outputs.length, p0.vault[0].tokens, p0.keys.length], [0, 0, 0]);

    const digests = [sha(s.path('out1.csv')), sha(s.path('out2.jsonl'))];
    // Without --destroy-key-versions the superseded key version is kept and reported (keys are shared).
    const keysKept = JSON.parse(s.run(['retention', 'apply', '-c', 'c.yaml', '--dry-run', '--now', later, '--json']).stdout);
    assert.deepEqual(keysKept.keys, []);
    assert.ok(keysKept.unreachable.some((u: { tier: string }) => u.tier === 'keys'), JSON.stringify(keysKept.unreachable));
    const dry = s.run(['retention', 'apply', '-c', 'c.yaml', '--dry-run', '--destroy-key-versions', '--now', later, '--json']);
    assert.equal(dry.status, 0, dry.stderr);
    const plan = JSON.parse(dry.stdout);
    assert.equal(plan.dryRun, true);
    assert.deepEqual(plan.outputs.map((o: { output: string }) => o.output).sort(), [s.path('out1.csv'), s.path('out2.jsonl')]);
    assert.deepEqual(plan.vault, [{ namespace: 'people.email', cutoff: plan.datasets[0].cutoff, tokens: 3 }]);
    assert.deepEqual(plan.keys.map((k: { name: string; version: number }) => [k.name, k.version]), [['pseudonym', 1]]);
    // Nothing changed.
    assert.deepEqual([sha(s.path('out1.csv')), sha(s.path('out2.jsonl'))], digests);
    assert.deepEqual(await vaultValues(s, 'people.email', tokens), ['ann@example.com', 'bob@example.com', 'cid@example.com']);
    assert.equal(JSON.parse(s.run(['keys', 'show', 'pseudonym', '--json']).stdout).versions[0].state, 'enabled');
    assert.deepEqual(retentionEvents(s), []);
    assert.equal(existsSync(s.path('r.json')), false);

    const noReceipt = s.run(['retention', 'apply', '-c', 'c.yaml', '--now', later]);
    assert.equal(noReceipt.status, 2, 'apply needs --receipt');

    const run = s.run(['retention', 'apply', '-c', 'c.yaml', '--destroy-key-versions', '--now', later, '--receipt', 'r.json', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const stmt = JSON.parse(run.stdout);
    assert.equal(stmt.type, 'cordon.retention-receipt/v1');
    assert.deepEqual([stmt.tiers.outputs.files, stmt.tiers.vault.tokensDeleted, stmt.tiers.keys.versionsDestroyed], [2, 3, 1]);
    assert.equal(existsSync(s.path('out1.csv')), false);
    assert.equal(existsSync(s.path('out2.jsonl')), false);
    assert.equal(JSON.parse(readFileSync(s.path('out1.csv.manifest.json'), 'utf8')).retention.retentionId, stmt.retentionId);
    assert.deepEqual(await vaultValues(s, 'people.email', tokens), [undefined, undefined, undefined]);
    assert.equal(JSON.parse(s.run(['keys', 'show', 'pseudonym', '--json']).stdout).versions[0].state, 'destroyed');
    const events = retentionEvents(s);
    assert.deepEqual(events.map((e) => [e.outcome, e.attributes['retentionId'], e.attributes['tokensDeleted'], e.attributes['outputsRemoved']]), [['success', stmt.retentionId, 3, 2]]);
    const v = s.run(['receipt', 'verify', 'r.json', '--json']);
    assert.equal(v.status, 0, v.stderr);
    assert.equal(JSON.parse(v.stdout).retentionId, stmt.retentionId);
    // One byte changed: refused.
    const env = JSON.parse(readFileSync(s.path('r.json'), 'utf8'));
    const payload = Buffer.from(env.payload, 'base64');
    payload[payload.indexOf('"tokensDeleted":3') + 16] = 0x34;
    env.payload = payload.toString('base64');
    writeFileSync(s.path('bad.json'), JSON.stringify(env));
    assert.equal(s.run(['receipt', 'verify', 'bad.json']).status, 5);
  });

  const STEPS = ['planned', 'output-removing', 'output-done', 'vault-namespace', 'vault', 'key-version', 'keys', 'audit'];
  it(`kill -9 after each of ${STEPS.join(', ')}: the next apply completes the run`, () => {
    for (const [i, step] of STEPS.entries()) {
      const out = `k${i}.csv`;
      assert.equal(s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', out]).status, 0);
      assert.equal(s.run(['keys', 'rotate', 'pseudonym']).status, 0);
      const now = Date.now() + 40 * DAY;
      const killed = spawnSync(process.execPath, [WORKER, s.path('c.yaml'), String(now), step], { cwd: s.dir, env: s.env, encoding: 'utf8' });
      assert.equal(killed.signal, 'SIGKILL', `the worker died after ${step}: ${killed.stderr}`);
      const again = s.run(['retention', 'apply', '-c', 'c.yaml', '--receipt', `k${i}.json`, '--json']);
      assert.equal(again.status, 0, `${step}: ${again.stderr}`);
      assert.match(again.stderr, /resumed the unfinished retention run/, step);
      const stmt = JSON.parse(again.stdout);
      assert.deepEqual(stmt.tiers.outputs.items.map((o: { path: string }) => o.path), [s.path(out)], step);
      assert.equal(existsSync(s.path(out)), false, step);
      assert.equal(stmt.tiers.keys.versions.length, 1, step);
      assert.equal(s.run(['receipt', 'verify', `k${i}.json`]).status, 0, step);
      // Nothing is left unfinished.
      const dry = JSON.parse(s.run(['retention', 'apply', '-c', 'c.yaml', '--dry-run', '--json']).stdout);
      assert.equal(dry.unfinished, undefined, step);
    }
  });
});
