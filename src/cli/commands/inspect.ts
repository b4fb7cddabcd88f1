// `cordon inspect <file>`: shows an encrypted file's header (suite, segment size, context, which key
// versions wrap its data key) without any key. Nothing shown is verified until the file is opened.
import type { Command } from 'commander';
import { getSuite } from '../../crypto/suites.js';
import { readHeader } from '../../files/header.js';
import { FileSource } from '../../files/io.js';
import { bodyLayout } from '../../files/layout.js';

export function registerInspect(program: Command): void {
  program.command('inspect <file>').addHelpText('after', '\nExamples:\n  cordon inspect train.csv.cdn\n  cordon inspect train.csv.cdn --json')
    .description('show an encrypted file\'s header (keys, versions, context, segment size) without decrypting it')
    .option('--json', 'print JSON')
    .action(async (path: string, f: { json?: boolean }) => {
      const src = new FileSource(path);
      try {
        const p = await readHeader(src);
        let suite = `unknown (${p.header.suiteId})`;
        try { suite = getSuite(p.header.suiteId).name; } catch { /* shown as unknown */ }
        let plaintextBytes: number | null = null;
        try { plaintextBytes = bodyLayout(p.headerLength, p.header.segmentSize, src.size).plaintextLength; } catch { /* truncated */ }
        const info = {
          file: path,
          verified: false,
          suite,
          segmentSize: p.header.segmentSize,
          plaintextBytes,
          context: Object.fromEntries(p.header.context),
          keys: p.header.stanzas.map((s) => ({ name: s.keyName, version: s.version })),
        };
        if (f.json) {
          process.stdout.write(JSON.stringify(info, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          `${path} (header not verified: decrypting checks it)\n` +
            `  suite         ${info.suite}\n  segment size  ${info.segmentSize}\n  plaintext     ${plaintextBytes ?? 'invalid length (truncated or extended)'} bytes\n` +
            `  context       ${p.header.context.map(([k, v]) => `${k}=${v}`).join(' ') || '(none)'}\n` +
            `  keys          ${info.keys.map((k) => `${k.name} v${k.version}`).join(', ')}\n`,
        );
      } finally {
        src.close();
      }
    });
}
