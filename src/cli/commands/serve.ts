// `cordon serve`: the HTTPS API (docs/server.md) over the workspace, until SIGTERM or SIGINT; then
// it stops accepting, drains in-flight requests, closes the vault and flushes the audit log.
// `cordon serve --openapi` prints the OpenAPI document instead (docs/openapi.json).
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { CordonError } from '../../errors.js';
import { readServerConfig } from '../../server/config.js';
import { runUntilSignal } from '../../server/listen.js';
import { openApiText } from '../../server/openapi.js';
import { openServer } from '../../server/open.js';
import { openWorkspace } from '../../workspace/workspace.js';
import { notice } from '../output.js';

export function registerServe(program: Command): void {
  program.command('serve')
    .description('run the HTTPS API (TLS 1.3, optional mutual TLS) over the workspace')
    .option('--config <file>', 'server config, YAML or JSON (docs/server.md)')
    .option('--openapi', 'print the OpenAPI document and exit')
    .option('--log-level <level>', 'request log level: silent, error, warn, info', 'info')
    .option('-r, --recognizers <file>', 'custom recognizers for POST /v1/detect, added to the config\'s detect.recognizers (docs/detect.md)')
    .option('--store <url>', 'serve a workspace whose state is in PostgreSQL (postgres://…), shared with other instances; prefer CORDON_STORE to keep a password out of the process list (docs/deploy.md)')
    .addHelpText('after', `
Example:
  cordon certs init --dir certs
  cordon serve --config server.yaml
  cordon serve --config server.yaml --recognizers recognizers.yaml   # POST /v1/detect also finds EMPLOYEE_ID
  CORDON_STORE=postgres://cordon@db/cordon cordon serve --config server.yaml   # one of several instances
Secrets in the config are references ({ file: path } or { env: NAME }), never inline.`)
    .action(async (f: { config?: string; openapi?: boolean; logLevel: string; store?: string; recognizers?: string }) => {
      if (f.openapi) {
        process.stdout.write(openApiText());
        return;
      }
      if (f.config === undefined) throw new CordonError('ERR_USAGE', 'cordon serve needs --config <file> (docs/server.md)');
      if (!['silent', 'error', 'warn', 'info'].includes(f.logLevel)) throw new CordonError('ERR_USAGE', '--log-level must be silent, error, warn or info');
      const read = readServerConfig(f.config);
      const config = f.recognizers === undefined ? read : { ...read, recognizers: [...(read.recognizers ?? []), resolve(f.recognizers)] };
      const ws = await openWorkspace({ onNotice: notice, ...(f.store !== undefined ? { store: f.store } : {}) });
      let opened;
      try {
        opened = await openServer(config, ws, { logger: f.logLevel === 'silent' ? false : { level: f.logLevel } });
      } catch (e) {
        await ws.close();
        throw e;
      }
      for (const n of opened.notices) notice(n);
      // The CLI's own handlers exit at once on a signal; the server drains first.
      process.removeAllListeners('SIGTERM');
      process.removeAllListeners('SIGINT');
      const server = opened;
      const signal = await runUntilSignal(server.app, {
        host: config.listen.host,
        port: config.listen.port,
        onListening: (address) => process.stderr.write(`cordon: listening on ${address} (mtls ${config.tls.mtls})\n`),
        async cleanup() {
          try {
            await server.closeResources();
          } finally {
            await ws.close();
          }
        },
      });
      process.stderr.write(`cordon: stopped (${signal}); in-flight requests drained, audit log flushed\n`);
    });
}
