// `cordon policy test <dir>` and `cordon policy validate <dir>`: Cedar policies kept as code
// (docs/policy.md). Parse → call src/policy → print. Exit 0 when every case passes,
// ERR_POLICY_TEST_FAILED (exit 5) when any fails, ERR_CONFIG_INVALID (exit 3) for invalid policies.
// `cordon policy init [dir]` and `cordon policy migrate`: the workspace's policy folder (docs/reveal.md).
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { CordonError } from '../../errors.js';
import { createPolicyDir, migratePolicyJson, POLICY_DIR } from '../../workspace/policies.js';
import { resolveHome } from '../../workspace/workspace.js';
import { notice } from '../output.js';

// Loaded on use: Cedar compiles ~4 MB of wasm (~150 ms), which no other command should pay for.
const loadPolicy = (): Promise<typeof import('../../policy/index.js')> => import('../../policy/index.js');

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').addHelpText('after', '\nExamples:\n  cordon policy validate policies/\n  cordon policy test policies/\n  cordon policy migrate')
    .description('Cedar authorization policies: validate them and run their test cases (docs/policy.md)');

  policy.command('test <dir>')
    .description('load <dir>/*.cedar (validated against <dir>/*.cedarschema) and run the YAML cases in <dir>/tests/')
    .option('--cases <path>', 'a YAML file or folder of cases (default: <dir>/tests)')
    .option('--json', 'print the results as JSON')
    .addHelpText('after', `
Each case gives a principal, action, resource and context, and expects allow or deny (and optionally
the ids of the deciding policies). Prints pass/FAIL per case and a summary.
Exit codes: 0 all passed, 5 some failed (ERR_POLICY_TEST_FAILED), 3 invalid policies or cases.

Example:
  cordon policy test policies/`)
    .action(async (dir: string, f: { cases?: string; json?: boolean }) => {
      const { PolicyEngine, loadTestCases, runTestCases } = await loadPolicy();
      const engine = PolicyEngine.load(dir);
      const cases = loadTestCases(f.cases ?? join(dir, 'tests'));
      const summary = runTestCases(engine, cases);
      if (f.json) {
        process.stdout.write(JSON.stringify({
          passed: summary.passed, failed: summary.failed,
          results: summary.results.map((r) => ({
            file: basename(r.case.file), name: r.case.name, passed: r.passed, expect: r.case.expect,
            decision: r.decision.allowed ? 'allow' : 'deny', policies: r.decision.policies, errors: r.decision.errors,
            ...(r.passed ? {} : { problem: r.problem }),
          })),
        }, null, 2) + '\n');
      } else {
        for (const r of summary.results) {
          const got = `${r.decision.allowed ? 'allow' : 'deny'}${r.decision.policies.length > 0 ? `: ${r.decision.policies.join(', ')}` : ''}`;
          const line = `${r.passed ? 'pass' : 'FAIL'}  ${basename(r.case.file)}: ${r.case.name} (${got})`;
          process.stdout.write(r.passed ? `${line}\n` : `${line}\n      ${r.problem}${r.decision.errors.length > 0 ? `; errors: ${r.decision.errors.join('; ')}` : ''}\n`);
        }
        process.stdout.write(`${summary.results.length} cases: ${summary.passed} passed, ${summary.failed} failed (${engine.policyIds.length} policies)\n`);
      }
      for (const w of engine.warnings) notice(`policy warning: ${w}`);
      if (summary.failed > 0) {
        throw new CordonError('ERR_POLICY_TEST_FAILED', `${summary.failed} of ${summary.results.length} policy test cases failed`, { details: { failed: summary.failed } });
      }
    });

  policy.command('validate <dir>').addHelpText('after', '\nExamples:\n  cordon policy validate policies/')
    .description('parse <dir>/*.cedar and validate them against <dir>/*.cedarschema; list the policy ids')
    .option('--json', 'print {"policies", "warnings"} as JSON')
    .action(async (dir: string, f: { json?: boolean }) => {
      const { PolicyEngine } = await loadPolicy();
      const engine = PolicyEngine.load(dir);
      if (f.json) {
        process.stdout.write(JSON.stringify({ policies: engine.policyIds, warnings: engine.warnings }) + '\n');
        return;
      }
      for (const id of engine.policyIds) process.stdout.write(`${id}\n`);
      for (const w of engine.warnings) notice(`policy warning: ${w}`);
      process.stderr.write(`${engine.policyIds.length} policies valid\n`);
    });

  policy.command('init [dir]')
    .description('create a policy folder with the example Cedar policies, schema and tests (default: the workspace\'s policies/)')
    .addHelpText('after', `
\`cordon init\` creates the workspace's policy folder; this creates one for a workspace made before
that, or anywhere else (a folder for the service's \`policy.dir\`). An existing folder is refused.

Examples:
  cordon policy init
  cordon policy init ./service-policies`)
    .option('--json', 'print {"dir", "files"} as JSON')
    .action((dir: string | undefined, f: { json?: boolean }) => {
      const created = createPolicyDir(dir ?? join(resolveHome(), POLICY_DIR));
      if (f.json) process.stdout.write(JSON.stringify({ dir: created.dir, files: created.files }) + '\n');
      else process.stdout.write(`created ${created.dir}: ${created.files.length} files (reveals need a permit: docs/reveal.md)\n`);
    });

  policy.command('migrate')
    .description('turn the workspace\'s policy.json reveal grants into Cedar policies (policies/policy-json.cedar)')
    .addHelpText('after', `
Each principal of policy.json gets a permit to reveal a column for the purposes it was granted, when
the column's contract allows the purpose, exactly what policy.json allowed. Without a policy folder
one is created with the example policies first. The result is validated before anything is written;
policy.json is left in place but no longer read. The guardrails (policies/forbids.cedar) apply to
the migrated grants too: a restricted column now also needs MFA, which the CLI cannot assert.

Examples:
  cordon policy migrate
  CORDON_HOME=/srv/cordon cordon policy migrate`)
    .option('--json', 'print {"dir", "file", "grants", "createdDir"} as JSON')
    .action(async (f: { json?: boolean }) => {
      const r = await migratePolicyJson(resolveHome());
      if (f.json) process.stdout.write(JSON.stringify(r) + '\n');
      else {
        if (r.createdDir) process.stdout.write(`created ${r.dir} with the example policies\n`);
        process.stdout.write(`migrated ${r.grants} grant(s) from policy.json to ${r.file}\n`);
      }
      notice('policy.json is no longer read; review the new file and delete policy.json when satisfied');
    });
}
