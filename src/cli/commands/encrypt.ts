// `cordon encrypt` / `cordon decrypt` / `cordon rewrap`: encrypted files at rest.
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { CordonError } from '../../errors.js';
import { decryptFile, encryptFile } from '../../files/file-ops.js';
import { rewrapFile } from '../../files/rewrap.js';
import { withWorkspace } from '../context.js';
import { collectContext, collectList, parseSize } from '../options.js';
import { progress } from '../output.js';

function sizeOf(path: string): number | undefined {
  if (path === '-') return undefined;
  try { return statSync(path).size; } catch { return undefined; }
}

/** With -o - stdout carries the data: a JSON result there would corrupt it. */
function refuseJsonOnStdout(f: { output: string; json?: boolean }): void {
  if (f.json === true && f.output === '-') throw new CordonError('ERR_USAGE', '--json prints the result on stdout, which -o - uses for the data: write to a file');
}

export function registerFileCommands(program: Command): void {
  program.command('encrypt <input>')
    .description('encrypt a file (or - for stdin) into Cordon\'s streaming, seekable format')
    .requiredOption('-o, --output <path>', 'output file, or - for stdout')
    .option('-k, --key <name>', 'key to wrap the data key under (repeat for more; default: the workspace default key)', collectList)
    .option('-c, --context <key=value>', 'encryption context, bound to the data; required again to decrypt (repeatable)', collectContext)
    .option('--segment-size <bytes>', 'plaintext bytes per segment, e.g. 16k (C2SP-identical) or 1m (default)', parseSize)
    .option('-f, --force', 'replace an existing output file (never the input)')
    .option('--json', 'print {"output", "plaintextBytes", "segments", "key"} as JSON (not with -o -)')
    .addHelpText('after', `
Examples:
  cordon encrypt data.csv -o data.csv.cdn --context dataset=patients
  tar c model/ | cordon encrypt - -o model.tar.cdn --key models`)
    .action(async (input: string, f: { output: string; key?: string[]; context?: Record<string, string>; segmentSize?: number; force?: boolean; json?: boolean }) => {
      refuseJsonOnStdout(f);
      await withWorkspace(async (ws) => {
        const p = progress('encrypting', sizeOf(input));
        try {
          const r = await encryptFile(ws.keyring, input, f.output, {
            keys: f.key ?? [ws.config.defaultKey],
            ...(f.context ? { context: f.context } : {}),
            ...(f.segmentSize !== undefined ? { segmentSize: f.segmentSize } : {}),
            overwrite: f.force === true,
            onProgress: p.update,
          });
          p.done();
          if (f.json) process.stdout.write(JSON.stringify({ output: f.output, plaintextBytes: r.plaintextBytes, segments: r.segments, key: r.key }) + '\n');
          else if (f.output !== '-') process.stderr.write(`encrypted ${r.plaintextBytes} bytes in ${r.segments} segments under ${r.key.name} v${r.key.version} -> ${f.output}\n`);
        } finally {
          p.done();
        }
      });
    });

  program.command('decrypt <input>').addHelpText('after', '\nExamples:\n  cordon decrypt train.csv.cdn -o train.csv\n  cordon decrypt train.csv.cdn -o - -c dataset=train | head')
    .description('decrypt a Cordon encrypted file (or - for stdin); fails closed with ERR_DECRYPTION_FAILED')
    .requiredOption('-o, --output <path>', 'output file, or - for stdout (check the exit code: see docs/files.md)')
    .option('-c, --context <key=value>', 'the encryption context given at encryption (all of it, repeatable)', collectContext)
    .option('-f, --force', 'replace an existing output file (never the input)')
    .option('--json', 'print {"output", "plaintextBytes", "segments", "key"} as JSON (not with -o -)')
    .action(async (input: string, f: { output: string; context?: Record<string, string>; force?: boolean; json?: boolean }) => {
      refuseJsonOnStdout(f);
      await withWorkspace(async (ws) => {
        const p = progress('decrypting', sizeOf(input));
        try {
          const r = await decryptFile(ws.keyring, input, f.output, { ...(f.context ? { context: f.context } : {}), overwrite: f.force === true, onProgress: p.update });
          p.done();
          if (f.json) process.stdout.write(JSON.stringify({ output: f.output, plaintextBytes: r.plaintextBytes, segments: r.segments, key: r.key }) + '\n');
          else if (f.output !== '-') process.stderr.write(`decrypted ${r.plaintextBytes} bytes (key ${r.key.name} v${r.key.version}) -> ${f.output}\n`);
        } finally {
          p.done();
        }
      });
    });

  program.command('rewrap <files...>').addHelpText('after', '\nExamples:\n  cordon rewrap data/*.cdn\n  cordon rewrap train.csv.cdn --json')
    .description('re-wrap files\' data keys under their keys\' current primary versions; rewrites only the header')
    .option('--json', 'print one JSON object per file')
    .action(async (files: string[], f: { json?: boolean }) => {
      if (files.length === 0) throw new CordonError('ERR_USAGE', 'name at least one file');
      await withWorkspace(async (ws) => {
        for (const path of files) {
          const r = await rewrapFile(ws.keyring, path);
          if (f.json) process.stdout.write(JSON.stringify(r) + '\n');
          else {
            const fmt = (l: ReadonlyArray<{ name: string; version: number }>): string => l.map((k) => `${k.name} v${k.version}`).join(', ');
            process.stdout.write(r.changed ? `${path}: ${fmt(r.from)} -> ${fmt(r.to)}\n` : `${path}: already current (${fmt(r.to)})\n`);
          }
        }
      });
    });
}
