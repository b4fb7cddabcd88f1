// `cordon guard redact` and `cordon guard restore`: the LLM guard's redaction over JSONL files.
// redact reads {"text": ...} lines and writes {"text", "placeholders": [{placeholder, entity}]},
// never a value; the values go to the workspace's conversation vault (guard-vault.db, or the
// shared store). restore writes values back into answers only when the Cedar policies allow the
// caller "guard:restore" on the conversation. Both are audited with counts only.
import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { auditEvent } from '../../audit/make-event.js';
import { CordonError } from '../../errors.js';
import { ENTITIES, type Entity } from '../../detect/types.js';
import type { ProfileName } from '../../detect/profiles/table.js';
import { MAX_TEXT_LENGTH } from '../../detect/analyze.js';
import { redactText } from '../../guard/redact/redact.js';
import { restoreAuthzRequest, restoreText } from '../../guard/redact/restore.js';
import { isBadLine, readLines } from '../../io/lines.js';
import { ConversationVault, MAX_PLACEHOLDER_TTL_MS } from '../../vault/conversation/vault.js';
import { SqliteConversationStore } from '../../vault/conversation/sqlite.js';
import { PostgresConversationStore } from '../../vault/conversation/postgres.js';
import { workspacePolicies } from '../../workspace/policies.js';
import type { Workspace } from '../../workspace/workspace.js';
import { resolvePrincipal } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { parseProfile, PROFILE_HELP } from '../options.js';

/** The `guard` command group, created by whichever guard command registers first. */
export function guardGroup(program: Command): Command {
  const found = program.commands.find((c) => c.name() === 'guard');
  if (found !== undefined) return found;
  return program.command('guard')
    .description('the LLM guard: scan prompts and answers, redact before the model, restore after (docs/guard.md)')
    .addHelpText('after', `
Examples:
  cordon guard redact --in prompts.jsonl --conversation c-42 > redacted.jsonl
  CORDON_ROLES=llm-app CORDON_TENANT=acme cordon guard restore --in answers.jsonl --conversation c-42 --purpose support`);
}

/** The workspace's conversation vault: guard-vault.db, the shared store, or a postgres:// --store. */
async function openConversationVault(ws: Workspace, store: string | undefined): Promise<ConversationVault> {
  const url = store ?? (ws.store.kind === 'postgres' ? ws.store.url : undefined);
  if (url === undefined) return ConversationVault.open(SqliteConversationStore.open(join(ws.home, 'guard-vault.db')), ws.keyring);
  if (!/^postgres(?:ql)?:\/\//.test(url)) throw new CordonError('ERR_USAGE', '--store must be a postgres:// URL (without it the workspace\'s guard-vault.db is used)');
  return ConversationVault.open(await PostgresConversationStore.open(url), ws.keyring);
}

function tenantOf(flag: string | undefined): string {
  return flag ?? (process.env.CORDON_TENANT && process.env.CORDON_TENANT !== '' ? process.env.CORDON_TENANT : 'default');
}

function parseEntities(list: string | undefined): Entity[] | undefined {
  if (list === undefined) return undefined;
  const entities = list.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const unknown = entities.filter((e) => !(ENTITIES as readonly string[]).includes(e));
  if (unknown.length > 0 || entities.length === 0) throw new CordonError('ERR_USAGE', `--entities takes a comma-separated list of ${ENTITIES.join(', ')}${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  return entities as Entity[];
}

/** "90s", "30m", "24h", "7d" → milliseconds. */
function parseTtl(v: string): number {
  const m = /^(\d{1,6})(s|m|h|d)$/.exec(v);
  const ms = m === null ? NaN : Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  if (!(ms >= 1000 && ms <= MAX_PLACEHOLDER_TTL_MS)) throw new CordonError('ERR_USAGE', '--ttl is a number and a unit, s, m, h or d, from 1s to 90d (e.g. 24h)');
  return ms;
}

/** The "text" of each JSONL line, in order; a bad line stops the run with its number (never its content). */
async function* texts(path: string): AsyncGenerator<{ line: number; text: string }> {
  const input: Readable = path === '-' ? process.stdin : createReadStream(path);
  try {
    for await (const line of readLines(input)) {
      if (isBadLine(line)) throw line.error;
      if (line.text.trim() === '') continue;
      let record: unknown;
      try { record = JSON.parse(line.text); } catch { throw new CordonError('ERR_INPUT_INVALID', `line ${line.number} is not valid JSON`, { details: { line: line.number } }); }
      const text = typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as { text?: unknown }).text : undefined;
      if (typeof text !== 'string') throw new CordonError('ERR_INPUT_INVALID', `line ${line.number} has no string "text" field`, { details: { line: line.number } });
      if (text.length > MAX_TEXT_LENGTH) throw new CordonError('ERR_INPUT_INVALID', `line ${line.number}: "text" is longer than ${MAX_TEXT_LENGTH} characters`, { details: { line: line.number } });
      yield { line: line.number, text };
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new CordonError('ERR_IO', `cannot read ${path}: ${code}`);
    throw e;
  }
}

function write(line: string): Promise<void> {
  return new Promise((resolve) => { if (process.stdout.write(line)) resolve(); else process.stdout.once('drain', resolve); });
}

interface RedactFlags { in: string; conversation: string; tenant?: string; profile?: ProfileName; entities?: string; ttl?: string; store?: string; json?: boolean }
interface RestoreFlags { in: string; conversation: string; tenant?: string; purpose: string; policies?: string; store?: string; json?: boolean }

export function registerGuardRedact(program: Command): void {
  const guard = guardGroup(program);
  guard.command('redact')
    .description('replace detected entities in JSONL texts with placeholders (<PERSON_1>) kept in the conversation vault')
    .requiredOption('-i, --in <file>', 'JSONL input, one {"text": ...} per line, or - for stdin')
    .requiredOption('--conversation <id>', 'the conversation the placeholders belong to (same value → same placeholder within it)')
    .option('--tenant <tenant>', 'the tenant of the conversation (default: CORDON_TENANT, else "default")')
    .option('-p, --profile <name>', PROFILE_HELP, parseProfile)
    .option('-e, --entities <list>', 'only these entities, comma-separated (e.g. PERSON,EMAIL_ADDRESS)')
    .option('--ttl <duration>', 'how long the values stay restorable after their last use: 90s, 30m, 24h, 7d (default 24h)')
    .option('--store <url>', 'a PostgreSQL conversation vault (postgres://…) instead of the workspace\'s')
    .option('--json', 'JSON lines out (the only output format; accepted for scripts)')
    .addHelpText('after', `
Output, one line per input line, same order (never the values):
  {"text":"Call <PERSON_1> at <PHONE_NUMBER_1>","placeholders":[{"placeholder":"<PERSON_1>","entity":"PERSON"},…]}
Text of the input shaped like a placeholder is escaped ("<" becomes "＜") so no restore can fill it in.

Examples:
  cordon guard redact --in prompts.jsonl --conversation c-42 > redacted.jsonl
  echo '{"text":"Mail ada@example.com"}' | cordon guard redact --in - --conversation c-42 --entities EMAIL_ADDRESS
  CORDON_TENANT=acme cordon guard redact --in chat.jsonl --conversation c-7 --profile hipaa --ttl 2h`)
    .action(async (f: RedactFlags) => {
      const entities = parseEntities(f.entities);
      const ttlMs = f.ttl === undefined ? undefined : parseTtl(f.ttl);
      const scope = { tenant: tenantOf(f.tenant), conversation: f.conversation };
      await withWorkspace(async (ws) => {
        const vault = await openConversationVault(ws, f.store);
        let lines = 0;
        let placed = 0;
        let escaped = 0;
        try {
          const placer = { place: (values: ReadonlyArray<{ value: string; entity: string }>) => vault.place(scope, values, ttlMs !== undefined ? { ttlMs } : {}) };
          const { withCustomRecognizers } = await import('../../contracts/with-custom-recognizers.js');
          const recognizers = withCustomRecognizers(undefined);
          for await (const { text } of texts(f.in)) {
            const r = await redactText(text, placer, { recognizers, ...(f.profile !== undefined ? { profile: f.profile } : {}), ...(entities !== undefined ? { entities } : {}) });
            lines++;
            placed += r.placeholders.length;
            escaped += r.escaped;
            await write(JSON.stringify({ text: r.text, placeholders: r.placeholders }) + '\n');
          }
          ws.audit.emit(auditEvent({ type: 'guard.redact', outcome: 'success', principal: resolvePrincipal(), attributes: { tenant: scope.tenant, conversation: scope.conversation, lines, placeholders: placed, escaped } }));
        } catch (e) {
          ws.audit.emit(auditEvent({ type: 'guard.redact', outcome: 'failure', principal: resolvePrincipal(), reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL', attributes: { tenant: scope.tenant, conversation: scope.conversation, lines } }));
          throw e;
        } finally {
          await vault.close();
        }
      });
    });

  guard.command('purge')
    .description('delete expired placeholders from the conversation vault (all tenants)')
    .option('--store <url>', 'a PostgreSQL conversation vault (postgres://…) instead of the workspace\'s')
    .option('--json', 'print {"purged": n}')
    .addHelpText('after', `
Placeholders stop resolving when their TTL passes (guard redact --ttl, default 24h); purge deletes
their rows. Run it from cron or a scheduled job.

Examples:
  cordon guard purge
  cordon guard purge --json --store postgres://cordon@db/cordon`)
    .action(async (f: { store?: string; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const vault = await openConversationVault(ws, f.store);
        try {
          const purged = await vault.purgeExpired();
          process.stdout.write(f.json ? JSON.stringify({ purged }) + '\n' : `${purged} expired placeholder(s) deleted\n`);
        } finally {
          await vault.close();
        }
      });
    });

  guard.command('restore')
    .description('put the values behind placeholders back into JSONL answers, if the policies allow you guard:restore (audited)')
    .requiredOption('-i, --in <file>', 'JSONL input, one {"text": ...} per line (the model\'s answers), or - for stdin')
    .requiredOption('--conversation <id>', 'the conversation the placeholders belong to')
    .requiredOption('--purpose <purpose>', 'why you need the values; the policies must allow guard:restore for it')
    .option('--tenant <tenant>', 'the tenant of the conversation (default: CORDON_TENANT, else "default")')
    .option('--policies <dir>', 'the Cedar policy folder that decides (default: the workspace\'s policies/)')
    .option('--store <url>', 'a PostgreSQL conversation vault (postgres://…) instead of the workspace\'s')
    .option('--json', 'JSON lines out (the only output format; accepted for scripts)')
    .addHelpText('after', `
The caller (CORDON_PRINCIPAL or local:<user>, roles from CORDON_ROLES, tenant from CORDON_TENANT) asks
for the action "guard:restore" on Cordon::Conversation::"<tenant>/<conversation>" (its tenant
attribute is the conversation's). policies/llm-app.cedar allows role llm-app of the same tenant with a
purpose. Denied: exit 4, ERR_POLICY_DENIED, nothing printed. Unknown or expired placeholders stay.
Output, one line per input line: {"text":"Dear Ada Lovelace, …","restored":1}

Examples:
  CORDON_PRINCIPAL=support-bot CORDON_ROLES=llm-app CORDON_TENANT=acme cordon guard restore --in answers.jsonl --conversation c-42 --purpose support
  cordon guard restore --in - --conversation c-42 --purpose support --policies policies/ < answers.jsonl`)
    .action(async (f: RestoreFlags) => {
      const tenant = tenantOf(f.tenant);
      const scope = { tenant, conversation: f.conversation };
      await withWorkspace(async (ws) => {
        const principal = resolvePrincipal();
        const base = { tenant, conversation: f.conversation, purpose: f.purpose };
        const fail = (e: unknown, extra: Record<string, string | number> = {}) => {
          ws.audit.emit(auditEvent({ type: 'guard.restore', outcome: 'failure', principal, reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL', attributes: { ...base, ...extra } }));
        };
        let decision;
        try {
          const { PolicyEngine } = await import('../../policy/policy-engine.js');
          let engine;
          if (f.policies !== undefined) engine = PolicyEngine.load(f.policies);
          else {
            const found = workspacePolicies(ws.home);
            if (found.kind !== 'cedar') throw new CordonError('ERR_POLICY_DENIED', 'no Cedar policy folder in the workspace: nothing is restored until there is one (`cordon policy init`, docs/guard.md#restore)');
            engine = PolicyEngine.load(found.dir);
          }
          const roles = (process.env.CORDON_ROLES ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
          const callerTenant = process.env.CORDON_TENANT && process.env.CORDON_TENANT !== '' ? process.env.CORDON_TENANT : undefined;
          decision = engine.authorize(restoreAuthzRequest({ principal: { id: principal, roles, attributes: {}, ...(callerTenant !== undefined ? { tenant: callerTenant } : {}) }, tenant, conversation: f.conversation, purpose: f.purpose }));
          if (!decision.allowed) throw new CordonError('ERR_POLICY_DENIED', `the policies do not allow ${principal} to restore conversation ${tenant}/${f.conversation} for purpose "${f.purpose}"`);
        } catch (e) {
          fail(e, decision !== undefined ? { policies: decision.policies.join(',') } : {});
          throw e;
        }
        const vault = await openConversationVault(ws, f.store);
        let lines = 0;
        let restored = 0;
        try {
          const resolver = { resolve: (ps: readonly string[]) => vault.resolve(scope, ps) };
          for await (const { text } of texts(f.in)) {
            const r = await restoreText(text, resolver);
            lines++;
            restored += r.restored;
            await write(JSON.stringify({ text: r.text, restored: r.restored }) + '\n');
          }
          ws.audit.emit(auditEvent({ type: 'guard.restore', outcome: 'success', principal, attributes: { ...base, lines, restored, policies: decision.policies.join(',') } }));
        } catch (e) {
          fail(e, { lines, restored });
          throw e;
        } finally {
          await vault.close();
        }
      });
    });
}
