// `cordon manifest create|verify`: dataset versions as manifests of per-file digests
// (docs/manifests.md). Parse → call src/sign → print; differences are listed one per line.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CordonError } from '../../errors.js';
import { pathInside } from '../../sign/artifact-resources.js';
import { createManifest } from '../../sign/create-manifest.js';
import { parseManifest, serializeManifest } from '../../sign/manifest-format.js';
import { assertManifestMatches, verifyManifest } from '../../sign/verify-manifest.js';
import { writeOutputFile } from '../../sign/write-output.js';
import { collectList } from '../options.js';
import { formatBytes, progress } from '../output.js';

function readManifest(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read manifest ${path}`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CordonError('ERR_INPUT_INVALID', `${path} is not a JSON manifest`);
  }
  return parseManifest(json);
}

/** Ignore paths from the command line (relative to the artifact) plus an output that lies inside it. */
function ignoreList(root: string, given: readonly string[], inside: string | undefined): string[] {
  const out = given.map((p) => {
    const rel = pathInside(root, p);
    if (rel === undefined) throw new CordonError('ERR_USAGE', `--ignore ${JSON.stringify(p)} is not inside ${root}`);
    return rel;
  });
  if (inside !== undefined) {
    const rel = pathInside(root, inside, 'cwd');
    if (rel !== undefined) out.push(rel);
  }
  return out;
}

export function registerManifest(program: Command): void {
  const manifest = program.command('manifest').addHelpText('after', '\nExamples:\n  cordon manifest create data/ -o data.manifest.json\n  cordon manifest verify data/').description('record and check dataset versions: every file\'s SHA-256 (and a Merkle root for large files)');

  manifest.command('create <path>')
    .description('hash every file of a directory (or one file) into a manifest')
    .option('-o, --output <manifest.json>', 'write the manifest here (default: stdout)')
    .option('--ignore <path>', 'leave out a path relative to <path> (repeatable)', collectList, [])
    .option('-f, --force', 'replace an existing output file')
    .option('--json', 'with -o: print {"output", "files", "bytes", "version"} as JSON (without -o the manifest itself is the JSON output)')
    .addHelpText('after', `
Symbolic links and special files are refused. Paths are relative, '/'-separated and sorted.
Examples:
  cordon manifest create data/customers -o customers.manifest.json
  cordon manifest verify data/customers --manifest customers.manifest.json`)
    .action(async (path: string, f: { output?: string; ignore: string[]; force?: boolean; json?: boolean }) => {
      const p = progress('hashing', undefined, { off: f.json === true });
      let m;
      try {
        m = await createManifest(path, { ignore: ignoreList(resolve(path), f.ignore, f.output), onProgress: p.update });
      } finally {
        p.done();
      }
      const text = serializeManifest(m);
      if (f.output === undefined || f.output === '-') {
        process.stdout.write(text);
        return;
      }
      writeOutputFile(f.output, text, { overwrite: f.force === true, inputs: [path] });
      const bytes = m.files.reduce((n, e) => n + e.size, 0);
      if (f.json) process.stdout.write(JSON.stringify({ output: f.output, files: m.files.length, bytes, version: m.version }) + '\n');
      else process.stderr.write(`manifest of ${m.files.length} files (${formatBytes(bytes)}), version ${m.version} -> ${f.output}\n`);
    });

  manifest.command('verify <path>').addHelpText('after', '\nExamples:\n  cordon manifest verify data/\n  cordon manifest verify data/ --ignore tmp --json')
    .description('check a directory (or file) against a manifest; lists every changed, added and removed file (exit 5 if any)')
    .requiredOption('-m, --manifest <manifest.json>', 'the manifest to check against')
    .option('--ignore <path>', 'also leave out a path relative to <path> (repeatable)', collectList, [])
    .option('--json', 'print the result as JSON')
    .action(async (path: string, f: { manifest: string; ignore: string[]; json?: boolean }) => {
      const m = readManifest(f.manifest);
      const r = await verifyManifest(path, m, { ignore: ignoreList(resolve(path), f.ignore, f.manifest) });
      if (f.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      else {
        for (const p of r.changed) process.stdout.write(`changed  ${p}\n`);
        for (const p of r.added) process.stdout.write(`added    ${p}\n`);
        for (const p of r.removed) process.stdout.write(`removed  ${p}\n`);
        if (r.ok) process.stdout.write(`ok: ${r.files} files match version ${r.version}\n`);
      }
      assertManifestMatches(r);
    });
}
