// The dataset-version manifest: wire shape, parser and serializer (docs/manifests.md). Pure: no I/O.
// The parser bounds what it accepts and reports the first problem with its JSON path.
import { CordonError } from '../errors.js';
import { sha256 } from '../crypto/hash.js';

export const MANIFEST_FORMAT = 'cordon-manifest/v1';
/** At most this many files in one manifest (the parser refuses more). */
export const MAX_MANIFEST_FILES = 10_000_000;

export interface ManifestEntry {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly merkleRoot?: string;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** Identifies this version: `sha256:` + SHA-256 of the `sha256sum`-style listing (see versionId). */
  readonly version: string;
  readonly created: string;
  readonly artifact: { readonly name: string; readonly kind: 'directory' | 'file' };
  readonly hash: { readonly algorithm: 'sha256'; readonly merkle: { readonly tree: 'rfc9162-sha256'; readonly chunkSize: number } };
  /** Paths left out when the manifest was made (relative, '/'-separated). */
  readonly ignore: readonly string[];
  readonly files: readonly ManifestEntry[];
}

/**
 * The version id: SHA-256 over the lines `<sha256 hex>␠␠<path>\n` in manifest order — the output
 * `sha256sum` would print for the same files, so it can be checked without Cordon.
 */
export function versionId(files: readonly ManifestEntry[]): string {
  const listing = files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
  return `sha256:${Buffer.from(sha256(new TextEncoder().encode(listing))).toString('hex')}`;
}

const HEX64 = /^[0-9a-f]{64}$/;

function invalid(path: string, what: string): never {
  throw new CordonError('ERR_INPUT_INVALID', `manifest: ${path} ${what}`);
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalid(path, 'must be an object');
  return v as Record<string, unknown>;
}

function str(v: unknown, path: string, max = 4096): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) invalid(path, `must be a non-empty string of at most ${max} characters`);
  return v;
}

function relPath(v: unknown, path: string): string {
  const s = str(v, path);
  if (s.startsWith('/') || s.split('/').some((p) => p === '' || p === '.' || p === '..')) invalid(path, 'must be a relative path with / separators');
  return s;
}

/** Parses and validates a manifest document (already JSON-decoded). */
export function parseManifest(json: unknown): Manifest {
  const m = obj(json, '$');
  if (m.format !== MANIFEST_FORMAT) throw new CordonError('ERR_FORMAT_UNSUPPORTED', `manifest: format ${JSON.stringify(m.format)} is not ${MANIFEST_FORMAT}`);
  const artifact = obj(m.artifact, '$.artifact');
  if (artifact.kind !== 'directory' && artifact.kind !== 'file') invalid('$.artifact.kind', 'must be "directory" or "file"');
  const hash = obj(m.hash, '$.hash');
  if (hash.algorithm !== 'sha256') throw new CordonError('ERR_FORMAT_UNSUPPORTED', 'manifest: only sha256 manifests are supported');
  const merkle = obj(hash.merkle, '$.hash.merkle');
  if (merkle.tree !== 'rfc9162-sha256') throw new CordonError('ERR_FORMAT_UNSUPPORTED', 'manifest: only rfc9162-sha256 Merkle trees are supported');
  const chunkSize = merkle.chunkSize;
  if (typeof chunkSize !== 'number' || !Number.isSafeInteger(chunkSize) || chunkSize < 1024 || chunkSize > 1 << 30) invalid('$.hash.merkle.chunkSize', 'must be an integer from 1024 to 2^30');
  if (!Array.isArray(m.ignore) || m.ignore.length > 1000) invalid('$.ignore', 'must be an array of at most 1000 paths');
  const ignore = m.ignore.map((p, i) => relPath(p, `$.ignore[${i}]`));
  if (!Array.isArray(m.files) || m.files.length > MAX_MANIFEST_FILES) invalid('$.files', `must be an array of at most ${MAX_MANIFEST_FILES} entries`);
  const seen = new Set<string>();
  const files = m.files.map((raw, i): ManifestEntry => {
    const at = `$.files[${i}]`;
    const f = obj(raw, at);
    const path = relPath(f.path, `${at}.path`);
    if (seen.has(path)) invalid(`${at}.path`, 'is listed twice');
    seen.add(path);
    if (typeof f.size !== 'number' || !Number.isSafeInteger(f.size) || f.size < 0) invalid(`${at}.size`, 'must be a non-negative integer');
    if (typeof f.sha256 !== 'string' || !HEX64.test(f.sha256)) invalid(`${at}.sha256`, 'must be 64 lowercase hex digits');
    if (f.merkleRoot !== undefined && (typeof f.merkleRoot !== 'string' || !HEX64.test(f.merkleRoot))) invalid(`${at}.merkleRoot`, 'must be 64 lowercase hex digits');
    return { path, size: f.size, sha256: f.sha256, ...(f.merkleRoot !== undefined ? { merkleRoot: f.merkleRoot as string } : {}) };
  });
  const version = str(m.version, '$.version', 100);
  if (version !== versionId(files)) throw new CordonError('ERR_MANIFEST_MISMATCH', 'manifest: version does not match its file list (the manifest was edited)');
  return {
    format: MANIFEST_FORMAT,
    version,
    created: str(m.created, '$.created', 64),
    artifact: { name: str(artifact.name, '$.artifact.name'), kind: artifact.kind },
    hash: { algorithm: 'sha256', merkle: { tree: 'rfc9162-sha256', chunkSize } },
    ignore,
    files,
  };
}

/** The manifest as written to disk: two-space JSON with a final newline. */
export function serializeManifest(m: Manifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}
