// `cordon reveal`: original values behind protected ones, for a declared purpose that the contract
// and the workspace's policy.json both allow the caller. Every attempt is audited (counts only).
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditEvent } from '../../audit/make-event.js';
import { CordonError } from '../../errors.js';
import { parseRevealPolicy, revealValues } from '../../pipeline/reveal.js';
import { resolvePrincipal } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { openVault, readContract } from '../workspace-data.js';

export function registerReveal(program: Command): void {
  program.command('reveal')
    .description('print the original values behind protected values of one column, for an allowed purpose (audited)')
    .argument('<value...>', 'protected values (tokens, det_… values, fpe or encrypt outputs) of the column')
    .requiredOption('-c, --contract <contract.yaml>', 'the contract the data was protected with')
    .requiredOption('--column <name>', 'the column the values come from')
    .requiredOption('--purpose <purpose>', 'why you need the values; must be in the column\'s cordonPurposes and granted to you in policy.json')
    .option('--dataset <name>', 'the contract\'s dataset, when it describes several')
    .option('--store <url>', 'a PostgreSQL vault (postgres://…) instead of the workspace\'s vault.db (or CORDON_VAULT_URL)')
    .option('--json', 'print {"values": [...]} as JSON, null for a value not in the vault')
    .addHelpText('after', `
The workspace's policy.json grants purposes to principals (CORDON_PRINCIPAL, or local:<user>):
  {"principals": {"local:alice": ["fraud-investigation"]}}
Without it nothing is revealed. Each attempt, allowed or denied, goes to the audit log.

Example:
  cordon reveal tok_R4UlQAyQ7kWOsMvtPttGlw -c customers.odcs.yaml --column full_name --purpose fraud-investigation`)
    .action(async (values: string[], f: { contract: string; column: string; purpose: string; dataset?: string; store?: string; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        // revealValues audits every attempt it sees; one refused before it (an invalid contract or
        // policy file, an unreachable vault) is audited here, so no refused reveal goes unrecorded.
        let prepared;
        try {
          const contract = readContract(f.contract);
          const policyPath = join(ws.home, 'policy.json');
          const policy = existsSync(policyPath) ? parseRevealPolicy(readFileSync(policyPath, 'utf8')) : undefined;
          prepared = { contract, policy, vault: (await openVault(ws, f.store)).vault };
        } catch (e) {
          ws.audit.emit(auditEvent({ type: 'token.reveal', outcome: 'failure', principal: resolvePrincipal(), reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL', attributes: { column: f.column, purpose: f.purpose, count: values.length } }));
          throw e;
        }
        const { contract, policy, vault } = prepared;
        try {
          const out = await revealValues({
            contract, column: f.column, purpose: f.purpose, principal: resolvePrincipal(), policy, values, keyring: ws.keyring, vault,
            ...(f.dataset !== undefined ? { dataset: f.dataset } : {}),
          });
          if (f.json) process.stdout.write(JSON.stringify({ values: out.map((v) => v ?? null) }) + '\n');
          else for (const v of out) process.stdout.write(`${v === undefined ? '' : v}\n`);
          const missing = out.filter((v) => v === undefined).length;
          if (missing > 0) process.stderr.write(`cordon: ${missing} value(s) not found in the vault (printed as ${f.json ? 'null' : 'empty lines'})\n`);
        } finally {
          await vault.close();
        }
      });
    });
}
