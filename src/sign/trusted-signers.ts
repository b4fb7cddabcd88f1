// The promotion gate's policy: which signers may sign which artifacts (docs/signing.md).
// Format first (parse the YAML into a typed value), decision last and pure: `decideSigner` returns
// `{ allow, reason, policyId }` and never throws. Key files are read by the caller (see
// load-trusted-signers.ts), so this file does no I/O.
import { parse as parseYaml } from 'yaml';
import { keyFingerprint, type PublicSigningKey } from '../crypto/signing-keys.js';
import { CordonError } from '../errors.js';

export interface TrustedSigner {
  /** Names the rule in decisions and audit events. */
  readonly id: string;
  /** `sha256:<hex>` of the SubjectPublicKeyInfo DER. */
  readonly fingerprint: string;
  /** The key itself, when the policy names a key file (then verification can use it). */
  readonly publicKey?: PublicSigningKey;
  /** Glob patterns over artifact names and paths: `*` and `?` stay within one path segment, `**` spans them. */
  readonly artifacts: readonly string[];
}

export interface TrustedSigners {
  readonly version: 1;
  readonly signers: readonly TrustedSigner[];
}

export interface SignerDecision {
  readonly allow: boolean;
  readonly reason: string;
  /** The signer rule that allowed, or `trusted-signers` when none did. */
  readonly policyId: string;
}

/** At most this many `*` / `**` runs per pattern. */
const MAX_WILDCARDS = 8;

function invalid(where: string, what: string): never {
  throw new CordonError('ERR_INPUT_INVALID', `trusted signers policy: ${where} ${what}`);
}

/**
 * Parses the policy YAML. `readPublicKey` loads a `publicKey:` path (relative to the policy file)
 * and is supplied by the caller.
 */
export function parseTrustedSigners(text: string, readPublicKey: (path: string) => PublicSigningKey): TrustedSigners {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 10 });
  } catch {
    invalid('the file', 'is not valid YAML');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) invalid('the file', 'must be a mapping');
  const d = doc as Record<string, unknown>;
  if (d.version !== 1) invalid('version', 'must be 1');
  if (!Array.isArray(d.signers) || d.signers.length === 0 || d.signers.length > 1000) invalid('signers', 'must list 1 to 1000 signers');
  const ids = new Set<string>();
  const signers = d.signers.map((raw, i): TrustedSigner => {
    const at = `signers[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) invalid(at, 'must be a mapping');
    const s = raw as Record<string, unknown>;
    if (typeof s.id !== 'string' || !/^[A-Za-z0-9._:@-]{1,128}$/.test(s.id)) invalid(`${at}.id`, 'must be a name of letters, digits and ._:@-');
    if (ids.has(s.id)) invalid(`${at}.id`, `${JSON.stringify(s.id)} is used twice`);
    ids.add(s.id);
    let publicKey: PublicSigningKey | undefined;
    if (s.publicKey !== undefined) {
      if (typeof s.publicKey !== 'string' || s.publicKey === '') invalid(`${at}.publicKey`, 'must be a file path');
      publicKey = readPublicKey(s.publicKey);
    }
    let fingerprint: string | undefined;
    if (s.fingerprint !== undefined) {
      if (typeof s.fingerprint !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(s.fingerprint)) invalid(`${at}.fingerprint`, 'must be sha256:<64 lowercase hex digits>');
      fingerprint = s.fingerprint;
    }
    if (publicKey !== undefined && fingerprint !== undefined && keyFingerprint(publicKey) !== fingerprint) invalid(`${at}.fingerprint`, 'does not match the key in publicKey');
    if (publicKey === undefined && fingerprint === undefined) invalid(at, 'needs publicKey or fingerprint');
    if (!Array.isArray(s.artifacts) || s.artifacts.length === 0 || s.artifacts.length > 1000) invalid(`${at}.artifacts`, 'must list 1 to 1000 patterns');
    const artifacts = s.artifacts.map((p, j) => {
      if (typeof p !== 'string' || p === '' || p.length > 512) invalid(`${at}.artifacts[${j}]`, 'must be a non-empty pattern');
      // Bounded wildcards keep matching fast: each `*` run can backtrack over the whole path.
      if ((p.match(/\*+/g) ?? []).length > MAX_WILDCARDS) invalid(`${at}.artifacts[${j}]`, `has more than ${MAX_WILDCARDS} wildcards`);
      return p;
    });
    return { id: s.id, fingerprint: fingerprint ?? keyFingerprint(publicKey!), ...(publicKey ? { publicKey } : {}), artifacts };
  });
  return { version: 1, signers };
}

/** A glob pattern as an anchored, linear-time regular expression. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') { re += '.*'; i++; }
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** The artifact being promoted: its base name and its path as given, '/'-separated. */
export interface ArtifactIdentity {
  readonly name: string;
  readonly path: string;
}

/**
 * Decides whether the key with `fingerprint` may sign `artifact`: allowed when some signer rule
 * names that key and one of its patterns matches the artifact's name or path.
 */
export function decideSigner(policy: TrustedSigners, fingerprint: string, artifact: ArtifactIdentity): SignerDecision {
  const rules = policy.signers.filter((s) => s.fingerprint === fingerprint);
  if (rules.length === 0) return { allow: false, reason: `the signing key ${fingerprint} is not a trusted signer`, policyId: 'trusted-signers' };
  for (const r of rules) {
    for (const p of r.artifacts) {
      const re = globToRegExp(p);
      if (re.test(artifact.name) || re.test(artifact.path)) return { allow: true, reason: `signer ${r.id} may sign ${p}`, policyId: r.id };
    }
  }
  return { allow: false, reason: `signer ${rules.map((r) => r.id).join(', ')} may not sign ${artifact.path}`, policyId: rules[0]!.id };
}
