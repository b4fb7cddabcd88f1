// `cordon reveal`: original values behind protected ones, for a declared purpose that the Cedar
// policies allow the caller (the workspace's policies/ folder, or --policies: the same engine and
// model as the service). Every attempt is audited (counts and policy ids only).
import type { Command } from 'commander';
import { auditEvent } from '../../audit/make-event.js';
import { CordonError } from '../../errors.js';
import { revealValues, type RevealAuthorizer } from '../../pipeline/reveal.js';
import { workspacePolicies } from '../../workspace/policies.js';
import { resolvePrincipal } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { notice } from '../output.js';
import { openVault, readContract } from '../workspace-data.js';
import { readFileSync } from 'node:fs';
import { commitSubject, hexOf, subjectIndexKey } from '../../erasure/commitment.js';
import { subjectScope } from '../../erasure/record-subjects.js';
import { checkPurpose } from '../../consent/change-consent.js';
import { withRegistry } from './consent.js';
import { openSubjectIndex } from '../../erasure/open-index.js';
import { subjectKeyLookup } from '../../erasure/subject-keys.js';

/**
 * The policies that decide: `--policies`, else the workspace's policy folder. A workspace that still
 * has only policy.json, or no policies at all, reveals nothing (ERR_POLICY_DENIED, audited).
 */
async function loadRevealPolicies(home: string, dir: string | undefined): Promise<RevealAuthorizer> {
  // Loaded on use: Cedar compiles ~4 MB of wasm, which commands that never decide should not pay for.
  const { PolicyEngine } = await import('../../policy/policy-engine.js');
  if (dir !== undefined) return PolicyEngine.load(dir);
  const found = workspacePolicies(home);
  switch (found.kind) {
    case 'cedar':
      if (found.legacyUnmigrated) notice('the workspace\'s policy.json is no longer read; `cordon policy migrate` turns its grants into Cedar policies (docs/reveal.md)');
      return PolicyEngine.load(found.dir);
    case 'legacy':
      throw new CordonError('ERR_POLICY_DENIED', `this workspace's reveal grants are in ${found.path}, which Cordon no longer reads: run \`cordon policy migrate\` to turn them into Cedar policies (docs/reveal.md)`);
    case 'none':
      throw new CordonError('ERR_POLICY_DENIED', `no policy folder at ${found.dir}: nothing can be revealed until there is one (\`cordon policy init\`, docs/reveal.md)`);
  }
}

/** CORDON_ROLES: comma-separated roles of the caller, for policies that name roles. */
function rolesFromEnv(env: NodeJS.ProcessEnv): string[] {
  return (env.CORDON_ROLES ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
}

export function registerReveal(program: Command): void {
  program.command('reveal')
    .description('print the original values behind protected values of one column, for an allowed purpose (audited)')
    .argument('<value...>', 'protected values (tokens, det_… values, fpe or encrypt outputs) of the column')
    .requiredOption('-c, --contract <contract.yaml>', 'the contract the data was protected with')
    .requiredOption('--column <name>', 'the column the values come from')
    .requiredOption('--purpose <purpose>', 'why you need the values; the policies must allow you to reveal the column for it')
    .option('--dataset <name>', 'the contract\'s dataset, when it describes several')
    .option('--policies <dir>', 'the Cedar policy folder that decides (default: the workspace\'s policies/)')
    .option('--store <url>', 'a PostgreSQL vault (postgres://…) instead of the workspace\'s vault.db (or CORDON_VAULT_URL)')
    .option('--json', 'print {"values": [...]} as JSON, null for a value not in the vault')
    .option('--subject <id>', 'the data subject the values belong to (or - for stdin): its consent to the purpose is read from the consent registry and given to the policies; needed when the contract requires consent (docs/consent.md)')
    .addHelpText('after', `
Cedar policies decide, as in the service (docs/policy.md): the caller (CORDON_PRINCIPAL, or
local:<user>; roles from CORDON_ROLES, tenant from CORDON_TENANT) asks for the action "reveal" on
the column, which carries the contract's classification, cordonPurposes (allowedPurposes), dataset
and tenant; the context carries the purpose. A permit for one analyst (docs/reveal.md):
  @id("reveal.ada") permit (principal == Cordon::User::"analyst:ada", action == Cordon::Action::"reveal", resource)
  when { context has purpose && resource has allowedPurposes && resource.allowedPurposes.contains(context.purpose) };
Without policies nothing is revealed. Each attempt, allowed or denied, goes to the audit log.

Examples:
  cordon reveal tok_R4UlQAyQ7kWOsMvtPttGlw -c customers.odcs.yaml --column full_name --purpose fraud-investigation
  CORDON_PRINCIPAL=analyst:ada cordon reveal det_AbC… -c customers.odcs.yaml --column email --purpose support --policies policies/`)
    .action(async (values: string[], f: { contract: string; column: string; purpose: string; dataset?: string; store?: string; policies?: string; json?: boolean; subject?: string }) => {
      const subjectId = f.subject === undefined ? undefined : f.subject === '-' ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : f.subject;
      if (subjectId === '') throw new CordonError('ERR_USAGE', '--subject is empty');
      await withWorkspace(async (ws) => {
        // revealValues audits every attempt it sees; one refused before it (an invalid contract or
        // policy folder, no policies, an unreachable vault) is audited here, so no refused reveal goes unrecorded.
        let prepared;
        try {
          const contract = readContract(f.contract);
          const policy = await loadRevealPolicies(ws.home, f.policies);
          // The registry's answer as of now: a withdrawal is honoured from the moment it is recorded.
          const consent = subjectId === undefined ? undefined : await withRegistry(ws, async (registry) => registry.granted(commitSubject(await subjectIndexKey(ws.keyring), subjectId), checkPurpose(f.purpose), Date.now()));
          prepared = { contract, policy, consent, vault: (await openVault(ws, f.store)).vault };
        } catch (e) {
          ws.audit.emit(auditEvent({ type: 'token.reveal', outcome: 'failure', principal: resolvePrincipal(), reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL', attributes: { column: f.column, purpose: f.purpose, count: values.length } }));
          throw e;
        }
        const { contract, policy, consent, vault } = prepared;
        // A column encrypted with keyScope: subject reveals with the subjects' keys from the subject index.
        // (An unknown dataset is revealValues' to refuse and audit.)
        const dataset = contract.datasets.find((d) => d.name === (f.dataset ?? contract.datasets[0]?.name));
        const column = dataset?.columns.find((c) => c.name === f.column);
        // A named subject of a dataset with a subject column is looked up in the tombstones too: an erased subject reveals nothing.
        const tombstoned = subjectId !== undefined && dataset?.subject !== undefined;
        const index = column?.protect?.keyScope === 'subject' || tombstoned ? await openSubjectIndex(ws.store.kind === 'local' ? { kind: 'local', home: ws.home } : { kind: 'postgres', url: ws.store.url }) : undefined;
        try {
          let subjectErased = false;
          try {
            subjectErased = tombstoned && index !== undefined
              && (await index.tombstones(subjectScope(contract.id, dataset!.name))).has(hexOf(commitSubject(await subjectIndexKey(ws.keyring), subjectId!)));
          } catch (e) {
            ws.audit.emit(auditEvent({ type: 'token.reveal', outcome: 'failure', principal: resolvePrincipal(), reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL', attributes: { column: f.column, purpose: f.purpose, count: values.length } }));
            throw e;
          }
          const out = await revealValues({
            ...(index !== undefined ? { subjectKeys: subjectKeyLookup(index, ws.keyring.as(resolvePrincipal())) } : {}),
            contract, column: f.column, purpose: f.purpose, principal: resolvePrincipal(), policy, values, keyring: ws.keyring, vault,
            roles: rolesFromEnv(process.env), ...(process.env.CORDON_TENANT ? { tenant: process.env.CORDON_TENANT } : {}),
            ...(f.dataset !== undefined ? { dataset: f.dataset } : {}), ...(consent !== undefined ? { consent } : {}),
            ...(subjectErased ? { subjectErased } : {}),
          });
          if (f.json) process.stdout.write(JSON.stringify({ values: out.map((v) => v ?? null) }) + '\n');
          else for (const v of out) process.stdout.write(`${v === undefined ? '' : v}\n`);
          const missing = out.filter((v) => v === undefined).length;
          if (missing > 0) process.stderr.write(`cordon: ${missing} value(s) not found in the vault (printed as ${f.json ? 'null' : 'empty lines'})\n`);
        } finally {
          await vault.close();
          await index?.close();
        }
      });
    });
}
