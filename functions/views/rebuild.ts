import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { amsterdamDateOf } from '#domain/dates.ts';
import { foldHistory } from '#domain/projections/organisation-history.ts';
import { toProjectedEvent } from '#domain/projections/projected-event.ts';
import { organisationIdOf } from '#events/envelope.ts';
import type { EventStore } from '#functions/event-store/event-store.ts';
import type { ViewStore } from './view-store.ts';

export interface RebuildDeps {
  readonly client: DynamoDBDocumentClient;
  readonly eventsTable: string;
  readonly events: EventStore;
  /** The views to write: the live table, or another one to compare with. */
  readonly views: ViewStore;
  readonly today?: () => string;
  readonly concurrency?: number;
  readonly onProgress?: (done: number) => void;
}

export interface RebuildResult {
  readonly streams: number;
  readonly events: number;
}

/** Every organisation stream in the Events table: the streams that have a version 1. */
export async function* organisationStreams(
  client: DynamoDBDocumentClient,
  eventsTable: string,
): AsyncGenerator<string> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: eventsTable,
        FilterExpression: 'version = :one AND begins_with(streamId, :prefix)',
        ProjectionExpression: 'streamId',
        ExpressionAttributeValues: { ':one': 1, ':prefix': 'organisation#' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) yield item.streamId as string;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * Rebuilds every view from the event store: each organisation stream read whole, folded with the
 * same projection functions the projector uses, and written over whatever is stored unless a newer
 * version is there already. Safe while the pipeline runs; run it after a change of view shape.
 */
export async function rebuildViews(deps: RebuildDeps): Promise<RebuildResult> {
  const asOf = (deps.today ?? (() => amsterdamDateOf(new Date().toISOString())))();
  const concurrency = deps.concurrency ?? 8;
  let streams = 0;
  let events = 0;
  const running = new Set<Promise<void>>();
  for await (const streamId of organisationStreams(deps.client, deps.eventsTable)) {
    const task = (async () => {
      const stored = await deps.events.readStream(streamId);
      const history = foldHistory(stored.map(toProjectedEvent));
      if (history.organisation?.organisationId !== organisationIdOf(streamId)) return;
      await deps.views.writeOrganisation(history, asOf, { refresh: true });
      streams++;
      events += stored.length;
      deps.onProgress?.(streams);
    })();
    running.add(task);
    task.then(
      () => running.delete(task),
      () => running.delete(task),
    );
    if (running.size >= concurrency) await Promise.race(running);
  }
  await Promise.all(running);
  return { streams, events };
}
