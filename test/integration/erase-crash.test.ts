// Issue 18 item 5: an erasure killed (SIGKILL, as kill -9) right after any journaled step is
// completed by running `cordon erase` again. One workspace, one subject per kill point, erased in
// turn: after each, both outputs hold exactly the rows still expected and match their manifests
// (so the subject index moved the other subjects' rows exactly once, whatever the crash), each
// receipt verifies, and at the end no erased subject's token resolves while the others do.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { csvIds, peopleContract, peopleSandbox, sha256Hex, vaultValues } from '../helpers/people-sandbox.js';

const WORKER = new URL('../helpers/erase-worker.js', import.meta.url).pathname;

const CONTRACT = peopleContract({ id: 'erase-crash', namespace: 'people.email' });
const STEPS = ['planned', 'tombstone', 'output-journaled', 'output-renamed', 'output-done', 'vault', 'audit'];
// Subject cust-<i> (erased when killed after STEPS[i]) has two rows; keep-1..3 are never erased.
const ROWS: Array<[string, string]> = [];
STEPS.forEach((_, i) => ROWS.push([`cust-${i}`, `s${i}a@example.com`]));
ROWS.push(['keep-1', 'k1@example.com']);
STEPS.forEach((_, i) => ROWS.push([`cust-${i}`, `s${i}b@example.com`]));
ROWS.push(['keep-2', 'k2@example.com'], ['keep-3', 'k3@example.com']);
const CSV = 'id,email\n' + ROWS.map((r) => r.join(',')).join('\n') + '\n';

const sha = sha256Hex;
const ids = csvIds;

describe('cordon erase: kill -9 after any step, then run again (issue 18 item 5)', () => {
  it(`resumes after each of ${STEPS.join(', ')}`, async () => {
    const s = peopleSandbox(CONTRACT, CSV);
    try {
      for (const out of ['a.csv', 'b.csv']) assert.equal(s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', out]).status, 0);
      const tokenOf = new Map(readFileSync(s.path('a.csv'), 'utf8').trim().split('\n').slice(1).map((l, i) => [ROWS[i]![1], l.split(',')[1]!] as const));
      let expected = ROWS.map((r) => r[0]);

      for (const [i, step] of STEPS.entries()) {
        const killed = spawnSync(process.execPath, [WORKER, `cust-${i}`, step], { cwd: s.dir, env: s.env, encoding: 'utf8' });
        assert.equal(killed.signal, 'SIGKILL', `the worker died after ${step}: ${killed.stderr}`);
        const again = s.run(['erase', '--subject', `cust-${i}`, '--reason', 'crash test', '--receipt', `r${i}.json`, '--json']);
        assert.equal(again.status, 0, `${step}: ${again.stderr}`);
        const stmt = JSON.parse(again.stdout);
        assert.deepEqual(stmt.unreachable.filter((u: { tier: string }) => u.tier === 'outputs'), [], step);
        assert.equal(stmt.tiers.outputs.files, 2, step);
        expected = expected.filter((id) => id !== `cust-${i}`);
        for (const out of ['a.csv', 'b.csv']) {
          const bytes = readFileSync(s.path(out));
          assert.deepEqual(ids(bytes.toString()), expected, `${out} after ${step}`);
          assert.equal(JSON.parse(readFileSync(s.path(`${out}.manifest.json`), 'utf8')).output.sha256, sha(bytes), `${out} manifest after ${step}`);
        }
        assert.equal(s.run(['receipt', 'verify', `r${i}.json`]).status, 0, `receipt after ${step}`);
      }

      const emails = ROWS.map((r) => r[1]);
      const got = await vaultValues(s, 'people.email', emails.map((e) => tokenOf.get(e)!));
      assert.deepEqual(got, emails.map((e) => (e.startsWith('k') ? e : undefined)));
    } finally {
      s.cleanup();
    }
  });
});
