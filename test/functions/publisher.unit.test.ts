import type { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { publishStreamRecords } from '#functions/publisher/publish.ts';

/** A stream record of a stored event at `version` with sequence number `seq`. */
const record = (seq: number, version = seq): DynamoDBRecord =>
  ({
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(1000 + seq),
      NewImage: marshall({
        streamId: 'organisation#X',
        version,
        type: 'MeldcodeSubmitted',
        recordedAt: '2025-01-01T00:00:00.000Z',
        data: {},
      }),
    },
  }) as unknown as DynamoDBRecord;

/** A fake bus: answers each PutEvents with the given per-entry failures (by detail version). */
function fakeBus(failing: (version: number, call: number) => boolean) {
  const calls: number[][] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      const versions = (command.input.Entries ?? []).map(
        (e) => (JSON.parse(e.Detail ?? '{}') as { version: number }).version,
      );
      calls.push(versions);
      const entries = versions.map((v) =>
        failing(v, calls.length) ? { ErrorCode: 'InternalFailure', ErrorMessage: 'x' } : { EventId: `e${v}` },
      );
      return { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries };
    },
  } as unknown as EventBridgeClient;
  return { client, calls };
}

const noSleep = async (): Promise<void> => undefined;

describe('publisher', () => {
  it('publishes in batches of at most 10, in stream order', async () => {
    const bus = fakeBus(() => false);
    const result = await publishStreamRecords(
      Array.from({ length: 23 }, (_, i) => record(i + 1)),
      { eventBridge: bus.client, eventBusName: 'b', sleep: noSleep },
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(bus.calls.map((c) => c.length)).toEqual([10, 10, 3]);
    expect(bus.calls.flat()).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
  });

  it('retries only the entries that failed (FailedEntryCount) until they are accepted', async () => {
    const bus = fakeBus((version, call) => call === 1 && (version === 2 || version === 5));
    const result = await publishStreamRecords(
      [1, 2, 3, 4, 5].map((v) => record(v)),
      { eventBridge: bus.client, eventBusName: 'b', sleep: noSleep },
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(bus.calls).toEqual([
      [1, 2, 3, 4, 5],
      [2, 5],
    ]);
  });

  it('reports the first record that keeps failing as the batch item failure and stops there', async () => {
    const bus = fakeBus((version) => version === 12 || version === 14);
    const result = await publishStreamRecords(
      Array.from({ length: 25 }, (_, i) => record(i + 1)),
      {
        eventBridge: bus.client,
        eventBusName: 'b',
        maxAttempts: 3,
        sleep: noSleep,
      },
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1012' }]);
    expect(bus.calls.length).toBe(1 + 3);
    expect(bus.calls.flat()).not.toContain(21);
  });

  it('skips unique-key reservations and non-inserts', async () => {
    const bus = fakeBus(() => false);
    const reservation = {
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: '1', NewImage: marshall({ streamId: 'unique#kvk#1#-', version: 0 }) },
    } as unknown as DynamoDBRecord;
    const modify = { ...record(2), eventName: 'MODIFY' } as DynamoDBRecord;
    const result = await publishStreamRecords([reservation, modify, record(3)], {
      eventBridge: bus.client,
      eventBusName: 'b',
      sleep: noSleep,
    });
    expect(result.batchItemFailures).toEqual([]);
    expect(bus.calls).toEqual([[3]]);
  });
});
