import { parentPort, workerData } from 'node:worker_threads';
import { parseExportLine } from './export-line.ts';
import { type ReconstructedViews, type ReconstructionScope, ViewsBuilder } from './reconstruction.ts';
import { Replay } from './replay.ts';

/** What a replay thread is started with. */
export interface ReplayWorkerData {
  readonly scope: ReconstructionScope;
}

/** Verified lines of this thread's streams, in stream order; then `finish`. */
export type ReplayWorkerRequest =
  | { readonly type: 'lines'; readonly lines: readonly string[] }
  | { readonly type: 'finish' };

export type ReplayWorkerReply =
  | { readonly type: 'ack' }
  | { readonly type: 'result'; readonly eventsReplayed: number; readonly views: ReconstructedViews }
  | { readonly type: 'error'; readonly message: string };

/**
 * A replay thread of `auditExportFile`: folds its share of the organisations (by stream) and, at
 * the end, builds their views. The lines it gets were verified on the main thread already.
 */
if (parentPort) {
  const port = parentPort;
  const { scope } = workerData as ReplayWorkerData;
  const replay = new Replay(scope.peildatum);
  port.on('message', (request: ReplayWorkerRequest) => {
    try {
      if (request.type === 'lines') {
        for (const line of request.lines) replay.add(parseExportLine(line, 0));
        port.postMessage({ type: 'ack' } satisfies ReplayWorkerReply);
        return;
      }
      const builder = new ViewsBuilder(scope);
      for (const history of replay.results()) builder.add(history);
      port.postMessage({
        type: 'result',
        eventsReplayed: replay.eventsReplayed,
        views: builder.result(),
      } satisfies ReplayWorkerReply);
    } catch (error) {
      port.postMessage({ type: 'error', message: (error as Error).stack ?? String(error) } satisfies ReplayWorkerReply);
    }
  });
}
