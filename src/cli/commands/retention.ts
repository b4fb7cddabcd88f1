// `cordon retention apply -c C… [--dry-run] [--now ISO] [--receipt FILE] [--json]`: what the
// contracts' cordonRetention says is past its time — protected outputs, vault tokens, operator key
// versions — removed, deleted or crypto-shredded (docs/retention.md), resumably, with one signed
// receipt per run written only once every tier is done. --dry-run prints the plan and changes
// nothing.
import type { Command } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../../errors.js';
import type { Contract } from '../../contracts/types.js';
import { openSubjectIndex } from '../../erasure/open-index.js';
import { planRetention } from '../../retention/plan-retention.js';
import { unfinishedRetention, type ApplyRetentionDeps } from '../../retention/apply-retention.js';
import { runRetention } from '../../retention/run-retention.js';
import { checkOutput } from '../../io/check-output.js';
import { readPrivateKeyFile } from '../../sign/key-files.js';
import { RECEIPT_SIGNING, workspaceSigningKey } from '../../workspace/signing-keys.js';
import { resolvePrincipal, type Workspace } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { openVault, readContract } from '../workspace-data.js';
import { notice } from '../output.js';

interface ApplyFlags { contract: string[]; dryRun?: boolean; destroyKeyVersions?: boolean; now?: string; receipt?: string; signingKey?: string; store?: string; json?: boolean; quiet?: boolean }

/** Contract files, or every *.yaml / *.yml / *.json in a folder given instead of a file. */
function readContracts(paths: readonly string[]): Contract[] {
  const files = paths.flatMap((p) => {
    let dir = false;
    try { dir = statSync(p).isDirectory(); } catch { /* readContract reports the missing file */ }
    return dir ? readdirSync(p).filter((n) => /\.(?:ya?ml|json)$/.test(n)).sort().map((n) => join(p, n)) : [p];
  });
  return files.map((f) => readContract(f));
}

function parseNow(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const t = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(t)) throw new CordonError('ERR_USAGE', '--now must be an ISO 8601 date or time, e.g. 2026-12-06 or 2026-12-06T12:00:00Z');
  return t;
}

/** The workspace's RAG folder, when it has one (its chunks are aged by their ingest time). */
function ragDir(ws: Workspace): string | undefined {
  const dir = join(ws.home, 'rag');
  return existsSync(dir) ? dir : undefined;
}

export function registerRetention(program: Command): void {
  const retention = program.command('retention').description('retention from contracts (cordonRetention): remove what is past its time, with a signed receipt')
    .addHelpText('after', `
Examples:
  cordon retention apply -c contracts/ --dry-run
  cordon retention apply -c contracts/ --receipt retention-2026-12-06.receipt.json
  cordon receipt verify retention-2026-12-06.receipt.json`);
  retention.command('apply')
    .description('remove protected outputs, vault tokens and key versions past their contracts\' retention (or list them with --dry-run)')
    .requiredOption('-c, --contract <contract...>', 'contracts whose cordonRetention applies (files, or folders of *.yaml/*.yml/*.json); repeatable')
    .option('--dry-run', 'list what is past retention in each tier and change nothing')
    .option('--now <iso>', 'the time retention is counted to (default: now); e.g. 2026-12-06T00:00:00Z')
    .option('--receipt <file>', 'where the signed receipt goes (written only when every tier is done; required without --dry-run)')
    .option('--signing-key <file>', 'the receipt\'s private signing key (PEM; default: the workspace key store\'s cordon-receipt-signing)')
    .option('--store <url>', 'a PostgreSQL vault (postgres://…) instead of the workspace\'s (or CORDON_VAULT_URL)')
    .option('--destroy-key-versions', 'also destroy superseded operator key versions past the cut-off (keys are shared by every dataset of the workspace: give every contract)')
    .option('--json', 'print the plan (--dry-run) or the receipt statement as JSON')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `
A dataset's retention is customProperties cordonRetention (an ISO 8601 duration such as P90D) on its
schema object, else the contract's. Data written before now minus the retention is past it:
  outputs  protected outputs of runs made before the cut-off (subject index) are removed whole, their
           manifests marked; a file changed since Cordon wrote it is listed as unreachable
  vault    tokens the vault first stored before the cut-off in the datasets' namespaces are deleted
  keys     with --destroy-key-versions, versions of the datasets' operator keys superseded before the
           cut-off are destroyed. Operator keys are shared by every dataset of the workspace, so give
           every contract (-c contracts/); a key that a dataset without a retention uses is kept.
           Without the flag they are listed as kept
  rag      chunks stored before the cut-off, in indexes ingested under the contract
Each step is journaled: a run interrupted (even by kill -9) is resumed by the next apply, before a
new one is planned. Exit 6 (ERR_RETENTION_INCOMPLETE or a store error) leaves no receipt.

Examples:
  cordon retention apply -c customers.odcs.yaml --dry-run
  cordon retention apply -c contracts/ --receipt retention-2026-12-06.receipt.json
  cordon retention apply -c contracts/ --destroy-key-versions --receipt retention-keys.receipt.json
  cordon retention apply -c customers.odcs.yaml --now 2027-01-01T00:00:00Z --dry-run --json
  cordon receipt verify retention-2026-12-06.receipt.json`)
    .action(async (f: ApplyFlags) => {
      const now = parseNow(f.now);
      if (f.dryRun !== true && f.receipt === undefined) throw new CordonError('ERR_USAGE', 'cordon retention apply needs --receipt <file> (or --dry-run)');
      if (f.receipt !== undefined && f.dryRun !== true) checkOutput(f.receipt, { force: false });
      const contracts = readContracts(f.contract);
      await withWorkspace(async (ws) => {
        const index = await openSubjectIndex(ws.store.kind === 'local' ? { kind: 'local', home: ws.home } : { kind: 'postgres', url: ws.store.url });
        const { vault } = await openVault(ws, f.store);
        const rag = ragDir(ws);
        // The RAG store (LanceDB, a native module: loaded only when the workspace has one).
        const chunks = rag === undefined ? undefined : await (await import('../../rag/lancedb-store.js')).LanceChunkStore.open(rag);
        const ragDeps = rag !== undefined && chunks !== undefined ? { ragDir: rag, rag: chunks } : {};
        try {
          if (f.dryRun === true) {
            const plan = await planRetention(contracts, now, { index, vault, keyring: ws.keyring, destroyKeyVersions: f.destroyKeyVersions === true, ...ragDeps });
            const open = await unfinishedRetention(index);
            if (f.json === true) process.stdout.write(JSON.stringify({ dryRun: true, ...plan, ...(open !== undefined ? { unfinished: open.retentionId } : {}) }, null, 2) + '\n');
            else if (f.quiet !== true) {
              const tokens = plan.vault.reduce((n, v) => n + v.tokens, 0);
              const subjectKeys = (plan.subjectKeys ?? []).reduce((n, k) => n + k.keys, 0);
              const ragChunks = (plan.rag ?? []).reduce((n, r) => n + r.chunks, 0);
              process.stdout.write(`dry run at ${plan.now}: ${plan.datasets.length} dataset(s) with a retention; would remove ${plan.outputs.length} output(s), null columns past their retention in ${(plan.columnOutputs ?? []).length} output(s), delete ${tokens} token(s) in ${plan.vault.length} namespace(s) and ${ragChunks} RAG chunk(s), destroy ${subjectKeys} subject key(s) and ${plan.keys.length} key version(s); ${plan.unreachable.length} item(s) unreachable\n`);
              for (const o of plan.outputs) process.stdout.write(`  output  ${o.output} (${o.scope}, written ${o.createdAt})\n`);
              for (const o of plan.columnOutputs ?? []) process.stdout.write(`  column  ${o.output} (${o.scope}, written ${o.createdAt}): set ${o.columns.join(', ')} to null\n`);
              for (const v of plan.vault) process.stdout.write(`  vault   ${v.namespace}: ${v.tokens} token(s) stored before ${v.cutoff}${v.columns !== undefined ? ` (column retention: ${v.columns.join(', ')})` : ''}\n`);
              for (const r of plan.rag ?? []) process.stdout.write(`  rag     ${r.index}: ${r.chunks} chunk(s) stored before ${r.cutoff}\n`);
              for (const k of plan.subjectKeys ?? []) process.stdout.write(`  subject-keys ${k.scope}: ${k.keys} key(s) of subjects with no data since ${k.cutoff}\n`);
              for (const k of plan.keys) process.stdout.write(`  key     ${k.name} v${k.version} (superseded ${k.supersededAt})\n`);
              for (const u of plan.unreachable) process.stdout.write(`  unreachable ${u.tier}${u.path !== undefined ? ` ${u.path}` : ''}: ${u.why}\n`);
              if (open !== undefined) notice(`retention run ${open.retentionId} is unfinished: the next apply resumes it first`);
            }
            return;
          }
          const signer = f.signingKey !== undefined ? await readPrivateKeyFile(f.signingKey) : await workspaceSigningKey(ws, RECEIPT_SIGNING);
          const log = ws.auditLog;
          const deps: ApplyRetentionDeps = {
            index, vault, keyring: ws.keyring, destroyKeyVersions: f.destroyKeyVersions === true, ...ragDeps,
            audit: {
              async append(event) {
                if (log === undefined) { ws.audit.emit(event); return undefined; }
                return (await log.appendMany([event])).first;
              },
            },
          };
          const { state, receipt } = await runRetention({ contracts, now, principal: resolvePrincipal() }, deps, signer, () => f.receipt!);
          if (state.resumed === true && f.quiet !== true) notice(`resumed the unfinished retention run ${state.retentionId} (its plan at ${state.plan.now}); run apply again for a new one`);
          if (f.json === true) process.stdout.write(JSON.stringify(receipt, null, 2) + '\n');
          else if (f.quiet !== true) {
            const t = receipt.tiers;
            process.stdout.write(`retention: removed ${t.outputs.files} output(s), nulled aged columns in ${t.outputs.columns.files}, deleted ${t.vault.tokensDeleted} token(s) and ${t.rag.chunksDeleted} RAG chunk(s), destroyed ${t.subjectKeys.keysDestroyed} subject key(s) and ${t.keys.versionsDestroyed} key version(s); `
              + `${receipt.unreachable.length} item(s) unreachable; receipt ${f.receipt} (run ${receipt.retentionId}, signer ${receipt.signer})\n`);
          }
        } finally {
          await chunks?.close();
          await vault.close();
          await index.close();
        }
      });
    });
}
