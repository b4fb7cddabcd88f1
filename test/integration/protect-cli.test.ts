// `cordon protect` end to end on CSV and JSONL: every sensitive value replaced, deterministic
// tokens join where plaintexts matched, vault tokens resolve back, the manifest describes the run,
// and bad input (an undeclared column, an empty required column) leaves no output at all; the
// options (--quiet, --json, --format, --encrypt/--key, --on-violation) and the help text.
// Round trips per format are in protect-roundtrip.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.js';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import { loadOperatorKeys } from '../../src/pipeline/operator-keys.js';
import { prepareOperator } from '../../src/transform/registry.js';

const ROWS = [
  ['1001', 'Maria Gonzalez', 'maria.gonzalez@example.com', '4111111111111111', '1984-03-12', '94110'],
  ['1002', 'James Smith', 'james.smith@example.org', '5500000000000004', '1979-11-02', '10001'],
  ['1003', 'Maria Gonzalez', 'maria.gonzalez@example.com', '4012888888881881', '1991-07-23', '60601'],
  ['1004', 'Wei Chen', 'wei.chen@example.com', '5105105105105100', '1968-01-30', '02139'],
];
const HEADER = ['customer_id', 'full_name', 'email', 'card', 'dob', 'zip'];
const SENSITIVE = ROWS.flatMap((r) => [r[1]!, r[2]!, r[3]!, r[4]!]);

describe('cordon protect', () => {
  for (const format of ['csv', 'jsonl'] as const) {
    it(`protects a ${format} dataset as its contract says`, async () => {
      const s = cliSandbox();
      try {
        assert.equal(s.run(['init']).status, 0);
        writeFileSync(join(s.dir, 'customers.csv'), [HEADER, ...ROWS].map((r) => r.join(',')).join('\n') + '\n');
        const input = format === 'csv' ? 'customers.csv' : 'customers.jsonl';
        if (format === 'jsonl') writeFileSync(join(s.dir, input), ROWS.map((r) => JSON.stringify(Object.fromEntries(HEADER.map((h, i) => [h, r[i]])))).join('\n') + '\n');
        assert.equal(s.run(['contract', 'init', 'customers.csv', '-o', 'c.yaml']).status, 0);
        const out = `out.${format}`;
        const r = s.run(['protect', input, '-c', 'c.yaml', '-o', out]);
        assert.equal(r.status, 0, r.stderr);
        const text = readFileSync(join(s.dir, out), 'utf8');
        for (const v of SENSITIVE) assert.equal(text.includes(v), false, `${format} output holds no original sensitive value`);
        const manifestText = readFileSync(join(s.dir, `${out}.manifest.json`), 'utf8');
        for (const v of SENSITIVE) assert.equal(manifestText.includes(v), false, 'the manifest holds no value');
        const m = JSON.parse(manifestText) as { input: { rows: number; sha256: string }; output: { rows: number; sha256: string }; columns: Array<{ name: string; operator: string }> };
        assert.equal(m.input.rows, 4);
        assert.equal(m.output.rows, 4);
        assert.match(m.output.sha256, /^[0-9a-f]{64}$/);

        const rows: Array<Record<string, string>> = format === 'csv'
          ? text.trim().split('\n').slice(1).map((l) => Object.fromEntries(HEADER.map((h, i) => [h, l.split(',')[i]!])))
          : text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
        // Deterministic e-mails and vault-tokenized names join exactly where the plaintexts matched.
        assert.equal(rows[0]!.email, rows[2]!.email);
        assert.notEqual(rows[0]!.email, rows[1]!.email);
        assert.equal(rows[0]!.full_name, rows[2]!.full_name);
        assert.equal(rows[3]!.customer_id, '1004', 'keep');
        assert.equal(String(rows[0]!.dob), '1984', 'generalize to the year');
        if (format === 'jsonl') assert.equal(rows[0]!.dob as unknown, 1984, 'a year is a JSON number (generalize declares an integer)');
        assert.match(rows[0]!.card!, /^\d{12}1111$/, 'fpe keeps the last four');

        // Round trips: the vault gives names back; deterministic e-mails and fpe cards invert.
        const ws = await openWorkspace({ env: s.env, cwd: s.dir });
        try {
          const vault = await TokenVault.open(SqliteVaultStore.open(join(ws.home, 'vault.db')), ws.keyring);
          assert.deepEqual(await vault.detokenize('customers.full_name', rows.map((x) => x.full_name!)), ROWS.map((x) => x[1]));
          await vault.close();
          const keys = await loadOperatorKeys(ws.keyring, ['deterministic', 'fpe'], { allVersions: true });
          const det = prepareOperator('deterministic', {});
          const fpe = prepareOperator('fpe', { keepLast: 4 });
          rows.forEach((x, i) => {
            assert.equal(det.invert!(x.email!, { dataset: 'customers', field: 'email', keys }), ROWS[i]![2]);
            assert.equal(fpe.invert!(x.card!, { dataset: 'customers', field: 'card', keys }), ROWS[i]![3]);
          });
        } finally {
          await ws.close();
        }
      } finally {
        s.cleanup();
      }
    });
  }

  it('an undeclared column or an empty required column stops the run with its row; nothing is written', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(join(s.dir, 'customers.csv'), [HEADER, ...ROWS].map((r) => r.join(',')).join('\n') + '\n');
      assert.equal(s.run(['contract', 'init', 'customers.csv', '-o', 'c.yaml']).status, 0);
      writeFileSync(join(s.dir, 'extra.csv'), [[...HEADER, 'notes'], [...ROWS[0]!, 'x'], [...ROWS[1]!, 'y']].map((r) => r.join(',')).join('\n') + '\n');
      const r = s.run(['protect', 'extra.csv', '-c', 'c.yaml', '-o', 'out.csv']);
      assert.equal(r.status, 3);
      assert.match(r.stderr, /ERR_INPUT_INVALID: row 1: column "notes" is not in the contract/);
      assert.equal(existsSync(join(s.dir, 'out.csv')), false);
      assert.deepEqual(readFileSync(join(s.dir, 'c.yaml'), 'utf8').includes('Maria'), false);
    } finally {
      s.cleanup();
    }
  });

  it('--quiet prints nothing, --json prints the manifest, misused options are usage errors, --help has examples', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(join(s.dir, 'customers.csv'), [HEADER, ...ROWS].map((r) => r.join(',')).join('\n') + '\n');
      assert.equal(s.run(['contract', 'init', 'customers.csv', '-o', 'c.yaml']).status, 0);
      const quiet = s.run(['protect', 'customers.csv', '-c', 'c.yaml', '-o', 'q.csv', '--quiet']);
      assert.equal(quiet.status, 0, quiet.stderr);
      assert.equal(quiet.stdout, '');
      assert.equal(quiet.stderr, '');
      const plain = s.run(['protect', 'customers.csv', '-c', 'c.yaml', '-o', 'p.csv']);
      assert.match(plain.stdout, /^protected 4 row\(s\) → p\.csv \(csv; manifest p\.csv\.manifest\.json\)\n$/);
      const json = s.run(['protect', 'customers.csv', '-c', 'c.yaml', '-o', 'j.parquet', '--json']);
      assert.equal(json.status, 0, json.stderr);
      const m = JSON.parse(json.stdout) as { output: { format: string; encrypted: boolean }; rows: { in: number; out: number; quarantined: number; erased?: number } };
      assert.equal(m.output.format, 'parquet');
      assert.equal(m.output.encrypted, false);
      // The contract has a primaryKey, so the run consults the erasure tombstones: none dropped a row.
      assert.deepEqual(m.rows, { in: 4, out: 4, quarantined: 0, erased: 0 });
      assert.deepEqual(JSON.parse(readFileSync(join(s.dir, 'j.parquet.manifest.json'), 'utf8')), JSON.parse(json.stdout));

      for (const args of [['--format', 'xlsx'], ['--input-format', 'xml'], ['--key', 'k'], ['--on-violation', 'ignore'], ['--on-violation', 'fail', '--quarantine', 'x.csv']]) {
        const r = s.run(['protect', 'customers.csv', '-c', 'c.yaml', '-o', 'u.csv', ...args]);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /ERR_USAGE/);
      }
      const same = s.run(['protect', 'customers.csv', '-c', 'c.yaml', '-o', 'customers.csv']);
      assert.notEqual(same.status, 0, 'the output may not be the input');
      assert.match(same.stderr, /ERR_OUTPUT_EXISTS/);

      const help = s.run(['protect', '--help']);
      for (const flag of ['--format', '--input-format', '--encrypt', '--key', '--on-violation', '--quarantine', '--quiet', '--json', 'Examples:']) assert.ok(help.stdout.includes(flag), flag);
    } finally {
      s.cleanup();
    }
  });
});
