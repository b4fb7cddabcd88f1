// `cordon vault …`: the token vault of the workspace (`vault.db` in CORDON_HOME, or a PostgreSQL
// store with --store). Prints counts and key versions, never a value.
import type { Command } from 'commander';
import { openVault } from '../workspace-data.js';
import { withWorkspace } from '../context.js';

export function registerVault(program: Command): void {
  const vault = program.command('vault').addHelpText('after', '\nExamples:\n  cordon vault rewrap').description('the token vault: rewrap values after a key rotation');

  vault.command('rewrap').addHelpText('after', '\nExamples:\n  cordon vault rewrap\n  CORDON_VAULT_URL=postgres://cordon@db/cordon cordon vault rewrap --json')
    .description('re-seal every stored value under the newest version of the vault key; tokens do not change')
    .option('--store <url>', 'a PostgreSQL vault (postgres://…) instead of the workspace\'s vault.db; prefer CORDON_VAULT_URL to keep a password out of the process list')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
Rotate first, rewrap, then stop the old version from decrypting:
  cordon keys rotate vault
  cordon vault rewrap
  cordon keys set-min-version vault 2`)
    .action(async (f: { store?: string; json?: boolean }) => withWorkspace(async (ws) => {
      const { vault: v } = await openVault(ws, f.store);
      try {
        const tty = process.stderr.isTTY === true && f.json !== true;
        const r = await v.rewrap({ onProgress: (n) => { if (tty) process.stderr.write(`\rre-sealed ${n} value(s)…`); } });
        if (tty) process.stderr.write('\n');
        if (f.json) process.stdout.write(JSON.stringify(r) + '\n');
        else process.stdout.write(`re-sealed ${r.rewrapped} value(s) under vault v${r.version}; tokens unchanged\n`);
      } finally {
        await v.close();
      }
    }));
}
