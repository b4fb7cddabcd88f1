// `cordon detect --workers` as a user runs it: a file over the parallel threshold (every non-guard
// set of bench/data, padded to over 2 MiB) gives the same bytes on two worker threads as on one thread, and
// a bad --workers is a usage error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cliSandbox } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { PARALLEL_FROM_BYTES } from '../../src/cli/commands/detect-run.js';

describe('cordon detect --workers', () => {
  const s = cliSandbox({ masterKey: false });

  it('a large file: the same output with 2 workers as with 1 thread', () => {
    const dir = repoPath('bench', 'data');
    const sets = readdirSync(dir).filter((n) => n.endsWith('.jsonl') && !n.startsWith('guard-'));
    const file = s.path('all.jsonl');
    const records = sets.flatMap((n) => readFileSync(`${dir}/${n}`, 'utf8').split('\n').filter((l) => l.trim() !== ''));
    // The sets are ~1.5 MB: a field detect ignores brings the file over the threshold without
    // doubling the detection work.
    const pad = 'x'.repeat(Math.ceil((PARALLEL_FROM_BYTES * 1.1) / records.length));
    writeFileSync(file, records.map((l) => `{"pad":"${pad}",${l.slice(1)}`).join('\n') + '\n');
    assert.ok(statSync(file).size >= PARALLEL_FROM_BYTES, 'the input must be large enough to start workers');
    const one = s.run(['detect', '--in', file, '--workers', '1']);
    const two = s.run(['detect', file, '--workers', '2']);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    assert.equal(one.stdout.split('\n').length - 1, readFileSync(file, 'utf8').split('\n').length - 1);
    assert.ok(one.stdout.includes('"PERSON"'));
    assert.equal(one.stdout.split('\n').length - 1, records.length);
    assert.ok(two.stdoutBytes.equals(one.stdoutBytes));
  });

  it('--workers must be a number from 1 to 256', () => {
    for (const bad of ['0', 'two', '300']) {
      const r = s.run(['detect', '--workers', bad], { input: '{"text":"x"}\n' });
      assert.equal(r.status, EXIT_CODES.usage, bad);
    }
  });
});
