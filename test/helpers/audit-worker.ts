// Appends events to an audit store from a separate process (concurrency and crash tests).
// Usage: node audit-worker.js <sqlite:path | postgres:url#prefix> <count> <batch> <principal>
import { auditEvent } from '../../src/audit/make-event.js';
import { SqliteAuditStore } from '../../src/audit/store/sqlite.js';
import { PostgresAuditStore } from '../../src/audit/store/postgres.js';
import type { AuditStore } from '../../src/audit/store/types.js';

const [loc, countArg, batchArg, principal] = process.argv.slice(2);

async function open(l: string): Promise<AuditStore> {
  if (l.startsWith('sqlite:')) return SqliteAuditStore.open(l.slice(7));
  const [url, prefix] = l.slice(9).split('#');
  return PostgresAuditStore.open(url!, { prefix: prefix! });
}

const store = await open(loc!);
const count = Number(countArg);
const batch = Number(batchArg);
process.stdout.write('ready\n');
for (let done = 0; done < count; done += batch) {
  const events = Array.from({ length: Math.min(batch, count - done) }, (_, i) =>
    auditEvent({ type: 'file.decrypt', outcome: 'success', principal: principal!, attributes: { n: done + i } }));
  await store.append(events);
}
await store.close();
process.stdout.write('done\n');
