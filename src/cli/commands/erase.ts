// `cordon erase --subject ID --reason "…" --receipt FILE`: one data subject erased from every tier
// Cordon knows (docs/erasure.md), resumably, with a signed receipt written only once every tier is
// done or listed as unreachable (`cordon receipt verify`, receipt.ts, checks it offline). The id is
// read from the flag or stdin (`--subject -`, kept off the process list) and printed nowhere.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../../errors.js';
import { subjectCommitment } from '../../audit/commitment.js';
import type { PrivateSigningKey } from '../../crypto/signing-keys.js';
import { selectDataset } from '../../contracts/select-dataset.js';
import { eraseSubject } from '../../erasure/erase-subject.js';
import { openSubjectIndex } from '../../erasure/open-index.js';
import { receiptOf, signReceipt } from '../../erasure/receipt.js';
import { subjectScope } from '../../erasure/record-subjects.js';
import { checkOutput } from '../../io/check-output.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import { readPrivateKeyFile } from '../../sign/key-files.js';
import { RECEIPT_SIGNING, workspaceSigningKey } from '../../workspace/signing-keys.js';
import { resolvePrincipal, type Workspace } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { openVault, readContract } from '../workspace-data.js';
import { notice } from '../output.js';
import { recordErasureLineage } from '../../lineage/record-protect.js';
import { newRunId } from '../../lineage/run-id.js';


const VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The receipt's signer: a key file given with --signing-key, or the workspace key store's. */
async function receiptKey(ws: Workspace, path: string | undefined): Promise<PrivateSigningKey> {
  return path !== undefined ? readPrivateKeyFile(path) : workspaceSigningKey(ws, RECEIPT_SIGNING);
}

function readSubject(flag: string): string {
  const id = flag === '-' ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : flag;
  if (id === '') throw new CordonError('ERR_USAGE', '--subject is empty');
  return id;
}

interface EraseFlags { subject: string; contract?: string; dataset?: string; reason: string; receipt: string; signingKey?: string; vacuum?: boolean; store?: string; json?: boolean; quiet?: boolean }

export function registerErase(program: Command): void {
  program.command('erase')
    .description('erase one data subject from every tier Cordon knows (protected outputs, vault, later runs), with a signed receipt')
    .requiredOption('--subject <id>', 'the subject\'s id (its primaryKey value), or - to read it from stdin (keeps it off the process list)')
    .requiredOption('--reason <text>', 'why, e.g. "GDPR Art. 17 request #123" (audit log and receipt; must not contain the id)')
    .requiredOption('--receipt <file>', 'where the signed receipt goes (written only when every tier is done)')
    .option('-c, --contract <contract.yaml>', 'only this contract\'s dataset (default: the subject in every contract)')
    .option('--dataset <name>', 'with --contract: which dataset, when it describes several')
    .option('--signing-key <file>', 'the receipt\'s private signing key (PEM file; default: the workspace key store\'s cordon-receipt-signing, wrapped by the master key and created on first use; export its public key with cordon receipt public-key)')
    .option('--vacuum', 'after deleting tokens, rewrite the vault store so their bytes are gone from the live database (SQLite VACUUM; PostgreSQL VACUUM FULL locks the vault tables while it runs)')
    .option('--store <url>', 'a PostgreSQL vault (postgres://…) instead of the workspace\'s (or CORDON_VAULT_URL)')
    .option('--json', 'print the receipt statement as JSON')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `
Steps, each journaled so an interrupted erasure resumes when run again with the same subject and
contract: a tombstone (later protect runs drop the subject's rows and count them), the subject's own
keys destroyed (columns encrypted with keyScope: subject become unreadable in every copy), every protected
output holding the subject's rows rewritten without them (atomically; manifest updated), the tokens
only those rows held deleted from the vault, the RAG chunks naming the subject deleted from every
index (its files rewritten), and one 'erase' audit event naming the subject by its
commitment only. Files Cordon does not own (inputs, quarantine files, backups) are listed in the
receipt as unreachable. Exit 6 (ERR_ERASURE_INCOMPLETE or a store error) leaves no receipt: run
the same command again.

Examples:
  cordon erase --subject cust-42 --reason "GDPR Art. 17 request #123" --receipt erase-123.receipt.json
  echo -n cust-42 | cordon erase --subject - -c customers.odcs.yaml --reason "CCPA deletion #9" --receipt r.json
  cordon erase --subject cust-42 --reason "GDPR Art. 17 #123" --receipt r.json --vacuum
  cordon receipt verify erase-123.receipt.json`)
    .action(async (f: EraseFlags) => {
      if (f.dataset !== undefined && f.contract === undefined) throw new CordonError('ERR_USAGE', '--dataset needs --contract');
      const subjectId = readSubject(f.subject);
      checkOutput(f.receipt, { force: false });
      let scope: string | undefined;
      if (f.contract !== undefined) {
        const contract = readContract(f.contract);
        scope = subjectScope(contract.id, selectDataset(contract, f.dataset).name);
      }
      await withWorkspace(async (ws) => {
        const signer = await receiptKey(ws, f.signingKey);
        const index = await openSubjectIndex(ws.store.kind === 'local' ? { kind: 'local', home: ws.home } : { kind: 'postgres', url: ws.store.url });
        const { vault } = await openVault(ws, f.store);
        // The RAG store (LanceDB, loaded on use like `cordon rag`), when the workspace has one.
        const ragDir = join(ws.home, 'rag');
        const rag = existsSync(ragDir) ? await (await import('../../rag/index.js')).LanceChunkStore.open(ragDir) : undefined;
        try {
          const log = ws.auditLog;
          const state = await eraseSubject({
            subjectId, reason: f.reason, principal: resolvePrincipal(), ...(scope !== undefined ? { scope } : {}), ...(f.vacuum === true ? { vacuum: true } : {}),
          }, {
            index, keyring: ws.keyring, vault, ...(rag !== undefined ? { rag } : {}),
            auditSubject: subjectCommitment(subjectId, (await ws.auditKeys()).commitmentKey),
            audit: {
              async append(event) {
                if (log === undefined) { ws.audit.emit(event); return undefined; }
                return (await log.appendMany([event])).first;
              },
            },
          });
          const receipt = receiptOf(state, signer.publicKey);
          writeFileAtomic(f.receipt, signReceipt(receipt, signer), { force: false, mode: 0o644 });
          // Lineage: the rewritten files' new versions (docs/lineage.md#erasure). The erasure is done
          // whatever happens here: a lineage store that cannot be written is a warning.
          const items = receipt.tiers.outputs.items;
          if (items.length > 0) {
            await recordErasureLineage(ws.lineage, {
              runId: newRunId(), scope: receipt.scope, cordonVersion: VERSION,
              outputs: items.map((i) => ({ path: i.path, sha256Before: i.sha256Before, sha256After: i.sha256After, rowsAfter: i.rowsAfter })),
            }, { home: ws.home }).then((r) => { if (f.quiet !== true) for (const w of r.warnings) notice(w); },
              (e: unknown) => notice(`the erasure is complete, but its lineage event was not recorded (${e instanceof CordonError ? e.code : 'error'})`));
          }
          if (f.json === true) process.stdout.write(JSON.stringify(receipt, null, 2) + '\n');
          else if (f.quiet !== true) {
            const t = receipt.tiers;
            process.stdout.write(`erased ${t.outputs.rowsRemoved} row(s) from ${t.outputs.files} output(s), ${t.vault.tokensDeleted} token(s) from the vault${t.vault.vacuumed ? ' (vacuumed)' : ''}, ${t.subjectKeys.keysDestroyed} subject key(s) destroyed; `
              + `${t.rag.chunksDeleted} RAG chunk(s) deleted; ${receipt.unreachable.length} item(s) unreachable; receipt ${f.receipt} (erasure ${receipt.erasureId}, signer ${receipt.signer})\n`);
          }
        } finally {
          await rag?.close();
          await vault.close();
          await index.close();
        }
      });
    });
}
