// `cordon apikey …`: API keys for the HTTPS service, in the workspace's apikeys.db or a PostgreSQL
// store (--store or CORDON_APIKEY_URL). `create` prints the key once, to stdout; the store keeps only
// its hash. `list` never shows a key or hash.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { PostgresApiKeyStore, SqliteApiKeyStore, type ApiKeyInfo, type ApiKeyStore } from '../../auth/index.js';
import { CordonError } from '../../errors.js';
import { resolveHome } from '../../workspace/workspace.js';
import { notice } from '../output.js';
import { parseCommaList, parseDuration } from './token.js';

const STORE_HELP = 'a PostgreSQL store (postgres://…) instead of the workspace\'s apikeys.db; prefer CORDON_APIKEY_URL to keep a password out of the process list';

async function withStore<T>(store: string | undefined, fn: (s: ApiKeyStore) => Promise<T>): Promise<T> {
  const url = store ?? process.env['CORDON_APIKEY_URL'];
  let s: ApiKeyStore;
  if (url === undefined) {
    const home = resolveHome();
    if (!existsSync(join(home, 'config.json'))) throw new CordonError('ERR_WORKSPACE_MISSING', `no Cordon workspace at ${home}; run \`cordon init\` or set CORDON_HOME`);
    s = SqliteApiKeyStore.open(join(home, 'apikeys.db'));
  } else {
    if (!/^postgres(?:ql)?:\/\//.test(url)) throw new CordonError('ERR_USAGE', '--store must be a postgres:// URL (without it the workspace\'s apikeys.db is used)');
    s = await PostgresApiKeyStore.open(url);
  }
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** `--expires 30d` (from now) or an ISO-8601 time. */
function parseExpires(value: string): number {
  if (/^\d+[smhd]?$/.test(value)) return Date.now() + parseDuration('--expires', value) * 1000;
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t)) throw new CordonError('ERR_USAGE', '--expires expects a duration (90d, 12h) or an ISO-8601 time (2027-01-31T00:00:00Z)');
  return t;
}

const iso = (t: number | null) => (t === null ? '-' : new Date(t).toISOString());

function status(k: ApiKeyInfo, now: number): string {
  if (k.revokedAt !== null) return 'revoked';
  if (k.expiresAt !== null && k.expiresAt <= now) return 'expired';
  return 'active';
}

export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').addHelpText('after', '\nExamples:\n  cordon apikey create --principal svc:etl --scopes tokenize,detokenize\n  cordon apikey list\n  cordon apikey revoke <id>').description('API keys for the Cordon service: create, list, revoke (docs/auth.md)');

  apikey.command('create').addHelpText('after', '\nExamples:\n  cordon apikey create --principal svc:etl --scopes tokenize --roles pipeline --expires 90d\n  cordon apikey create --principal svc:etl --scopes protect --json')
    .description('create an API key and print it once (only its hash is stored)')
    .requiredOption('--principal <id>', 'who the key speaks for (required)')
    .option('--roles <a,b>', 'comma-separated roles', '')
    .requiredOption('--scopes <a,b>', 'comma-separated scopes the key is limited to (required)')
    .option('--tenant <tenant>', 'the tenant the key belongs to')
    .option('--expires <when>', 'a duration from now (90d, 12h) or an ISO-8601 time; default: no expiry')
    .option('--store <url>', STORE_HELP)
    .option('--json', 'print {"id", "key"} as JSON')
    .action(async (f: { principal: string; roles: string; scopes: string; tenant?: string; expires?: string; store?: string; json?: boolean }) => {
      const expiresAt = f.expires === undefined ? undefined : parseExpires(f.expires);
      await withStore(f.store, async (s) => {
        const { id, key } = await s.create({
          principal: f.principal, roles: parseCommaList(f.roles), scopes: parseCommaList(f.scopes),
          ...(f.tenant !== undefined ? { tenant: f.tenant } : {}),
          ...(expiresAt !== undefined ? { expiresAt } : {}),
        });
        if (f.json) process.stdout.write(JSON.stringify({ id, key }) + '\n');
        else process.stdout.write(key + '\n');
        notice(`created API key ${id}; the key is shown only now: store it in a secret manager`);
      });
    });

  apikey.command('list').addHelpText('after', '\nExamples:\n  cordon apikey list\n  cordon apikey list --json')
    .description('list API keys (ids, principals, roles, scopes, times; never a key)')
    .option('--store <url>', STORE_HELP)
    .option('--json', 'print as JSON')
    .action(async (f: { store?: string; json?: boolean }) => withStore(f.store, async (s) => {
      const keys = await s.list();
      const now = Date.now();
      if (f.json) {
        process.stdout.write(JSON.stringify(keys.map((k) => ({ ...k, status: status(k, now) }))) + '\n');
        return;
      }
      if (keys.length === 0) {
        process.stdout.write('no API keys\n');
        return;
      }
      for (const k of keys) {
        process.stdout.write(`${k.id}  ${status(k, now).padEnd(7)}  ${k.principal}  roles=${k.roles.join(',') || '-'}  scopes=${k.scopes.join(',') || '-'}${k.tenant !== null ? `  tenant=${k.tenant}` : ''}  created=${iso(k.createdAt)}  expires=${iso(k.expiresAt)}${k.revokedAt !== null ? `  revoked=${iso(k.revokedAt)}` : ''}\n`);
      }
    }));

  apikey.command('revoke').addHelpText('after', '\nExamples:\n  cordon apikey revoke ak_1f2e3d4c')
    .description('revoke an API key by id; a running server refuses it within auth.apiKeys.cacheSeconds (default 2 s)')
    .argument('<id>', 'the key id (from `cordon apikey list`)')
    .option('--store <url>', STORE_HELP)
    .option('--json', 'print {"id", "revoked": true} as JSON')
    .action(async (id: string, f: { store?: string; json?: boolean }) => withStore(f.store, async (s) => {
      await s.revoke(id);
      process.stdout.write(f.json ? JSON.stringify({ id, revoked: true }) + '\n' : `revoked API key ${id}\n`);
    }));
}
