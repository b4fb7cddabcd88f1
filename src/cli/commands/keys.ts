// `cordon keys …`: manage named, versioned keys. Prints metadata only, never material.
import type { Command } from 'commander';
import { CordonError } from '../../errors.js';
import type { KeyInfo } from '../../keys/keyring.js';
import type { KeyPurpose } from '../../keys/store/types.js';
import { withWorkspace } from '../context.js';
import { parsePositiveInt } from '../options.js';

function printKey(k: KeyInfo): void {
  process.stdout.write(`${k.name}  purpose=${k.purpose}${k.tenant !== undefined ? `  tenant=${k.tenant}` : ''}  status=${k.status}  primary=v${k.primaryVersion}  min-decrypt=v${k.minDecryptionVersion}\n`);
  for (const v of k.versions) {
    const state = v.state === 'destroyed' ? `destroyed ${v.destroyedAt}` : v.version < k.minDecryptionVersion ? 'disabled (below minimum)' : 'enabled';
    process.stdout.write(`  v${v.version}  ${state}  created ${v.createdAt}${v.version === k.primaryVersion ? '  (primary)' : ''}\n`);
  }
}

function out(k: KeyInfo | KeyInfo[], json: boolean | undefined): void {
  if (json) process.stdout.write(JSON.stringify(k, null, 2) + '\n');
  else for (const x of Array.isArray(k) ? k : [k]) printKey(x);
}

const PURPOSES: KeyPurpose[] = ['envelope', 'deterministic', 'fpe', 'mac'];

export function registerKeys(program: Command): void {
  const keys = program.command('keys').addHelpText('after', '\nExamples:\n  cordon keys create models\n  cordon keys rotate models\n  cordon keys list --json').description('create, rotate, list, retire and destroy keys');

  keys.command('create <name>')
    .description('create a key with version 1')
    .option('--purpose <purpose>', `what the key does: ${PURPOSES.join(', ')}`, 'envelope')
    .option('--tenant <tenant>', 'the tenant the key belongs to (fixed at creation); the example policies let only principals of that tenant use it through the API')
    .option('--json', 'print JSON')
    .addHelpText('after', `
Examples:
  cordon keys create orders-fields --purpose envelope
  cordon keys create acme-datakeys --tenant acme        # only tenant acme's principals may use it (policies/)`)
    .action(async (name: string, f: { purpose: string; tenant?: string; json?: boolean }) => {
      if (!PURPOSES.includes(f.purpose as KeyPurpose)) throw new CordonError('ERR_USAGE', `--purpose must be one of ${PURPOSES.join(', ')}`);
      await withWorkspace(async (ws) => out(await ws.keyring.create(name, { purpose: f.purpose as KeyPurpose, ...(f.tenant !== undefined ? { tenant: f.tenant } : {}) }), f.json));
    });

  keys.command('rotate <name>').addHelpText('after', '\nExamples:\n  cordon keys rotate models')
    .description('add a new primary version; older versions keep decrypting')
    .option('--json', 'print JSON')
    .action(async (name: string, f: { json?: boolean }) => withWorkspace(async (ws) => out(await ws.keyring.rotate(name), f.json)));

  keys.command('list').addHelpText('after', '\nExamples:\n  cordon keys list\n  cordon keys list --json')
    .description('list keys and their versions')
    .option('--json', 'print JSON')
    .action(async (f: { json?: boolean }) => withWorkspace(async (ws) => out(await ws.keyring.list(), f.json)));

  keys.command('show <name>').addHelpText('after', '\nExamples:\n  cordon keys show models')
    .description('show a key\'s metadata and versions')
    .option('--json', 'print JSON')
    .action(async (name: string, f: { json?: boolean }) => withWorkspace(async (ws) => out(await ws.keyring.show(name), f.json)));

  keys.command('set-min-version <name> <version>').addHelpText('after', '\nExamples:\n  cordon keys set-min-version models 2')
    .description('stop decrypting with versions below <version> (reversible: lower it again)')
    .option('--json', 'print JSON')
    .action(async (name: string, version: string, f: { json?: boolean }) =>
      withWorkspace(async (ws) => out(await ws.keyring.setMinDecryptionVersion(name, parsePositiveInt('version')(version)), f.json)));

  keys.command('retire <name>').addHelpText('after', '\nExamples:\n  cordon keys retire models')
    .description('stop encrypting with a key; data under it still decrypts')
    .option('--json', 'print JSON')
    .action(async (name: string, f: { json?: boolean }) => withWorkspace(async (ws) => out(await ws.keyring.retire(name), f.json)));

  keys.command('destroy <name> <version>').addHelpText('after', '\nExamples:\n  cordon keys destroy models 1 --yes')
    .description('crypto-shred one version: its material is erased and data under it can never be read again')
    .option('--yes', 'confirm the irreversible destruction (required)')
    .option('--json', 'print JSON')
    .action(async (name: string, version: string, f: { yes?: boolean; json?: boolean }) => {
      const v = parsePositiveInt('version')(version);
      if (!f.yes) throw new CordonError('ERR_USAGE', `destroying ${name} v${v} is irreversible: data encrypted under it becomes unreadable. Repeat with --yes to confirm`);
      await withWorkspace(async (ws) => out(await ws.keyring.destroyVersion(name, v), f.json));
    });
}
