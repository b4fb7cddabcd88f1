// The tamper-evident audit log: an AuditSink whose events become leaves of an RFC 9162 Merkle
// tree in an AuditStore, with signed C2SP checkpoints. `emit` is synchronous on SQLite (the event
// is committed before the operation it records returns); on PostgreSQL, and on SQLite after
// `groupCommit()` (the server), it is queued and written in groups: whoever needs the events
// stored awaits `flushEmitted()` (the server does before every response). Checkpoints are signed
// every `checkpointEvery` events, at the first append `checkpointAfterMs` after the last one (a
// long-running server), and on close. With an anchor (anchor/), every checkpoint is first
// checked against the one recorded outside the store, and then recorded there: the anchor only
// moves forward, and never onto a log that is shorter than it or disagrees with its root.
import { randomBytes } from '../crypto/random.js';
import { CordonError } from '../errors.js';
import type { AuditAnchor } from './anchor/record.js';
import type { CheckpointAnchor } from './anchor/types.js';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import type { AuditEvent, AuditSink } from './event.js';
import { consistencyProof, inclusionProof, treeHash, withStoredNodes } from './merkle/tree.js';
import { formatVerifierKey, openNote, signNote, type NoteSigner, type NoteVerifier } from './signed-note.js';
import { verifyAuditLog, type AuditVerifyReport } from './verify-log.js';
import type { SqliteAuditStore } from './store/sqlite.js';
import type { PostgresAuditStore } from './store/postgres.js';
import { SYNC_DURABILITY, type AuditDurability } from './durability.js';
import type { AuditStore, StoredCheckpoint } from './store/types.js';

export interface MerkleAuditLogOptions {
  /** Supplies the checkpoint signer, named after the log's origin, when one is needed (it may unwrap a key). */
  readonly signer?: (origin: string) => Promise<NoteSigner>;
  /** Sign a checkpoint after this many events since the last one (default 1000; 0 disables). */
  readonly checkpointEvery?: number;
  /**
   * Also sign one at the first append this many milliseconds after the last checkpoint (default
   * 60000), so a quiet server's unsigned tail stays short; 0 turns the time rule off.
   */
  readonly checkpointAfterMs?: number;
  /** Receives failures of background work (an automatic checkpoint), which never break `emit`. */
  readonly onError?: (e: unknown) => void;
  /** The newest checkpoint recorded outside the store (docs/audit.md, "Anchor"); checkpoints are checked against it and advance it. */
  readonly anchor?: CheckpointAnchor;
}

/** What `prove` returns: everything an offline verifier needs (docs/audit.md). */
export interface InclusionProofBundle {
  readonly format: 'cordon-audit-inclusion-proof/v1';
  readonly eventId: string;
  readonly index: number;
  readonly treeSize: number;
  /** Base64 of the exact entry bytes (the leaf is SHA-256(0x00 ‖ entry)). */
  readonly entry: string;
  /** Base64 hashes, leaf end first (RFC 9162 §2.1.3.1). */
  readonly proof: readonly string[];
  /** The signed checkpoint (C2SP tlog-checkpoint) the proof leads to. */
  readonly checkpoint: string;
  /** The log's verifier key, for convenience; a verifier should use one it already trusts. */
  readonly verifierKey: string;
}

const isSqlite = (s: AuditStore): s is SqliteAuditStore => s.kind === 'sqlite';
const isPostgres = (s: AuditStore): s is PostgresAuditStore => s.kind === 'postgres';
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

export class MerkleAuditLog implements AuditSink {
  readonly store: AuditStore;
  readonly #options: MerkleAuditLogOptions;
  readonly #every: number;
  #queue: AuditEvent[] = [];
  /** The drain writing now, and the one that will run after it (shared by everyone who asks meanwhile). */
  #inFlight: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  #pending: Promise<unknown> = Promise.resolve();
  #lastCheckpointSize: number | undefined;
  #lastCheckpointAt = Date.now();
  #appended = 0;
  #signer: NoteSigner | undefined;
  #grouped: boolean;

  constructor(store: AuditStore, options: MerkleAuditLogOptions = {}) {
    this.store = store;
    this.#options = options;
    this.#every = options.checkpointEvery ?? 1000;
    this.#grouped = !isSqlite(store);
  }

  /**
   * From now on, queue events and write them in groups, also on SQLite (one transaction and one
   * fsync for many events instead of one each), run SQLite's appends (hashing, inserts, commit and
   * WAL sync) on a worker thread, and its WAL checkpoints on another. Only for callers that await
   * `flushEmitted()` before they act on an event being stored, as the server does before it answers.
   * `durability` (default sync: on disk before `flushEmitted()` resolves; src/audit/durability.ts)
   * batch: committed when it resolves, on disk within the window; never lost to a process crash.
   */
  groupCommit(options: { readonly appendThread?: boolean; readonly durability?: AuditDurability } = {}): void {
    const durability = options.durability ?? SYNC_DURABILITY;
    // batch syncs on the append thread's own schedule; the on-loop path (a bench's before) has none.
    if (durability.kind === 'batch' && isSqlite(this.store) && options.appendThread === false) throw new TypeError('audit durability batch needs the append thread on SQLite');
    this.#grouped = true;
    // A server also moves SQLite's appends, commit fsyncs and WAL checkpoints off its event loop
    // (appendThread: false keeps the appends on it, syncing on the thread pool: bench:server's before).
    if (isSqlite(this.store)) {
      this.store.startBackgroundCheckpoints();
      if (options.appendThread === false) this.store.syncOffThread();
      else this.store.appendOffThread(durability);
    } else if (isPostgres(this.store)) {
      this.store.setDurability(durability);
    }
  }

  /** Appends one event (AuditSink). Synchronous and durable on SQLite; queued on PostgreSQL or after groupCommit(). */
  emit(event: AuditEvent): void {
    if (!this.#grouped && isSqlite(this.store)) {
      const { size } = this.store.appendSync([event]);
      this.#afterAppend(size, 1);
    } else {
      this.#queue.push(event);
      this.#scheduleDrain().catch((e: unknown) => this.#options.onError?.(e));
    }
  }

  /**
   * Group commit. One drain writes at a time; everyone who asks while it writes shares the next
   * one, which starts when it ends and takes everything queued by then in one transaction. When the
   * returned drain resolves, every event queued before the call is stored (by it or an earlier one:
   * a failed drain puts its events back, and the next retries them).
   */
  #scheduleDrain(): Promise<void> {
    if (this.#next !== undefined) return this.#next;
    const previous = this.#inFlight ?? Promise.resolve();
    const drain: Promise<void> = previous.catch(() => undefined).then(async () => {
      this.#next = undefined;
      this.#inFlight = drain;
      // Let the requests already in this turn of the event loop queue their events first (SQLite
      // appends synchronously, so nothing else could join a drain once it started).
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.#drain();
    }).finally(() => {
      if (this.#inFlight === drain) this.#inFlight = undefined;
    });
    this.#next = drain;
    return drain;
  }

  /**
   * Appends events in order in one transaction (the fast path for bulk writers).
   *
   * @example
   * ```ts
   * await log.appendMany(events); // one transaction, one fsync
   * ```
   */
  async appendMany(events: readonly AuditEvent[]): Promise<{ first: number; size: number }> {
    const r = await this.store.append(events);
    this.#afterAppend(r.size, events.length);
    return r;
  }

  /** Appends what is queued now, in one transaction; on failure it goes back to the front of the queue, never dropped. */
  async #drain(): Promise<void> {
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    try {
      await this.appendMany(batch);
    } catch (e) {
      // A batch committed but not synced (SQLite off-thread sync) is in the log: not appended twice.
      if ((e as { committed?: unknown }).committed !== true) this.#queue = [...batch, ...this.#queue];
      throw e;
    }
  }

  /**
   * Resolves when every event emitted before the call is stored (a no-op when emit stores at
   * once, SQLite without groupCommit()); throws if they could not be. What a server awaits before it answers a request.
   */
  async flushEmitted(): Promise<void> {
    if (this.#grouped) await this.#scheduleDrain();
  }

  /** Writes queued events (PostgreSQL) and waits for background checkpoints; throws if an append fails. */
  async flush(): Promise<void> {
    for (;;) {
      await this.#scheduleDrain();
      const pending = this.#pending;
      await pending;
      if (pending === this.#pending && this.#queue.length === 0) return;
    }
  }

  #background(job: () => Promise<unknown>): void {
    this.#pending = this.#pending.then(job).catch((e) => this.#options.onError?.(e));
  }

  #afterAppend(size: number, count: number): void {
    this.#appended += count;
    if (this.#every <= 0 || this.#options.signer === undefined) return;
    const last = this.#lastCheckpointSize;
    const afterMs = this.#options.checkpointAfterMs ?? 60_000;
    const byCount = last === undefined ? this.#appended >= this.#every : size - last >= this.#every;
    const byTime = afterMs > 0 && Date.now() - this.#lastCheckpointAt >= afterMs && size !== last;
    if (byCount || byTime) {
      this.#lastCheckpointSize = size;
      this.#lastCheckpointAt = Date.now();
      this.#background(() => this.checkpoint());
    }
  }

  /** The log's origin line, `cordon.local/audit/<random id>`, fixed when the log is created. */
  async origin(): Promise<string> {
    return this.store.meta('origin', () => `cordon.local/audit/${Buffer.from(randomBytes(8)).toString('hex')}`);
  }

  async #getSigner(): Promise<NoteSigner> {
    if (this.#signer) return this.#signer;
    if (this.#options.signer === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', 'this audit log has no checkpoint signing key');
    this.#signer = await this.#options.signer(await this.origin());
    return this.#signer;
  }

  /** The verifier key (signed-note vkey) of this log's signer. */
  async verifierKey(): Promise<string> {
    const signer = await this.#getSigner();
    return formatVerifierKey(signer.name, signer.publicKey);
  }

  /** MTH of the first `size` entries (default: all). */
  async root(size?: number): Promise<{ size: number; rootHash: Uint8Array }> {
    const n = size ?? (await this.store.size());
    return { size: n, rootHash: await withStoredNodes((refs) => this.store.nodes(refs), (src) => treeHash(n, src)) };
  }

  /**
   * Signs and stores a checkpoint of the log as it is now, unless the newest checkpoint already
   * covers every entry (then that one is returned).
   */
  async checkpoint(): Promise<StoredCheckpoint> {
    const signer = await this.#getSigner(); // first: getting it may itself log events (a key unwrap)
    const origin = await this.origin();
    if (signer.name !== origin) throw new TypeError('the checkpoint signer must be named after the log origin');
    // The anchor is read before the size: whatever it records was stored before we look.
    const anchor = this.#options.anchor;
    const anchored = anchor === undefined ? undefined : await this.#checkedAnchor(anchor, origin);
    const { size, rootHash } = await this.root();
    if (anchored !== undefined) await this.#checkAgainst(anchored, size);
    const latest = (await this.store.checkpoints()).at(-1);
    let cp: StoredCheckpoint;
    if (latest !== undefined && latest.size === size) {
      cp = latest;
    } else {
      const note = signNote(formatCheckpoint({ origin, size, rootHash }), signer);
      await this.store.addCheckpoint(size, note);
      this.#lastCheckpointSize = size;
      this.#lastCheckpointAt = Date.now();
      cp = { size, note, createdAt: new Date().toISOString() };
    }
    // Only after the checkpoint is stored: a verifier that reads the anchor first always finds it.
    if (anchor !== undefined && anchored !== undefined && size > anchored.size) await anchor.advance({ origin, size, rootHash });
    return cp;
  }

  /** The anchor, refusing (ERR_AUDIT_CHAIN_BROKEN) when there is none, it fails its MAC, or it names another log. */
  async #checkedAnchor(anchor: CheckpointAnchor, origin: string): Promise<AuditAnchor> {
    const st = await anchor.state();
    switch (st.kind) {
      case 'missing':
        throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', 'the audit log has no anchor in the key store (removed, or a workspace older than anchors); no checkpoint signed: run `cordon audit verify`');
      case 'invalid':
        throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the audit anchor in the key store is not authentic (${st.reason}); no checkpoint signed: run \`cordon audit verify\``);
      case 'anchored':
        if (st.anchor.origin !== origin) throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', 'the audit anchor belongs to another log (the log was replaced); no checkpoint signed: run `cordon audit verify`');
        return st.anchor;
    }
  }

  /** Refuses to sign (ERR_AUDIT_CHAIN_BROKEN) a log shorter than the anchor, or whose prefix no longer has the anchored root. */
  async #checkAgainst(anchored: AuditAnchor, size: number): Promise<void> {
    if (size < anchored.size) {
      throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the audit log has ${size} events but a checkpoint of ${anchored.size} was signed: it was cut back; no checkpoint signed`, { details: { firstBadIndex: size } });
    }
    const { rootHash } = await this.root(anchored.size);
    if (Buffer.compare(Buffer.from(rootHash), Buffer.from(anchored.rootHash)) !== 0) {
      throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the first ${anchored.size} events no longer hash to the anchored root: the log was changed; no checkpoint signed`);
    }
  }

  /**
   * For a log without an anchor (a workspace created before anchors): verifies the whole log against
   * its own signed checkpoints and, only when that passes, anchors it at the newest of them.
   * Refused when an anchor exists (ERR_INPUT_INVALID), when the log fails verification, or when it
   * holds events but no valid checkpoint to anchor (ERR_AUDIT_CHAIN_BROKEN). Whoever runs it vouches
   * for the log: check it against a checkpoint kept elsewhere first, when there is one.
   */
  async adoptAnchor(verifier: NoteVerifier): Promise<AuditVerifyReport> {
    const anchor = this.#options.anchor;
    if (anchor === undefined) throw new TypeError('adoptAnchor needs a log opened with an anchor');
    const origin = await this.origin();
    if ((await anchor.state()).kind !== 'missing') throw new CordonError('ERR_INPUT_INVALID', 'this audit log already has an anchor; nothing to adopt');
    const report = await verifyAuditLog(this.store, { verifiers: [verifier], origin });
    if (!report.ok) throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the audit log fails verification, so it is not anchored: ${report.problems[0]!.message}`, { details: { problems: report.problems.length } });
    if (report.size > 0 && report.signedSize === 0) throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', 'the audit log has events but no valid signed checkpoint to anchor');
    const { rootHash } = await this.root(report.signedSize);
    await anchor.advance({ origin, size: report.signedSize, rootHash });
    return report;
  }

  /**
   * Refuses (ERR_AUDIT_LOG_MISSING) an empty log where the anchor records signed events: the log
   * was deleted and something recreated it empty. What a workspace checks when it opens.
   */
  async checkNotLost(): Promise<void> {
    const anchor = this.#options.anchor;
    if (anchor === undefined) return;
    if ((await anchor.recordedSize()) > 0 && (await this.store.size()) === 0) {
      throw new CordonError('ERR_AUDIT_LOG_MISSING', 'the audit log is empty but the key store records signed events: it was deleted or replaced; restore it from a backup (docs/audit.md)');
    }
  }

  /** RFC 9162 inclusion proof of entry `index` in the tree of `size` entries. */
  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    return withStoredNodes((refs) => this.store.nodes(refs), (src) => inclusionProof(index, size, src));
  }

  /** RFC 9162 consistency proof between two sizes. */
  async consistencyProof(size1: number, size2: number): Promise<Uint8Array[]> {
    return withStoredNodes((refs) => this.store.nodes(refs), (src) => consistencyProof(size1, size2, src));
  }

  /**
   * Proof that the event `eventId` is in the log, against the newest checkpoint (signing a new
   * one first when the event came after it).
   */
  async prove(eventId: string, verifiers: readonly NoteVerifier[]): Promise<InclusionProofBundle> {
    const index = await this.store.findIndex(eventId);
    if (index === undefined) throw new CordonError('ERR_INPUT_INVALID', `no audit event with id ${JSON.stringify(eventId)}`);
    let cp = (await this.store.checkpoints()).at(-1);
    if (cp === undefined || cp.size <= index) cp = await this.checkpoint();
    const opened = openNote(cp.note, verifiers);
    if (!opened.ok) throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the newest checkpoint does not verify (${opened.reason}); run \`cordon audit verify\``);
    const body = parseCheckpoint(opened.text);
    const [entry] = await this.store.entries(index, 1);
    const proof = await this.inclusionProof(index, body.size);
    const { rootHash } = await this.root(body.size);
    if (Buffer.compare(Buffer.from(rootHash), Buffer.from(body.rootHash)) !== 0) {
      throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the stored tree does not match the checkpoint of size ${body.size}; run \`cordon audit verify\``);
    }
    return {
      format: 'cordon-audit-inclusion-proof/v1', eventId, index, treeSize: body.size, entry: b64(entry!.entry),
      proof: proof.map(b64), checkpoint: cp.note, verifierKey: await this.verifierKey(),
    };
  }

  /** Writes queued events, signs a final checkpoint when events were added, and closes the store. */
  async close(): Promise<void> {
    try {
      await this.flush();
      if (this.#appended > 0 && this.#options.signer !== undefined && this.#every > 0) {
        await this.checkpoint().catch((e) => this.#options.onError?.(e));
      }
    } finally {
      try {
        await this.store.close();
      } finally {
        await this.#options.anchor?.close();
      }
    }
  }
}
