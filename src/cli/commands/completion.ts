// `cordon completion bash|zsh|fish`: prints a completion script generated from the command tree
// (src/cli/completion-script.ts), so it always matches the installed version's commands and options.
import { Argument, type Command } from 'commander';
import { COMPLETION_SHELLS, completionScript, type CompletionShell } from '../completion-script.js';

export function registerCompletion(program: Command): void {
  program.command('completion')
    .description('print a shell completion script for bash, zsh or fish (generated from the command tree)')
    .addArgument(new Argument('<shell>', 'the shell').choices(COMPLETION_SHELLS))
    .addHelpText('after', `
Examples:
  source <(cordon completion bash)                        # this shell only; add it to ~/.bashrc to keep it
  cordon completion bash > ~/.local/share/bash-completion/completions/cordon
  cordon completion zsh > "\${fpath[1]}/_cordon"
  cordon completion fish > ~/.config/fish/completions/cordon.fish`)
    .action((shell: CompletionShell, _f: unknown, cmd: Command) => {
      let root = cmd;
      while (root.parent !== null) root = root.parent;
      process.stdout.write(completionScript(root, shell));
    });
}
