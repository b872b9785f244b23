import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { EVENT_SOURCE } from '#events/bus.ts';
import type { StoredEvent } from '#events/envelope.ts';

/** EventBridge takes at most 10 entries per PutEvents call. */
export const PUT_EVENTS_BATCH = 10;

export interface PublisherDeps {
  readonly eventBridge: EventBridgeClient;
  readonly eventBusName: string;
  /** Attempts per entry (first try included) before the record is reported as failed. */
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onRetry?: (failed: number) => void;
}

interface Pending {
  readonly sequenceNumber: string;
  readonly entry: PutEventsRequestEntry;
}

/** The stored event of a stream record, or undefined for anything that is not a new event. */
export function storedEventOf(record: DynamoDBRecord): StoredEvent | undefined {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as StoredEvent;
  // Unique-key reservations share the table (version 0); they are not events.
  if (typeof item.version !== 'number' || item.version < 1 || typeof item.type !== 'string') return undefined;
  return item;
}

/** One EventBridge entry per stored event: the event's type is the detail-type, the stored event the detail. */
export function entryOf(event: StoredEvent, eventBusName: string): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: EVENT_SOURCE,
    DetailType: event.type,
    Time: new Date(event.recordedAt),
    Detail: JSON.stringify(event),
  };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishes the events of a batch of table-stream records (the outbox) to EventBridge: PutEvents
 * in batches of 10, `FailedEntryCount` checked, failed entries retried with backoff. A record that
 * still fails is reported as a batch item failure; the event source then retries from it (the
 * records after it are not published now, to keep duplicates few; the projector tolerates them).
 */
export async function publishStreamRecords(
  records: readonly DynamoDBRecord[],
  deps: PublisherDeps,
): Promise<DynamoDBBatchResponse> {
  const maxAttempts = deps.maxAttempts ?? 4;
  const sleep = deps.sleep ?? defaultSleep;
  const pending: Pending[] = [];
  for (const record of records) {
    const event = storedEventOf(record);
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (!event || !sequenceNumber) continue;
    pending.push({ sequenceNumber, entry: entryOf(event, deps.eventBusName) });
  }

  for (let start = 0; start < pending.length; start += PUT_EVENTS_BATCH) {
    let batch = pending.slice(start, start + PUT_EVENTS_BATCH);
    for (let attempt = 1; batch.length > 0; attempt++) {
      let failed: Pending[];
      try {
        const result = await deps.eventBridge.send(new PutEventsCommand({ Entries: batch.map((p) => p.entry) }));
        const entries = result.Entries ?? [];
        failed =
          (result.FailedEntryCount ?? 0) > 0 || entries.length !== batch.length
            ? batch.filter(
                (_, index) => entries[index]?.ErrorCode !== undefined || entries[index]?.EventId === undefined,
              )
            : [];
      } catch {
        // The bus itself did not answer (after the SDK's own retries): the whole batch failed.
        failed = batch;
      }
      if (failed.length === 0) break;
      if (attempt >= maxAttempts) {
        const first = failed.reduce((a, b) => (BigInt(a.sequenceNumber) <= BigInt(b.sequenceNumber) ? a : b));
        return { batchItemFailures: [{ itemIdentifier: first.sequenceNumber }] };
      }
      deps.onRetry?.(failed.length);
      await sleep(Math.min(1000, 50 * 2 ** (attempt - 1)));
      batch = failed;
    }
  }
  return { batchItemFailures: [] };
}
