// The dataset formats Cordon reads and writes, the extensions that name them, and the one sentence
// help texts and docs use to list them: the single list, so `--help` of every command that reads a
// dataset says what the readers actually take. Pure and import-free (no parser loads with it), so a
// command's options can name the formats without loading papaparse or hyparquet at start-up.

export const DATASET_FORMATS = ['csv', 'tsv', 'jsonl', 'json', 'parquet'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

// `.txt` is delimited text with its delimiter sniffed (tab, comma, semicolon or pipe): Excel's "Unicode
// Text" export (UTF-16LE with a BOM, tab, CRLF) and LibreOffice's "Text CSV" saved as .txt.
export const EXTENSIONS: Readonly<Record<string, DatasetFormat>> = {
  csv: 'csv', tsv: 'tsv', tab: 'tsv', txt: 'csv', jsonl: 'jsonl', ndjson: 'jsonl', json: 'json', parquet: 'parquet', pq: 'parquet',
};

/** The extensions formatFromPath knows, for messages: `.csv, .tsv, .tab, .txt, …`. */
export const DATASET_EXTENSIONS = Object.keys(EXTENSIONS).map((e) => `.${e}`).join(', ');

/** What a dataset argument may be, for help texts: every format the readers take, compression included. */
export const DATASET_FILE_HELP = 'CSV, TSV, delimited .txt, JSONL, a JSON array (.json) or Parquet; .gz and .zst are decompressed';
