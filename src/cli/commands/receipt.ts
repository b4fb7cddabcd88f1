// `cordon receipt verify FILE [--key PUB.pem]`: an erasure receipt (cordon erase) checked against a
// trusted public key — offline with --key, or against every version of the workspace key store's
// receipt key. `cordon receipt public-key` exports that key for auditors; `cordon receipt
// migrate-key` moves the plaintext key file of earlier builds into the key store.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CordonError } from '../../errors.js';
import { keyFingerprint, parsePublicKeyPem, publicKeyPem, type PublicSigningKey } from '../../crypto/signing-keys.js';
import { verifyReceipt } from '../../erasure/receipt.js';
import { RETENTION_RECEIPT_PAYLOAD_TYPE, receiptPayloadType, verifyRetentionReceipt } from '../../retention/receipt.js';
import { checkOutput } from '../../io/check-output.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import { RECEIPT_SIGNING, workspaceSigningKey, workspaceVerificationKeys } from '../../workspace/signing-keys.js';
import { withWorkspace } from '../context.js';
import { registerMigrateKey } from '../migrate-signing-key.js';

interface VerifyFlags { key?: string; json?: boolean }

function readPublicKey(path: string): PublicSigningKey {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return parsePublicKeyPem(pem);
}

async function workspaceKeys(): Promise<PublicSigningKey[]> {
  const keys = await withWorkspace(async (ws) => workspaceVerificationKeys(ws, RECEIPT_SIGNING));
  if (keys.length === 0) throw new CordonError('ERR_KEY_NOT_FOUND', 'this workspace has signed no receipt yet: pass the signer\'s public key with --key');
  return keys;
}

export function registerReceipt(program: Command): void {
  const receipt = program.command('receipt').description('erasure and retention receipts: verify one, export the public key that checks them')
    .addHelpText('after', `
Examples:
  cordon receipt verify erase-123.receipt.json
  cordon receipt public-key -o receipt-signing.pub.pem      # hand this to an auditor
  cordon receipt verify erase-123.receipt.json --key receipt-signing.pub.pem`);
  receipt.command('verify')
    .description('verify an erasure or retention receipt\'s signature against a trusted public key')
    .argument('<file>', 'the receipt (cordon erase --receipt, cordon retention apply --receipt)')
    .option('--key <public.pem>', 'the trusted public key, offline (default: every version of the workspace\'s receipt key, which needs the master key)')
    .option('--json', 'print the verified statement as JSON')
    .addHelpText('after', `
Exit 0 when a signature by a trusted key covers the receipt; 5 (ERR_SIGNATURE_INVALID) otherwise.
With --key it needs no workspace, vault or network: hand the receipt and the public key (cordon
receipt public-key) to an auditor.

Examples:
  cordon receipt verify erase-123.receipt.json
  cordon receipt verify erase-123.receipt.json --key receipt-signing.pub.pem --json`)
    .action(async (file: string, f: VerifyFlags) => {
      const keys = f.key !== undefined ? [readPublicKey(f.key)] : await workspaceKeys();
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new CordonError('ERR_IO', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      if (receiptPayloadType(text) === RETENTION_RECEIPT_PAYLOAD_TYPE) {
        const r = verifyRetentionReceipt(text, keys);
        if (f.json === true) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        else process.stdout.write(`verified: retention run ${r.retentionId} finished ${r.finishedAt}, ${r.tiers.outputs.files} output(s) removed, ${r.tiers.vault.tokensDeleted} token(s) deleted, ${r.tiers.keys.versionsDestroyed} key version(s) destroyed; ${r.unreachable.length} unreachable; signed by ${r.signer}\n`);
        return;
      }
      const r = verifyReceipt(text, keys);
      if (f.json === true) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      else process.stdout.write(`verified: erasure ${r.erasureId} (${r.scope}) finished ${r.finishedAt}, ${r.tiers.outputs.rowsRemoved} row(s) from ${r.tiers.outputs.files} output(s), ${r.tiers.vault.tokensDeleted} token(s); ${r.unreachable.length} unreachable; signed by ${r.signer}\n`);
    });
  receipt.command('public-key')
    .description('print (or write) the public key of the workspace\'s receipt signing key, created on first use')
    .option('-o, --out <file>', 'write the PEM to this file (0644) instead of stdout')
    .option('--force', 'replace an existing file')
    .option('--json', 'print {"fingerprint", "pem"} as JSON (with -o: the file is written as well)')
    .addHelpText('after', `
The private key stays in the key store, wrapped by the master key; only the public key leaves.

Examples:
  cordon receipt public-key
  cordon receipt public-key -o receipt-signing.pub.pem`)
    .action(async (f: { out?: string; force?: boolean; json?: boolean }) => {
      if (f.out !== undefined) checkOutput(f.out, { force: f.force === true });
      const key = await withWorkspace(async (ws) => (await workspaceSigningKey(ws, RECEIPT_SIGNING)).publicKey);
      if (f.out !== undefined) writeFileAtomic(f.out, publicKeyPem(key), { force: f.force === true, mode: 0o644 });
      if (f.json === true) process.stdout.write(JSON.stringify({ fingerprint: keyFingerprint(key), pem: publicKeyPem(key) }) + '\n');
      else if (f.out === undefined) process.stdout.write(publicKeyPem(key));
      else process.stderr.write(`wrote ${f.out} (${keyFingerprint(key)})\n`);
    });
  registerMigrateKey(receipt, RECEIPT_SIGNING);
}
