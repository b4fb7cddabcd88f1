// cordon/sign: dataset-version manifests, OpenSSF model-signing bundles, the promotion gate.
// Re-exports only.
export { MerkleTree, leafHash, nodeHash } from './merkle.js';
export { hashFile, CHUNK_SIZE, type FileDigest } from './hash-file.js';
export { listArtifactFiles, comparePaths, type ArtifactListing, type ArtifactFile } from './list-files.js';
export { parseManifest, serializeManifest, versionId, MANIFEST_FORMAT, type Manifest, type ManifestEntry } from './manifest-format.js';
export { createManifest, type CreateManifestOptions } from './create-manifest.js';
export { compareManifests, type ManifestDiff } from './compare-manifests.js';
export { verifyManifest, assertManifestMatches, type VerifyManifestResult } from './verify-manifest.js';
export { pae, parseEnvelope, type DsseEnvelope, type DsseSignature } from './dsse.js';
export {
  parseBundle, parseStatement, serializeStatement, serializeBundle, BUNDLE_MEDIA_TYPE, IN_TOTO_PAYLOAD_TYPE,
  MODEL_SIGNING_PREDICATE_TYPE, STATEMENT_TYPE, DEFAULT_IGNORE_PATHS,
  type ModelSigningBundle, type ModelSigningStatement, type Resource, type Serialization,
} from './model-signing-format.js';
export { signArtifact, keyHint, type SignArtifactOptions, type SignArtifactResult, type AuditContext } from './sign-artifact.js';
export { verifyArtifact, identityOf, type VerifyArtifactOptions, type VerifyArtifactResult } from './verify-artifact.js';
export { parseTrustedSigners, decideSigner, globToRegExp, type TrustedSigners, type TrustedSigner, type SignerDecision, type ArtifactIdentity } from './trusted-signers.js';
export { loadTrustedSigners, readPublicKeyFile } from './load-trusted-signers.js';
export { readPrivateKeyFile, writeKeyPair } from './key-files.js';
export { writeOutputFile } from './write-output.js';
