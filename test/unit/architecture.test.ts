// Enforces the import rules in docs/architecture.md by reading every import line under src/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { repoPath } from '../helpers/paths.js';

const SRC = repoPath('src');

function parseRules(): Map<string, { folders: Set<string>; modules: Set<string> }> {
  const doc = readFileSync(repoPath('docs/architecture.md'), 'utf8');
  const rules = new Map<string, { folders: Set<string>; modules: Set<string> }>();
  const names = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  for (const line of doc.split('\n')) {
    const m = /^\| `([a-z-]+)` \| (.*?) \| (.*?) \|$/.exec(line);
    if (m) rules.set(m[1]!, { folders: new Set(names(m[2]!)), modules: new Set(names(m[3]!)) });
  }
  return rules;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The src/ area a file belongs to: its first folder, or the file's stem for top-level files. */
function areaOf(file: string): string {
  const rel = relative(SRC, file).split(sep);
  return rel.length === 1 ? rel[0]!.replace(/\.ts$/, '') : rel[0]!;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT_RE)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** Package name of a bare specifier: `@scope/name` or `name`. */
function moduleName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('architecture: import rules from docs/architecture.md', () => {
  const rules = parseRules();
  const files = walk(SRC);

  it('the rule table parses and covers every area of src/', () => {
    assert.ok(rules.size >= 5, 'docs/architecture.md has no rule table');
    for (const f of files) assert.ok(rules.has(areaOf(f)), `src area "${areaOf(f)}" (${relative(SRC, f)}) has no row in docs/architecture.md`);
  });

  it('the checker catches violations (self-test)', () => {
    assert.deepEqual(importsOf("import { x } from 'node:crypto';\nexport * from './a.js';\nconst m = await import('../b.js');"), ['node:crypto', './a.js', '../b.js']);
    assert.equal(moduleName('@noble/ciphers/aes.js'), '@noble/ciphers');
    assert.ok(!rules.get('keys')!.modules.has('node:crypto'), 'keys must not be allowed node:crypto');
  });

  for (const file of files) {
    const area = areaOf(file);
    it(`${relative(SRC, file)}`, () => {
      const rule = rules.get(area);
      assert.ok(rule, `no rule for ${area}`);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
          assert.ok(target.startsWith(SRC + sep), `${relative(SRC, file)} imports ${spec} outside src/`);
          const to = areaOf(target);
          if (to === area) continue;
          assert.ok(rule.folders.has(to), `${relative(SRC, file)} (${area}) may not import ${to} (${spec}); see docs/architecture.md`);
        } else {
          const mod = moduleName(spec);
          assert.ok(rule.modules.has(mod), `${relative(SRC, file)} (${area}) may not import ${mod}; see docs/architecture.md`);
        }
      }
    });
  }
});
