// `cordon detect` loads, before its first line, only what it runs: the command's modules and what
// they import statically (main.ts loads each command's module on demand, detect-run.ts the
// recognizers when a line needs them). Read from the import lines under src/, as the architecture
// test does: the one package of that graph is commander, never the CSV parser (papaparse, ~20 ms of
// CPU to load), the YAML and schema readers, the server or a storage driver.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoPath } from '../../helpers/paths.js';

/** Value imports and re-exports of a module (`import type` and `export type` load nothing). */
const IMPORT_RE = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** The packages (and node: modules) loaded with `entries`, following relative imports through src/. */
function staticGraph(entries: readonly string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
      if (spec!.startsWith('.')) todo.push(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
      else packages.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
    }
  }
  return { files, packages };
}

describe('cordon detect start-up', () => {
  const { files, packages } = staticGraph([repoPath('src/cli/main.ts'), repoPath('src/cli/commands/detect.ts')]);

  it('loads no package it does not run', () => {
    const npm = [...packages].filter((p) => !p.startsWith('node:')).sort();
    assert.deepEqual(npm, ['commander'], `packages: ${npm.join(', ')}`);
  });

  it('the reader of the graph sees the command, its options and the detector entry point', () => {
    const rel = new Set([...files].map((f) => relative(repoPath('src'), f)));
    for (const f of ['cli/commands/detect.ts', 'cli/options.ts', 'io/delimiter.ts', 'cli/commands/detect-run.ts', 'detect/analyze.ts']) assert.ok(rel.has(f), f);
    assert.ok(!rel.has('io/dialect.ts'), 'io/dialect.ts (papaparse) is not loaded by cordon detect');
  });
});
