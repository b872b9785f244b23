import type { NewEvent, StoredEvent } from '#events/envelope.ts';

export interface AppendOptions {
  /**
   * Keys that must be unique across all streams (e.g. `kvk#12345678#000012345678`), reserved in
   * the same transaction: two racing registrations cannot both win.
   */
  readonly uniqueKeys?: readonly string[];
}

export interface AppendResult {
  /** The stream's version after the append. */
  readonly version: number;
  readonly events: readonly StoredEvent[];
}

/**
 * The event store: append-only streams with optimistic concurrency and a per-stream hash chain,
 * and a global log by recorded day for auditors. Events are never updated or deleted.
 */
export interface EventStore {
  /**
   * Appends events after `expectedVersion` (0 for a new stream) in one transaction, or nothing.
   * @throws ConcurrencyError when the stream is not at `expectedVersion`
   * @throws UniqueKeyTakenError when a unique key is taken
   * @throws AppendTooLargeError past DynamoDB's 100 items per transaction
   */
  append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** The stream's stored events from `fromVersion` (default 1), oldest first, strongly consistent. */
  readStream(streamId: string, fromVersion?: number): Promise<StoredEvent[]>;
  /** The stream's current version (0 when it does not exist). */
  currentVersion(streamId: string): Promise<number>;
  /** Every event recorded on the days `fromDay`..`toDay` (inclusive, `YYYY-MM-DD`, UTC), in recorded order. */
  readLog(fromDay: string, toDay: string): AsyncGenerator<StoredEvent>;
}

/** DynamoDB's limit on items in one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;
