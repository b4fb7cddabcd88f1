// `cordon init`: creates the workspace, its default key and its Cedar policy folder (the examples).
import { join } from 'node:path';
import type { Command } from 'commander';
import { CordonError } from '../../errors.js';
import type { KekConfig } from '../../keys/kek/provider.js';
import { createPolicyDir, POLICY_DIR } from '../../workspace/policies.js';
import { initWorkspace } from '../../workspace/workspace.js';
import { notice } from '../output.js';

interface InitFlags {
  kek: string;
  passphraseEnv: string;
  pkcs11Module?: string;
  tokenLabel?: string;
  keyLabel: string;
  pinEnv: string;
  createHsmKey?: boolean;
  store?: string;
  json?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a workspace (CORDON_HOME, default ./.cordon) with a key store, a "default" key and a Cedar policy folder')
    .option('--kek <kind>', 'master key: local (CORDON_MASTER_KEY / CORDON_MASTER_KEY_FILE / dev key file), passphrase, pkcs11', 'local')
    .option('--passphrase-env <name>', 'for --kek passphrase: environment variable holding the passphrase', 'CORDON_MASTER_PASSPHRASE')
    .option('--pkcs11-module <path>', 'for --kek pkcs11: PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so')
    .option('--token-label <label>', 'for --kek pkcs11: label of the token holding the master key')
    .option('--key-label <label>', 'for --kek pkcs11: label of the AES key inside the token', 'cordon-kek')
    .option('--pin-env <name>', 'for --kek pkcs11: environment variable holding the user PIN', 'CORDON_PKCS11_PIN')
    .option('--create-hsm-key', 'for --kek pkcs11: generate the master key inside the token (non-extractable)')
    .option('--store <url>', 'keep the workspace\'s state in PostgreSQL (postgres://…) so several instances share it; prefer CORDON_STORE to keep a password out of the process list (docs/deploy.md)')
    .option('--json', 'print {"workspace", "masterKey", "defaultKey", "policies"} as JSON')
    .addHelpText('after', `
Examples:
  cordon init                                   # local master key (see docs/keys.md)
  CORDON_STORE=postgres://cordon@db/cordon CORDON_MASTER_KEY_FILE=/run/secrets/kek cordon init
                                                # shared state in PostgreSQL (docs/deploy.md)
  CORDON_MASTER_PASSPHRASE=... cordon init --kek passphrase
  CORDON_PKCS11_PIN=... cordon init --kek pkcs11 --pkcs11-module /usr/lib/softhsm/libsofthsm2.so \\
      --token-label cordon --create-hsm-key`)
    .action(async (flags: InitFlags) => {
      let kek: KekConfig;
      switch (flags.kek) {
        case 'local':
          kek = { kind: 'local' };
          break;
        case 'passphrase':
          kek = { kind: 'passphrase', passphraseEnv: flags.passphraseEnv, salt: '' };
          break;
        case 'pkcs11':
          if (!flags.pkcs11Module || !flags.tokenLabel) throw new CordonError('ERR_USAGE', '--kek pkcs11 needs --pkcs11-module and --token-label');
          kek = { kind: 'pkcs11', module: flags.pkcs11Module, tokenLabel: flags.tokenLabel, keyLabel: flags.keyLabel, pinEnv: flags.pinEnv };
          break;
        default:
          throw new CordonError('ERR_USAGE', `--kek must be local, passphrase or pkcs11, got ${JSON.stringify(flags.kek)}`);
      }
      const ws = await initWorkspace({ kek, createHsmKey: flags.createHsmKey === true, onNotice: notice, ...(flags.store !== undefined ? { store: flags.store } : {}) });
      try {
        const where = ws.store.kind === 'local' ? ws.home : ws.storeDescription;
        // The policies that decide `cordon reveal`, as the service's decide its routes (docs/reveal.md).
        const policies = ws.store.kind === 'local' ? createPolicyDir(join(ws.home, POLICY_DIR)).dir : undefined;
        if (flags.json) process.stdout.write(JSON.stringify({ workspace: where, masterKey: ws.config.kekId, defaultKey: { name: ws.config.defaultKey, version: 1 }, ...(policies !== undefined ? { policies } : {}) }) + '\n');
        else {
          process.stdout.write(`Created workspace ${where}\n  master key: ${ws.config.kekId}\n  key "${ws.config.defaultKey}" (envelope, version 1)\n`);
          if (policies !== undefined) process.stdout.write(`  policies: ${policies} (the example Cedar policies; reveals need a permit: docs/reveal.md)\n`);
        }
      } finally {
        await ws.close();
      }
    });
}
