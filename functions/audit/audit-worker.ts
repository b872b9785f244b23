import { parentPort, workerData } from 'node:worker_threads';
import type { StoredEvent } from '#events/envelope.ts';
import { ChainVerifier, type LogVerification } from '#functions/event-store/hash-chain.ts';
import { fastHashEvent } from './canonical-json.ts';
import { parseExportLine, shareOf } from './export-line.ts';
import { type LineLink, verifiedLinkOfLine } from './line-fields.ts';
import { type ReconstructedViews, type ReconstructionScope, ViewsBuilder } from './reconstruction.ts';
import { type ReplayableEvent, recordedBy, replayStream } from './replay.ts';

/** What an audit thread is started with: into how many shares the streams are split, and what to replay. */
export interface AuditWorkerData {
  readonly shares: number;
  readonly scope?: ReconstructionScope;
}

/**
 * Lines of the export for this thread, with their line numbers: as raw bytes (`offsets` holds start
 * and end of each line in `bytes`), or as strings (lines passed on by another thread); then `finish`.
 */
export type AuditWorkerRequest =
  /** A pass begins: the thread audits share `share` of the streams, from a clean slate. */
  | { readonly type: 'pass'; readonly share: number }
  | { readonly type: 'bytes'; readonly bytes: ArrayBuffer; readonly offsets: Int32Array; readonly numbers: Int32Array }
  | { readonly type: 'lines'; readonly lines: readonly string[]; readonly numbers: readonly number[] }
  | { readonly type: 'finish' };

/** A line that belongs to another thread's streams (its hint was wrong). */
export interface ForeignLine {
  readonly line: string;
  readonly number: number;
  readonly owner: number;
}

export type AuditWorkerReply =
  | { readonly type: 'ack'; readonly foreign: readonly ForeignLine[] }
  | {
      readonly type: 'result';
      readonly verification: LogVerification;
      readonly eventsReplayed: number;
      readonly views: ReconstructedViews | undefined;
    }
  | { readonly type: 'error'; readonly message: string };

/** Where a kept line is: which chunk of the line store, and its bytes in it. */
type LineRef = readonly [chunk: number, start: number, end: number];

/**
 * An audit thread of `auditExportFile`, for its share of the streams. Verifying needs no parsing:
 * a line that proves itself (`verifiedLinkOfLine`) gives its chain members straight from its bytes;
 * any other line is parsed and hashed by the full canonical JSON. With a scope, the thread keeps
 * the verified lines (raw bytes, outside the JavaScript heap) per stream in stream order, and at
 * the end replays each stream in one go and adds it to the views: a history lives only while its
 * stream is folded, so memory holds bytes, not object graphs, and the collector has little to do.
 */
/** Keeps the parts of verified lines a replay needs, packed into large buffers outside the heap. */
class LineStore {
  private static readonly CHUNK_BYTES = 16 * 1024 * 1024;
  private readonly chunks: Buffer[] = [];
  private used = LineStore.CHUNK_BYTES;

  /** Copies `segments` (`[start, end)` pairs of `source`) as one line; where it is kept. */
  keep(source: Buffer, segments: readonly number[]): LineRef {
    let length = 0;
    for (let i = 0; i < segments.length; i += 2) length += segments[i + 1]! - segments[i]!;
    let chunk = this.chunks.at(-1);
    if (chunk === undefined || this.used + length > chunk.length) {
      chunk = Buffer.allocUnsafe(Math.max(LineStore.CHUNK_BYTES, length));
      this.chunks.push(chunk);
      this.used = 0;
    }
    const start = this.used;
    for (let i = 0; i < segments.length; i += 2)
      this.used += source.copy(chunk, this.used, segments[i], segments[i + 1]);
    return [this.chunks.length - 1, start, this.used];
  }

  text([chunk, start, end]: LineRef): string {
    return this.chunks[chunk]!.toString('utf8', start, end);
  }
}

/** A kept line (a replay part, or a whole line), parsed for the replay. */
function parseKept(text: string): ReplayableEvent {
  const event = JSON.parse(text) as Partial<ReplayableEvent>;
  if (typeof event.version !== 'number' || typeof event.type !== 'string' || typeof event.recordedAt !== 'string') {
    throw new Error('A kept line lost its version, type or recordedAt');
  }
  return event as ReplayableEvent;
}

if (parentPort) {
  const port = parentPort;
  const { shares, scope } = workerData as AuditWorkerData;
  let share = 0;
  let kept = new LineStore();
  let streams = new Map<string, LineRef[]>();
  /** Streams past the reference date: what follows was not known on it, and is not kept. */
  let done = new Set<string>();
  const newChain = () =>
    new ChainVerifier<LineLink, LineRef | undefined>(
      scope
        ? (link, ref) => {
            if (done.has(link.streamId)) return;
            if (ref === undefined || !recordedBy(link, scope.peildatum)) {
              done.add(link.streamId);
              return;
            }
            const refs = streams.get(link.streamId);
            if (refs === undefined) streams.set(link.streamId, [ref]);
            else refs.push(ref);
          }
        : undefined,
    );
  let chain = newChain();

  const audit = (bytes: Buffer, start: number, end: number, number: number, foreign: ForeignLine[]): void => {
    let link = verifiedLinkOfLine(bytes, start, end);
    let recomputed = link?.hash;
    if (link === undefined) {
      const event: StoredEvent = parseExportLine(bytes.toString('utf8', start, end), number);
      const { streamId, version, prevHash, hash, recordedAt } = event;
      link = { streamId, version, prevHash, hash, recordedAt, replayPart: undefined };
      recomputed = fastHashEvent(event);
    }
    const owner = shareOf(link.streamId, shares);
    if (owner !== share) {
      foreign.push({ line: bytes.toString('utf8', start, end), number, owner });
      return;
    }
    // What a replay of the reference date needs is copied out now: the message's bytes go.
    const ref =
      scope && recordedBy(link, scope.peildatum) ? kept.keep(bytes, link.replayPart ?? [start, end]) : undefined;
    chain.add(link, recomputed as string, ref);
  };

  function* eventsOf(refs: readonly LineRef[]): Generator<ReplayableEvent> {
    for (const ref of refs) yield parseKept(kept.text(ref));
  }

  port.on('message', (request: AuditWorkerRequest) => {
    try {
      if (request.type === 'pass') {
        share = request.share;
        kept = new LineStore();
        streams = new Map();
        done = new Set();
        chain = newChain();
        return;
      }
      if (request.type === 'bytes' || request.type === 'lines') {
        const foreign: ForeignLine[] = [];
        if (request.type === 'bytes') {
          const bytes = Buffer.from(request.bytes);
          for (let i = 0; i < request.numbers.length; i++) {
            audit(bytes, request.offsets[2 * i]!, request.offsets[2 * i + 1]!, request.numbers[i]!, foreign);
          }
        } else {
          for (let i = 0; i < request.lines.length; i++) {
            const bytes = Buffer.from(request.lines[i]!, 'utf8');
            audit(bytes, 0, bytes.length, request.numbers[i]!, foreign);
          }
        }
        port.postMessage({ type: 'ack', foreign } satisfies AuditWorkerReply);
        return;
      }
      const verification = chain.finish();
      let views: ReconstructedViews | undefined;
      let eventsReplayed = 0;
      if (scope) {
        const builder = new ViewsBuilder(scope);
        for (const refs of streams.values()) {
          const { history, replayed } = replayStream(eventsOf(refs), scope.peildatum);
          eventsReplayed += replayed;
          if (history.organisation !== null) builder.add(history);
        }
        views = builder.result();
      }
      kept = new LineStore();
      streams = new Map();
      port.postMessage({ type: 'result', verification, eventsReplayed, views } satisfies AuditWorkerReply);
    } catch (error) {
      port.postMessage({ type: 'error', message: (error as Error).message } satisfies AuditWorkerReply);
    }
  });
}
