// The `cordon` command: parse → call the library → print. No logic of its own beyond mapping
// errors to exit codes (src/cli/exit-codes.ts).
import { Command, CommanderError } from 'commander';
import { CordonError } from '../errors.js';
import { abortPendingFiles } from '../files/io.js';
import { EXIT_CODES, exitCodeFor } from './exit-codes.js';
import { jsonRequested, printError } from './output.js';
import { stopRequested } from './interrupt.js';

export const VERSION = '0.1.0';

type Register = (program: Command) => void;

/**
 * Every module that registers top-level commands, in help order, with the names it registers, loaded
 * on demand: `cordon detect` then loads the detector and not the server, the vault drivers or the RAG
 * store (all modules together cost ~1.3 s of CPU to load, the detect command's alone ~0.4 s).
 * `guard` is registered by two modules. test/unit/cli/lazy-commands.test.ts keeps the names in step.
 */
export const COMMAND_MODULES: readonly { readonly names: readonly string[]; readonly load: () => Promise<Register> }[] = [
  { names: ['init'], load: async () => (await import('./commands/init.js')).registerInit },
  { names: ['keys'], load: async () => (await import('./commands/keys.js')).registerKeys },
  { names: ['encrypt', 'decrypt', 'rewrap'], load: async () => (await import('./commands/encrypt.js')).registerFileCommands },
  { names: ['inspect'], load: async () => (await import('./commands/inspect.js')).registerInspect },
  { names: ['detect'], load: async () => (await import('./commands/detect.js')).registerDetect },
  { names: ['scan'], load: async () => (await import('./commands/scan.js')).registerScan },
  { names: ['guard'], load: async () => (await import('./commands/guard.js')).registerGuard },
  { names: ['vault'], load: async () => (await import('./commands/vault.js')).registerVault },
  { names: ['contract'], load: async () => (await import('./commands/contract.js')).registerContract },
  { names: ['protect'], load: async () => (await import('./commands/protect.js')).registerProtect },
  { names: ['reveal'], load: async () => (await import('./commands/reveal.js')).registerReveal },
  { names: ['demo'], load: async () => (await import('./commands/demo.js')).registerDemo },
  { names: ['manifest'], load: async () => (await import('./commands/manifest.js')).registerManifest },
  { names: ['sign', 'verify'], load: async () => (await import('./commands/sign.js')).registerSign },
  { names: ['audit'], load: async () => (await import('./commands/audit.js')).registerAudit },
  { names: ['lineage'], load: async () => (await import('./commands/lineage.js')).registerLineage },
  { names: ['serve'], load: async () => (await import('./commands/serve.js')).registerServe },
  { names: ['certs'], load: async () => (await import('./commands/certs.js')).registerCerts },
  { names: ['policy'], load: async () => (await import('./commands/policy.js')).registerPolicy },
  { names: ['token'], load: async () => (await import('./commands/token.js')).registerToken },
  { names: ['guard'], load: async () => (await import('./commands/guard-redact.js')).registerGuardRedact },
  { names: ['rag'], load: async () => (await import('./commands/rag.js')).registerRag },
  { names: ['apikey'], load: async () => (await import('./commands/apikey.js')).registerApiKey },
  { names: ['dp'], load: async () => (await import('./commands/dp.js')).registerDp },
  { names: ['risk'], load: async () => (await import('./commands/risk.js')).registerRisk },
  { names: ['erase'], load: async () => (await import('./commands/erase.js')).registerErase },
  { names: ['retention'], load: async () => (await import('./commands/retention.js')).registerRetention },
  { names: ['receipt'], load: async () => (await import('./commands/receipt.js')).registerReceipt },
  { names: ['consent'], load: async () => (await import('./commands/consent.js')).registerConsent },
  // Generated from the whole command tree, so it always takes every module.
  { names: ['completion'], load: async () => (await import('./commands/completion.js')).registerCompletion },
];

/** The modules `cordon <command>` needs: the ones registering it, or all (help, completion, a typo). */
function modulesFor(command: string | undefined): typeof COMMAND_MODULES {
  if (command === undefined || command === 'completion') return COMMAND_MODULES;
  const some = COMMAND_MODULES.filter((m) => m.names.includes(command));
  return some.length === 0 ? COMMAND_MODULES : some;
}

/**
 * The program. `writeErr` receives commander's own messages (unknown option, missing argument);
 * with --json, main() collects them into the JSON error instead of printing prose. With `command`
 * (the first word of the command line), only the modules registering that command are loaded, and
 * the program holds that command alone, defined exactly as in the whole program.
 */
export async function buildProgram(writeErr: (s: string) => void = (s) => { process.stderr.write(s); }, command?: string): Promise<Command> {
  const wanted = modulesFor(command);
  const registers = await Promise.all(wanted.map((m) => m.load()));
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
  for (const register of registers) register(program);
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
  const program = await buildProgram(json ? () => {} : undefined, argv[2]);
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
