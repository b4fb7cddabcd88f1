// `cordon certs init`: development certificates for `cordon serve` (a CA, a server certificate for
// localhost/127.0.0.1, a client certificate naming spiffe://cordon.dev/client). Development only.
import type { Command } from 'commander';
import { createDevCerts } from '../../server/certs.js';

export function registerCerts(program: Command): void {
  const certs = program.command('certs').addHelpText('after', '\nExamples:\n  cordon certs init --dir ./certs').description('development TLS certificates for `cordon serve`');
  certs.command('init').addHelpText('after', '\nExamples:\n  cordon certs init\n  cordon certs init --dir ./certs --days 7 --client-id spiffe://cordon.dev/etl')
    .description('make a DEVELOPMENT CA, server and client certificates with the openssl command (never for production)')
    .option('--dir <dir>', 'where to write them', './certs')
    .option('--days <n>', 'validity in days', '30')
    .option('--client-id <uri>', 'the client certificate\'s SPIFFE id', 'spiffe://cordon.dev/client')
    .option('--client-name <cn>', 'the client certificate\'s CN', 'client')
    .option('--force', 'replace existing files')
    .option('--json', 'print the paths written as JSON')
    .addHelpText('after', `
Writes ca.crt, ca.key, server.crt, server.key, client.crt, client.key (keys mode 0600).
The CA key stays next to the certificates: anyone who reads it can mint clients. Development only.`)
    .action((f: { dir: string; days: string; clientId: string; clientName: string; force?: boolean; json?: boolean }) => {
      const c = createDevCerts(f.dir, { days: Number(f.days), clientId: f.clientId, clientName: f.clientName, ...(f.force ? { force: true } : {}) });
      if (f.json) {
        process.stdout.write(JSON.stringify({ ...c, clientId: f.clientId }) + '\n');
        return;
      }
      process.stdout.write(`development certificates in ${c.dir} (not for production):\n  CA      ${c.ca}\n  server  ${c.serverCert} (localhost, 127.0.0.1)\n  client  ${c.clientCert} (${f.clientId})\n`);
    });
}
