// The protect step over records: each column's operator from the contract applied to every value,
// vault tokenization in one batch per column per block of records (no round trip per value), row
// order kept. A record with a column the contract does not declare, or without a required column,
// stops the run with its row number: the contract must describe the data (fail closed). Records go
// in and come out typed and nested (io/value.ts): checks and operators see the string view, and
// typed-output.ts puts each output back at its path in its declared type.
import { CordonError } from '../errors.js';
import type { ContractDataset } from '../contracts/types.js';
import { recordView, type DatasetRecord, type RecordView } from '../io/record.js';
import { nullMarkersOf, nullsRead, type NullMarkers } from '../io/null-values.js';
import type { TypedRecord } from '../io/value.js';
import { listElements, listText, mapList, parseList, type ListNode } from '../io/list-text.js';
import { typedOutput } from './typed-output.js';
import type { TokenizeParams } from '../contracts/tokenize-params.js';
import type { OperatorKeys } from '../transform/types.js';
import { planPurposes, type ColumnPlan } from './column-plan.js';
import { recordChecker } from './check-records.js';
import { applyBlock, fromBlockError, Memo, type BlockResult } from './apply-block.js';
import { BlockWorkerPool } from './block-worker-pool.js';
import type { ProtectBlock, ProtectWorkerData } from './protect-worker.js';
import type { SubjectKeySource } from './subject-keys.js';
import { sealForSubject } from '../transform/operators/encrypt-subject.js';

/**
 * Characters of values a block holds at most (plus its last record): 2,000 records of a typical
 * table are far below it, 2,000 records of 8 MB cells are not. With at most two blocks in flight per
 * worker, the records held between the reader, the workers and the writer stay bounded whatever the
 * cells' size.
 */
export const BLOCK_CHARS = 4 * 1024 * 1024;

/** Characters of a flat record's values (names are shared by every record, not counted). */
function recordChars(record: DatasetRecord): number {
  let n = 0;
  for (const k in record) {
    const v = record[k];
    if (typeof v === 'string') n += v.length;
  }
  return n;
}

/** A list column's value as its elements; a value that is not a list names its row and column. */
function listAt(text: string, row: number, column: string): ListNode[] {
  try {
    return parseList(text);
  } catch (e) {
    if (!(e instanceof CordonError)) throw e;
    throw new CordonError(e.code, `row ${row}, column ${JSON.stringify(column)}: ${e.message}`, { details: { ...(e.details ?? {}), row, column } });
  }
}

/** The vault as the protect step needs it. */
export interface Tokenizer {
  tokenize(namespace: string, values: readonly string[], options?: { format?: TokenizeParams['format'] }): Promise<string[]>;
}

export interface ProtectRecordsInput {
  readonly dataset: ContractDataset;
  readonly plan: readonly ColumnPlan[];
  readonly keys: OperatorKeys;
  readonly vault?: Tokenizer;
  /** Keys of the dataset's subjects, for columns encrypted with keyScope subject (src/erasure/subject-keys.ts). */
  readonly subjectKeys?: SubjectKeySource;
  /** Records per block (one vault batch per tokenized column per block). Default 2,000. */
  readonly block?: number;
  /** Characters of values per block (default BLOCK_CHARS): a block ends at `block` records or at this many characters, whichever comes first. */
  readonly blockChars?: number;
  /** Called after each block with the number of records it held. */
  readonly onBlock?: (rows: number) => void;
  /** The output has nulls (JSON, Parquet): the dataset's null markers are written as null (typed-output.ts). */
  readonly markersAsNull?: boolean;
  /**
   * Where records holding undeclared personal data go (the original record, its 1-based row and
   * the reasons, which name columns and entity kinds only). Without it such a record stops the run
   * with ERR_UNDECLARED_PERSONAL_DATA.
   */
  readonly onQuarantine?: (record: TypedRecord, row: number, reasons: readonly string[]) => void | Promise<void>;
  /**
   * Worker threads that check and protect blocks while this thread reads, tokenizes and writes
   * (default 0: all inline). Output order is the input's either way.
   */
  readonly workers?: number;
}

/**
 * Protects records block by block, in order. Each record is first checked against the contract
 * (check-records.ts); rows are numbered from 1 (data rows) in every error.
 */
export async function* protectRecords(records: AsyncIterable<TypedRecord>, input: ProtectRecordsInput): AsyncGenerator<TypedRecord> {
  const quarantine = input.onQuarantine;
  const block = input.block ?? 2000;
  const blockChars = input.blockChars ?? BLOCK_CHARS;
  const workers = input.workers ?? 0;
  const tokenized = input.plan.filter((p) => p.operator === 'tokenize');
  if (tokenized.length > 0 && input.vault === undefined) throw new CordonError('ERR_INTERNAL', 'tokenize needs a vault');
  const subjectKeyed = input.plan.filter((p) => p.subjectKeyed === true);
  const subjectColumn = input.dataset.subject;
  // The dataset's null markers are no values: read as null in the view every check and operator
  // sees; typedOutput leaves a cell that was null there as the input wrote it.
  const nulls = nullMarkersOf(input.dataset.columns);
  const markersAsNull = nulls !== undefined && input.markersAsNull === true;
  if (subjectKeyed.length > 0 && (input.subjectKeys === undefined || subjectColumn === undefined)) {
    throw new CordonError('ERR_USAGE', 'this dataset encrypts with keyScope: subject, which needs the workspace\'s subject index: protect it with cordon protect into a file');
  }
  // Key material for the workers: the primary version of each purpose the plan needs.
  const pool = workers > 0
    ? new BlockWorkerPool<ProtectBlock, BlockResult>({
      worker: new URL('./protect-worker.js', import.meta.url), size: workers, label: 'protect',
      data: { dataset: input.dataset, keys: planPurposes(input.plan).map((p) => [p, input.keys.material(p)] as const), quarantine: quarantine !== undefined } satisfies ProtectWorkerData,
    })
    : undefined;
  const ctx = pool === undefined ? { dataset: input.dataset, plan: input.plan, keys: input.keys, checker: recordChecker(input.dataset), quarantine: quarantine !== undefined } : undefined;
  // Tokens are convergent (one per value and namespace), so a value tokenized earlier in the run
  // keeps its token without another vault call. In memory only, bounded per column.
  const tokenMemos = new Map(tokenized.map((p) => [p.name, new Memo<string>()] as const));
  // Blocks in flight, oldest first: results are taken in this order, so row order is kept.
  interface Block { records: TypedRecord[]; views: RecordView[]; rows: number[]; result: Promise<BlockResult> }
  const inflight: Block[] = [];
  const maxInflight = Math.max(1, workers * 2);

  const finish = async function* (this: void, b: Block): AsyncGenerator<TypedRecord> {
    const res = await b.result;
    for (const q of res.quarantined) await quarantine!(b.records[q.index]!, b.rows[q.index]!, q.reasons);
    if (res.error !== undefined) throw fromBlockError(res.error);
    const out = res.out;
    for (const p of tokenized) {
      // One vault call per column per block, for the distinct values the run has not tokenized yet
      // (first appearance order, so a refused value is the first row holding it).
      // A list column's elements are tokenized like values (io/list-text.ts): one token per element
      // value, so a value in two lists gets one token; the lists are rebuilt once the tokens are in.
      const memo = tokenMemos.get(p.name)!;
      const rowsOf = new Map<string, number[]>();
      const values: string[] = [];
      const lists = new Map<number, ListNode[]>();
      /** Each list element's token (the memo may forget one mid-block: it is bounded). */
      const tokenOf = new Map<string, string>();
      const want = (v: string, i: number): void => {
        const at = rowsOf.get(v);
        if (at !== undefined) { at.push(i); return; }
        if (tokenOf.has(v)) return;
        const known = memo.get(v);
        if (known !== undefined) { tokenOf.set(v, known); return; }
        rowsOf.set(v, [i]);
        values.push(v);
      };
      for (let i = 0; i < out.length; i++) {
        const o = out[i];
        if (o === null || o === undefined) continue;
        const v = b.views[i]!.record[p.name];
        if (v === null || v === undefined || v === '') { o[p.name] = v ?? null; continue; }
        if (p.list === true) {
          const nodes = listAt(v, b.rows[i]!, p.name);
          lists.set(i, nodes);
          for (const e of listElements(nodes)) want(e, i);
          continue;
        }
        const known = memo.get(v);
        if (known !== undefined) { o[p.name] = known; continue; }
        const at = rowsOf.get(v);
        if (at !== undefined) { at.push(i); continue; }
        rowsOf.set(v, [i]);
        values.push(v);
      }
      if (values.length > 0) {
        const tokens = await input.vault!.tokenize(p.namespace!, values, p.tokenFormat ? { format: p.tokenFormat } : {}).catch((e: unknown) => {
          // A value its token format cannot take (vault details: index, reason): name its row and column.
          const d = e instanceof CordonError ? e.details : undefined;
          if (typeof d?.['index'] !== 'number' || typeof d['reason'] !== 'string') throw e;
          const at = b.rows[rowsOf.get(values[d['index']]!)![0]!]!;
          throw new CordonError((e as CordonError).code, `row ${at}, column ${JSON.stringify(p.name)}: the value ${d['reason']}`, { details: { row: at, column: p.name } });
        });
        values.forEach((v, k) => {
          const t = tokens[k]!;
          memo.set(v, t);
          if (p.list === true) { tokenOf.set(v, t); return; }
          for (const i of rowsOf.get(v)!) out[i]![p.name] = t;
        });
      }
      for (const [i, nodes] of lists) out[i]![p.name] = listText(mapList(nodes, (e) => (e === '' ? e : tokenOf.get(e)!)));
    }
    if (subjectKeyed.length > 0) {
      // One key per subject, fetched (or made) for the block's subjects at once; a value without a
      // subject cannot be sealed under a subject key (fail closed).
      const ids: string[] = [];
      const at: number[] = [];
      for (let i = 0; i < out.length; i++) {
        const o = out[i];
        if (o === null || o === undefined) continue;
        const record = b.views[i]!.record;
        const id = record[subjectColumn!];
        if (id === null || id === undefined || id === '') {
          const column = subjectKeyed.find((p) => { const v = record[p.name]; return v !== null && v !== undefined && v !== ''; });
          if (column === undefined) { for (const p of subjectKeyed) o[p.name] = record[p.name] ?? null; continue; }
          const row = b.rows[i]!;
          throw new CordonError('ERR_INPUT_INVALID', `row ${row}, column ${JSON.stringify(column.name)}: encrypted with keyScope: subject, but the row has no subject id (column ${JSON.stringify(subjectColumn)})`, { details: { row, column: column.name } });
        }
        ids.push(id);
        at.push(i);
      }
      const keys = ids.length > 0 ? await input.subjectKeys!.keysFor(ids) : [];
      at.forEach((i, k) => {
        const o = out[i]!;
        const record = b.views[i]!.record;
        for (const p of subjectKeyed) {
          const v = record[p.name];
          const where = { dataset: input.dataset.name, field: p.name };
          if (v === null || v === undefined || v === '') o[p.name] = v ?? null;
          else if (p.list === true) o[p.name] = listText(mapList(listAt(v, b.rows[i]!, p.name), (e) => (e === '' ? e : sealForSubject(e, where, keys[k]!))));
          else o[p.name] = sealForSubject(v, where, keys[k]!);
        }
      });
    }
    for (let i = 0; i < out.length; i++) {
      const o = out[i];
      if (o === null || o === undefined) continue;
      yield typedOutput(b.records[i]!, b.views[i]!, o, input.plan, { row: b.rows[i]!, ...(markersAsNull ? { markersAsNull } : {}) });
    }
    input.onBlock?.(b.records.length);
  };

  let row = 0;
  let buf: TypedRecord[] = [];
  let bufViews: RecordView[] = [];
  let bufRows: number[] = [];
  let bufChars = 0;
  const send = () => {
    const records = buf;
    const views = bufViews;
    const rows = bufRows;
    buf = [];
    bufViews = [];
    bufRows = [];
    bufChars = 0;
    const flat: DatasetRecord[] = views.map((v) => v.record);
    inflight.push({ records, views, rows, result: pool !== undefined ? pool.run({ records: flat, rows }) : Promise.resolve(applyBlock(flat, rows, ctx!)) });
  };
  try {
    for await (const r of records) {
      const view = nullsOf(recordView(r), nulls);
      buf.push(r);
      bufViews.push(view);
      bufRows.push(++row);
      bufChars += recordChars(view.record);
      // A block ends at `block` records or BLOCK_CHARS characters, whichever comes first: wide or
      // long cells make smaller blocks, so the records in flight stay bounded in memory too.
      if (buf.length >= block || bufChars >= blockChars) {
        send();
        if (inflight.length >= maxInflight) yield* finish(inflight.shift()!);
      }
    }
    if (buf.length > 0) send();
    while (inflight.length > 0) yield* finish(inflight.shift()!);
  } finally {
    // Results not taken (a failure upstream) are dropped; a rejected one must not go unhandled.
    for (const b of inflight) b.result.catch(() => undefined);
    await pool?.close();
  }
}

/** `view` with the dataset's null markers read as null (the same view when it holds none). */
function nullsOf(view: RecordView, nulls: NullMarkers | undefined): RecordView {
  if (nulls === undefined) return view;
  const record = nullsRead(view.record, nulls);
  return record === view.record ? view : { record, paths: view.paths };
}
