// Issue 14 item 8: every command that prints a result takes --json, and `cordon completion` prints
// bash, zsh and fish scripts generated from the same command tree. Both walk the program the CLI
// runs, so a new command without --json, or missing from completion, fails here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { buildProgram } from '../../../src/cli/main.js';
import { commandTree } from '../../helpers/command-tree.js';
import { completionScript } from '../../../src/cli/completion-script.js';
import { errorJson, jsonRequested } from '../../../src/cli/output.js';
import { CordonError } from '../../../src/errors.js';

/** Commands whose output is not a result: a server's log, a guided tour, a shell script. */
const NO_RESULT = new Set(['serve', 'demo', 'completion']);

const all = commandTree(await buildProgram());
const leaves = all.filter((c) => c.cmd.commands.length === 0);

describe('--json on every command that prints a result', () => {
  it('the walk sees the leaves', () => {
    assert.ok(leaves.length > 40, String(leaves.length));
  });
  for (const { name, cmd } of leaves) {
    if (NO_RESULT.has(name)) continue;
    it(`cordon ${name} takes --json`, () => {
      assert.ok(cmd.options.some((o) => o.long === '--json'), `cordon ${name} has no --json option`);
    });
  }

  it('--json is found before a `--` only', () => {
    assert.equal(jsonRequested(['keys', 'list', '--json']), true);
    assert.equal(jsonRequested(['keys', 'list']), false);
    assert.equal(jsonRequested(['reveal', '--', '--json']), false);
  });

  it('errors become {"error":{"code","message","exit"}}; unexpected ones say ERR_INTERNAL and nothing more', () => {
    assert.deepEqual(errorJson(new CordonError('ERR_IO', 'cannot read x'), 3), { error: { code: 'ERR_IO', message: 'cannot read x', exit: 3 } });
    const internal = errorJson(new RangeError('secret-looking detail'), 1);
    assert.equal(internal.error.code, 'ERR_INTERNAL');
    assert.doesNotMatch(internal.error.message, /secret-looking/);
  });
});

const program = await buildProgram();

describe('cordon completion', () => {
  const paths = all.map((c) => c.name);

  it('bash: the script is valid bash (bash -n) and names every command', () => {
    const script = completionScript(program, 'bash');
    const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    for (const p of paths) assert.ok(script.includes(`"${p}")`), `bash completion has no case for "${p}"`);
    for (const { cmd } of all.filter((c) => c.cmd.commands.length === 0)) {
      for (const o of cmd.options) if (o.long !== undefined && !o.hidden) assert.ok(script.includes(o.long), o.long);
    }
  });

  it('bash: completes subcommands and options at the right depth', () => {
    const script = completionScript(program, 'bash');
    const complete = (words: string[]): string[] => {
      const arr = words.map((w) => `'${w}'`).join(' ');
      const r = spawnSync('bash', ['-c', `${script}\nCOMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; _cordon; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.split('\n').filter(Boolean);
    };
    assert.deepEqual(complete(['cordon', 'keys', 'ro']), ['rotate']);
    assert.ok(complete(['cordon', 'audit', 'export', '--f']).includes('--force'));
    assert.ok(complete(['cordon', 'audit', 'export', '--j']).includes('--json'));
    assert.deepEqual(complete(['cordon', 'comp']), ['completion']);
    // an option's value is not a command: `-o keys` does not move into `keys`
    assert.ok(complete(['cordon', 'protect', '-o', 'keys', '--']).includes('--out'));
  });

  it('zsh and fish: every command is named; zsh -n / fish -n pass where the shell is installed', () => {
    for (const shell of ['zsh', 'fish'] as const) {
      const script = completionScript(program, shell);
      for (const { name } of all) {
        const last = name.split(' ').at(-1)!;
        assert.ok(script.includes(last), `${shell} completion does not name ${name}`);
      }
      const which = spawnSync('sh', ['-c', `command -v ${shell}`]);
      if (which.status !== 0) continue;
      const r = spawnSync(shell, ['-n'], { input: script, encoding: 'utf8' });
      assert.equal(r.status, 0, `${shell} -n: ${r.stderr}`);
    }
  });

  it('refuses a name that is not plain (never writes it into shell code)', async () => {
    const { Command } = await import('commander');
    const bad = new Command('cordon');
    bad.command('x;rm').description('d');
    assert.throws(() => completionScript(bad, 'bash'), TypeError);
  });
});
