// `cordon protect <input> --contract <c.yaml> -o <output>`: a protected copy of a dataset, every
// column handled as its contract says, written atomically with a run manifest beside it. Prints
// counts and paths only.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CordonError } from '../../errors.js';
import type { DatasetFormat } from '../../io/dataset.js';
import { protectFile } from '../../pipeline/protect-file.js';
import { withWorkspace } from '../context.js';
import { openVault, readContract } from '../workspace-data.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function registerProtect(program: Command): void {
  program.command('protect')
    .description('write a protected copy of a dataset as its data contract says (tokenize, pseudonymize, mask, generalize, encrypt…)')
    .argument('<input>', 'the dataset (CSV, TSV or JSONL)')
    .requiredOption('-c, --contract <contract.yaml>', 'the data contract (cordon contract init drafts one)')
    .requiredOption('-o, --out <file>', 'the protected copy; a run manifest is written beside it as <file>.manifest.json')
    .option('--dataset <name>', 'which dataset of the contract, when it describes several')
    .option('--format <format>', 'csv, tsv or jsonl (default: from the extension)')
    .option('--store <url>', 'a PostgreSQL vault (postgres://…) instead of the workspace\'s vault.db (or CORDON_VAULT_URL)')
    .option('--quiet', 'no progress on stderr')
    .option('--json', 'print the run manifest as JSON')
    .addHelpText('after', `
The output is written to a temporary file and renamed when the run succeeds: a failed run leaves
nothing. A column the contract does not declare, an empty required column or a value an operator
cannot handle stops the run with the row number (exit 3).

Example:
  cordon contract init customers.csv -o customers.odcs.yaml   # review it, then:
  cordon protect customers.csv -c customers.odcs.yaml -o customers.protected.csv`)
    .action(async (input: string, f: { contract: string; out: string; dataset?: string; format?: string; store?: string; quiet?: boolean; json?: boolean }) => {
      if (f.format !== undefined && !['csv', 'tsv', 'jsonl'].includes(f.format)) throw new CordonError('ERR_USAGE', '--format must be csv, tsv or jsonl');
      const contract = readContract(f.contract);
      await withWorkspace(async (ws) => {
        const { vault, description } = await openVault(ws.home, ws.keyring, f.store);
        const tty = process.stderr.isTTY === true && f.quiet !== true && f.json !== true;
        const t0 = Date.now();
        try {
          const m = await protectFile({
            input, output: f.out, contract, keyring: ws.keyring, vault, cordonVersion: VERSION,
            vaultDescription: description,
            ...(f.dataset !== undefined ? { dataset: f.dataset } : {}),
            ...(f.format !== undefined ? { format: f.format as DatasetFormat } : {}),
            ...(tty ? { onProgress: (rows: number) => process.stderr.write(`\r${rows} rows, ${Math.round(rows / Math.max(0.001, (Date.now() - t0) / 1000))} rows/s`) } : {}),
          });
          if (tty) process.stderr.write('\n');
          if (f.json) process.stdout.write(JSON.stringify(m, null, 2) + '\n');
          else if (f.quiet !== true) process.stdout.write(`protected ${m.input.rows} row(s) → ${m.output.path} (manifest ${m.output.path}.manifest.json)\n`);
        } finally {
          await vault.close();
        }
      });
    });
}
