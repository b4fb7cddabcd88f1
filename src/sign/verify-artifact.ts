// `cordon verify`: checks an OpenSSF model-signing bundle against an artifact in named steps, policy
// last (docs/signing.md):
//   1. parse the bundle (Sigstore bundle → DSSE envelope)         ERR_SIGNATURE_INVALID / _FORMAT_UNSUPPORTED
//   2. verify a signature over PAE(payloadType, payload)           ERR_SIGNATURE_INVALID
//   3. parse the in-toto statement and check its root digest        ERR_SIGNATURE_INVALID / ERR_MANIFEST_MISMATCH
//   4. recompute every file digest and compare with the statement   ERR_MANIFEST_MISMATCH
//   5. decide the trusted-signers policy, if one is given           ERR_POLICY_DENIED
// Nothing from the bundle is trusted before step 2: the key embedded in v1.0 bundles and the key
// hint are ignored; only keys the caller supplies can make a signature valid.
import { resolve } from 'node:path';
import { keyFingerprint, verifyMessage, type PublicSigningKey } from '../crypto/signing-keys.js';
import { auditEvent } from '../audit/make-event.js';
import { CordonError } from '../errors.js';
import { artifactResources, pathInside, rootDigest } from './artifact-resources.js';
import { compareManifests, type ManifestDiff } from './compare-manifests.js';
import { pae } from './dsse.js';
import { DEFAULT_IGNORE_PATHS, IN_TOTO_PAYLOAD_TYPE, parseBundle, parseStatement, type ModelSigningStatement } from './model-signing-format.js';
import type { AuditContext } from './sign-artifact.js';
import { decideSigner, type ArtifactIdentity, type SignerDecision, type TrustedSigners } from './trusted-signers.js';

export interface VerifyArtifactOptions {
  /** Keys that may have signed: the --public-key, or the policy's keys. At least one. */
  readonly keys: readonly PublicSigningKey[];
  /** More relative '/' paths to leave out, beyond those the statement records. */
  readonly ignore?: readonly string[];
  /** Leave out .git, .gitattributes, .github, .gitignore, as the reference does (default true). */
  readonly ignoreGitPaths?: boolean;
  /** Where the bundle lives; left out when inside the artifact. */
  readonly signaturePath?: string;
  /** The promotion gate, decided last. */
  readonly policy?: TrustedSigners;
  /** How the policy names this artifact (default: base name, and the path as given). */
  readonly identity?: ArtifactIdentity;
  /** Receives the differences before ERR_MANIFEST_MISMATCH is thrown (to print them all). */
  readonly onMismatch?: (diff: ManifestDiff) => void;
  readonly audit?: AuditContext;
}

export interface VerifyArtifactResult {
  readonly statement: ModelSigningStatement;
  readonly files: number;
  readonly signer: { readonly alg: string; readonly fingerprint: string };
  readonly decision?: SignerDecision;
}

/** Step 2: the first key and signature pair that verifies, or ERR_SIGNATURE_INVALID. */
function verifySignatures(keys: readonly PublicSigningKey[], payloadType: string, payload: Uint8Array, sigs: readonly { sig: Uint8Array }[]): PublicSigningKey {
  const message = pae(payloadType, payload);
  for (const key of keys) for (const s of sigs) if (verifyMessage(key, message, s.sig)) return key;
  throw new CordonError('ERR_SIGNATURE_INVALID', keys.length === 1 ? 'the signature does not verify with the given public key' : `the signature does not verify with any of the ${keys.length} given public keys`);
}

/** The artifact as the policy sees it: its base name, and its path as given ('/'-separated, no `./`). */
export function identityOf(path: string): ArtifactIdentity {
  const clean = path.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^(?:\.\/+)+/, '');
  const parts = resolve(path).split(/[\\/]/);
  return { name: parts[parts.length - 1] ?? clean, path: clean === '' ? '/' : clean };
}

/**
 * Verifies `bundleText` (a model-signing bundle file) for the artifact at `path`.
 *
 * @example
 * ```ts
 * const key = readPublicKeyFile('signer.pub.pem');
 * await verifyArtifact('model/', readFileSync('model.sig', 'utf8'), { keys: [key], signaturePath: 'model.sig' });
 * ```
 */
export async function verifyArtifact(path: string, bundleText: string, options: VerifyArtifactOptions): Promise<VerifyArtifactResult> {
  if (options.keys.length === 0) throw new TypeError('verifyArtifact: give at least one public key');
  const identity = options.identity ?? identityOf(path);
  let signer: PublicSigningKey | undefined;
  try {
    // 1. bundle
    let json: unknown;
    try {
      json = JSON.parse(bundleText);
    } catch {
      throw new CordonError('ERR_SIGNATURE_INVALID', 'signature bundle: not JSON');
    }
    const bundle = parseBundle(json);
    if (bundle.envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) throw new CordonError('ERR_FORMAT_UNSUPPORTED', `signature bundle: payloadType ${JSON.stringify(bundle.envelope.payloadType)} is not ${IN_TOTO_PAYLOAD_TYPE}`);
    // 2. signature
    signer = verifySignatures(options.keys, bundle.envelope.payloadType, bundle.envelope.payload, bundle.envelope.signatures);
    // 3. statement
    const statement = parseStatement(bundle.envelope.payload);
    if (rootDigest(statement.resources) !== statement.rootDigest) throw new CordonError('ERR_MANIFEST_MISMATCH', 'the statement\'s subject digest does not match its resources');
    // 4. files
    const root = resolve(path);
    const ignore = new Set<string>([...statement.serialization.ignorePaths, ...(options.ignore ?? [])]);
    if (options.ignoreGitPaths !== false) {
      // Git paths the signer did cover (signed without ignore_git_paths) are checked, not skipped.
      const signed = (p: string): boolean => statement.resources.some((r) => r.name === p || r.name.startsWith(`${p}/`));
      for (const p of DEFAULT_IGNORE_PATHS) if (!signed(p)) ignore.add(p);
    }
    if (options.signaturePath !== undefined) {
      const rel = pathInside(root, options.signaturePath, 'cwd');
      if (rel !== undefined) ignore.add(rel);
    }
    const art = await artifactResources(path, ignore);
    const toEntry = (r: { name: string; digest: string }) => ({ path: r.name, size: 0, sha256: r.digest });
    const diff = compareManifests(statement.resources.map(toEntry), art.resources.map(toEntry));
    if (!diff.ok) {
      options.onMismatch?.(diff);
      throw new CordonError('ERR_MANIFEST_MISMATCH', `the artifact differs from what was signed: ${diff.changed.length} changed, ${diff.added.length} added, ${diff.removed.length} removed`, {
        details: { changed: diff.changed.length, added: diff.added.length, removed: diff.removed.length },
      });
    }
    // 5. policy
    const fingerprint = keyFingerprint(signer);
    let decision: SignerDecision | undefined;
    if (options.policy) {
      decision = decideSigner(options.policy, fingerprint, identity);
      if (!decision.allow) throw new CordonError('ERR_POLICY_DENIED', `promotion refused: ${decision.reason}`, { details: { policy: decision.policyId } });
    }
    options.audit?.sink.emit(auditEvent({
      type: 'artifact.verify', outcome: 'success', principal: options.audit.principal,
      attributes: {
        artifact: identity.path, files: art.resources.length, digest: `sha256:${statement.rootDigest}`, signer: fingerprint,
        ...(decision ? { policy: decision.policyId } : {}),
      },
    }));
    return { statement, files: art.resources.length, signer: { alg: signer.alg, fingerprint }, ...(decision ? { decision } : {}) };
  } catch (e) {
    options.audit?.sink.emit(auditEvent({
      type: 'artifact.verify', outcome: 'failure', principal: options.audit.principal,
      reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL',
      attributes: { artifact: identity.path, ...(signer ? { signer: keyFingerprint(signer) } : {}) },
    }));
    throw e;
  }
}
