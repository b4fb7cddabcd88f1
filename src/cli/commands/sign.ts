// `cordon sign`, `cordon sign keygen` and `cordon verify`: OpenSSF model-signing bundles for models
// and datasets, and the trusted-signers promotion gate (docs/signing.md). When a workspace exists
// (CORDON_HOME), signing and verification are recorded in its audit log.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { generateSigningKey, keyFingerprint, type SignatureAlgorithm } from '../../crypto/signing-keys.js';
import { CordonError } from '../../errors.js';
import { normaliseIgnore } from '../../sign/artifact-resources.js';
import { readPrivateKeyFile, writeKeyPair } from '../../sign/key-files.js';
import { loadTrustedSigners, readPublicKeyFile } from '../../sign/load-trusted-signers.js';
import type { AuditContext } from '../../sign/sign-artifact.js';
import { signArtifact } from '../../sign/sign-artifact.js';
import { verifyArtifact } from '../../sign/verify-artifact.js';
import { writeOutputFile } from '../../sign/write-output.js';
import { checkOutput } from '../../io/check-output.js';
import { progress } from '../output.js';
import { resolveHome, resolvePrincipal } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { collectList } from '../options.js';

const KEYGEN_ALGS: Record<string, SignatureAlgorithm> = { ed25519: 'ed25519', p256: 'ecdsa-p256', p384: 'ecdsa-p384' };

/** Runs `fn` with the workspace's audit sink when a workspace exists, without one otherwise. */
async function withOptionalAudit<T>(fn: (audit: AuditContext | undefined) => Promise<T>): Promise<T> {
  if (!existsSync(join(resolveHome(), 'config.json'))) return fn(undefined);
  return withWorkspace((ws) => fn({ sink: ws.audit, principal: resolvePrincipal() }));
}

function defaultSignaturePath(path: string): string {
  const abs = resolve(path);
  return join(dirname(abs), `${basename(abs)}.sig`);
}

export function registerSign(program: Command): void {
  // `sign` is a group: `sign <path>` runs the default subcommand `artifact`, `sign keygen` makes keys.
  // Keeping options off the group means `sign keygen -o key.pem` never hands -o to the wrong command.
  const sign = program.command('sign')
    .description('sign a model or dataset (OpenSSF model-signing v1.0 bundle), or create a signing key')
    .addHelpText('after', `
Examples:
  cordon sign keygen --alg p256 -o release.pem        # writes release.pem (0600) and release.pub.pem
  cordon sign models/fraud --key release.pem -o fraud.sig
  cordon verify models/fraud --signature fraud.sig --public-key release.pub.pem
See docs/signing.md.`);

  sign.command('artifact <path>', { isDefault: true })
    .description('sign a directory or file: writes an OpenSSF model-signing v1.0 bundle (default subcommand)')
    .requiredOption('-k, --key <key.pem>', 'private signing key (PEM, mode 0600): Ed25519 or ECDSA P-256/P-384')
    .option('-o, --output <bundle>', 'where to write the bundle (default: <path>.sig beside the artifact)')
    .option('--ignore-paths <path>', 'leave out a path relative to <path> (repeatable); recorded in the bundle', collectList, [])
    .option('--no-ignore-git-paths', 'also sign .git, .gitattributes, .github and .gitignore (left out by default, as the reference does)')
    .option('-f, --force', 'replace an existing bundle')
    .option('--json', 'print {"bundle", "files", "digest", "signer"} as JSON')
    .addHelpText('after', `
Examples:
  cordon sign keygen --alg p256 -o release.pem        # writes release.pem (0600) and release.pub.pem
  cordon sign models/fraud --key release.pem -o fraud.sig
  cordon verify models/fraud --signature fraud.sig --public-key release.pub.pem`)
    .action(async (path: string, f: { key?: string; output?: string; ignorePaths: string[]; ignoreGitPaths: boolean; force?: boolean; json?: boolean }) => {
      if (f.key === undefined) throw new CordonError('ERR_USAGE', '--key <key.pem> is required');
      const key = readPrivateKeyFile(f.key);
      const output = f.output ?? defaultSignaturePath(path);
      const inputs = [path, f.key];
      checkOutput(output, { force: f.force === true, inputs }); // before signing: ERR_OUTPUT_EXISTS
      await withOptionalAudit(async (audit) => {
        const p = progress('hashing', undefined, { off: f.json === true });
        let r;
        try {
          r = await signArtifact(path, key, {
            ignore: normaliseIgnore(resolve(path), f.ignorePaths), ignoreGitPaths: f.ignoreGitPaths, signaturePath: output, ...(audit ? { audit } : {}), onProgress: p.update,
          });
        } finally {
          p.done();
        }
        writeOutputFile(output, r.bundle, { overwrite: f.force === true, inputs });
        if (f.json) process.stdout.write(JSON.stringify({ bundle: output, files: r.statement.resources.length, digest: `sha256:${r.statement.rootDigest}`, signer: r.signer }) + '\n');
        else process.stderr.write(`signed ${r.statement.resources.length} files (sha256:${r.statement.rootDigest}) with ${r.signer.alg} key ${r.signer.fingerprint} -> ${output}\n`);
      });
    });

  sign.command('keygen').addHelpText('after', '\nExamples:\n  cordon sign keygen -o signer.pem\n  cordon sign keygen --alg p256 -o signer.pem')
    .description('create a signing key pair: <output> (private, mode 0600) and <output minus .pem>.pub.pem')
    .option('--alg <alg>', 'ed25519, p256 or p384', 'ed25519')
    .requiredOption('-o, --output <key.pem>', 'private key file to write')
    .option('-f, --force', 'replace existing key files')
    .option('--json', 'print {"alg", "fingerprint", "privateKey", "publicKey"} as JSON')
    .action((f: { alg: string; output: string; force?: boolean; json?: boolean }) => {
      const alg = Object.hasOwn(KEYGEN_ALGS, f.alg) ? KEYGEN_ALGS[f.alg] : undefined;
      if (alg === undefined) throw new CordonError('ERR_USAGE', `--alg must be one of ${Object.keys(KEYGEN_ALGS).join(', ')}`);
      const key = generateSigningKey(alg);
      const { privatePath, publicPath } = writeKeyPair(f.output, key, { overwrite: f.force === true });
      if (f.json) {
        process.stdout.write(JSON.stringify({ alg: f.alg, fingerprint: keyFingerprint(key.publicKey), privateKey: privatePath, publicKey: publicPath }) + '\n');
        return;
      }
      process.stdout.write(`${keyFingerprint(key.publicKey)}\n`);
      process.stderr.write(`created ${alg} key ${privatePath} (keep it secret) and public key ${publicPath}\n`);
    });

  program.command('verify <path>').addHelpText('after', '\nExamples:\n  cordon verify model/ -p signer.pub.pem\n  cordon verify model/ --policy trusted-signers.yaml --json')
    .description('verify an OpenSSF model-signing bundle and every file digest; with --policy, also require a trusted signer')
    .requiredOption('-s, --signature <bundle>', 'the signature bundle (e.g. model.sig)')
    .option('-p, --public-key <pem>', 'the signer\'s public key (PEM)')
    .option('--policy <trusted-signers.yaml>', 'promotion gate: refuse unless a signer allowed for this artifact signed it')
    .option('--ignore-paths <path>', 'also leave out a path relative to <path> (repeatable)', collectList, [])
    .option('--no-ignore-git-paths', 'also check .git, .gitattributes, .github and .gitignore')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
Exit codes: 0 verified; 5 bad signature (ERR_SIGNATURE_INVALID) or changed, added or removed files
(ERR_MANIFEST_MISMATCH, each listed); 4 signer not allowed by the policy (ERR_POLICY_DENIED).`)
    .action(async (path: string, f: { signature: string; publicKey?: string; policy?: string; ignorePaths: string[]; ignoreGitPaths: boolean; json?: boolean }) => {
      if (f.publicKey === undefined && f.policy === undefined) throw new CordonError('ERR_USAGE', 'give --public-key, --policy, or both');
      let bundleText: string;
      try {
        bundleText = readFileSync(f.signature, 'utf8');
      } catch (e) {
        throw new CordonError('ERR_IO', `cannot read signature ${f.signature}`, { cause: e });
      }
      const policy = f.policy !== undefined ? loadTrustedSigners(f.policy) : undefined;
      const keys = f.publicKey !== undefined
        ? [readPublicKeyFile(f.publicKey)]
        : policy!.signers.flatMap((s) => (s.publicKey ? [s.publicKey] : []));
      if (keys.length === 0) throw new CordonError('ERR_USAGE', 'the policy names keys by fingerprint only; give the signer\'s --public-key');
      await withOptionalAudit(async (audit) => {
        const r = await verifyArtifact(path, bundleText, {
          keys, ignore: normaliseIgnore(resolve(path), f.ignorePaths), ignoreGitPaths: f.ignoreGitPaths, signaturePath: f.signature,
          ...(policy ? { policy } : {}), ...(audit ? { audit } : {}),
          onMismatch: (d) => {
            if (f.json) {
              process.stdout.write(JSON.stringify({ ok: false, changed: d.changed, added: d.added, removed: d.removed }, null, 2) + '\n');
              return;
            }
            for (const p of d.changed) process.stdout.write(`changed  ${p}\n`);
            for (const p of d.added) process.stdout.write(`added    ${p}\n`);
            for (const p of d.removed) process.stdout.write(`removed  ${p}\n`);
          },
        });
        if (f.json) process.stdout.write(JSON.stringify({ ok: true, files: r.files, digest: `sha256:${r.statement.rootDigest}`, signer: r.signer, ...(r.decision ? { decision: r.decision } : {}) }, null, 2) + '\n');
        else process.stdout.write(`verified ${path}: ${r.files} files, signed by ${r.signer.alg} key ${r.signer.fingerprint}${r.decision ? ` (policy: ${r.decision.reason})` : ''}\n`);
      });
    });
}
