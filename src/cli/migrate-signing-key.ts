// `cordon receipt migrate-key` and `cordon rag migrate-key`: a plaintext signing key an earlier
// build left in the workspace moved into the key store (workspace/signing-keys.ts), then deleted.
import type { Command } from 'commander';
import { lstatSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../errors.js';
import { readPrivateKeyFile } from '../sign/key-files.js';
import { hasLegacySigningKey, importWorkspaceSigningKey, type SigningRole } from '../workspace/signing-keys.js';
import { withWorkspace } from './context.js';

export function registerMigrateKey(parent: Command, role: SigningRole): void {
  parent.command('migrate-key')
    .description(`move the plaintext ${role.legacyFile} of an earlier Cordon into the key store (same key: what it signed keeps verifying) and delete the file`)
    .option('--json', 'print {"imported", "fingerprint", "deleted"} as JSON')
    .addHelpText('after', `
Earlier builds kept the key that signs ${role.signs} unencrypted in the workspace; anyone with a copy
of the workspace could sign with it, so Cordon refuses to sign (ERR_SIGNING_KEY_PLAINTEXT) until it
is moved. If backups of the workspace hold that file, also rotate: cordon keys rotate ${role.name}.

Examples:
  ${role.migrateCommand}`)
    .action(async (f: { json?: boolean }) => {
      await withWorkspace(async (ws) => {
        if (!hasLegacySigningKey(ws.home, role)) throw new CordonError('ERR_KEY_NOT_FOUND', `there is no ${role.legacyFile} in ${ws.home}: nothing to migrate`);
        const path = join(ws.home, role.legacyFile);
        if (!lstatSync(path).isFile()) throw new CordonError('ERR_IO', `${path} is not a regular file (a symbolic link?); nothing was imported`);
        const r = await importWorkspaceSigningKey(ws, role, readPrivateKeyFile(path));
        try {
          unlinkSync(path);
        } catch (e) {
          throw new CordonError('ERR_IO', `the key is in the key store, but ${path} could not be removed: ${(e as NodeJS.ErrnoException).code ?? 'error'}; delete it`);
        }
        if (f.json === true) process.stdout.write(JSON.stringify({ imported: r.imported, fingerprint: r.fingerprint, deleted: path }) + '\n');
        else process.stdout.write(`${r.imported ? 'moved' : 'already in the key store:'} ${r.fingerprint}; ${path} deleted\n`);
      });
    });
}
