// The OpenSSF model-signing v1.0 wire format (github.com/sigstore/model-transparency,
// docs/model_signing_format.md): a Sigstore bundle (v0.3) whose DSSE envelope carries an in-toto
// Statement v1 with predicate type https://model_signing/signature/v1.0. Pure: no I/O, no crypto.
//
// The predicate lists one resource per file ({algorithm, name, digest}) and how files were
// serialized; the statement's single subject is the model name with a SHA-256 over the
// concatenated raw resource digests, in the order listed. Layout checked byte by byte against the
// reference bundles in test/fixtures/model-signing/ (v1.0.1 and v1.1.0 of the reference signer).
import { CordonError } from '../errors.js';
import { envelopeJson, parseEnvelope, type DsseEnvelope } from './dsse.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const MODEL_SIGNING_PREDICATE_TYPE = 'https://model_signing/signature/v1.0';
/** The paths the reference signer leaves out by default (its `ignore_git_paths`). */
export const DEFAULT_IGNORE_PATHS = ['.git', '.gitattributes', '.github', '.gitignore'] as const;

export interface Resource {
  /** Relative '/' path of the file; "." when the artifact is a single file. */
  readonly name: string;
  readonly algorithm: 'sha256';
  /** Hex digest. */
  readonly digest: string;
}

export interface Serialization {
  readonly method: 'files';
  readonly hashType: 'sha256';
  readonly allowSymlinks: boolean;
  readonly ignorePaths: readonly string[];
}

/** The statement as Cordon uses it. */
export interface ModelSigningStatement {
  readonly subjectName: string;
  /** Hex SHA-256 over the concatenated raw resource digests. */
  readonly rootDigest: string;
  readonly resources: readonly Resource[];
  readonly serialization: Serialization;
}

export interface ModelSigningBundle {
  readonly mediaType: string;
  /** verificationMaterial.publicKey.hint (v1.1+: SHA-256 hex of the public key PEM), if any. */
  readonly keyHint?: string;
  /** verificationMaterial.publicKey.keyDetails (v1.0 bundles embed the key), if any. */
  readonly keyDetails?: string;
  readonly envelope: DsseEnvelope;
}

function bad(what: string): never {
  throw new CordonError('ERR_SIGNATURE_INVALID', `signature bundle: ${what}`);
}

function unsupported(what: string): never {
  throw new CordonError('ERR_FORMAT_UNSUPPORTED', `signature bundle: ${what}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses the outer Sigstore bundle. Only key-based bundles are supported (no certificates). */
export function parseBundle(json: unknown): ModelSigningBundle {
  if (!isObject(json)) bad('not a JSON object');
  const mediaType = json.mediaType;
  if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.bundle')) bad('mediaType is not a Sigstore bundle');
  if (!isObject(json.verificationMaterial)) bad('verificationMaterial is missing');
  const vm = json.verificationMaterial;
  if (vm.certificate !== undefined || vm.x509CertificateChain !== undefined) {
    unsupported('certificate (keyless) bundles are not supported; verify key-signed bundles with --public-key');
  }
  const pk = isObject(vm.publicKey) ? vm.publicKey : {};
  if (json.messageSignature !== undefined && json.dsseEnvelope === undefined) unsupported('message-signature bundles are not model-signing bundles');
  return {
    mediaType,
    ...(typeof pk.hint === 'string' ? { keyHint: pk.hint } : {}),
    ...(typeof pk.keyDetails === 'string' ? { keyDetails: pk.keyDetails } : {}),
    envelope: parseEnvelope(json.dsseEnvelope),
  };
}

function hex64(v: unknown, what: string): string {
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) bad(`${what} must be 64 lowercase hex digits`);
  return v;
}

function sha256Only(v: unknown, what: string): 'sha256' {
  if (v !== 'sha256') unsupported(`${what} ${JSON.stringify(v)} is not supported (only sha256)`);
  return 'sha256';
}

/** Parses the in-toto Statement carried as the envelope payload. */
export function parseStatement(payload: Uint8Array): ModelSigningStatement {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    bad('payload is not UTF-8 JSON');
  }
  if (!isObject(json)) bad('statement is not an object');
  if (json._type !== STATEMENT_TYPE) bad(`statement _type is not ${STATEMENT_TYPE}`);
  if (json.predicateType !== MODEL_SIGNING_PREDICATE_TYPE) unsupported(`predicateType ${JSON.stringify(json.predicateType)} is not ${MODEL_SIGNING_PREDICATE_TYPE}`);
  if (!Array.isArray(json.subject) || json.subject.length !== 1 || !isObject(json.subject[0])) bad('statement must have exactly one subject');
  const subject = json.subject[0];
  if (!isObject(subject.digest)) bad('subject digest is missing');
  const rootDigest = hex64(subject.digest.sha256, 'subject digest sha256');
  const subjectName = typeof subject.name === 'string' ? subject.name : '';
  const predicate = json.predicate;
  if (!isObject(predicate) || !isObject(predicate.serialization) || !Array.isArray(predicate.resources)) bad('predicate must hold serialization and resources');
  const ser = predicate.serialization;
  if (ser.method !== 'files') unsupported(`serialization method ${JSON.stringify(ser.method)} is not supported (only "files")`);
  const hashType = sha256Only(ser.hash_type, 'hash_type');
  if (ser.allow_symlinks !== undefined && typeof ser.allow_symlinks !== 'boolean') bad('allow_symlinks must be a boolean');
  const ignore = ser.ignore_paths ?? [];
  if (!Array.isArray(ignore) || ignore.some((p) => typeof p !== 'string')) bad('ignore_paths must be a list of strings');
  const seen = new Set<string>();
  const resources = predicate.resources.map((raw, i): Resource => {
    if (!isObject(raw)) bad(`resources[${i}] must be an object`);
    if (typeof raw.name !== 'string' || raw.name === '') bad(`resources[${i}].name must be a string`);
    if (seen.has(raw.name)) bad(`resources[${i}].name ${JSON.stringify(raw.name)} is listed twice`);
    seen.add(raw.name);
    return { name: raw.name, algorithm: sha256Only(raw.algorithm, `resources[${i}].algorithm`), digest: hex64(raw.digest, `resources[${i}].digest`) };
  });
  return {
    subjectName, rootDigest, resources,
    serialization: { method: 'files', hashType, allowSymlinks: ser.allow_symlinks === true, ignorePaths: ignore as string[] },
  };
}

/**
 * The statement as the reference writes it (two-space JSON, v1.1.0 key order), ready to sign.
 * `rootDigest` must be the SHA-256 over the concatenated raw digests of `resources`.
 */
export function serializeStatement(s: ModelSigningStatement): Uint8Array {
  const statement = {
    _type: STATEMENT_TYPE,
    subject: [{ name: s.subjectName, digest: { sha256: s.rootDigest } }],
    predicateType: MODEL_SIGNING_PREDICATE_TYPE,
    predicate: {
      resources: s.resources.map((r) => ({ algorithm: r.algorithm, name: r.name, digest: r.digest })),
      serialization: { allow_symlinks: s.serialization.allowSymlinks, method: s.serialization.method, hash_type: s.serialization.hashType, ignore_paths: s.serialization.ignorePaths },
    },
  };
  return new TextEncoder().encode(JSON.stringify(statement, null, 2));
}

/** The bundle file as the reference v1.1 signer writes it for a key: compact JSON. */
export function serializeBundle(envelope: DsseEnvelope, keyHint: string): string {
  return JSON.stringify({
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: keyHint }, tlogEntries: [] },
    dsseEnvelope: envelopeJson(envelope),
  });
}
