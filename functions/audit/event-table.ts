import { type DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredEvent } from '#events/envelope.ts';
import { exportLine } from './canonical-json.ts';

/**
 * Reads for auditors straight from the Events table, beside the event store's own `readStream` and
 * `readLog`: a scan of every stored event (integrity, reconstruction) and the log index read page
 * by page with a cursor (the NDJSON export over HTTP, which must fit Lambda's response and time).
 */

const LOG_INDEX = 'log';
const DAY_MS = 86_400_000;
const MAX_WAITING_PAGES = 8;

/**
 * Every stored event (no unique-key reservations), in parallel segments, strongly consistent.
 * A segment holds whole partitions and returns each in version order, so a stream arrives in
 * order; `ChainVerifier` would put it right otherwise.
 */
export async function* scanEvents(
  client: DynamoDBDocumentClient,
  eventsTable: string,
  segments = 4,
): AsyncGenerator<StoredEvent[]> {
  const pages: StoredEvent[][] = [];
  let failure: unknown;
  let running = segments;
  let wake: (() => void) | undefined;
  const consumed: (() => void)[] = [];
  const readSegment = async (segment: number): Promise<void> => {
    let startKey: Record<string, unknown> | undefined;
    do {
      // Backpressure: at most a few pages wait for the (CPU-bound) consumer.
      while (pages.length >= MAX_WAITING_PAGES && failure === undefined) {
        await new Promise<void>((resolve) => consumed.push(resolve));
      }
      const page = await client.send(
        new ScanCommand({
          TableName: eventsTable,
          Segment: segment,
          TotalSegments: segments,
          ConsistentRead: true,
          FilterExpression: 'version > :zero',
          ExpressionAttributeValues: { ':zero': 0 },
          ExclusiveStartKey: startKey,
        }),
      );
      pages.push((page.Items ?? []) as StoredEvent[]);
      wake?.();
      startKey = page.LastEvaluatedKey;
    } while (startKey && failure === undefined);
  };
  for (let segment = 0; segment < segments; segment++) {
    readSegment(segment)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        running--;
        wake?.();
      });
  }
  try {
    for (;;) {
      const page = pages.shift();
      if (page !== undefined) {
        consumed.shift()?.();
        yield page;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (running === 0) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    // Stopped early (a failure, or the consumer gave up): let the segments end.
    failure ??= new Error('scan stopped');
    for (const release of consumed.splice(0)) release();
  }
}

/** Where a page of the log ends: the day, and within it the last key read. */
interface LogCursor {
  readonly day: string;
  readonly after?: Record<string, unknown>;
}

export const encodeCursor = (cursor: LogCursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor(text: string): LogCursor {
  const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as LogCursor;
  if (typeof cursor.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(cursor.day)) throw new RangeError('Invalid cursor');
  return cursor;
}

export interface LogPage {
  /** The page's events, each as its export line (canonical JSON, hashes included). */
  readonly lines: readonly string[];
  /** Where the next page starts; undefined when the range is done. */
  readonly next: string | undefined;
}

export interface LogPageOptions {
  /** First day (inclusive) and the day the range ends before (exclusive), `YYYY-MM-DD` (UTC). */
  readonly from: string;
  readonly until: string;
  readonly cursor?: string;
  /** Stop filling the page at this many events or bytes (roughly; a DynamoDB page is not split). */
  readonly maxEvents: number;
  readonly maxBytes: number;
  /** Stop (and hand out a cursor) when this time is up, so a page answers within the gateway's limit. */
  readonly deadline: number;
}

/**
 * One page of the log in recorded order: day by day over the log index (`logBucket` = recorded
 * day, sorted by `logKey` = recordedAt#eventId), from the cursor on. The index is eventually
 * consistent: an event appended a moment ago may show up on a later read.
 */
export async function readLogPage(
  client: DynamoDBDocumentClient,
  eventsTable: string,
  options: LogPageOptions,
): Promise<LogPage> {
  const lines: string[] = [];
  let bytes = 0;
  let cursor: LogCursor = options.cursor ? decodeCursor(options.cursor) : { day: options.from };
  while (cursor.day < options.until) {
    if (lines.length >= options.maxEvents || bytes >= options.maxBytes || Date.now() >= options.deadline) {
      return { lines, next: encodeCursor(cursor) };
    }
    const page = await client.send(
      new QueryCommand({
        TableName: eventsTable,
        IndexName: LOG_INDEX,
        KeyConditionExpression: 'logBucket = :day',
        ExpressionAttributeValues: { ':day': cursor.day },
        ExclusiveStartKey: cursor.after,
        Limit: Math.max(1, Math.min(1000, options.maxEvents - lines.length)),
      }),
    );
    for (const item of page.Items ?? []) {
      const line = exportLine(item);
      lines.push(line);
      bytes += line.length + 1;
    }
    cursor = page.LastEvaluatedKey
      ? { day: cursor.day, after: page.LastEvaluatedKey }
      : { day: new Date(Date.parse(`${cursor.day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10) };
  }
  return { lines, next: undefined };
}
