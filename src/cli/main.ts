// The `cordon` command: parse → call the library → print. No logic of its own beyond mapping
// errors to exit codes (src/cli/exit-codes.ts).
import { Command, CommanderError } from 'commander';
import { CordonError } from '../errors.js';
import { abortPendingFiles } from '../files/io.js';
import { registerDetect } from './commands/detect.js';
import { registerFileCommands } from './commands/encrypt.js';
import { registerInit } from './commands/init.js';
import { registerInspect } from './commands/inspect.js';
import { registerKeys } from './commands/keys.js';
import { registerScan } from './commands/scan.js';
import { registerVault } from './commands/vault.js';
import { registerContract } from './commands/contract.js';
import { registerProtect } from './commands/protect.js';
import { registerReveal } from './commands/reveal.js';
import { registerDemo } from './commands/demo.js';
import { registerManifest } from './commands/manifest.js';
import { registerSign } from './commands/sign.js';
import { registerAudit } from './commands/audit.js';
import { registerLineage } from './commands/lineage.js';
import { registerServe } from './commands/serve.js';
import { registerCerts } from './commands/certs.js';
import { registerPolicy } from './commands/policy.js';
import { registerToken } from './commands/token.js';
import { registerApiKey } from './commands/apikey.js';
import { registerCompletion } from './commands/completion.js';
import { registerRag } from './commands/rag.js';
import { registerGuardRedact } from './commands/guard-redact.js';
import { registerDp } from './commands/dp.js';
import { registerRisk } from './commands/risk.js';
import { registerGuard } from './commands/guard.js';
import { registerErase } from './commands/erase.js';
import { registerReceipt } from './commands/receipt.js';
import { EXIT_CODES, exitCodeFor } from './exit-codes.js';
import { jsonRequested, printError } from './output.js';
import { stopRequested } from './interrupt.js';

export const VERSION = '0.1.0';

/**
 * The program. `writeErr` receives commander's own messages (unknown option, missing argument);
 * with --json, main() collects them into the JSON error instead of printing prose.
 */
export function buildProgram(writeErr: (s: string) => void = (s) => { process.stderr.write(s); }): Command {
  const program = new Command('cordon')
    .version(VERSION)
    .description('Cordon keeps sensitive data safe as it flows through AI and ML pipelines.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr })
    .addHelpText('after', `
Workspace: CORDON_HOME (default ./.cordon) holds config, key store and audit log; create it with \`cordon init\`.
Master key: CORDON_MASTER_KEY (base64) or CORDON_MASTER_KEY_FILE (mode 0600), or see docs/keys.md.
Exit codes: 0 ok, 1 internal, 2 usage, 3 bad input, 4 denied, 5 integrity failure, 6 unavailable (docs/errors.md).
--json: results as JSON on stdout (one document, or JSON lines for streams), and an error as
{"error":{"code","message","exit"}} on stderr.`);
  registerInit(program);
  registerKeys(program);
  registerFileCommands(program);
  registerInspect(program);
  registerDetect(program);
  registerScan(program);
  registerGuard(program);
  registerVault(program);
  registerContract(program);
  registerProtect(program);
  registerReveal(program);
  registerDemo(program);
  registerManifest(program);
  registerSign(program);
  registerAudit(program);
  registerLineage(program);
  registerServe(program);
  registerCerts(program);
  registerPolicy(program);
  registerToken(program);
  registerGuardRedact(program);
  registerRag(program);
  registerApiKey(program);
  registerDp(program);
  registerRisk(program);
  registerErase(program);
  registerReceipt(program);
  registerCompletion(program);
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
}

/**
 * On Ctrl-C or SIGTERM: remove temporary outputs, then exit 130 / 143 as shells expect. A command
 * that runs until stopped (`audit export --follow`) is stopped instead and ends with status 0.
 */
function onInterrupt(signal: NodeJS.Signals, code: number): void {
  process.once(signal, () => {
    if (stopRequested()) return;
    abortPendingFiles();
    process.stderr.write(`cordon: interrupted (${signal}); no output was written\n`);
    process.exit(code);
  });
}

/**
 * `cordon detect … | head -1`: the reader closed the pipe, so the rest of the output has nowhere to
 * go. That is how pipelines end, not a failure: stop quietly with status 0 (no stack trace), for
 * every command. Temporary outputs are removed as on an interrupt.
 */
function onClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    abortPendingFiles();
    process.exit(0);
  });
}

export async function main(argv: string[]): Promise<number> {
  onInterrupt('SIGINT', 130);
  onInterrupt('SIGTERM', 143);
  onClosedPipe(process.stdout);
  const json = jsonRequested(argv.slice(2));
  const program = buildProgram(json ? () => {} : undefined);
  try {
    await program.parseAsync(argv);
    return EXIT_CODES.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are printed by commander and exit 0
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_CODES.ok;
      // commander has printed its message (text mode); with --json it is the error's message
      if (json) printError(new CordonError('ERR_USAGE', e.message.replace(/^error: /, '')), { exit: EXIT_CODES.usage });
      return EXIT_CODES.usage;
    }
    const exit = exitCodeFor(e);
    printError(e, json ? { exit } : undefined);
    return exit;
  }
}
