// `cordon token …`: Ed25519 JWTs for the HTTPS service. The signing key lives in the workspace
// (CORDON_HOME/token-signing-key.pem, mode 0600), created on first use. `issue` prints the token
// to stdout and nothing else; the token is never written to stderr, a log or the audit log.
import type { Command } from 'commander';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEFAULT_MAX_TTL_SEC, hasTokenSigningKey, issueJwt, jwtKeyId, loadTokenSigningKey } from '../../auth/index.js';
import { keyObjectPem } from '../../crypto/index.js';
import { CordonError } from '../../errors.js';
import { resolveHome } from '../../workspace/workspace.js';
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
  const token = program.command('token').description('short-lived Ed25519 JWTs for the Cordon service (docs/auth.md)');

  token.command('issue')
    .description('print a signed JWT for a principal (the signing key is created in the workspace on first use)')
    .requiredOption('--principal <id>', 'the sub claim: who the token speaks for')
    .option('--roles <a,b>', 'comma-separated roles', '')
    .option('--ttl <duration>', `lifetime: 900, 15m, 1h (at most ${DEFAULT_MAX_TTL_SEC / 60}m)`, '15m')
    .option('--audience <aud>', 'the aud claim', DEFAULT_AUDIENCE)
    .option('--issuer <iss>', 'the iss claim', DEFAULT_ISSUER)
    .option('--tenant <tenant>', 'the tenant claim')
    .option('--scopes <a,b>', 'comma-separated scopes (the scope claim)')
    .action(async (f: { principal: string; roles: string; ttl: string; audience: string; issuer: string; tenant?: string; scopes?: string }) => {
      const home = resolveHome();
      const { privateKey, created, path } = loadTokenSigningKey(home, { create: true });
      if (created) notice(`created the token signing key ${path} (mode 0600)`);
      const jwt = await issueJwt({
        privateKey, issuer: f.issuer, audience: f.audience, principal: f.principal,
        roles: parseCommaList(f.roles), ttlSec: parseDuration('--ttl', f.ttl),
        ...(f.tenant !== undefined ? { tenant: f.tenant } : {}),
        ...(f.scopes !== undefined ? { scopes: parseCommaList(f.scopes) } : {}),
      });
      process.stdout.write(jwt + '\n');
    });

  token.command('keygen')
    .description('create the workspace\'s token signing key (refuses when one exists) and print its public key')
    .action(async () => {
      const home = resolveHome();
      if (hasTokenSigningKey(home)) throw new CordonError('ERR_KEY_EXISTS', 'the workspace already has a token signing key; to rotate, see docs/auth.md');
      const { publicKey, path } = loadTokenSigningKey(home, { create: true });
      notice(`created the token signing key ${path} (mode 0600); kid ${await jwtKeyId(publicKey)}`);
      process.stdout.write(keyObjectPem(publicKey));
    });

  token.command('public-key')
    .description('print the public key verifiers need (SPKI PEM) and its kid')
    .option('--json', 'print {"kid", "pem"} as JSON')
    .action(async (f: { json?: boolean }) => {
      const { publicKey } = loadTokenSigningKey(resolveHome());
      const kid = await jwtKeyId(publicKey);
      if (f.json) process.stdout.write(JSON.stringify({ kid, pem: keyObjectPem(publicKey) }) + '\n');
      else process.stdout.write(keyObjectPem(publicKey));
    });
}
