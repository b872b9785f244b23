import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { LOCAL_REGION } from './dynamodb-local.ts';
import { sleep } from './idle.ts';

/**
 * Where the poller is in each shard: the sequence number of the last record the publisher took.
 * Kept in a file for persisted runtimes, so a restart resumes after it and publishes nothing twice.
 */
export interface CheckpointStore {
  get(streamArn: string, shardId: string): { sequenceNumber?: string; closed?: boolean } | undefined;
  set(streamArn: string, shardId: string, value: { sequenceNumber?: string; closed?: boolean }): void;
}

type Checkpoints = Record<string, Record<string, { sequenceNumber?: string; closed?: boolean }>>;

export function fileCheckpointStore(path: string | undefined): CheckpointStore {
  const data: Checkpoints = path && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Checkpoints) : {};
  return {
    get: (arn, shard) => data[arn]?.[shard],
    set: (arn, shard, value) => {
      data[arn] = { ...(data[arn] ?? {}), [shard]: value };
      if (!path) return;
      // Write then rename: a crash never leaves a half-written checkpoint.
      writeFileSync(`${path}.tmp`, JSON.stringify(data));
      renameSync(`${path}.tmp`, path);
    },
  };
}

export interface StreamPollerOptions {
  readonly dynamoDb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly tableName: string;
  readonly batchSize: number;
  readonly checkpoints: CheckpointStore;
  /** The consumer (the publisher), invoked as an event source mapping invokes it. */
  readonly invoke: (event: DynamoDBStreamEvent) => Promise<unknown>;
  readonly idlePollMs?: number;
  readonly log?: (message: string) => void;
}

export interface StreamPoller {
  /** Resolves once every record written before the call has been handed to the consumer. */
  whenCaughtUp(): Promise<void>;
  readonly stats: { records: number; invocations: number; failures: number };
  stop(): Promise<void>;
}

interface ShardCursor {
  shardId: string;
  parentShardId?: string;
  iterator?: string;
  closed: boolean;
}

const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord =>
  ({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? LOCAL_REGION,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime
        ? Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
        : undefined,
    },
  }) as DynamoDBRecord;

/**
 * Polls the real DynamoDB Stream of a table (DynamoDB Local implements Streams) and invokes the
 * consumer like a Lambda event source mapping: batches in shard order, a failed batch retried from
 * the first failed record (`ReportBatchItemFailures`), parents before children, and a checkpoint
 * after each batch the consumer accepted.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const log = options.log ?? (() => undefined);
  const idlePollMs = options.idlePollMs ?? 100;
  const stats = { records: 0, invocations: 0, failures: 0 };
  const table = await options.dynamoDb.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);

  const cursors = new Map<string, ShardCursor>();
  let stopped = false;
  let roundsCompleted = 0;
  let caughtUpRound = -1;
  const waiters: { afterRound: number; resolve: () => void }[] = [];

  const refreshShards = async (): Promise<void> => {
    let start: string | undefined;
    do {
      const page = await options.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      for (const shard of page.StreamDescription?.Shards ?? []) addShard(shard);
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  };

  const addShard = (shard: Shard): void => {
    if (!shard.ShardId || cursors.has(shard.ShardId)) return;
    const saved = options.checkpoints.get(streamArn, shard.ShardId);
    cursors.set(shard.ShardId, {
      shardId: shard.ShardId,
      ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
      closed: saved?.closed === true,
    });
  };

  const iteratorFor = async (
    cursor: ShardCursor,
    type?: ShardIteratorType,
    sequenceNumber?: string,
  ): Promise<string | undefined> => {
    const saved = options.checkpoints.get(streamArn, cursor.shardId)?.sequenceNumber;
    const iteratorType: ShardIteratorType = type ?? (saved ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON');
    const seq = sequenceNumber ?? (iteratorType === 'TRIM_HORIZON' ? undefined : saved);
    try {
      const result = await options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: cursor.shardId,
          ShardIteratorType: iteratorType,
          ...(seq ? { SequenceNumber: seq } : {}),
        }),
      );
      return result.ShardIterator;
    } catch (error) {
      if (
        (error as Error).name === 'TrimmedDataAccessException' ||
        (error as Error).name === 'ResourceNotFoundException'
      ) {
        log(`stream: ${cursor.shardId} checkpoint is gone (${(error as Error).name}); reading from the oldest record`);
        const result = await options.streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: cursor.shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        return result.ShardIterator;
      }
      throw error;
    }
  };

  /** Hands records to the consumer until it accepts them all; returns when the batch is done. */
  const deliver = async (cursor: ShardCursor, records: StreamRecord[]): Promise<void> => {
    let pending = records;
    for (let attempt = 1; pending.length > 0 && !stopped; attempt++) {
      stats.invocations++;
      let failedFrom: string | undefined;
      try {
        const result = (await options.invoke({
          Records: pending.map((r) => toLambdaRecord(r, streamArn)),
        })) as DynamoDBBatchResponse | undefined;
        failedFrom = result?.batchItemFailures?.[0]?.itemIdentifier;
      } catch (error) {
        failedFrom = pending[0]?.dynamodb?.SequenceNumber;
        log(`stream: consumer failed: ${(error as Error).message}`);
      }
      const failedIndex =
        failedFrom === undefined ? -1 : pending.findIndex((r) => r.dynamodb?.SequenceNumber === failedFrom);
      const done = failedIndex === -1 ? pending : pending.slice(0, failedIndex);
      const last = done.at(-1)?.dynamodb?.SequenceNumber;
      if (last) options.checkpoints.set(streamArn, cursor.shardId, { sequenceNumber: last });
      stats.records += done.length;
      if (failedIndex === -1) return;
      stats.failures++;
      pending = pending.slice(failedIndex);
      await sleep(Math.min(5000, 100 * 2 ** Math.min(attempt, 6)));
    }
  };

  const pollShard = async (cursor: ShardCursor): Promise<boolean> => {
    cursor.iterator ??= await iteratorFor(cursor);
    if (!cursor.iterator) {
      cursor.closed = true;
      return false;
    }
    let result: GetRecordsCommandOutput;
    try {
      result = await options.streams.send(
        new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: options.batchSize }),
      );
    } catch (error) {
      // An expired iterator, or (DynamoDB Local) one taken at TRIM_HORIZON of a then empty shard:
      // take a new one from the checkpoint.
      if (
        (error as Error).name === 'ExpiredIteratorException' ||
        (error as Error).name === 'TrimmedDataAccessException'
      ) {
        cursor.iterator = undefined;
        return true;
      }
      throw error;
    }
    const records = result.Records ?? [];
    if (records.length > 0) await deliver(cursor, records);
    cursor.iterator = result.NextShardIterator;
    if (!cursor.iterator) {
      cursor.closed = true;
      options.checkpoints.set(streamArn, cursor.shardId, {
        ...options.checkpoints.get(streamArn, cursor.shardId),
        closed: true,
      });
    }
    return records.length > 0;
  };

  const loop = async (): Promise<void> => {
    let lastRefresh = 0;
    while (!stopped) {
      try {
        if (Date.now() - lastRefresh > 5000 || [...cursors.values()].every((c) => c.closed)) {
          await refreshShards();
          lastRefresh = Date.now();
        }
        let busy = false;
        for (const cursor of cursors.values()) {
          if (cursor.closed || stopped) continue;
          const parent = cursor.parentShardId ? cursors.get(cursor.parentShardId) : undefined;
          if (parent && !parent.closed) continue;
          if (await pollShard(cursor)) busy = true;
        }
        roundsCompleted++;
        if (!busy) {
          caughtUpRound = roundsCompleted;
          for (const waiter of waiters.splice(0)) {
            if (waiter.afterRound < caughtUpRound) waiter.resolve();
            else waiters.push(waiter);
          }
          await sleep(idlePollMs);
        }
      } catch (error) {
        if (stopped) break;
        log(`stream: polling failed (${(error as Error).name}: ${(error as Error).message}); retrying`);
        await sleep(1000);
      }
    }
  };

  await refreshShards();
  const running = loop();

  return {
    stats,
    // Caught up = a complete round that started after this call found no new records.
    whenCaughtUp: () => new Promise((resolve) => waiters.push({ afterRound: roundsCompleted + 1, resolve })),
    stop: async () => {
      stopped = true;
      await running;
      for (const waiter of waiters.splice(0)) waiter.resolve();
    },
  };
}
