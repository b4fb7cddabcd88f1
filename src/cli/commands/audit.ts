// `cordon audit …`: verify, checkpoint, show, prove, export and key for the workspace's
// tamper-evident audit log (docs/audit.md). Parse → call the library → print.
import type { Command } from 'commander';
import { toEcs } from '../../audit/ecs.js';
import { decodeEntry, type LoggedEvent } from '../../audit/entry.js';
import type { MerkleAuditLog } from '../../audit/log.js';
import { verifyAuditLog } from '../../audit/verify-log.js';
import { checkWitnessFile, describeWitnessTarget, parseWitnessTarget, publishCheckpoint, readWitnessedCheckpoint } from '../../audit/witness.js';
import { CordonError } from '../../errors.js';
import { FdSink } from '../../files/io.js';
import { AtomicFile } from '../../io/atomic-file.js';
import type { Workspace } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { notice } from '../output.js';
import { stopOnInterrupt } from '../interrupt.js';
import { parsePositiveInt } from '../options.js';

function logOf(ws: Workspace): MerkleAuditLog {
  if (ws.auditLog === undefined) throw new CordonError('ERR_WORKSPACE_INVALID', 'this workspace has no audit log');
  return ws.auditLog;
}

async function verifierOf(ws: Workspace, log: MerkleAuditLog) {
  return (await ws.auditKeys()).verifier(await log.origin());
}

function parseSince(v: string): string {
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new CordonError('ERR_USAGE', `--since expects an ISO-8601 time or date, got ${JSON.stringify(v)}`);
  return new Date(t).toISOString();
}

/**
 * Runs `poll` every `intervalMs` until Ctrl-C or SIGTERM (main.ts hands the signal to
 * stopOnInterrupt), then returns: the events written so far are whole lines, and the exit is 0.
 */
async function follow(intervalMs: number, poll: () => Promise<void>): Promise<void> {
  let stopped = false;
  let wake: (() => void) | undefined;
  const unregister = stopOnInterrupt(() => { stopped = true; wake?.(); });
  try {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, intervalMs);
        wake = () => { clearTimeout(t); resolve(); };
      });
      if (!stopped) await poll();
    }
  } finally {
    unregister();
  }
}

function line(e: LoggedEvent): string {
  const key = e.key ? ` key=${e.key.name}${e.key.version !== undefined ? `@v${e.key.version}` : ''}` : '';
  const attrs = e.attributes ? Object.entries(e.attributes).map(([k, v]) => ` ${k}=${String(v)}`).join('') : '';
  return `${e.seq}  ${e.time}  ${e.type}  ${e.outcome}  ${e.principal}${key}${e.subject ? ` subject=${e.subject.slice(0, 24)}…` : ''}${e.reason ? ` reason=${e.reason}` : ''}${attrs}\n`;
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').addHelpText('after', '\nExamples:\n  cordon audit verify\n  cordon audit show --type token.reveal --limit 20\n  cordon audit export -o audit.ecs.jsonl').description('verify, show, prove and export the tamper-evident audit log');

  audit.command('verify')
    .description('recompute the Merkle tree from every event and check every signed checkpoint and the anchor (exit 5 on tampering)')
    .option('--checkpoint <file|url>', 'also check the log against a signed checkpoint kept elsewhere (a file, or an http(s) URL to GET)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', `
A modified, deleted, inserted or reordered event, a forged checkpoint, a log cut back below a
signed checkpoint, deleted checkpoints, or a missing or altered anchor (the newest checkpoint as
recorded in the key store) fails with ERR_AUDIT_CHAIN_BROKEN (exit 5) and the first bad index. A
deleted audit.db fails with ERR_AUDIT_LOG_MISSING (exit 5). Events after the newest checkpoint
are the normal unsigned tail.

Examples:
  cordon audit verify
  cordon audit verify --checkpoint /mnt/witness/cordon.checkpoint
  cordon audit verify --checkpoint https://witness.example/cordon/latest --json`)
    .action(async (f: { checkpoint?: string; json?: boolean }) => withWorkspace(async (ws) => {
      const log = logOf(ws);
      const target = f.checkpoint !== undefined ? parseWitnessTarget(f.checkpoint) : undefined;
      const witnessed = target !== undefined ? [{ source: describeWitnessTarget(target), note: await readWitnessedCheckpoint(target) }] : [];
      const origin = await log.origin();
      const verifier = await verifierOf(ws, log);
      // The anchor first: everything it records was stored before the log is read.
      const anchor = await ws.auditAnchor?.state();
      const report = await verifyAuditLog(log.store, { verifiers: [verifier], origin, witnessed, ...(anchor !== undefined ? { anchor } : {}) });
      const { problems, firstBadIndex, ok } = report;
      if (f.json) {
        process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      } else if (ok) {
        process.stdout.write(`audit log OK: ${report.size} events, ${report.checkpoints} signed checkpoints, signed up to ${report.signedSize}${report.signedSize < report.size ? ` (${report.size - report.signedSize} newer events not yet in a checkpoint)` : ''}${report.anchoredSize !== undefined ? `, anchored at ${report.anchoredSize}` : ''}\n`);
      } else {
        for (const p of problems) process.stdout.write(`${p.kind}: ${p.message}\n`);
      }
      if (!ok) {
        throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the audit log failed verification${firstBadIndex !== undefined ? ` at index ${firstBadIndex}` : ''}: ${problems[0]!.message}`, {
          details: { problems: problems.length, ...(firstBadIndex !== undefined ? { firstBadIndex } : {}) },
        });
      }
    }));

  audit.command('checkpoint')
    .description('sign and store a checkpoint of the log as it is now (and record it in the anchor)')
    .option('--publish <file|url>', 'also write the signed checkpoint to a file, or send it to an http(s) URL (PUT), kept away from this machine')
    .option('--publish-method <method>', 'HTTP method for a --publish URL: PUT or POST', 'PUT')
    .option('--adopt', 'anchor a log that has no anchor yet (a workspace created before anchors), after verifying it')
    .option('--json', 'print JSON')
    .addHelpText('after', `
--adopt is for a workspace created before anchors: it verifies the whole log against its own
checkpoints and only then records the newest one in the key store. Check the log against a
checkpoint kept elsewhere first if you have one: adopting vouches for the log as it is.

A checkpoint kept elsewhere is what catches a log rewritten together with everything on this
machine: check it later with \`cordon audit verify --checkpoint <file|url>\`. A file is replaced
atomically; a URL gets the note as a text/plain body and must answer 2xx.

Examples:
  cordon audit checkpoint
  cordon audit checkpoint --publish /mnt/witness/cordon.checkpoint
  cordon audit checkpoint --publish https://witness.example/cordon/latest --publish-method POST
  cordon audit checkpoint --adopt`)
    .action(async (f: { json?: boolean; publish?: string; publishMethod: string; adopt?: boolean }) => withWorkspace(async (ws) => {
      const method = f.publishMethod.toUpperCase();
      if (method !== 'PUT' && method !== 'POST') throw new CordonError('ERR_USAGE', '--publish-method must be PUT or POST');
      const target = f.publish !== undefined ? parseWitnessTarget(f.publish) : undefined;
      const log = logOf(ws);
      // Before anything is signed: a file target must be new or an earlier checkpoint of this log.
      if (target !== undefined) checkWitnessFile(target, (await log.verifierKey()).split('+')[0]!);
      if (f.adopt) {
        const adopted = await log.adoptAnchor(await verifierOf(ws, log));
        if (!f.json) notice(`the audit log (${adopted.size} events, verified) is anchored at its checkpoint of ${adopted.signedSize}`);
      }
      const cp = await log.checkpoint();
      const vkey = await log.verifierKey();
      if (target !== undefined) await publishCheckpoint(cp.note, target, { method });
      const published = target !== undefined ? { published: describeWitnessTarget(target) } : {};
      if (f.json) process.stdout.write(JSON.stringify({ size: cp.size, checkpoint: cp.note, verifierKey: vkey, ...published }, null, 2) + '\n');
      else process.stdout.write(`${cp.note}\nverifier key: ${vkey}\n${target !== undefined ? `published to ${describeWitnessTarget(target)}\n` : ''}`);
    }));

  audit.command('key').addHelpText('after', '\nExamples:\n  cordon audit key > audit.vkey')
    .description('print the verifier key of the log\'s checkpoints (C2SP signed-note vkey)')
    .option('--json', 'print {"verifierKey"} as JSON')
    .action(async (f: { json?: boolean }) => withWorkspace(async (ws) => {
      const verifierKey = await logOf(ws).verifierKey();
      process.stdout.write(f.json ? JSON.stringify({ verifierKey }) + '\n' : `${verifierKey}\n`);
    }));

  audit.command('show').addHelpText('after', '\nExamples:\n  cordon audit show --since 2026-01-01T00:00:00Z\n  cordon audit show --principal local:alice --type token.reveal --json')
    .description('list events, oldest first')
    .option('--since <time>', 'only events at or after this ISO-8601 time')
    .option('--type <type>', 'only events of this type (e.g. token.reveal)')
    .option('--principal <name>', 'only events by this principal')
    .option('--limit <n>', 'at most n events', parsePositiveInt('--limit'))
    .option('--json', 'print JSON lines')
    .action(async (f: { since?: string; type?: string; principal?: string; limit?: number; json?: boolean }) => withWorkspace(async (ws) => {
      const filter = {
        ...(f.since !== undefined ? { since: parseSince(f.since) } : {}),
        ...(f.type !== undefined ? { type: f.type } : {}),
        ...(f.principal !== undefined ? { principal: f.principal } : {}),
      };
      // Page through the log so a large one is never held in memory at once.
      let left = f.limit ?? Number.POSITIVE_INFINITY;
      for (let from = 0; left > 0;) {
        const rows = await logOf(ws).store.query({ ...filter, from, limit: Math.min(10_000, left) });
        if (rows.length === 0) break;
        let text = '';
        for (const r of rows) {
          const e = decodeEntry(r.entry);
          text += f.json ? JSON.stringify(e) + '\n' : line(e);
        }
        if (!process.stdout.write(text)) await new Promise<void>((r) => void process.stdout.once('drain', () => r()));
        left -= rows.length;
        from = rows[rows.length - 1]!.index + 1;
      }
    }));

  audit.command('prove <event-id>').addHelpText('after', '\nExamples:\n  cordon audit prove 7d1c0f9e-4b2a-4c1e-9f00-2a6b1c3d4e5f > proof.json')
    .description('print an inclusion proof of one event against the newest signed checkpoint (JSON)')
    .option('--json', 'the proof is JSON already; accepted so every command takes --json')
    .addHelpText('after', '\nCheck it without Cordon with the verifier in docs/audit.md.')
    .action(async (id: string) => withWorkspace(async (ws) => {
      const log = logOf(ws);
      const bundle = await log.prove(id, [await verifierOf(ws, log)]);
      process.stdout.write(JSON.stringify(bundle, null, 2) + '\n');
    }));

  audit.command('export')
    .description('write events as JSON lines with Elastic Common Schema field names, for a SIEM; --follow keeps writing new ones')
    .option('-o, --output <file>', 'write to a file instead of stdout (mode 0600, written atomically)')
    .option('-f, --force', 'replace an existing output file')
    .option('--since <time>', 'only events at or after this ISO-8601 time')
    .option('--follow', 'after the stored events, write each new one as it is appended, until Ctrl-C, SIGTERM or a closed pipe (exit 0); stdout only')
    .option('--interval <ms>', 'with --follow: how often to look for new events', parsePositiveInt('--interval'), 1000)
    .option('--json', 'the output is JSON lines already; accepted so every command takes --json')
    .addHelpText('after', `
Examples:
  cordon audit export --since 2026-01-01T00:00:00Z -o audit.ecs.jsonl
  cordon audit export --follow | vector --config siem.toml          # tail into a shipper
  cordon audit export --follow --since 2026-06-01 >> audit.ecs.jsonl`)
    .action(async (f: { output?: string; force?: boolean; since?: string; follow?: boolean; interval: number }) => {
      // An atomic file appears only when complete, which a follower never is: tail to stdout instead.
      if (f.follow === true && f.output !== undefined) throw new CordonError('ERR_USAGE', '--follow writes to stdout; redirect it (>> audit.ecs.jsonl) instead of -o');
      await withWorkspace(async (ws) => {
        const log = logOf(ws);
        const since = f.since !== undefined ? parseSince(f.since) : undefined;
        const file = f.output === undefined ? undefined : new AtomicFile(f.output, { force: f.force === true });
        const sink = file === undefined ? undefined : new FdSink(file.fd);
        const write = async (chunk: string): Promise<void> => {
          if (sink !== undefined) await sink.write([Buffer.from(chunk)]);
          else if (!process.stdout.write(chunk)) await new Promise<void>((r) => void process.stdout.once('drain', () => r()));
        };
        /** Writes every event from index `from` on; returns the next index to read. */
        const drain = async (from: number): Promise<number> => {
          for (;;) {
            const rows = await log.store.query({ from, limit: 10_000, ...(since !== undefined ? { since } : {}) });
            if (rows.length === 0) return from;
            await write(rows.map((r) => JSON.stringify(toEcs(decodeEntry(r.entry)))).join('\n') + '\n');
            from = rows[rows.length - 1]!.index + 1;
          }
        };
        try {
          let next = await drain(0);
          file?.commit();
          if (f.follow !== true) return;
          await follow(f.interval, async () => { next = await drain(next); });
        } catch (e) {
          file?.abort();
          throw e;
        }
      });
    });
}
