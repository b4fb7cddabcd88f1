// `cordon demo`: Cordon's main job end to end on a generated customer dataset (src/demo/run-demo.ts):
// workspace, dataset, scan, contract, protect, before/after, an allowed and a denied reveal, and
// where everything went. Parse → call the library → print.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CordonError } from '../../errors.js';
import { DEMO_DEFAULT_ROWS, DEMO_DEFAULT_SEED, runDemo } from '../../demo/run-demo.js';
import { MAX_DEMO_ROWS } from '../../demo/generate-customers.js';
import { notice } from '../output.js';
import { parsePositiveInt } from '../options.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function parseSeed(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new CordonError('ERR_USAGE', `--seed expects a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

export function registerDemo(program: Command): void {
  program.command('demo')
    .description('generate a customer dataset, scan it, draft its contract, protect it, and reveal a value for an allowed purpose')
    .option('--dir <folder>', 'where the dataset, contract and protected copy go', 'cordon-demo')
    .option('--rows <n>', 'customers to generate', parsePositiveInt('--rows'), DEMO_DEFAULT_ROWS)
    .option('--seed <n>', 'the generator\'s seed; equal seeds give equal data', parseSeed, DEMO_DEFAULT_SEED)
    .addHelpText('after', `
Uses the workspace as every command does (CORDON_HOME, default ./.cordon), creating it on first run,
and its embedded vault (vault.db). Adds the Cedar policy policies/demo.cedar to the workspace (the
demo principal demo:analyst may reveal for fraud-investigation) when it is not there; no other
policy file is changed.
All data is generated and fictional. docs/demo.md walks through each step.

Examples:
  cordon demo
  cordon demo --dir /tmp/demo --rows 1000 --seed 7`)
    .action(async (f: { dir: string; rows: number; seed: number }) => {
      if (f.rows > MAX_DEMO_ROWS) throw new CordonError('ERR_USAGE', `--rows is at most ${MAX_DEMO_ROWS}`);
      const color = process.stdout.isTTY === true && !process.env['NO_COLOR'] && process.env['TERM'] !== 'dumb';
      await runDemo({
        dir: f.dir, rows: f.rows, seed: f.seed, cordonVersion: VERSION,
        write: (t) => { process.stdout.write(t); },
        style: { color },
        onNotice: notice,
      });
    });
}
