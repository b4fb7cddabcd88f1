// Worker-thread entry for `cordon detect` on large inputs (detect-pool.ts): it loads the recognizers
// itself, once (the built-in ones, plus the user's recognizer document when --recognizers gave one),
// then answers each block of lines with detectBlock's result. Nothing but the lines and their
// answers crosses the thread boundary.
import { parentPort, workerData } from 'node:worker_threads';
import { CordonError } from '../../errors.js';
import type { Recognizer } from '../../detect/types.js';
import type { RecognizerDoc } from '../../contracts/types.js';
import type { BlockReply, BlockRequest } from '../../pipeline/block-worker-pool.js';
import { detectBlock, lineError, type BlockResult, type InputLine, type LineSettings } from './detect-lines.js';

/** What a detect worker starts with. */
export interface DetectWorkerData {
  readonly settings: LineSettings;
  /** The --recognizers document (plain data, already checked by the main thread). */
  readonly recognizers?: RecognizerDoc;
}

/** One block of lines, as the worker receives it (with the pool's id). */
export interface DetectBlock {
  readonly lines: readonly InputLine[];
}

type Request = BlockRequest<DetectBlock>;
type Reply = BlockReply<BlockResult>;

async function recognizersFor(doc: RecognizerDoc | undefined): Promise<readonly Recognizer[]> {
  if (doc === undefined) return (await import('../../detect/registry.js')).DEFAULT_RECOGNIZERS;
  return (await import('../../contracts/with-custom-recognizers.js')).withCustomRecognizers(doc);
}

if (parentPort !== null) {
  const port = parentPort;
  const data = workerData as DetectWorkerData;
  const recognizers = await recognizersFor(data.recognizers);
  port.on('message', (m: Request) => {
    let reply: Reply;
    try {
      reply = { id: m.id, ...detectBlock(m.lines, data.settings, recognizers) };
    } catch (e) {
      // A stable error stays one; anything else is reported by kind only (its message could quote input).
      const error = e instanceof CordonError ? lineError(e) : { code: 'ERR_INTERNAL' as const, message: `detection failed in a worker (${e instanceof Error ? e.name : 'error'})` };
      reply = { id: m.id, out: '', findings: 0, skipped: [], warnings: [], error };
    }
    port.postMessage(reply);
  });
}
