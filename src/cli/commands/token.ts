// `cordon token …`: Ed25519 JWTs for the HTTPS service. The signing key lives in the workspace key
// store (`cordon-token-signing`, wrapped by the master key, versioned), created on first use.
// `issue` prints the token to stdout and nothing else; the token is never written to stderr, a log
// or the audit log (which records a `jwt.issue` event without it).
import type { Command } from 'commander';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEFAULT_MAX_TTL_SEC } from '../../auth/index.js';
import { keyObjectPem } from '../../crypto/index.js';
import { CordonError } from '../../errors.js';
import { createTokenSigningKey, issueAccessToken, migrateLegacyTokenSigningKey, rotateTokenSigningKey, tokenSigningKey } from '../../workspace/token-signing.js';
import { TOKEN_SIGNING_KEY_NAME, tokenVerificationKeys } from '../../workspace/token-verification.js';
import { resolvePrincipal } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { notice } from '../output.js';
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses `900`, `90s`, `15m`, `1h`, `30d` into seconds. */
export function parseDuration(flag: string, value: string): number {
  const m = /^(\d{1,9})([smhd]?)$/.exec(value);
  if (!m) throw new CordonError('ERR_USAGE', `${flag} expects a duration such as 900, 15m, 1h or 30d`);
  const n = Number(m[1]) * UNITS[m[2] === '' ? 's' : m[2]!]!;
  if (n < 1) throw new CordonError('ERR_USAGE', `${flag} must be at least one second`);
  return n;
}

/** Splits `a,b,c` (empty parts dropped). */
export function parseCommaList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('short-lived Ed25519 JWTs for the Cordon service (docs/auth.md)')
    .addHelpText('after', `
The signing key is ${TOKEN_SIGNING_KEY_NAME} in the workspace key store, wrapped by the master key.
Examples:
  cordon token issue --principal svc:etl --roles pipeline --ttl 15m
  cordon token public-key --all            # every accepted version: {version, kid, pem, acceptedUntil}
  cordon token rotate                      # old tokens keep working until they expire
  cordon token rotate --drop-old           # cut off every token issued so far
  cordon token migrate                     # move an old plaintext token-signing-key.pem into the key store`);

  token.command('issue')
    .description('print a signed JWT for a principal (the signing key is created in the key store on first use)')
    .requiredOption('--principal <id>', 'the sub claim: who the token speaks for')
    .option('--roles <a,b>', 'comma-separated roles', '')
    .option('--ttl <duration>', `lifetime: 900, 15m, 1h (at most ${DEFAULT_MAX_TTL_SEC / 60}m)`, '15m')
    .option('--audience <aud>', 'the aud claim', DEFAULT_AUDIENCE)
    .option('--issuer <iss>', 'the iss claim', DEFAULT_ISSUER)
    .option('--tenant <tenant>', 'the tenant claim')
    .option('--scopes <a,b>', 'comma-separated scopes (the scope claim)')
    .option('--json', 'print {"token", "kid", "version"} as JSON')
    .addHelpText('after', `
Examples:
  cordon token issue --principal svc:etl --roles pipeline --ttl 15m
  cordon token issue --principal alice@example.com --roles analyst --tenant acme --scopes detect,tokenize`)
    .action(async (f: { principal: string; roles: string; ttl: string; audience: string; issuer: string; tenant?: string; scopes?: string; json?: boolean }) => {
      const ttlSec = parseDuration('--ttl', f.ttl);
      await withWorkspace(async (ws) => {
        const issued = await issueAccessToken(ws, {
          issuer: f.issuer, audience: f.audience, principal: f.principal, roles: parseCommaList(f.roles), ttlSec,
          ...(f.tenant !== undefined ? { tenant: f.tenant } : {}),
          ...(f.scopes !== undefined ? { scopes: parseCommaList(f.scopes) } : {}),
        }, { actor: resolvePrincipal() });
        if (issued.created) notice(`created the token signing key ${TOKEN_SIGNING_KEY_NAME} v${issued.version} in the key store (wrapped by the master key); kid ${issued.kid}`);
        process.stdout.write(f.json ? JSON.stringify({ token: issued.token, kid: issued.kid, version: issued.version }) + '\n' : issued.token + '\n');
      });
    });

  token.command('keygen')
    .description('create the workspace\'s token signing key in the key store (refuses when one exists) and print its public key')
    .addHelpText('after', `
Example:
  cordon token keygen > token-public.pem`)
    .option('--json', 'print {"version", "kid", "pem"} as JSON')
    .action(async (f: { json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const key = await createTokenSigningKey(ws);
        notice(`created the token signing key ${TOKEN_SIGNING_KEY_NAME} v${key.version} in the key store (wrapped by the master key); kid ${key.kid}`);
        if (f.json) process.stdout.write(JSON.stringify({ version: key.version, kid: key.kid, pem: keyObjectPem(key.publicKey) }) + '\n');
        else process.stdout.write(keyObjectPem(key.publicKey));
      });
    });

  token.command('rotate')
    .description('add a new signing key version and sign with it from now on; earlier versions verify until their tokens can have expired')
    .option('--drop-old', 'stop accepting every earlier version at once (after the key cache bound, CORDON_KEY_CACHE_MS, with a shared store)')
    .option('--json', 'print {"version", "kid", "pem", "stillAccepted"} as JSON')
    .addHelpText('after', `
Examples:
  cordon token rotate > token-public.pem
  cordon token rotate --drop-old           # a signing key may have leaked: cut off every token issued so far`)
    .action(async (f: { dropOld?: boolean; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const r = await rotateTokenSigningKey(ws, { dropOld: f.dropOld === true });
        notice(`token signing key ${TOKEN_SIGNING_KEY_NAME} is now v${r.version} (kid ${r.kid})`);
        for (const o of r.stillAccepted) notice(`tokens signed by v${o.version} (kid ${o.kid}) are accepted until ${o.acceptedUntil}`);
        if (f.dropOld === true) notice('tokens signed by earlier versions are no longer accepted');
        if (f.json) process.stdout.write(JSON.stringify({ version: r.version, kid: r.kid, pem: keyObjectPem(r.publicKey), stillAccepted: r.stillAccepted }) + '\n');
        else process.stdout.write(keyObjectPem(r.publicKey));
      });
    });

  token.command('public-key')
    .description('print the public key verifiers need (SPKI PEM) and its kid')
    .option('--json', 'print {"kid", "pem"} as JSON')
    .option('--all', 'print every version verifiers accept now as a JSON list of {version, kid, pem, primary, acceptedUntil}')
    .addHelpText('after', `
Examples:
  cordon token public-key > token-public.pem
  cordon token public-key --all`)
    .action(async (f: { json?: boolean; all?: boolean }) => {
      await withWorkspace(async (ws) => {
        if (f.all) {
          const keys = await tokenVerificationKeys(ws);
          process.stdout.write(JSON.stringify(keys.map((k) => ({ version: k.version, kid: k.kid, pem: keyObjectPem(k.publicKey), primary: k.primary, acceptedUntil: k.acceptedUntil }))) + '\n');
          return;
        }
        const { publicKey, kid } = await tokenSigningKey(ws);
        if (f.json) process.stdout.write(JSON.stringify({ kid, pem: keyObjectPem(publicKey) }) + '\n');
        else process.stdout.write(keyObjectPem(publicKey));
      });
    });

  token.command('migrate')
    .description('move the plaintext token-signing-key.pem of an earlier Cordon into the key store (same key and kid) and delete the file')
    .addHelpText('after', `
Example:
  cordon token migrate && cordon token rotate   # rotate too: backups may still hold the old file`)
    .option('--json', 'print {"imported", "version", "kid"} as JSON')
    .action(async (f: { json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const m = await migrateLegacyTokenSigningKey(ws);
        if (f.json) process.stdout.write(JSON.stringify({ imported: m.imported, version: m.version, kid: m.kid }) + '\n');
        notice(m.imported
          ? `moved the token signing key into the key store as ${TOKEN_SIGNING_KEY_NAME} v${m.version} (kid ${m.kid}) and deleted the plaintext file`
          : `the key store already held this key (${TOKEN_SIGNING_KEY_NAME} v${m.version}, kid ${m.kid}); deleted the plaintext file`);
        notice('copies of the old file (backups) can still sign tokens: run `cordon token rotate` (the old key then stops verifying once its tokens can have expired) or `cordon token rotate --drop-old` to cut it off at once');
      });
    });
}
