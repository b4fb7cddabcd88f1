// `cordon receipt verify FILE [--key PUB.pem]`: an erasure receipt (cordon erase) checked offline
// against a trusted public key — the workspace's receipt key by default. Needs no workspace store,
// vault or network.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../../errors.js';
import { keyFingerprint, parsePublicKeyPem, type PublicSigningKey } from '../../crypto/signing-keys.js';
import { verifyReceipt } from '../../erasure/receipt.js';
import { publicKeyPathFor } from '../../sign/key-files.js';
import { resolveHome } from '../../workspace/workspace.js';
import { RECEIPT_KEY } from './erase.js';

interface VerifyFlags { key?: string; json?: boolean }

export function registerReceipt(program: Command): void {
  const receipt = program.command('receipt').description('erasure receipts: verify one offline')
    .addHelpText('after', '\nExamples:\n  cordon receipt verify erase-123.receipt.json --key receipt-signing.pub.pem');
  receipt.command('verify')
    .description('verify an erasure receipt\'s signature against a trusted public key, offline')
    .argument('<file>', 'the receipt (cordon erase --receipt)')
    .option('--key <public.pem>', 'the trusted public key (default: the workspace\'s erasure/receipt-signing.pub.pem)')
    .option('--json', 'print the verified statement as JSON')
    .addHelpText('after', `
Exit 0 when a signature by the key covers the receipt; 5 (ERR_SIGNATURE_INVALID) otherwise. Needs
no workspace, vault or network: hand the receipt and the public key to an auditor.

Examples:
  cordon receipt verify erase-123.receipt.json
  cordon receipt verify erase-123.receipt.json --key receipt-signing.pub.pem --json`)
    .action((file: string, f: VerifyFlags) => {
      const keyPath = f.key ?? publicKeyPathFor(join(resolveHome(), RECEIPT_KEY));
      let key: PublicSigningKey;
      let text: string;
      try {
        key = parsePublicKeyPem(readFileSync(keyPath, 'utf8'));
      } catch (e) {
        if (e instanceof CordonError) throw e;
        throw new CordonError(f.key === undefined ? 'ERR_USAGE' : 'ERR_IO', f.key === undefined ? 'no workspace receipt key here: pass the signer\'s public key with --key' : `cannot read ${keyPath}`);
      }
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new CordonError('ERR_IO', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      const r = verifyReceipt(text, key);
      if (f.json === true) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      else process.stdout.write(`verified: erasure ${r.erasureId} (${r.scope}) finished ${r.finishedAt}, ${r.tiers.outputs.rowsRemoved} row(s) from ${r.tiers.outputs.files} output(s), ${r.tiers.vault.tokensDeleted} token(s); ${r.unreachable.length} unreachable; signed by ${keyFingerprint(key)}\n`);
    });
}
