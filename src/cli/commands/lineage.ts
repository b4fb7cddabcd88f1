// `cordon lineage trace|send|export`: OpenLineage events of protect runs kept in the workspace's
// lineage store (lineage.db; docs/lineage.md). Parse → call src/lineage → print.
import { existsSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { Command } from 'commander';
import { CordonError } from '../../errors.js';
import { LINEAGE_DB_FILE, openLineageStore, type LineageLocation, type LineageNode, type LineageStore } from '../../lineage/store.js';
import { resolveTraceTarget, traceLineage, type TraceStep } from '../../lineage/trace.js';
import { sendPendingLineage } from '../../lineage/record-protect.js';
import { resolveHome } from '../../workspace/workspace.js';
import { resolveStore } from '../../workspace/store-location.js';
import { parsePositiveInt } from '../options.js';
import { notice } from '../output.js';

/**
 * The workspace's lineage location: the shared store's tables with CORDON_STORE (no master key
 * needed: lineage holds no secrets), else lineage.db, refused when nothing was recorded yet.
 */
function lineageAt(): { location: LineageLocation; home: string } {
  const home = resolveHome();
  const store = resolveStore();
  if (store.kind === 'postgres') return { location: { kind: 'postgres', url: store.url }, home };
  if (!existsSync(home)) throw new CordonError('ERR_WORKSPACE_MISSING', `no workspace at ${home}; run \`cordon init\` or set CORDON_HOME`);
  const path = join(home, LINEAGE_DB_FILE);
  if (!existsSync(path)) throw new CordonError('ERR_INPUT_INVALID', `no lineage recorded yet in ${home} (protect runs record it)`);
  return { location: { kind: 'sqlite', path }, home };
}

async function openStore(): Promise<LineageStore> {
  return openLineageStore(lineageAt().location);
}

/** A path as the user would type it: relative to the working directory when it lies inside it. */
function show(n: LineageNode): string {
  const rel = relative(process.cwd(), n.name);
  const path = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : n.name;
  return n.field !== undefined ? `${path}.${n.field}` : path;
}

function printSteps(title: string, steps: readonly TraceStep[]): void {
  process.stdout.write(`${title}:${steps.length === 0 ? ' (none)' : ''}\n`);
  for (const s of steps) {
    const pad = '  '.repeat(s.depth);
    const when = `run ${s.runId}, ${s.eventTime}`;
    if (s.from.field !== undefined) {
      const op = s.operators[0]!;
      process.stdout.write(`${pad}${show(s.from)} → ${show(s.to)}: ${op.operator}${op.masking ? ' (masking)' : ''}  (${when})\n`);
    } else {
      process.stdout.write(`${pad}${show(s.from)} → ${show(s.to)}  (${when})\n`);
      for (const op of s.operators) process.stdout.write(`${pad}    ${op.from} → ${op.to}: ${op.operator}${op.masking ? ' (masking)' : ''}\n`);
    }
  }
}

export function registerLineage(program: Command): void {
  const lineage = program.command('lineage').addHelpText('after', '\nExamples:\n  cordon lineage trace customers.protected.csv\n  cordon lineage export > lineage.jsonl').description('trace where datasets and columns came from and went (OpenLineage events of protect runs)');

  lineage.command('trace')
    .description('show upstream and downstream of a dataset or a column, with the operator applied at each step, across runs')
    .argument('<target>', 'a dataset path (raw.csv) or a column of one (raw.csv.email)')
    .option('--depth <n>', 'follow at most this many steps each way', parsePositiveInt('--depth'))
    .option('--json', 'print the trace as JSON')
    .addHelpText('after', `
Examples:
  cordon lineage trace protected.csv          every column's operators, from raw.csv and on to features.csv
  cordon lineage trace protected.csv.email    one column: raw.csv.email → protected.csv.email: deterministic
  cordon lineage trace features.csv --json`)
    .action(async (target: string, f: { depth?: number; json?: boolean }) => {
      const store = await openStore();
      try {
        const graph = store.graph();
        const node = await resolveTraceTarget(graph, target);
        const r = await traceLineage(graph, node, f.depth !== undefined ? { maxDepth: f.depth } : {});
        if (f.json) {
          process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          return;
        }
        process.stdout.write(`lineage of ${show(node)} (${node.namespace}${node.name})\n`);
        printSteps('upstream', r.upstream);
        printSteps('downstream', r.downstream);
      } finally {
        await store.close();
      }
    });

  lineage.command('send').addHelpText('after', '\nExamples:\n  CORDON_LINEAGE_URL=https://marquez.example/api/v1/lineage cordon lineage send --json')
    .description('deliver lineage events kept in the lineage store to the configured OpenLineage endpoint (CORDON_LINEAGE_URL)')
    .option('--json', 'print the result as JSON')
    .action(async (f: { json?: boolean }) => {
      const { location, home } = lineageAt();
      const r = await sendPendingLineage(location, { home });
      if (f.json) {
        process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      for (const w of r.warnings) notice(w);
      process.stdout.write(`delivered ${r.delivered} event(s)${r.endpoint ? ` to ${r.endpoint}` : ''}; ${r.pending} waiting\n`);
    });

  lineage.command('export').addHelpText('after', '\nExamples:\n  cordon lineage export > lineage.jsonl\n  cordon lineage export --run <run-id>')
    .description('print every stored OpenLineage event as JSON lines (oldest first)')
    .option('--run <id>', 'only the events of this run')
    .option('--json', 'the output is JSON lines already; accepted so every command takes --json')
    .action(async (f: { run?: string }) => {
      const store = await openStore();
      try {
        for (const e of await store.events(f.run !== undefined ? { runId: f.run } : {})) process.stdout.write(JSON.stringify(e.event) + '\n');
      } finally {
        await store.close();
      }
    });
}
