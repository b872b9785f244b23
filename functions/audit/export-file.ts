import { Worker } from 'node:worker_threads';
import { type AuditResult, AuditRun } from './audit-run.ts';
import { fastHashEvent } from './canonical-json.ts';
import { ChainCheck } from './chain-check.ts';
import { parseExportLine } from './export-line.ts';
import { readLineBatches } from './ndjson.ts';
import { type ReconstructionScope, ViewsBuilder } from './reconstruction.ts';
import type { ReplayWorkerData, ReplayWorkerReply, ReplayWorkerRequest } from './replay-worker.ts';

export interface Progress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly events: number;
}

export interface AuditFileOptions {
  /** Replay the views of this scope as of its date; without it the file is only verified. */
  readonly replay?: ReconstructionScope;
  /**
   * Threads that replay (each holds its share of the organisations, by stream); 0 replays on this
   * thread. This thread always reads, parses, hashes and checks the chains.
   */
  readonly workers?: number;
  /** Called after every chunk of the file (about a megabyte). */
  readonly onProgress?: (progress: Progress) => void;
}


/**
 * Verifies an export (NDJSON, one stored event per line) and, with `replay`, reconstructs the views
 * as of a date: the engine behind `audit verify`, `audit replay` and the replay benchmark. Needs
 * no AWS and no DynamoDB, only the file, the hash and the projections. Every chain is checked on
 * this thread, in file order; each verified event goes on, in stream order, to the replay, so the
 * reconstruction is only ever built from verified events.
 */
export async function auditExportFile(path: string, options: AuditFileOptions = {}): Promise<AuditResult> {
  const workers = options.replay ? (options.workers ?? 0) : 0;
  return workers > 0 ? auditThreaded(path, options, workers) : auditHere(path, options);
}

async function auditHere(path: string, options: AuditFileOptions): Promise<AuditResult> {
  const run = new AuditRun(options.replay);
  let lineNumber = 0;
  for await (const batch of readLineBatches(path)) {
    for (const line of batch.lines) run.add(parseExportLine(line, ++lineNumber));
    options.onProgress?.({ bytesRead: batch.bytesRead, totalBytes: batch.totalBytes, events: lineNumber });
  }
  return run.finish();
}

/** Lines sent to a replay thread at a time, and how many such batches may wait unprocessed. */
const LINES_PER_MESSAGE = 2000;
const MAX_UNACKNOWLEDGED = 6;

/** Which replay thread owns a stream: the same one for every event of it. */
function shareOf(streamId: string, workers: number): number {
  let hash = 0;
  for (let i = Math.max(0, streamId.length - 8); i < streamId.length; i++)
    hash = (hash * 31 + streamId.charCodeAt(i)) | 0;
  return (hash >>> 0) % workers;
}

interface ReplayThread {
  readonly worker: Worker;
  lines: string[];
  unacknowledged: number;
  acknowledged: (() => void) | undefined;
  failure: Error | undefined;
  result: Promise<Extract<ReplayWorkerReply, { type: 'result' }>>;
}

/**
 * Starts a replay thread. Under tsx (the CLI, the benchmark, the tests) the worker first registers
 * tsx's loader, since a worker does not inherit the parent's module hooks on Node 20.
 */
function startReplayThread(data: ReplayWorkerData): ReplayThread {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './replay-worker.ts' : './replay-worker.js', import.meta.url);
  const bootstrap = import.meta.url.endsWith('.ts')
    ? new URL(
        `data:text/javascript,${encodeURIComponent(
          `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\nregister();\nawait import(${JSON.stringify(entry.href)});`,
        )}`,
      )
    : entry;
  // A young generation large enough that a message's parsed events die young instead of being
  // promoted: the old generation then only holds the histories.
  const worker = new Worker(bootstrap, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  const thread: ReplayThread = {
    worker,
    lines: [],
    unacknowledged: 0,
    acknowledged: undefined,
    failure: undefined,
    result: new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        thread.failure ??= error;
        thread.acknowledged?.();
        reject(thread.failure);
      };
      worker.on('message', (reply: ReplayWorkerReply) => {
        if (reply.type === 'ack') {
          thread.unacknowledged--;
          thread.acknowledged?.();
        } else if (reply.type === 'result') {
          resolve(reply);
        } else {
          fail(new Error(`replay thread: ${reply.message}`));
        }
      });
      worker.once('error', fail);
      worker.once('exit', (code) => fail(new Error(`replay thread exited (${code}) before its result`)));
    }),
  };
  // Failures surface at the next flush or at the end; never as an unhandled rejection.
  thread.result.catch(() => undefined);
  return thread;
}

function send(thread: ReplayThread, request: ReplayWorkerRequest): void {
  thread.worker.postMessage(request);
}

async function auditThreaded(path: string, options: AuditFileOptions, workers: number): Promise<AuditResult> {
  const scope = options.replay as ReconstructionScope;
  const threads = Array.from({ length: workers }, () => startReplayThread({ scope }));
  const flush = async (thread: ReplayThread): Promise<void> => {
    if (thread.lines.length === 0) return;
    while (thread.unacknowledged >= MAX_UNACKNOWLEDGED && !thread.failure) {
      await new Promise<void>((resolve) => {
        thread.acknowledged = resolve;
      });
      thread.acknowledged = undefined;
    }
    if (thread.failure) throw thread.failure;
    thread.unacknowledged++;
    send(thread, { type: 'lines', lines: thread.lines });
    thread.lines = [];
  };
  try {
    // Only what was recorded by the reference date goes to the replay; the replay stops a stream at
    // the first event left out, so what it folds is still a prefix of every stream.
    const chain = new ChainCheck<string>((event, line) => {
      if (event.recordedAt.slice(0, 10) > scope.peildatum) return;
      threads[shareOf(event.streamId, workers)]!.lines.push(line);
    });
    let lineNumber = 0;
    for await (const batch of readLineBatches(path)) {
      for (const line of batch.lines) {
        const event = parseExportLine(line, ++lineNumber);
        chain.add(event, fastHashEvent(event), line);
      }
      for (const thread of threads) if (thread.lines.length >= LINES_PER_MESSAGE) await flush(thread);
      options.onProgress?.({ bytesRead: batch.bytesRead, totalBytes: batch.totalBytes, events: lineNumber });
    }
    const verification = chain.finish();
    for (const thread of threads) {
      await flush(thread);
      send(thread, { type: 'finish' });
    }
    const parts = await Promise.all(threads.map((thread) => thread.result));
    const builder = new ViewsBuilder(scope);
    let eventsReplayed = 0;
    for (const part of parts) {
      builder.merge(part.views);
      eventsReplayed += part.eventsReplayed;
    }
    return { verification, eventsReplayed, views: builder.result() };
  } finally {
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }
}
