// Issue 14, item 8: every command's --help ends with an Examples section (decrypt, rewrap, inspect,
// keys, audit, token, apikey, certs had none), and `apikey create --help` says which options are
// required. The walk is in-process over the same program the CLI runs, so a new command without
// examples fails here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { buildProgram } from '../../../src/cli/main.js';
import { commandTree } from '../../helpers/command-tree.js';

function helpOf(c: Command): string {
  let out = '';
  c.configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { out += s; } });
  c.outputHelp();
  return out;
}

const all = commandTree(await buildProgram());

describe('--help of every command (issue 14 item 8)', () => {

  it('walks the whole tree (the groups and their subcommands)', () => {
    const names = new Set(all.map((c) => c.name));
    for (const n of ['decrypt', 'rewrap', 'inspect', 'keys rotate', 'audit show', 'token', 'apikey create', 'certs init']) assert.ok(names.has(n), n);
  });

  for (const { name, cmd } of all) {
    it(`cordon ${name} --help has an Examples section with a cordon command line`, () => {
      const help = helpOf(cmd);
      const at = help.search(/\nExamples?:\n/);
      assert.ok(at >= 0, `cordon ${name} --help has no Examples section`);
      assert.match(help.slice(at), /\n {2}(\S+=\S+ )*cordon \S/, `cordon ${name}: the examples show a cordon command`);
    });
  }

  it('apikey create --help says --scopes and --principal are required', () => {
    const create = all.find((c) => c.name === 'apikey create')!.cmd;
    const help = helpOf(create);
    assert.match(help, /--scopes <a,b>\s+[^\n]*\(required\)/);
    assert.match(help, /--principal <id>\s+[^\n]*\(required\)/);
  });
});
