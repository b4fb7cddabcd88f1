// `cordon <command>` loads only the modules that register that command (src/cli/main.ts,
// COMMAND_MODULES), so the table must name every top-level command its modules register, and the
// program built for one command must define it exactly as the whole program does: same options,
// arguments, subcommands and help text, at every depth.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { buildProgram, COMMAND_MODULES } from '../../../src/cli/main.js';
import { commandTree } from '../../helpers/command-tree.js';

function helpOf(c: Command): string {
  let out = '';
  c.configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { out += s; } });
  c.outputHelp();
  return out;
}

function shape(c: Command): string[] {
  return commandTree(c).map(({ name, cmd }) => `${name}\n${helpOf(cmd)}`);
}

const whole = await buildProgram(() => {});
const names = [...new Set(COMMAND_MODULES.flatMap((m) => m.names))];

describe('commands loaded on demand', () => {
  it('the table names exactly the top-level commands of the whole program', () => {
    assert.deepEqual([...names].sort(), whole.commands.map((c) => c.name()).sort());
  });

  it('each module registers the names the table gives it, and no other', async () => {
    const { Command: Cmd } = await import('commander');
    for (const m of COMMAND_MODULES) {
      const p = new Cmd('cordon');
      (await m.load())(p);
      assert.deepEqual(p.commands.map((c) => c.name()).sort(), [...m.names].sort());
    }
  });

  for (const name of names) {
    it(`cordon ${name} alone is defined as in the whole program`, async () => {
      const alone = await buildProgram(() => {}, name);
      const full = whole.commands.find((c) => c.name() === name)!;
      if (name === 'completion') {
        // Its script is generated from the whole tree: it loads every module.
        assert.equal(alone.commands.length, whole.commands.length);
      } else {
        // The command, and the others its modules register (sign.ts registers sign and verify).
        const same = new Set(COMMAND_MODULES.filter((m) => m.names.includes(name)).flatMap((m) => m.names));
        assert.deepEqual(alone.commands.map((c) => c.name()).sort(), [...same].sort());
      }
      const one = alone.commands.find((c) => c.name() === name)!;
      assert.deepEqual(shape(one), shape(full));
      assert.equal(helpOf(one), helpOf(full));
    });
  }

  it('help, an unknown word or no command load the whole program', async () => {
    for (const word of [undefined, 'help', '--help', 'detcet', '--version']) {
      const p = await buildProgram(() => {}, word);
      assert.equal(p.commands.length, whole.commands.length, String(word));
    }
  });
});
