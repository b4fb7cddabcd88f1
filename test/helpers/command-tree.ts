// Every command of a commander program below it, named by its path ("keys rotate"), parents first.
import type { Command } from 'commander';

export function commandTree(c: Command, path: string[] = [], into: Array<{ name: string; cmd: Command }> = []): Array<{ name: string; cmd: Command }> {
  for (const s of c.commands) {
    const name = [...path, s.name()];
    into.push({ name: name.join(' '), cmd: s });
    commandTree(s, name, into);
  }
  return into;
}
