// Issue 18 item 7 through the CLI: consent granted, imported and withdrawn; a contract that requires
// consent refuses a run without --purpose; a run for a purpose keeps consenting subjects only and
// counts the others (manifest, audit, summary); a withdrawal is honoured by the next run; the id is
// in no file Cordon wrote (registry, audit log).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliSandbox } from '../helpers/cli.js';
import { csvIds, peopleContract, peopleSandbox } from '../helpers/people-sandbox.js';

const CONTRACT = peopleContract({ id: 'consent-cli', namespace: 'people.email', datasetProperties: ['{ property: cordonConsent, value: { required: true } }'] });
const CSV = 'id,email\nsubj-alpha,a@example.com\nsubj-bravo,b@example.com\nsubj-charlie,c@example.com\nsubj-delta,d@example.com\n';
const ids = csvIds;

describe('cordon consent (issue 18 item 7)', () => {
  let s: CliSandbox;
  before(() => {
    s = peopleSandbox(CONTRACT, CSV);
    writeFileSync(s.path('cmp.csv'), 'subject,purpose,action,at\nsubj-charlie,analytics,grant,2026-01-01T00:00:00Z\nsubj-delta,analytics,grant,2026-01-01\nsubj-delta,analytics,withdraw,2026-02-01\n');
  });
  after(() => s.cleanup());

  it('grants, imports and withdraws; protect keeps consenting subjects and honours a withdrawal', () => {
    const refused = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'out0.csv']);
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stderr, /--purpose/);

    assert.equal(s.run(['consent', 'grant', '--subject', '-', '--purpose', 'analytics,marketing'], { input: 'subj-alpha' }).status, 0);
    const g = s.run(['consent', 'grant', '--subject', 'subj-bravo', '--purpose', 'analytics', '--json']);
    assert.deepEqual(JSON.parse(g.stdout), { changed: ['analytics'], unchanged: [] });
    const imp = s.run(['consent', 'import', 'cmp.csv', '--json']);
    assert.equal(imp.status, 0, imp.stderr);
    assert.deepEqual(JSON.parse(imp.stdout), { lines: 3, granted: 2, withdrawn: 1, unchanged: 0 });

    const r1 = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'out1.csv', '--purpose', 'analytics']);
    assert.equal(r1.status, 0, r1.stderr);
    assert.match(r1.stdout, /1 row\(s\) without consent for analytics dropped/);
    assert.deepEqual(ids(readFileSync(s.path('out1.csv'), 'utf8')), ['subj-alpha', 'subj-bravo', 'subj-charlie']);
    const m1 = JSON.parse(readFileSync(s.path('out1.csv.manifest.json'), 'utf8')) as { rows: Record<string, number>; consent: unknown };
    assert.equal(m1.rows['withoutConsent'], 1);
    assert.deepEqual(m1.consent, { purpose: 'analytics', onMissing: 'drop' });

    const w = s.run(['consent', 'withdraw', '--subject', '-', '--purpose', 'analytics'], { input: 'subj-bravo' });
    assert.equal(w.status, 0, w.stderr);
    const r2 = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'out2.csv', '--purpose', 'analytics', '--without-consent', 'quarantine', '--json']);
    assert.equal(r2.status, 0, r2.stderr);
    const m2 = JSON.parse(r2.stdout) as { rows: Record<string, number>; quarantine: { path: string } };
    assert.deepEqual(m2.rows, { in: 4, out: 2, quarantined: 2, erased: 0, withoutConsent: 2 });
    assert.deepEqual(ids(readFileSync(s.path('out2.csv'), 'utf8')), ['subj-alpha', 'subj-charlie']);
    assert.deepEqual(ids(readFileSync(s.path(m2.quarantine.path), 'utf8')), ['subj-bravo', 'subj-delta']);

    const mk = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'out3.csv', '--purpose', 'marketing']);
    assert.equal(mk.status, 0, mk.stderr);
    assert.deepEqual(ids(readFileSync(s.path('out3.csv'), 'utf8')), ['subj-alpha']);

    const list = s.run(['consent', 'list', '--json']);
    assert.deepEqual(JSON.parse(list.stdout), { purposes: [{ purpose: 'analytics', granted: 2, withdrawn: 2 }, { purpose: 'marketing', granted: 1, withdrawn: 0 }] });
    const one = JSON.parse(s.run(['consent', 'list', '--subject', '-', '--json'], { input: 'subj-delta' }).stdout) as { grants: unknown };
    assert.deepEqual(one.grants, [{ purpose: 'analytics', grantedAt: '2026-01-01T00:00:00.000Z', withdrawnAt: '2026-02-01T00:00:00.000Z' }]);

    // Reveal honours the registry for a contract that requires consent: no subject, or one that withdrew, reveals nothing (exit 4, before any policy).
    const tok = readFileSync(s.path('out2.csv'), 'utf8').trim().split('\n')[1]!.split(',')[1]!;
    for (const extra of [[], ['--subject', 'subj-bravo'], ['--subject', 'subj-alpha', '--purpose', 'research']]) {
      const args = ['reveal', tok, '-c', 'c.yaml', '--column', 'email', ...(extra.includes('--purpose') ? [] : ['--purpose', 'analytics']), ...extra, '--json'];
      const rv = s.run(args);
      assert.equal(rv.status, 4, rv.stderr);
      assert.match(rv.stderr, /ERR_CONSENT_MISSING/);
    }
    // An erased subject reveals nothing even while its grant stands (the tombstone, before the
    // policies: without it this would be ERR_POLICY_DENIED, there being no policy folder).
    const noTomb = s.run(['reveal', tok, '-c', 'c.yaml', '--column', 'email', '--purpose', 'analytics', '--subject', 'subj-charlie', '--json']);
    assert.match(noTomb.stderr, /ERR_POLICY_DENIED/);
    const er = s.run(['erase', '--subject', '-', '--reason', 'request #1', '--receipt', 'r.json'], { input: 'subj-charlie' });
    assert.equal(er.status, 0, er.stderr);
    const gone = s.run(['reveal', tok, '-c', 'c.yaml', '--column', 'email', '--purpose', 'analytics', '--subject', '-', '--json'], { input: 'subj-charlie' });
    assert.equal(gone.status, 4, gone.stderr);
    assert.match(gone.stderr, /ERR_SUBJECT_ERASED/);
    assert.equal(s.run(['consent', 'grant', '--subject', 'x', '--purpose', 'no spaces']).status, 2);
    assert.equal(s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'o.csv', '--without-consent', 'quarantine']).status, 2);

    // The audit log has the changes and the run's counts; no file in the workspace holds an id.
    const home = s.path('ws');
    const changes = s.run(['audit', 'show', '--type', 'consent.change', '--json']);
    assert.equal(changes.status, 0, changes.stderr);
    // Two grants, ONE event for the three lines of the import (with its counts), one withdrawal.
    assert.equal((changes.stdout.match(/consent\.change/g) ?? []).length, 4, changes.stdout);
    const events = changes.stdout.trim().split('\n').map((l) => JSON.parse(l) as { subject?: string; attributes?: Record<string, unknown> });
    const imports = events.filter((e) => e.attributes?.['action'] === 'import');
    assert.equal(imports.length, 1);
    assert.equal(imports[0]!.subject, undefined);
    assert.match(String(imports[0]!.attributes?.['file_sha256']), /^[0-9a-f]{64}$/);
    for (const [k, v] of Object.entries({ lines: 3, applied: 3, granted: 2, withdrawn: 1, unchanged: 0, subjects: 2 })) assert.equal(imports[0]!.attributes?.[k], v, k);
    assert.match(s.run(['audit', 'show', '--type', 'protect.run', '--json']).stdout, /"rowsWithoutConsent":\s*2/);
    for (const f of readdirSync(home)) {
      if (!/\.(db|db-wal|jsonl)$/.test(f)) continue;
      const bytes = readFileSync(join(home, f)).toString('latin1');
      for (const id of ['subj-alpha', 'subj-bravo', 'subj-delta']) assert.equal(bytes.includes(id), false, `${id} in ${f}`);
    }
  });
});
