// `cordon sign`: an OpenSSF model-signing v1.0 bundle for a model or dataset (a directory or one
// file), signed with an Ed25519 or ECDSA key. The bundle follows the reference v1.1 signer's
// layout exactly (docs/signing.md) so the reference verifier and Cordon's accept each other's.
import { resolve } from 'node:path';
import { createSha256 } from '../crypto/hash.js';
import { keyFingerprint, publicKeyPem, signMessage, type PrivateSigningKey } from '../crypto/signing-keys.js';
import { auditEvent } from '../audit/make-event.js';
import type { AuditSink } from '../audit/event.js';
import { CordonError } from '../errors.js';
import { artifactResources, pathInside, rootDigest } from './artifact-resources.js';
import { pae } from './dsse.js';
import type { Progress } from './hash-file.js';
import { DEFAULT_IGNORE_PATHS, IN_TOTO_PAYLOAD_TYPE, serializeBundle, serializeStatement, type ModelSigningStatement } from './model-signing-format.js';

export interface AuditContext {
  readonly sink: AuditSink;
  readonly principal: string;
}

export interface SignArtifactOptions {
  /** Relative '/' paths inside the artifact to leave out; recorded in the statement. */
  readonly ignore?: readonly string[];
  /** Also leave out .git, .gitattributes, .github, .gitignore, as the reference does (default true). */
  readonly ignoreGitPaths?: boolean;
  /** Where the bundle will be written; left out (and recorded) when inside the artifact. */
  readonly signaturePath?: string;
  readonly audit?: AuditContext;
  /** Called as files are hashed, with the bytes so far and the total. */
  readonly onProgress?: Progress;
}

export interface SignArtifactResult {
  /** The bundle file's text. */
  readonly bundle: string;
  readonly statement: ModelSigningStatement;
  readonly signer: { readonly alg: string; readonly fingerprint: string };
}

/** SHA-256 hex of the public key's PEM: the reference's `verificationMaterial.publicKey.hint`. */
export function keyHint(pem: string): string {
  const h = createSha256();
  h.update(new TextEncoder().encode(pem));
  return Buffer.from(h.digest()).toString('hex');
}

/**
 * Signs the artifact at `path`.
 *
 * @example
 * ```ts
 * const key = parsePrivateKeyPem(readFileSync('signer.pem', 'utf8'));
 * const { bundle } = await signArtifact('model/', key, { signaturePath: 'model.sig' });
 * writeFileSync('model.sig', bundle);
 * ```
 */
export async function signArtifact(path: string, key: PrivateSigningKey, options: SignArtifactOptions = {}): Promise<SignArtifactResult> {
  const fingerprint = keyFingerprint(key.publicKey);
  try {
    const ignore = new Set(options.ignore ?? []);
    if (options.ignoreGitPaths !== false) for (const p of DEFAULT_IGNORE_PATHS) ignore.add(p);
    const root = resolve(path);
    if (options.signaturePath !== undefined) {
      const rel = pathInside(root, options.signaturePath, 'cwd');
      if (rel !== undefined) ignore.add(rel);
    }
    const art = await artifactResources(path, ignore, options.onProgress);
    if (art.resources.length === 0) throw new CordonError('ERR_INPUT_INVALID', `${path} holds no files to sign (after ignored paths)`);
    const statement: ModelSigningStatement = {
      subjectName: art.name,
      rootDigest: rootDigest(art.resources),
      resources: art.resources,
      serialization: { method: 'files', hashType: 'sha256', allowSymlinks: false, ignorePaths: art.kind === 'directory' ? [...ignore].sort() : [] },
    };
    const payload = serializeStatement(statement);
    const sig = signMessage(key, pae(IN_TOTO_PAYLOAD_TYPE, payload));
    const bundle = serializeBundle({ payloadType: IN_TOTO_PAYLOAD_TYPE, payload, signatures: [{ sig, keyid: '' }] }, keyHint(publicKeyPem(key.publicKey)));
    options.audit?.sink.emit(auditEvent({
      type: 'artifact.sign', outcome: 'success', principal: options.audit.principal,
      attributes: { artifact: art.name, files: art.resources.length, digest: `sha256:${statement.rootDigest}`, signer: fingerprint, alg: key.alg },
    }));
    return { bundle, statement, signer: { alg: key.alg, fingerprint } };
  } catch (e) {
    options.audit?.sink.emit(auditEvent({
      type: 'artifact.sign', outcome: 'failure', principal: options.audit.principal,
      reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL', attributes: { signer: fingerprint },
    }));
    throw e;
  }
}
