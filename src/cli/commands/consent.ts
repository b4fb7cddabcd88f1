// `cordon consent grant|withdraw|list|import`: the workspace's consent registry (docs/consent.md).
// Subjects are named by the subject index's commitment in the registry and by the audit log's in
// its events; the id is read from the flag or stdin (`--subject -`, off the process list) and
// printed nowhere.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CordonError } from '../../errors.js';
import { subjectCommitment } from '../../audit/commitment.js';
import { commitSubject, subjectIndexKey } from '../../erasure/commitment.js';
import { changeConsent, checkPurpose, type ConsentChangeDeps } from '../../consent/change-consent.js';
import { parseConsentImport } from '../../consent/import-consent.js';
import { applyConsentImport } from '../../consent/apply-import.js';
import { sha256Once } from '../../crypto/hash.js';
import { openConsentRegistry } from '../../consent/open-registry.js';
import type { ConsentStore } from '../../consent/store/types.js';
import type { Workspace } from '../../workspace/workspace.js';
import { resolvePrincipal } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';

function readSubject(flag: string): string {
  const id = flag === '-' ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : flag;
  if (id === '') throw new CordonError('ERR_USAGE', '--subject is empty');
  return id;
}

const purposesOf = (flag: string): string[] => flag.split(',').map((p) => checkPurpose(p.trim()));

/** `--at`: an ISO-8601 date or time, checked at the boundary. */
function parseAt(value: string): number {
  const t = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isSafeInteger(t) || t < 0) throw new CordonError('ERR_USAGE', '--at must be an ISO-8601 date or time such as 2026-05-01T12:00:00Z');
  return t;
}

/** The workspace's registry, open for `fn`. */
export async function withRegistry<T>(ws: Workspace, fn: (registry: ConsentStore) => Promise<T>): Promise<T> {
  const registry = await openConsentRegistry(ws.store.kind === 'local' ? { kind: 'local', home: ws.home } : { kind: 'postgres', url: ws.store.url });
  try {
    return await fn(registry);
  } finally {
    await registry.close();
  }
}

async function depsOf(ws: Workspace, registry: ConsentStore): Promise<ConsentChangeDeps> {
  const { commitmentKey } = await ws.auditKeys();
  return {
    registry, keyring: ws.keyring, subjectKey: await subjectIndexKey(ws.keyring),
    auditSubject: (id) => subjectCommitment(id, commitmentKey), emit: (e) => ws.audit.emit(e),
  };
}

interface ChangeFlags { subject: string; purpose: string; at?: number; json?: boolean; quiet?: boolean }

function registerChange(consent: Command, action: 'grant' | 'withdraw'): void {
  consent.command(action)
    .description(action === 'grant' ? 'record that a data subject granted purposes' : 'record that a data subject withdrew purposes: later protect runs, reveals and server decisions honour it')
    .requiredOption('--subject <id>', 'the subject\'s id (its primaryKey value), or - to read it from stdin (keeps it off the process list)')
    .requiredOption('--purpose <list>', 'purpose names, comma-separated (e.g. analytics,marketing)')
    .option('--at <time>', `when the subject ${action === 'grant' ? 'granted' : 'withdrew'} (ISO-8601; default: now)`, parseAt)
    .option('--json', 'print {"changed": [...], "unchanged": [...]}')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', action === 'grant'
      ? '\nExamples:\n  cordon consent grant --subject cust-42 --purpose analytics,marketing\n  echo -n cust-42 | cordon consent grant --subject - --purpose analytics --at 2026-05-01T12:00:00Z'
      : '\nExamples:\n  echo -n cust-42 | cordon consent withdraw --subject - --purpose marketing\n  cordon consent withdraw --subject cust-42 --purpose analytics,marketing --at 2026-06-01')
    .action(async (f: ChangeFlags) => {
      const purposes = purposesOf(f.purpose);
      const subjectId = readSubject(f.subject);
      await withWorkspace((ws) => withRegistry(ws, async (registry) => {
        const r = await changeConsent({ action, subjectId, purposes, principal: resolvePrincipal(), source: 'cli', ...(f.at !== undefined ? { at: f.at } : {}) }, await depsOf(ws, registry));
        if (f.json === true) process.stdout.write(JSON.stringify(r) + '\n');
        else if (f.quiet !== true) {
          process.stdout.write(`${action === 'grant' ? 'granted' : 'withdrew'} ${r.changed.length > 0 ? r.changed.join(', ') : 'nothing'}${r.unchanged.length > 0 ? ` (already ${action === 'grant' ? 'granted' : 'not granted'}: ${r.unchanged.join(', ')})` : ''}\n`);
        }
      }));
    });
}

export function registerConsent(program: Command): void {
  const consent = program.command('consent')
    .description('the consent registry: purposes each data subject granted or withdrew (docs/consent.md)')
    .addHelpText('after', `
Subjects are stored as keyed commitments (the subject index's key), never their ids. A protect run
declared for a purpose (cordon protect --purpose P) keeps only rows whose subject granted P when the
run started; a contract with cordonConsent: { required: true } needs --purpose. Reveal and the
server's policy check the registry for such contracts too. Every change is an audit event.

Examples:
  cordon consent grant --subject cust-42 --purpose analytics,marketing
  echo -n cust-42 | cordon consent withdraw --subject - --purpose marketing
  cordon consent list                       # counts per purpose
  echo -n cust-42 | cordon consent list --subject - --json
  cordon consent import cmp-export.csv      # subject,purpose,action,at`);
  registerChange(consent, 'grant');
  registerChange(consent, 'withdraw');

  consent.command('list')
    .description('counts of subjects per purpose, or one subject\'s grants and withdrawals')
    .option('--subject <id>', 'one subject\'s history (or - for stdin)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  cordon consent list\n  echo -n cust-42 | cordon consent list --subject - --json')
    .action(async (f: { subject?: string; json?: boolean }) => {
      const subjectId = f.subject !== undefined ? readSubject(f.subject) : undefined;
      await withWorkspace((ws) => withRegistry(ws, async (registry) => {
        if (subjectId === undefined) {
          const rows = await registry.summary();
          if (f.json === true) process.stdout.write(JSON.stringify({ purposes: rows }) + '\n');
          else if (rows.length === 0) process.stdout.write('no consent recorded\n');
          else for (const r of rows) process.stdout.write(`${r.purpose}\t${r.granted} granted\t${r.withdrawn} withdrawn\n`);
          return;
        }
        const history = await registry.history(commitSubject(await subjectIndexKey(ws.keyring), subjectId));
        const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
        const grants = history.map((h) => ({ purpose: h.purpose, grantedAt: iso(h.grantedAt), withdrawnAt: iso(h.withdrawnAt) }));
        if (f.json === true) process.stdout.write(JSON.stringify({ grants }) + '\n');
        else if (grants.length === 0) process.stdout.write('no consent recorded for this subject\n');
        else for (const g of grants) process.stdout.write(`${g.purpose}\tgranted ${g.grantedAt}${g.withdrawnAt !== null ? `\twithdrawn ${g.withdrawnAt}` : ''}\n`);
      }));
    });

  consent.command('import')
    .description('apply consent changes from a CSV (subject,purpose[,action][,at]) or JSON Lines file, checked whole before any is applied')
    .argument('<file>', 'the changes (.csv, or .jsonl/.ndjson)')
    .option('--json', 'print the counts as JSON')
    .addHelpText('after', '\nCSV: subject,purpose[,action][,at]  (action grant|withdraw, default grant; at ISO-8601, default now)\nJSON Lines: {"subject": "…", "purpose": "…", "action": "withdraw", "at": "2026-05-01T00:00:00Z"}\n\nExamples:\n  cordon consent import cmp-export.csv\n  cordon consent import changes.jsonl --json')
    .action(async (file: string, f: { json?: boolean }) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        throw new CordonError('ERR_IO', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      const format = /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv';
      const now = Date.now();
      const lines = parseConsentImport(bytes.toString('utf8'), format, now);
      await withWorkspace((ws) => withRegistry(ws, async (registry) => {
        // One audit event for the whole import (with its counts and the file's SHA-256), not one per line.
        const counts = await applyConsentImport({ lines, now, principal: resolvePrincipal(), fileSha256: Buffer.from(sha256Once(bytes)).toString('hex') }, {
          registry, keyring: ws.keyring, subjectKey: await subjectIndexKey(ws.keyring), emit: (e) => ws.audit.emit(e),
        });
        if (f.json === true) process.stdout.write(JSON.stringify(counts) + '\n');
        else process.stdout.write(`${counts.lines} line(s): ${counts.granted} grant(s), ${counts.withdrawn} withdrawal(s), ${counts.unchanged} unchanged\n`);
      }));
    });
}
