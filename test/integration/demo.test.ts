// The README's first command ends in `npm run demo` (`cordon demo`): it must keep working on a fresh
// machine. Run it as a subprocess against a temporary workspace, with no master key configured (so
// it creates the development key under a temporary HOME), and check what it wrote and printed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { generateCustomers } from '../../src/demo/generate-customers.js';
import { tempDir } from '../helpers/keyring.js';
import { CORDON_BIN } from '../helpers/paths.js';

const SENSITIVE = ['first_name', 'last_name', 'email', 'phone', 'card', 'ssn', 'birth_date', 'street_address', 'zip', 'signup_date', 'city', 'state'] as const;

describe('cordon demo (npm run demo)', () => {
  const dir = tempDir('cordon-demo-');
  const env = { PATH: process.env['PATH'], HOME: join(dir, 'home'), CORDON_HOME: join(dir, 'ws') };
  const run = () => {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [CORDON_BIN, 'demo', '--dir', 'demo'], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    return { ...r, ms: Date.now() - t0 };
  };
  const first = run();
  const out = (name: string) => join(dir, 'demo', name);
  const original = generateCustomers({ rows: 200, seed: 42 });
  const protectedText = existsSync(out('customers.protected.csv')) ? readFileSync(out('customers.protected.csv'), 'utf8') : '';
  const protectedRows = Papa.parse<Record<string, string>>(protectedText, { header: true, skipEmptyLines: true }).data;

  it('runs on a fresh machine, creating the workspace and a development master key', () => {
    // The time is printed for the reader, not asserted: timings belong in benchmarks.
    console.log(`# cordon demo took ${first.ms} ms`);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /created a DEVELOPMENT master key/);
    assert.ok(existsSync(join(dir, 'home', '.config', 'cordon', 'master.key')));
    assert.match(first.stdout, /created ws/);
    assert.doesNotMatch(first.stdout, /\x1b\[/, 'no colour codes when stdout is not a terminal');
  });

  it('writes the dataset, contract, protected copy and manifest; the workspace holds vault, audit log, keys and policy', () => {
    for (const f of ['customers.csv', 'customers.odcs.yaml', 'customers.protected.csv', 'customers.protected.csv.manifest.json']) assert.ok(existsSync(out(f)), f);
    for (const f of ['vault.db', 'audit.db', 'audit.jsonl', 'keys.db', 'policies/demo.cedar', 'policies/forbids.cedar', 'config.json']) assert.ok(existsSync(join(dir, 'ws', f)), f);
    assert.equal(readFileSync(out('customers.csv'), 'utf8').trimEnd().split('\n').length, 201);
    const manifest = JSON.parse(readFileSync(out('customers.protected.csv.manifest.json'), 'utf8')) as { input: { rows: number } };
    assert.equal(manifest.input.rows, 200);
    assert.match(first.stdout, /Where everything went/);
  });

  it('the protected copy holds none of the generated personal values in its sensitive columns', () => {
    assert.equal(protectedRows.length, original.length);
    original.forEach((o, i) => {
      const p = protectedRows[i]!;
      assert.equal(p['customer_id'], o.customer_id, 'rows stay in order');
      for (const c of SENSITIVE) assert.notEqual(p[c], o[c], `row ${i + 1} ${c}`);
      // E-mails, phones, SSNs and cards appear nowhere, free-text notes included.
      for (const v of [o.email, o.phone, o.ssn, o.card]) assert.ok(!protectedText.includes(v), `row ${i + 1}: ${v}`);
      assert.ok(!protectedText.replace(/\D/g, ' ').includes(o.card), `row ${i + 1}: card digits`);
    });
  });

  it('names in the free-text notes are all replaced', () => {
    original.forEach((o, i) => {
      const notes = protectedRows[i]!['notes'] ?? '';
      for (const n of [o.first_name, o.last_name]) assert.ok(!new RegExp(`\\b${n}\\b`).test(notes), `row ${i + 1}: ${n}`);
    });
  });

  it('reveals the first row\'s phone for the allowed purpose (Cedar: demo.reveal) and shows the denied reveal', () => {
    const phone = original[0]!.phone;
    const token = protectedRows[0]!['phone']!;
    assert.match(token, /^tok_/);
    assert.ok(first.stdout.includes(`${token} → ${phone} (the original`), first.stdout);
    assert.match(first.stdout, /denied: error ERR_POLICY_DENIED: the policies do not allow demo:analyst to reveal customers.phone for purpose "marketing"/);
    const events = readFileSync(join(dir, 'ws', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action?: string; outcome?: string });
    const reveals = events.filter((e) => JSON.stringify(e).includes('token.reveal'));
    assert.equal(reveals.length, 2, 'one allowed and one denied reveal are audited');
    assert.ok(!readFileSync(join(dir, 'ws', 'audit.jsonl'), 'utf8').includes(phone), 'the audit log holds no value');
    assert.match(readFileSync(join(dir, 'ws', 'audit.jsonl'), 'utf8'), /"policies":"demo.reveal"/, 'the allowed reveal names the permit');
  });

  it('runs again on the same workspace, leaving its policy as it is', () => {
    const policy = readFileSync(join(dir, 'ws', 'policies', 'demo.cedar'), 'utf8');
    const again = run();
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /using ws/);
    assert.match(again.stdout, /demo.cedar is there already; left unchanged/);
    assert.equal(readFileSync(join(dir, 'ws', 'policies', 'demo.cedar'), 'utf8'), policy);
    assert.doesNotMatch(again.stderr, /DEVELOPMENT master key/);
  });
});
