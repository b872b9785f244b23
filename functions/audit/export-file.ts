import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { BrokenLink } from '#functions/event-store/hash-chain.ts';
import { type AuditResult, AuditRun } from './audit-run.ts';
import type { AuditWorkerData, AuditWorkerReply, AuditWorkerRequest } from './audit-worker.ts';
import { parseExportLine, shareOf, streamIdHintOfBytes } from './export-line.ts';
import { verifiedLinkOfLine } from './line-fields.ts';
import { forEachLine, readChunks } from './ndjson.ts';
import { type ReconstructionScope, ViewsBuilder } from './reconstruction.ts';

export interface Progress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly events: number;
}

export interface AuditFileOptions {
  /** Replay the views of this scope as of its date; without it the file is only verified. */
  readonly replay?: ReconstructionScope;
  /**
   * Threads that audit, each its own share of the streams (parse, hash, chain, replay); this
   * thread then only reads the file and shares the lines out. 0: everything on this thread.
   */
  readonly workers?: number;
  /**
   * Passes over the file with threads (default: one per 512 MB of export): each pass audits its
   * share of the streams, so only that share of the verified lines is kept for the replay at once.
   */
  readonly passes?: number;
  /** Called after every chunk of the file (about a megabyte). */
  readonly onProgress?: (progress: Progress) => void;
}

/**
 * Verifies an export (NDJSON, one stored event per line) and, with `replay`, reconstructs the views
 * as of a date: the engine behind `audit verify`, `audit replay` and the replay benchmark. Needs
 * no AWS and no DynamoDB, only the file, the hash and the projections. A line that proves itself
 * (`verifiedLinkOfLine`) is verified without parsing; any other is parsed and hashed with the full
 * canonical JSON. Verified events go on, in stream order, to the replay, so a reconstruction is
 * only ever built from verified events.
 */
export async function auditExportFile(path: string, options: AuditFileOptions = {}): Promise<AuditResult> {
  const workers = options.workers ?? 0;
  return workers > 0 ? auditThreaded(path, options, workers) : auditHere(path, options);
}

async function auditHere(path: string, options: AuditFileOptions): Promise<AuditResult> {
  const run = new AuditRun(options.replay);
  let lineNumber = 0;
  for await (const chunk of readChunks(path)) {
    const bytes = chunk.bytes;
    forEachLine(bytes, (start, end) => {
      lineNumber++;
      const link = verifiedLinkOfLine(bytes, start, end);
      if (link && !run.replays) return run.addVerified(link);
      const event = parseExportLine(bytes.toString('utf8', start, end), lineNumber);
      run.add(event, link?.hash);
    });
    options.onProgress?.({ bytesRead: chunk.bytesRead, totalBytes: chunk.totalBytes, events: lineNumber });
  }
  return run.finish();
}

/** Lines sent to a thread at a time, and how many such messages may wait unprocessed. */
const LINES_PER_MESSAGE = 2000;
const MAX_UNACKNOWLEDGED = 4;
const STAGING_BYTES = 4 * 1024 * 1024;

type Result = Extract<AuditWorkerReply, { type: 'result' }>;

interface AuditThread {
  readonly worker: Worker;
  /** Raw lines staged for the thread: their bytes, start and end offsets, and line numbers. */
  bytes: Buffer;
  used: number;
  offsets: number[];
  byteNumbers: number[];
  /** Lines passed on by another thread, as strings. */
  lines: string[];
  numbers: number[];
  unacknowledged: number;
  /** Wakes whoever waits for an acknowledgement (or a failure). */
  wake: (() => void) | undefined;
  failure: Error | undefined;
  /** Settles the pass's result, once `finish` is sent. */
  settle: { resolve: (result: Result) => void; reject: (error: Error) => void } | undefined;
}

/**
 * Starts an audit thread. Under tsx (the CLI, the benchmark, the tests) the worker first registers
 * tsx's loader: on Node 20 a worker does not inherit the parent's module hooks.
 */
function startThread(
  data: AuditWorkerData,
  onForeign: (lines: AuditWorkerReply & { type: 'ack' }) => void,
): AuditThread {
  const typescript = import.meta.url.endsWith('.ts');
  const entry = new URL(typescript ? './audit-worker.ts' : './audit-worker.js', import.meta.url);
  const script = typescript
    ? new URL(
        `data:text/javascript,${encodeURIComponent(
          `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\nregister();\nawait import(${JSON.stringify(entry.href)});`,
        )}`,
      )
    : entry;
  // A young generation large enough that what parsing and folding leave behind dies young instead
  // of being promoted (each stream's history lives only while the stream is folded).
  const worker = new Worker(script, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  const thread: AuditThread = {
    worker,
    bytes: Buffer.allocUnsafeSlow(STAGING_BYTES),
    used: 0,
    offsets: [],
    byteNumbers: [],
    lines: [],
    numbers: [],
    unacknowledged: 0,
    wake: undefined,
    failure: undefined,
    settle: undefined,
  };
  const fail = (error: Error): void => {
    thread.failure ??= error;
    thread.wake?.();
    thread.settle?.reject(thread.failure);
  };
  worker.on('message', (reply: AuditWorkerReply) => {
    if (reply.type === 'ack') {
      thread.unacknowledged--;
      onForeign(reply);
      thread.wake?.();
    } else if (reply.type === 'result') {
      thread.settle?.resolve(reply);
      thread.settle = undefined;
    } else {
      fail(new Error(reply.message));
    }
  });
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`audit thread exited (${code})`)));
  return thread;
}

/** Ends the thread's pass: everything sent is processed; its result for the pass. */
function finishPass(thread: AuditThread): Promise<Result> {
  if (thread.failure) return Promise.reject(thread.failure);
  return new Promise<Result>((resolve, reject) => {
    thread.settle = { resolve, reject };
    thread.worker.postMessage({ type: 'finish' } satisfies AuditWorkerRequest);
  });
}

async function waitFor(thread: AuditThread, ready: () => boolean): Promise<void> {
  while (!ready() && !thread.failure) {
    await new Promise<void>((resolve) => {
      thread.wake = resolve;
    });
    thread.wake = undefined;
  }
  if (thread.failure) throw thread.failure;
}

/** Copies one line's bytes into the thread's staging buffer (growing it for a long line). */
function stage(thread: AuditThread, source: Buffer, start: number, end: number, number: number): void {
  const length = end - start;
  if (thread.used + length > thread.bytes.length) {
    const larger = Buffer.allocUnsafeSlow(Math.max(thread.bytes.length * 2, thread.used + length));
    thread.bytes.copy(larger, 0, 0, thread.used);
    thread.bytes = larger;
  }
  source.copy(thread.bytes, thread.used, start, end);
  thread.offsets.push(thread.used, thread.used + length);
  thread.used += length;
  thread.byteNumbers.push(number);
}

const staged = (thread: AuditThread): number => thread.byteNumbers.length + thread.lines.length;

/** Sends what is staged (the bytes move to the thread without a copy), once the thread has room. */
async function send(thread: AuditThread): Promise<void> {
  if (staged(thread) === 0) return;
  await waitFor(thread, () => thread.unacknowledged < MAX_UNACKNOWLEDGED);
  if (thread.byteNumbers.length > 0) {
    // The staging buffer itself moves to the thread (a buffer this large has an ArrayBuffer of its
    // own), and a new one takes its place: the bytes are never copied twice.
    const request = {
      type: 'bytes',
      bytes: thread.bytes.buffer as ArrayBuffer,
      offsets: Int32Array.from(thread.offsets),
      numbers: Int32Array.from(thread.byteNumbers),
    } satisfies AuditWorkerRequest;
    thread.unacknowledged++;
    thread.worker.postMessage(request, [request.bytes, request.offsets.buffer, request.numbers.buffer]);
    thread.bytes = Buffer.allocUnsafeSlow(STAGING_BYTES);
    thread.used = 0;
    thread.offsets = [];
    thread.byteNumbers = [];
  }
  if (thread.lines.length > 0) {
    thread.unacknowledged++;
    thread.worker.postMessage({
      type: 'lines',
      lines: thread.lines,
      numbers: thread.numbers,
    } satisfies AuditWorkerRequest);
    thread.lines = [];
    thread.numbers = [];
  }
}

/** Export bytes per pass over the file: each pass keeps about this much of the log's histories in memory. */
const BYTES_PER_PASS = 512 * 1024 * 1024;

/** One pass's lines whose stream the hint got wrong, found by a thread; kept for their own pass. */
type Deferred = { line: string; number: number; partition: number }[];

/** A stream's line turned up after its pass was done: the hints cannot be trusted for this file. */
class LateLineError extends Error {
  override readonly name = 'LateLineError';
}

async function auditThreaded(path: string, options: AuditFileOptions, shares: number): Promise<AuditResult> {
  const passes = options.passes ?? Math.max(1, Math.ceil((await stat(path)).size / BYTES_PER_PASS));
  try {
    return await auditInPasses(path, options, shares, passes);
  } catch (error) {
    // A line shared out by a wrong hint whose stream was done already: audit again in one pass,
    // where every stream's owner is alive until the end.
    if (!(error instanceof LateLineError) || passes === 1) throw error;
    return auditInPasses(path, options, shares, 1);
  }
}

/**
 * The streams are split into `passes * shares` partitions. Each pass reads the whole file and
 * hands the lines of its `shares` partitions to as many threads (by the line's `streamIdHintOfBytes`,
 * checked by the thread); the others are skipped unparsed. So at most 1/passes of the histories
 * is in memory at once, and the threads work in parallel within a pass.
 */
async function auditInPasses(
  path: string,
  options: AuditFileOptions,
  shares: number,
  passes: number,
): Promise<AuditResult> {
  const partitions = shares * passes;
  const deferred: Deferred[] = Array.from({ length: passes }, () => []);
  const results: Result[] = [];
  let pass = 0;
  let late = false;
  const threads: AuditThread[] = [];
  const give = (partition: number, line: string, number: number): void => {
    const thread = threads[partition - pass * shares]!;
    thread.lines.push(line);
    thread.numbers.push(number);
  };
  // The threads live for all passes; a pass tells each which share of the streams it audits.
  for (let share = 0; share < shares; share++) {
    threads.push(
      startThread({ shares: partitions, ...(options.replay ? { scope: options.replay } : {}) }, (ack) => {
        for (const { line, number, owner } of ack.foreign) {
          const ownerPass = Math.floor(owner / shares);
          if (ownerPass === pass) give(owner, line, number);
          else if (ownerPass > pass) deferred[ownerPass]!.push({ line, number, partition: owner });
          else late = true;
        }
      }),
    );
  }
  try {
    for (; pass < passes; pass++) {
      for (const [share, thread] of threads.entries()) {
        thread.worker.postMessage({ type: 'pass', share: pass * shares + share } satisfies AuditWorkerRequest);
      }
      for (const { line, number, partition } of deferred[pass]!) give(partition, line, number);
      let lineNumber = 0;
      for await (const chunk of readChunks(path)) {
        const bytes = chunk.bytes;
        forEachLine(bytes, (start, end) => {
          lineNumber++;
          // Without a quick hint, read the line's stream the slow way.
          const streamId =
            streamIdHintOfBytes(bytes, start, end) ??
            parseExportLine(bytes.toString('utf8', start, end), lineNumber).streamId;
          const partition = shareOf(streamId, partitions);
          if (Math.floor(partition / shares) === pass)
            stage(threads[partition - pass * shares]!, bytes, start, end, lineNumber);
        });
        for (const thread of threads) if (staged(thread) >= LINES_PER_MESSAGE) await send(thread);
        options.onProgress?.({
          bytesRead: pass * chunk.totalBytes + chunk.bytesRead,
          totalBytes: passes * chunk.totalBytes,
          events: lineNumber,
        });
      }
      // Hand out the rest, including lines a thread passed on, until every thread has processed all.
      while (threads.some((t) => staged(t) > 0 || t.unacknowledged > 0)) {
        for (const thread of threads) await send(thread);
        const busy = threads.find((t) => t.unacknowledged > 0);
        if (busy) await waitFor(busy, () => busy.unacknowledged === 0);
      }
      if (late) throw new LateLineError('A line was shared out to the wrong pass');
      results.push(...(await Promise.all(threads.map(finishPass))));
    }
  } finally {
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  const brokenLinks: BrokenLink[] = results.flatMap((r) => r.verification.brokenLinks);
  brokenLinks.sort((a, b) => a.streamId.localeCompare(b.streamId) || a.version - b.version);
  const verification = {
    streamsChecked: results.reduce((n, r) => n + r.verification.streamsChecked, 0),
    eventsChecked: results.reduce((n, r) => n + r.verification.eventsChecked, 0),
    brokenLinks,
  };
  const eventsReplayed = results.reduce((n, r) => n + r.eventsReplayed, 0);
  if (!options.replay) return { verification, eventsReplayed };
  const builder = new ViewsBuilder(options.replay);
  for (const result of results) if (result.views) builder.merge(result.views);
  return { verification, eventsReplayed, views: builder.result() };
}
