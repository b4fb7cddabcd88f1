// `cordon protect <input> --contract <c.yaml> -o <output>`: a protected copy of a dataset, every
// column handled as its contract says, in the input's format or another, optionally encrypted,
// written atomically with a run manifest beside it. Prints counts and paths only; progress goes to
// stderr when it is a terminal.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CordonError } from '../../errors.js';
import { DATASET_FILE_HELP, DATASET_FORMATS, formatFromPath, type DatasetFormat, type TextEncoding } from '../../io/dataset.js';
import type { Delimiter } from '../../io/dialect.js';
import { protectFile, type ProtectProgress, type RunManifest } from '../../pipeline/protect-file.js';
import { newRunId } from '../../lineage/run-id.js';
import { recordProtectLineage } from '../../lineage/record-protect.js';
import { auditEvent } from '../../audit/make-event.js';
import { resolvePrincipal } from '../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { formatBytes, notice } from '../output.js';
import { openVault, readContract } from '../workspace-data.js';
import { openSubjectIndex } from '../../erasure/open-index.js';
import { checkPurpose } from '../../consent/change-consent.js';
import { runGate } from '../../consent/run-gate.js';
import { withRegistry } from './consent.js';
import { recordSubjects, subjectScope } from '../../erasure/record-subjects.js';
import { subjectKeySource } from '../../erasure/subject-keys.js';
import { selectDataset } from '../../contracts/select-dataset.js';
import { parseRequire, riskGateEvent, riskGateFacets, riskGateFor } from './protect-risk-gate.js';
import { DELIMITER_HELP, ENCODING_HELP, parseDelimiterOption, parseEncoding, parseRecordsOption, RECOGNIZERS_HELP, RECORDS_HELP } from '../options.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface ProtectFlags {
  contract: string;
  requireK?: number;
  requireL?: number;
  out: string;
  manifest?: string;
  dataset?: string;
  format?: string;
  inputFormat?: string;
  encrypt?: boolean;
  key?: string;
  onViolation?: string;
  quarantine?: string;
  store?: string;
  workers?: number;
  quiet?: boolean;
  json?: boolean;
  force?: boolean;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  records?: string[];
  outputDelimiter?: Delimiter;
  recognizers?: string;
  purpose?: string;
  withoutConsent?: string;
}

function datasetFormat(flag: string, value: string | undefined): DatasetFormat | undefined {
  if (value === undefined) return undefined;
  if (!(DATASET_FORMATS as readonly string[]).includes(value)) throw new CordonError('ERR_USAGE', `${flag} must be one of ${DATASET_FORMATS.join(', ')}`);
  return value as DatasetFormat;
}

/** `out.csv` → `out.quarantine.<input format>` (keeping a trailing `.cdn`). */
export function defaultQuarantinePath(output: string, inputFormat: DatasetFormat): string {
  const cdn = /\.cdn$/i.test(output) ? output.slice(-4) : '';
  const base = cdn ? output.slice(0, -4) : output;
  const stem = formatFromPath(base) !== undefined ? base.replace(/\.[A-Za-z0-9]+$/, '') : base;
  return `${stem}.quarantine.${inputFormat}${cdn}`;
}

function parseWorkers(value: string): number {
  const n = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= 256)) throw new CordonError('ERR_USAGE', '--workers expects a number of threads from 0 to 256');
  return n;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** A progress line on stderr: rows, bytes read, rows/s and ETA from the bytes left. At most 4 updates a second. */
function progressLine(): { update(p: ProtectProgress): void; done(): void } {
  const t0 = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      shown = true;
      const secs = Math.max(0.001, (now - t0) / 1000);
      const rate = Math.round(p.rows / secs);
      const eta = p.bytesRead > 0 ? ((p.inputBytes - p.bytesRead) * secs) / p.bytesRead : Number.NaN;
      // stdin has no size: rows and bytes only.
      process.stderr.write(p.inputBytes > 0 ? `\r\x1b[K${p.rows} rows, ${formatBytes(p.bytesRead)} of ${formatBytes(p.inputBytes)} read, ${rate} rows/s, ETA ${duration(eta)}` : `\r\x1b[K${p.rows} rows, ${formatBytes(p.bytesRead)} read, ${rate} rows/s`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

export function registerProtect(program: Command): void {
  program.command('protect')
    .description('write a protected copy of a dataset as its data contract says (tokenize, pseudonymize, mask, generalize, encrypt…)')
    .argument('<input>', `the dataset (${DATASET_FILE_HELP}), or - for stdin with --input-format`)
    .requiredOption('-c, --contract <contract.yaml>', 'the data contract (cordon contract init drafts one)')
    .requiredOption('-o, --out <file>', 'the protected copy (compressed when it ends in .gz or .zst), or - for stdout; a run manifest is written beside a file as <file>.manifest.json')
    .option('--manifest <file>', 'write the run manifest here (default: <out>.manifest.json; with -o -, none: a summary goes to stderr)')
    .option('--dataset <name>', 'which dataset of the contract, when it describes several')
    .option('--format <format>', `the output's format: ${DATASET_FORMATS.join(', ')} (default: from the output's extension, else the input's format)`)
    .option('--input-format <format>', `the input's format (default: from its extension)`)
    .option('--encoding <name>', ENCODING_HELP, parseEncoding)
    .option('--delimiter <char>', DELIMITER_HELP, parseDelimiterOption)
    .option('--records <member>', `${RECORDS_HELP}; the output holds the records alone`, parseRecordsOption)
    .option('--output-delimiter <char>', 'CSV output delimiter (default: the input\'s, but never tab in a .csv: tab-delimited input is written comma-delimited to .csv; CSV output keeps the input\'s quote character, line ending and header row)', parseDelimiterOption)
    .option('-r, --recognizers <file>', `${RECOGNIZERS_HELP}; joined to the contract's own (cordonRecognizers) for the undeclared-data check and the text operator`)
    .option('--encrypt', 'write the output as a Cordon encrypted file (open it with cordon decrypt)')
    .option('-k, --key <name>', 'with --encrypt: the key to encrypt under (default: the workspace default key)')
    .option('--on-violation <action>', 'a row holding personal data the contract does not declare: fail (default) or quarantine')
    .option('--quarantine <file>', 'where quarantined rows go, in the input\'s format (implies --on-violation quarantine; default <out>.quarantine.<format>)')
    .option('--workers <n>', 'worker threads that check and protect rows while the main thread reads, tokenizes and writes (default: for inputs from 8 MiB one per CPU core beyond the first, 1 or 2; else 0)', parseWorkers)
    .option('--store <url>', 'a PostgreSQL vault (postgres://…) instead of the workspace\'s vault.db (or CORDON_VAULT_URL)')
    .option('-f, --force', 'replace an existing output, quarantine file or manifest (never an input: the dataset or the contract)')
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print the run manifest as JSON on stdout (no progress)')
    .option('--require-k <n>', 'refuse the release (nothing written, exit 4, ERR_RISK_TARGET_UNMET) when a class of rows sharing the contract\'s quasi-identifiers, as written, has fewer than n rows (docs/privacy.md)', parseRequire('--require-k'))
    .option('--purpose <purpose>', 'the run\'s purpose: only rows whose data subject granted it in the consent registry are protected (docs/consent.md); needed when the contract sets cordonConsent: { required: true }')
    .option('--without-consent <action>', 'with --purpose, a row whose subject did not grant it: drop (default) or quarantine')
    .option('--require-l <n>', 'with --require-k: also when a class has fewer than n distinct values of a sensitive column', parseRequire('--require-l'))
    .addHelpText('after', `
The output is written to a temporary file and renamed when the run succeeds: a failed run leaves
nothing (no output, no quarantine file, no manifest). An existing output, quarantine file or
manifest is refused (exit 2, ERR_OUTPUT_EXISTS) unless --force; an input never is. A column the contract does not declare, an empty required
column or a value an operator cannot handle stops the run with the row number (exit 3).
With --encrypt the bytes are encrypted as they are written; no plaintext copy touches the disk.

Examples:
  cordon contract init customers.csv -o customers.odcs.yaml   # review it, then:
  cordon protect customers.csv -c customers.odcs.yaml -o customers.protected.csv
  cordon protect events.parquet -c events.odcs.yaml -o events.protected.parquet
  cordon protect customers.csv -c customers.odcs.yaml -o customers.protected.parquet   # CSV in, Parquet out
  cordon protect customers.jsonl -c customers.odcs.yaml -o out.jsonl.cdn --encrypt --key exports
  cordon protect customers.csv -c customers.odcs.yaml -o out.csv --on-violation quarantine
  cordon protect patients.csv -c patients.odcs.yaml -o release.csv --require-k 5 --require-l 2   # risk gate
  cordon protect customers.csv -c customers.odcs.yaml -o out.csv --json > run.json
  cordon protect customers.csv -c customers.odcs.yaml -o out.csv --force   # replace last run's out.csv
  cordon protect export.csv -c export.odcs.yaml -o out.csv --encoding latin1 --delimiter ';'
  cordon protect export.csv -c export.odcs.yaml -o out.csv --output-delimiter ,   # ; in, , out
  cordon protect api-export.json --records data -c export.odcs.yaml -o out.jsonl   # {"data": [...]} in
  cordon protect staff.csv -c staff.odcs.yaml -o out.csv --recognizers more-recognizers.yaml
  cordon protect events.jsonl.zst -c events.odcs.yaml -o events.protected.jsonl.gz   # compressed in and out
  zcat raw.csv.gz | cordon protect - --input-format csv -c c.odcs.yaml -o - --manifest run.json | gzip > out.csv.gz`)
    .action(async (input: string, f: ProtectFlags) => {
      // Checked before the workspace opens, so a misuse records nothing.
      const toStdout = f.out === '-';
      if (f.quarantine === '-' || f.manifest === '-') throw new CordonError('ERR_USAGE', '--quarantine and --manifest name files; only the data goes to stdout (-o -)');
      if (toStdout && f.json === true) throw new CordonError('ERR_USAGE', '--json prints the manifest on stdout, which -o - uses for the data: write it with --manifest FILE');
      if (input === '-' && f.inputFormat === undefined) throw new CordonError('ERR_USAGE', 'reading stdin (-) needs --input-format csv, tsv or jsonl');
      if (toStdout && f.onViolation === 'quarantine' && f.quarantine === undefined) throw new CordonError('ERR_USAGE', 'with -o -, name the quarantine file: --quarantine FILE');
      const format = datasetFormat('--format', f.format);
      const inputFormat = datasetFormat('--input-format', f.inputFormat);
      if (f.onViolation !== undefined && f.onViolation !== 'fail' && f.onViolation !== 'quarantine') throw new CordonError('ERR_USAGE', '--on-violation must be fail or quarantine');
      if (f.onViolation === 'fail' && f.quarantine !== undefined) throw new CordonError('ERR_USAGE', '--quarantine and --on-violation fail contradict each other');
      if (f.key !== undefined && f.encrypt !== true) throw new CordonError('ERR_USAGE', '--key names the key for --encrypt; add --encrypt');
      if (f.withoutConsent !== undefined && f.withoutConsent !== 'drop' && f.withoutConsent !== 'quarantine') throw new CordonError('ERR_USAGE', '--without-consent must be drop or quarantine');
      if (f.withoutConsent !== undefined && f.purpose === undefined) throw new CordonError('ERR_USAGE', '--without-consent applies to a run with --purpose');
      if (f.withoutConsent === 'quarantine' && f.onViolation === 'fail') throw new CordonError('ERR_USAGE', '--without-consent quarantine writes a quarantine file, which --on-violation fail refuses: choose one');
      if (f.withoutConsent === 'quarantine' && toStdout && f.quarantine === undefined) throw new CordonError('ERR_USAGE', 'with -o -, name the quarantine file: --quarantine FILE');
      if (f.purpose !== undefined) checkPurpose(f.purpose);
      const quarantineFormat = inputFormat ?? formatFromPath(input);
      const quarantine = f.quarantine ?? ((f.onViolation === 'quarantine' || f.withoutConsent === 'quarantine') && quarantineFormat !== undefined ? defaultQuarantinePath(f.out, quarantineFormat) : undefined);
      const contract = readContract(f.contract, f.recognizers);
      // Fail closed: a dataset whose contract requires consent is never protected without a purpose to check it against.
      const consentDataset = selectDataset(contract, f.dataset);
      if (consentDataset.consent?.required === true && f.purpose === undefined) throw new CordonError('ERR_USAGE', `the contract requires consent for dataset ${consentDataset.name} (cordonConsent): name the run's purpose with --purpose`);
      const gate = riskGateFor(contract, f.dataset, f);
      // The audit names the custom entities a run detected with, and the digest of their recognizers.
      const custom: Record<string, string> = contract.recognizers === undefined ? {} : { recognizers: contract.recognizers.entities.join(','), recognizersSha256: contract.recognizers.sha256 };
      await withWorkspace(async (ws) => {
        const { vault, description } = await openVault(ws, f.store);
        // The subject index (docs/erasure.md): which output rows belong to which subject, and the
        // tombstones of erased subjects, whose rows this run drops. Only for datasets with a primaryKey.
        const dataset = selectDataset(contract, f.dataset);
        const index = dataset.subject !== undefined && !toStdout ? await openSubjectIndex(ws.store.kind === 'local' ? { kind: 'local', home: ws.home } : { kind: 'postgres', url: ws.store.url }) : undefined;
        const shown = process.stderr.isTTY === true && f.quiet !== true && f.json !== true && !process.env.CI;
        const p = shown ? progressLine() : undefined;
        // Lineage: START now, then COMPLETE with the manifest or FAIL with the (cleaned) error. An
        // unreachable lineage endpoint is a warning; the events stay in lineage.db (docs/lineage.md).
        const lineage = { contract, runId: newRunId(), cordonVersion: VERSION, ...(f.dataset !== undefined ? { dataset: f.dataset } : {}) };
        const lineageAt = ws.lineage;
        const paths = { input, output: f.out, ...(quarantine !== undefined ? { quarantine } : {}) };
        const warn = (r: { warnings: string[] }): void => { if (f.quiet !== true) for (const w of r.warnings) notice(w); };
        try {
          warn(await recordProtectLineage(lineageAt, { ...lineage, phase: 'start', ...paths }, { home: ws.home }));
          let m: RunManifest;
          // Consent (docs/consent.md): the grants that stood when the run started.
          const consent = f.purpose === undefined ? undefined : await withRegistry(ws, (registry) => runGate(registry, ws.keyring, {
            dataset, purpose: f.purpose!, onMissing: f.withoutConsent === 'quarantine' ? 'quarantine' : 'drop',
          }));
          const subjects = index === undefined ? undefined : await recordSubjects(index, ws.keyring, {
            runId: lineage.runId, contractId: contract.id, dataset, output: f.out, manifest: f.manifest ?? `${f.out}.manifest.json`,
          });
          try {
            // Columns encrypted with keyScope: subject take each subject's own key (docs/erasure.md#subject-keys).
            const subjectKeys = index !== undefined && dataset.columns.some((c) => c.protect?.keyScope === 'subject')
              ? await subjectKeySource(index, ws.keyring, subjectScope(contract.id, dataset.name)) : undefined;
            m = await protectFile({
              ...(subjects !== undefined ? { subjects: subjects.sink } : {}),
              ...(consent !== undefined ? { consent } : {}),
              ...(subjectKeys !== undefined ? { subjectKeys } : {}),
              input, output: f.out, contract, keyring: ws.keyring, vault, cordonVersion: VERSION,
              vaultDescription: description, force: f.force === true, inputs: [f.contract, ...(f.recognizers !== undefined ? [f.recognizers] : [])],
              ...(f.dataset !== undefined ? { dataset: f.dataset } : {}),
              ...(format !== undefined ? { format } : {}),
              ...(inputFormat !== undefined ? { inputFormat } : {}),
              ...(f.encoding !== undefined ? { encoding: f.encoding } : {}),
              ...(f.delimiter !== undefined ? { delimiter: f.delimiter } : {}),
              ...(f.records !== undefined ? { records: f.records } : {}),
              ...(f.outputDelimiter !== undefined ? { outputDelimiter: f.outputDelimiter } : {}),
              ...(f.encrypt === true ? { encrypt: { key: f.key ?? ws.config.defaultKey } } : {}),
              ...(quarantine !== undefined ? { quarantine } : {}),
              ...(f.manifest !== undefined ? { manifest: f.manifest } : {}),
              ...(f.workers !== undefined ? { workers: f.workers } : {}),
              ...(p ? { onProgress: p.update } : {}),
              ...(gate !== undefined ? { releaseCheck: gate } : {}),
            });
            await subjects?.complete();
          } catch (e) {
            await subjects?.abort().catch(() => undefined);
            p?.done();
            ws.audit.emit(auditEvent({ type: 'protect.run', outcome: 'failure', principal: resolvePrincipal(), reason: e instanceof CordonError ? e.code : 'ERR_INTERNAL', attributes: {
              contract: contract.id, contractSha256: contract.sha256, input: input, output: f.out, ...custom,
              // Undeclared personal data: the entity kinds found (names such as EMAIL_ADDRESS or EMPLOYEE_ID, never a value).
              ...(e instanceof CordonError && e.code === 'ERR_UNDECLARED_PERSONAL_DATA' && typeof e.details?.['entities'] === 'string' ? { entities: e.details['entities'] } : {}),
            } }));
            const refused = riskGateEvent(gate, resolvePrincipal(), { contract: contract.id, dataset: f.dataset ?? contract.datasets[0]!.name, output: f.out });
            if (refused !== undefined) ws.audit.emit(refused);
            await recordProtectLineage(lineageAt, { ...lineage, phase: 'fail', ...paths, error: e, runFacets: riskGateFacets(gate) }, { home: ws.home }).then(warn, () => undefined);
            throw e;
          }
          p?.done();
          // Counts, paths and digests only: never a value.
          ws.audit.emit(auditEvent({ type: 'protect.run', outcome: 'success', principal: resolvePrincipal(), attributes: {
            contract: contract.id, contractSha256: contract.sha256, runId: lineage.runId, input: input, inputSha256: m.input.sha256, output: m.output.path, outputSha256: m.output.sha256,
            rowsIn: m.rows.in, rowsOut: m.rows.out, rowsQuarantined: m.rows.quarantined, ...(m.rows.erased !== undefined ? { rowsErased: m.rows.erased } : {}), encrypted: m.output.encrypted, ...custom,
            ...(m.consent !== undefined ? { purpose: m.consent.purpose, rowsWithoutConsent: m.rows.withoutConsent ?? 0, withoutConsent: m.consent.onMissing } : {}),
          } }));
          const passed = riskGateEvent(gate, resolvePrincipal(), { contract: contract.id, dataset: m.contract.dataset, output: m.output.path });
          if (passed !== undefined) ws.audit.emit(passed);
          warn(await recordProtectLineage(lineageAt, { ...lineage, phase: 'complete', manifest: m, runFacets: riskGateFacets(gate) }, { home: ws.home }));
          // Text outputs are UTF-8 whatever the input's encoding: said, so an Excel user re-opening a UTF-16 export knows.
          // A delimiter changed on the way (tab in, a .csv out; --output-delimiter) is said too.
          const shown = (d: string): string => ({ '\t': 'tab', ',': 'comma', ';': 'semicolon', '|': 'pipe' } as Record<string, string>)[d] ?? d;
          const redelimited = m.input.delimiter !== undefined && m.output.delimiter !== undefined && m.input.delimiter !== m.output.delimiter
            ? `; ${shown(m.input.delimiter)}-delimited in, ${shown(m.output.delimiter)}-delimited out` : '';
          const recoded = (m.input.encoding !== undefined && m.output.format !== 'parquet' ? `; read as ${m.input.encoding.toUpperCase()}, written as UTF-8` : '') + redelimited;
          if (f.json) process.stdout.write(JSON.stringify(m, null, 2) + '\n');
          else if (toStdout) {
            // The data is on stdout: the summary (counts and digests, never a value) goes to stderr.
            if (f.quiet !== true) {
              const q = m.quarantine ? `; ${m.rows.quarantined} row(s) quarantined → ${m.quarantine.path}` : '';
              process.stderr.write(`cordon: protected ${m.rows.out} of ${m.rows.in} row(s) → stdout (${m.output.format}${m.output.compression ? `, ${m.output.compression}` : ''}; sha256 ${m.output.sha256}; input sha256 ${m.input.sha256}${f.manifest !== undefined ? `; manifest ${f.manifest}` : ''}${recoded})${q}\n`);
            }
          } else if (f.quiet !== true) {
            const enc = m.output.encryption ? `, encrypted under ${m.output.encryption.key.name} v${m.output.encryption.key.version}` : '';
            const q = (m.quarantine ? `; ${m.rows.quarantined} row(s) quarantined → ${m.quarantine.path}` : '')
              + (m.rows.erased ? `; ${m.rows.erased} row(s) of erased subjects dropped` : '')
              + (m.consent !== undefined && m.rows.withoutConsent ? `; ${m.rows.withoutConsent} row(s) without consent for ${m.consent.purpose} ${m.consent.onMissing === 'quarantine' ? 'quarantined' : 'dropped'}` : '');
            process.stdout.write(`protected ${m.rows.out} row(s) → ${m.output.path} (${m.output.format}${enc}; manifest ${f.manifest ?? `${m.output.path}.manifest.json`}${recoded})${q}\n`);
          }
        } finally {
          p?.done();
          await index?.close();
          await vault.close();
        }
      });
    });
}
