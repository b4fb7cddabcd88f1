// The workspace's Cedar policy folder (`<home>/policies`), which decides the CLI's reveals with the
// same engine and model as the service (docs/policy.md, docs/reveal.md): created by `cordon init`
// with the example policies and schema this package ships, and by `cordon policy migrate` from an
// older workspace's policy.json. Never overwrites a policy file; a workspace with neither a policy
// folder nor policy.json reveals nothing (fail closed). Cedar itself is loaded only when needed.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CordonError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { MIGRATED_POLICY_FILE, parsePolicyJson, policyJsonToCedar } from '../policy/policy-json.js';

/** The policy folder inside a workspace home. */
export const POLICY_DIR = 'policies';
/** The file the CLI read before the policy folder. */
export const LEGACY_POLICY_FILE = 'policy.json';

/**
 * The example policies, schema and tests shipped with Cordon (the package's `policies/` folder):
 * this file is dist/src/workspace/policies.js, three levels below the package root.
 */
export function bundledPolicyDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', POLICY_DIR);
}

/** What decides reveals in a workspace. */
export type WorkspacePolicies =
  | { readonly kind: 'cedar'; readonly dir: string; readonly legacyUnmigrated: boolean }
  | { readonly kind: 'legacy'; readonly path: string }
  | { readonly kind: 'none'; readonly dir: string };

/** Where the workspace's policies are: a policy folder, only an unmigrated policy.json, or nothing. */
export function workspacePolicies(home: string): WorkspacePolicies {
  const dir = join(home, POLICY_DIR);
  const legacy = join(home, LEGACY_POLICY_FILE);
  if (existsSync(dir)) return { kind: 'cedar', dir, legacyUnmigrated: existsSync(legacy) && !existsSync(join(dir, MIGRATED_POLICY_FILE)) };
  if (existsSync(legacy)) return { kind: 'legacy', path: legacy };
  return { kind: 'none', dir };
}

/** The policy files of a folder that a policy folder copies: `*.cedar`, `*.cedarschema`, `tests/*.yaml`. */
function policyFiles(dir: string): string[] {
  const own = readdirSync(dir).filter((n) => n.endsWith('.cedar') || n.endsWith('.cedarschema')).sort();
  const tests = existsSync(join(dir, 'tests')) ? readdirSync(join(dir, 'tests')).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join('tests', n)) : [];
  return [...own, ...tests];
}

/**
 * Creates `dir` with a copy of the example policies, schema and tests (`from`, default the bundled
 * ones). Refuses an existing folder (ERR_OUTPUT_EXISTS): its policies are the owner's.
 */
export function createPolicyDir(dir: string, from: string = bundledPolicyDir()): { dir: string; files: string[] } {
  if (existsSync(dir)) throw new CordonError('ERR_OUTPUT_EXISTS', `${dir} already exists; its policies are left as they are`);
  let files: string[];
  try {
    if (!statSync(from).isDirectory()) throw new Error('not a folder');
    files = policyFiles(from);
  } catch {
    throw new CordonError('ERR_IO', `cannot read the example policies at ${from}`);
  }
  if (!files.some((f) => f.endsWith('.cedarschema'))) throw new CordonError('ERR_IO', `the example policies at ${from} have no Cedar schema`);
  // Files holding forbids (the guardrails) and the schema go in first, so a copy cut short never
  // leaves permits without the forbids that bound them.
  const texts = files.map((f) => ({ f, bytes: readFileSync(join(from, f)) }));
  const rank = (t: { f: string; bytes: Buffer }): number => (t.f.endsWith('.cedarschema') ? 0 : /^\s*forbid\s*\(/m.test(t.bytes.toString('utf8')) ? 1 : 2);
  texts.sort((a, b) => rank(a) - rank(b));
  try {
    mkdirSync(join(dir, 'tests'), { recursive: true, mode: 0o755 });
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
  for (const t of texts) writeFileAtomic(join(dir, t.f), t.bytes, { mode: 0o644 });
  return { dir, files };
}

/**
 * Turns the workspace's policy.json grants into `policies/policy-json.cedar` (creating the policy
 * folder with the examples when there is none). The new policy set is validated against the schema
 * before anything is written; policy.json is left in place (nothing reads it any more).
 */
export async function migratePolicyJson(home: string): Promise<{ dir: string; file: string; grants: number; createdDir: boolean }> {
  const legacy = join(home, LEGACY_POLICY_FILE);
  let text: string;
  try {
    text = readFileSync(legacy, 'utf8');
  } catch {
    throw new CordonError('ERR_IO', `no ${LEGACY_POLICY_FILE} to migrate in ${home}`);
  }
  const { text: cedar, grants } = policyJsonToCedar(parsePolicyJson(text));
  const dir = join(home, POLICY_DIR);
  const file = join(dir, MIGRATED_POLICY_FILE);
  if (existsSync(file)) throw new CordonError('ERR_OUTPUT_EXISTS', `${file} already exists: policy.json was migrated before`);
  const createdDir = !existsSync(dir);
  const base = createdDir ? bundledPolicyDir() : dir;
  // Validate the folder as it will be (its policies, or the examples, plus the grants) first.
  const { PolicyEngine } = await import('../policy/policy-engine.js');
  const { readPolicyDir } = await import('../policy/load-policy-dir.js');
  const current = readPolicyDir(base);
  PolicyEngine.fromSources([...current.sources, { name: MIGRATED_POLICY_FILE, text: cedar }], current.schema);
  if (createdDir) createPolicyDir(dir, base);
  writeFileAtomic(file, cedar, { mode: 0o644 });
  return { dir, file, grants, createdDir };
}

