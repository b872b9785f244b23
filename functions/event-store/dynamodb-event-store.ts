import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { eventCatalogue } from '#events/catalogue.ts';
import { GENESIS_HASH, type NewEvent, type StoredEvent } from '#events/envelope.ts';
import { AppendTooLargeError, ConcurrencyError, UniqueKeyTakenError } from './errors.ts';
import { type AppendOptions, type AppendResult, type EventStore, MAX_TRANSACTION_ITEMS } from './event-store.ts';
import { hashEvent } from './hash-chain.ts';

export interface DynamoDbEventStoreConfig {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Server time for `recordedAt`; injected so tests and replays control it. */
  readonly clock?: () => Date;
}

/** Unique-key reservations live in the Events table under their own partition, version 0. */
const UNIQUE_PREFIX = 'unique#';
const LOG_INDEX = 'log';
const DAY_MS = 86_400_000;
/** Stream heads remembered per process: enough for a Lambda's working set, bounded for the local runtime. */
const MAX_REMEMBERED_HEADS = 10_000;

interface StreamHead {
  readonly version: number;
  readonly hash: string;
}

/** The Events table adapter (ARCHITECTURE.md, "Event store"). */
export class DynamoDbEventStore implements EventStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly clock: () => Date;
  private readonly nextEventId = monotonicFactory();
  /**
   * The last (version, hash) this store read or wrote per stream. Stored events never change,
   * so a remembered head stays true forever; it only ever comes from DynamoDB, never from a caller.
   */
  private readonly heads = new Map<string, StreamHead>();

  constructor(config: DynamoDbEventStoreConfig) {
    this.client = config.client;
    this.tableName = config.tableName;
    this.clock = config.clock ?? (() => new Date());
  }

  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const uniqueKeys = options.uniqueKeys ?? [];
    const itemCount = events.length + uniqueKeys.length + (expectedVersion > 0 ? 1 : 0);
    if (events.length > MAX_TRANSACTION_ITEMS || itemCount > MAX_TRANSACTION_ITEMS) {
      throw new AppendTooLargeError(itemCount);
    }
    if (events.length === 0) return { version: expectedVersion, events: [] };
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
      throw new RangeError(`expectedVersion must be a whole number >= 0, got ${expectedVersion}`);
    }

    let prevHash = expectedVersion === 0 ? GENESIS_HASH : this.rememberedHash(streamId, expectedVersion);
    if (prevHash === undefined) prevHash = await this.hashAt(streamId, expectedVersion);

    const recordedAt = this.clock().toISOString();
    const stored: StoredEvent[] = [];
    for (const [index, event] of events.entries()) {
      const eventId = this.nextEventId();
      // A JSON round trip drops `undefined` members, so the hash covers exactly what is stored.
      const withoutHash = {
        streamId,
        version: expectedVersion + index + 1,
        eventId,
        type: event.type,
        schemaVersion: eventCatalogue[event.type].schemaVersion,
        data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
        meta: JSON.parse(JSON.stringify(event.meta)) as StoredEvent['meta'],
        occurredAt: event.occurredAt,
        recordedAt,
        logBucket: recordedAt.slice(0, 10),
        logKey: `${recordedAt}#${eventId}`,
        prevHash,
      };
      const hash = hashEvent(withoutHash);
      stored.push({ ...withoutHash, hash });
      prevHash = hash;
    }

    if (stored.length === 1 && uniqueKeys.length === 0) {
      await this.putSingle(stored[0]!, expectedVersion);
    } else {
      await this.transact(stored, expectedVersion, uniqueKeys);
    }
    const last = stored.at(-1)!;
    this.remember(streamId, { version: last.version, hash: last.hash });
    return { version: expectedVersion + events.length, events: stored };
  }

  /**
   * One event, no unique key: a single conditional PutItem is the same atomic write as a
   * one-item transaction at half the write cost (transactions consume two WCUs per item). The
   * previous version is known to exist with `prevHash`, because its head came from the table.
   */
  private async putSingle(event: StoredEvent, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: event,
          ConditionExpression: 'attribute_not_exists(version)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (await this.isStored(event)) return;
      throw new ConcurrencyError(event.streamId, expectedVersion, await this.currentVersion(event.streamId), {
        cause: error,
      });
    }
  }

  /**
   * Whether this very event (by its id) is stored at its version. A write whose answer was lost
   * (a timeout, a dropped connection) is retried by the SDK and then fails its own condition:
   * it did happen, and reporting a conflict would make the caller decide again on a state that
   * already holds its event.
   */
  private async isStored(event: StoredEvent): Promise<boolean> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { streamId: event.streamId, version: event.version },
        ProjectionExpression: 'eventId',
        ConsistentRead: true,
      }),
    );
    return result.Item?.eventId === event.eventId;
  }

  /** Several items: one TransactWriteItems, all or nothing, with the version check and unique keys. */
  private async transact(stored: readonly StoredEvent[], expectedVersion: number, uniqueKeys: readonly string[]) {
    const streamId = stored[0]!.streamId;
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [];
    if (expectedVersion > 0) {
      items.push({
        ConditionCheck: {
          TableName: this.tableName,
          Key: { streamId, version: expectedVersion },
          ConditionExpression: 'attribute_exists(version) AND #hash = :prevHash',
          ExpressionAttributeNames: { '#hash': 'hash' },
          ExpressionAttributeValues: { ':prevHash': stored[0]!.prevHash },
        },
      });
    }
    for (const key of uniqueKeys) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            streamId: `${UNIQUE_PREFIX}${key}`,
            version: 0,
            ownerStreamId: streamId,
            recordedAt: stored[0]!.recordedAt,
          },
          ConditionExpression: 'attribute_not_exists(streamId)',
        },
      });
    }
    for (const event of stored) {
      items.push({
        Put: { TableName: this.tableName, Item: event, ConditionExpression: 'attribute_not_exists(version)' },
      });
    }
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // All or nothing: if the first event is ours, a retried request had already written them all.
      if (await this.isStored(stored[0]!)) return;
      const reasons = error.CancellationReasons ?? [];
      const uniqueOffset = expectedVersion > 0 ? 1 : 0;
      for (const [index, key] of uniqueKeys.entries()) {
        if (reasons[uniqueOffset + index]?.Code === 'ConditionalCheckFailed') {
          throw new UniqueKeyTakenError(key, { cause: error });
        }
      }
      const actual = await this.currentVersion(streamId);
      throw new ConcurrencyError(streamId, expectedVersion, actual, { cause: error });
    }
  }

  private rememberedHash(streamId: string, version: number): string | undefined {
    const head = this.heads.get(streamId);
    return head?.version === version ? head.hash : undefined;
  }

  private remember(streamId: string, head: StreamHead): void {
    const known = this.heads.get(streamId);
    if (known && known.version >= head.version) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > MAX_REMEMBERED_HEADS) {
      const oldest = this.heads.keys().next().value;
      if (oldest !== undefined) this.heads.delete(oldest);
    }
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const page of this.queryPages({
      TableName: this.tableName,
      KeyConditionExpression: 'streamId = :s AND version >= :v',
      ExpressionAttributeValues: { ':s': streamId, ':v': fromVersion },
      ConsistentRead: true,
    })) {
      events.push(...page);
    }
    const last = events.at(-1);
    if (last) this.remember(streamId, { version: last.version, hash: last.hash });
    return events;
  }

  async currentVersion(streamId: string): Promise<number> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': streamId },
        ProjectionExpression: 'version',
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return (result.Items?.[0]?.version as number | undefined) ?? 0;
  }

  async *readLog(fromDay: string, toDay: string): AsyncGenerator<StoredEvent> {
    const start = Date.parse(`${fromDay}T00:00:00Z`);
    const end = Date.parse(`${toDay}T00:00:00Z`);
    if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError(`Invalid day range ${fromDay}..${toDay}`);
    for (let day = start; day <= end; day += DAY_MS) {
      const bucket = new Date(day).toISOString().slice(0, 10);
      for await (const page of this.queryPages({
        TableName: this.tableName,
        IndexName: LOG_INDEX,
        KeyConditionExpression: 'logBucket = :b',
        ExpressionAttributeValues: { ':b': bucket },
      })) {
        yield* page;
      }
    }
  }

  private async hashAt(streamId: string, version: number): Promise<string> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { streamId, version },
        ProjectionExpression: '#hash',
        ExpressionAttributeNames: { '#hash': 'hash' },
        ConsistentRead: true,
      }),
    );
    const hash = result.Item?.hash as string | undefined;
    if (!hash) throw new ConcurrencyError(streamId, version, await this.currentVersion(streamId));
    this.remember(streamId, { version, hash });
    return hash;
  }

  /** Follows DynamoDB's 1 MB pages until the last one. */
  private async *queryPages(input: QueryCommandInput): AsyncGenerator<StoredEvent[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      yield (page.Items ?? []) as StoredEvent[];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
