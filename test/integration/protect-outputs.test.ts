// Issue 12 items 4, 5 and 9 and issue 14 for `cordon protect`: every output (the protected file,
// the quarantine file, <output>.manifest.json) is created through io/atomic-file.ts, so a symlink
// planted at the old predictable temporary name is never written through; no output may be an
// input (same path, hard link, or an input named like the manifest), not even with --force; an
// existing output is refused without --force; a manifest path that is a directory stops the run
// before anything is written; a missing input is ERR_IO.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { protectFile } from '../../src/pipeline/protect-file.js';
import { openWorkspace } from '../../src/workspace/workspace.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: outputs-test
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - { name: id, logicalType: string, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: full_name, logicalType: string, classification: restricted, customProperties: [{ property: cordonEntity, value: PERSON }, { property: cordonProtect, value: { operator: redact } }] }
`;
const CSV = 'id,full_name\n1,Maria Gonzalez\n2,James Smith\n';
const PRECIOUS = 'precious: must never be overwritten\n';

describe('cordon protect: outputs', () => {
  let s: CliSandbox;
  before(() => {
    s = cliSandbox();
    assert.equal(s.run(['init']).status, 0);
    writeFileSync(s.path('c.yaml'), CONTRACT);
  });
  after(() => s.cleanup());

  const fresh = (name: string): string => {
    mkdirSync(s.path(name));
    writeFileSync(s.path(name, 'in.csv'), CSV);
    return name;
  };
  const leftovers = (dir: string): string[] => readdirSync(s.path(dir)).filter((n) => n.includes('cordon-tmp'));

  it('a symlink planted at the old predictable manifest temp name is not followed', async () => {
    const d = fresh('symlink');
    writeFileSync(s.path(d, 'victim.txt'), PRECIOUS);
    const out = s.path(d, 'out.csv');
    // The name Cordon used before: <output>.manifest.json.cordon-tmp-<pid> (this process runs protect).
    symlinkSync(s.path(d, 'victim.txt'), `${out}.manifest.json.cordon-tmp-${process.pid}`);
    const ws = await openWorkspace({ env: s.env, cwd: s.dir });
    try {
      await protectFile({ input: s.path(d, 'in.csv'), output: out, contract: parseContract(CONTRACT), keyring: ws.keyring, cordonVersion: '0.0.0' });
    } finally {
      await ws.close();
    }
    assert.equal(readFileSync(s.path(d, 'victim.txt'), 'utf8'), PRECIOUS);
    assert.equal(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')).rows.out, 2);
  });

  it('an existing output is refused without --force and replaced with it', () => {
    const d = fresh('exists');
    writeFileSync(s.path(d, 'out.csv'), PRECIOUS);
    const r = s.run(['protect', `${d}/in.csv`, '-c', 'c.yaml', '-o', `${d}/out.csv`]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /ERR_OUTPUT_EXISTS/);
    assert.equal(readFileSync(s.path(d, 'out.csv'), 'utf8'), PRECIOUS);
    assert.equal(existsSync(s.path(d, 'out.csv.manifest.json')), false);
    const forced = s.run(['protect', `${d}/in.csv`, '-c', 'c.yaml', '-o', `${d}/out.csv`, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(readFileSync(s.path(d, 'out.csv'), 'utf8'), /^id,full_name\n1,/);
    assert.deepEqual(leftovers(d), []);
  });

  it('the output is never the input, a hard link to it, or the contract, even with --force', () => {
    const d = fresh('same');
    linkSync(s.path(d, 'in.csv'), s.path(d, 'hard.csv'));
    for (const out of [`${d}/in.csv`, `${d}/hard.csv`, 'c.yaml']) {
      const r = s.run(['protect', `${d}/in.csv`, '-c', 'c.yaml', '-o', out, '--force', '--format', 'csv']);
      assert.equal(r.status, 3, `${out}: ${r.stderr}`);
      assert.match(r.stderr, /ERR_OUTPUT_EXISTS/);
    }
    assert.equal(readFileSync(s.path(d, 'in.csv'), 'utf8'), CSV);
    assert.equal(readFileSync(s.path('c.yaml'), 'utf8'), CONTRACT);
    assert.deepEqual(leftovers(d), []);
  });

  it('an input named like the manifest is not replaced by it, even with --force', () => {
    const d = fresh('manifest-input');
    writeFileSync(s.path(d, 'o.manifest.json'), CSV);
    const r = s.run(['protect', `${d}/o.manifest.json`, '--input-format', 'csv', '-c', 'c.yaml', '-o', `${d}/o`, '--format', 'csv', '--force']);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /ERR_OUTPUT_EXISTS/);
    assert.equal(readFileSync(s.path(d, 'o.manifest.json'), 'utf8'), CSV);
    assert.equal(existsSync(s.path(d, 'o')), false);
    assert.deepEqual(leftovers(d), []);
  });

  it('a manifest path that is a directory: ERR_IO, no output and no temporary file', () => {
    const d = fresh('manifest-dir');
    mkdirSync(s.path(d, 'o3.csv.manifest.json'));
    for (const force of [[], ['--force']]) {
      const r = s.run(['protect', `${d}/in.csv`, '-c', 'c.yaml', '-o', `${d}/o3.csv`, ...force]);
      assert.equal(r.status, 3, r.stderr);
      assert.match(r.stderr, /ERR_IO/);
      assert.equal(existsSync(s.path(d, 'o3.csv')), false);
      assert.deepEqual(leftovers(d), []);
    }
  });

  it('a missing input is ERR_IO (exit 3), not ERR_INTERNAL', () => {
    const r = s.run(['protect', s.path('nonexistent.csv'), '-c', 'c.yaml', '-o', 'never.csv']);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /ERR_IO/);
    assert.equal(existsSync(s.path('never.csv')), false);
  });
});
