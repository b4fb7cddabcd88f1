// What the npm package ships and what its declarations need (issue 14 item 11): the policy folder
// and Cedar schema are in the tarball where the workspace code looks for them, and every package a
// public declaration imports is a dependency that comes with its types (`pg` needs `@types/pg`),
// never an optional or development one. Node's own modules (`node:*`) need @types/node, as for
// every Node.js library.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundledPolicyDir } from '../../src/workspace/policies.js';
import { repoPath, REPO_ROOT } from '../helpers/paths.js';

interface Manifest { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; types?: string; typings?: string }
const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as Manifest;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Bare module specifiers imported by a declaration file (`from 'x'`, `import("x")`). */
function importsOf(dts: string): string[] {
  return [...dts.matchAll(/from\s+['"]([^'".][^'"]*)['"]|import\(\s*['"]([^'".][^'"]*)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

const packageName = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

function shipsTypes(name: string): boolean {
  const dir = repoPath('node_modules', name);
  const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest & { exports?: unknown };
  return m.types !== undefined || m.typings !== undefined || existsSync(join(dir, 'index.d.ts')) || JSON.stringify(m.exports ?? {}).includes('"types"');
}

describe('the npm package', () => {
  it('ships the policies folder and Cedar schema where the workspace code finds them', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const files = new Set((JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path));
    const policies = walk(bundledPolicyDir()).map((f) => relative(REPO_ROOT, f).split('\\').join('/'));
    assert.ok(policies.includes('policies/cordon.cedarschema') && policies.includes('policies/forbids.cedar'), policies.join(', '));
    for (const f of policies) assert.ok(files.has(f), `${f} is not in the package`);
    assert.ok(files.has('dist/src/workspace/policies.js'));
    assert.ok(![...files].some((f) => f.startsWith('dist/test/') || f.startsWith('src/')), 'tests and sources stay out');
  });

  it('every package a public declaration imports is a dependency with types; optional ones never appear', () => {
    const deps = pkg.dependencies ?? {};
    const problems = new Set<string>();
    for (const f of walk(repoPath('dist', 'src')).filter((p) => p.endsWith('.d.ts'))) {
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        if (spec.startsWith('node:')) continue;
        const name = packageName(spec);
        const where = relative(repoPath('dist'), f);
        if (!Object.hasOwn(deps, name)) problems.add(`${where}: ${name} is not a dependency${pkg.optionalDependencies?.[name] ? ' (it is optional)' : ''}`);
        else if (!shipsTypes(name) && !Object.hasOwn(deps, `@types/${name}`)) problems.add(`${where}: ${name} has no types and @types/${name} is not a dependency`);
      }
    }
    assert.deepEqual([...problems], []);
  });

  it('the checker finds what it looks for (self-test)', () => {
    assert.deepEqual(importsOf("import pg from 'pg';\nexport type P = import(\"pkcs11js\").PKCS11;\nimport { x } from './y.js';"), ['pg', 'pkcs11js']);
    assert.equal(packageName('@cedar-policy/cedar-wasm/nodejs'), '@cedar-policy/cedar-wasm');
    assert.equal(shipsTypes('pg'), false, 'pg has no types of its own: the check relies on @types/pg');
  });
});
