import { amsterdamDateOf } from '#domain/dates.ts';
import type { Actor, OrganisationCommand } from '#domain/organisation/commands.ts';
import type { StoredEvent } from '#events/envelope.ts';
import { executeCommand } from '#functions/commands/execute.ts';
import { DynamoDbEventStore } from '#functions/event-store/dynamodb-event-store.ts';
import type { EventStore } from '#functions/event-store/event-store.ts';
import { projectStoredEvent } from '#functions/views/projector.ts';
import { ViewStore } from '#functions/views/view-store.ts';
import { type TestDynamoDb, testDynamoDb } from '#test/support/dynamodb.ts';

/**
 * The write side and the projector on DynamoDB Local, without the bus: a command goes through the
 * shared command path, and every event it appends is projected right away by the projector's own
 * function, as the pipeline would a moment later. One clock, set by the test, is both the domain's
 * `now` and the event store's `recordedAt`, so a history can be written "over years".
 */
export interface TestPipeline {
  readonly db: TestDynamoDb;
  readonly store: DynamoDbEventStore;
  readonly views: ViewStore;
  /** The instant commands are given and stored at. */
  now: Date;
  run(
    organisationId: string,
    command: OrganisationCommand,
    actor: Actor,
    correlationId?: string,
  ): Promise<readonly StoredEvent[]>;
  /** Projects events appended by someone else. */
  project(events: readonly StoredEvent[]): Promise<void>;
  /** The event store with the projector behind it: what the campaign worker appends shows in the views. */
  readonly projectingStore: EventStore;
}

export async function testPipeline(start: Date): Promise<TestPipeline> {
  const db = await testDynamoDb();
  const store = new DynamoDbEventStore({
    client: db.documentClient,
    tableName: db.tables.Events,
    clock: () => pipeline.now,
  });
  const pipeline: TestPipeline = {
    db,
    now: start,
    store,
    projectingStore: {
      append: async (streamId, expectedVersion, events, options) => {
        const result = await store.append(streamId, expectedVersion, events, options);
        await pipeline.project(result.events);
        return result;
      },
      readStream: (streamId, fromVersion) => store.readStream(streamId, fromVersion),
      currentVersion: (streamId) => store.currentVersion(streamId),
      readLog: (fromDay, toDay) => store.readLog(fromDay, toDay),
    },
    views: new ViewStore(db.documentClient, db.tables.Views),
    async run(organisationId, command, actor, correlationId = 'test') {
      const result = await executeCommand(
        pipeline.store,
        { organisationId, command, actor, meta: { correlationId } },
        { clock: () => pipeline.now },
      );
      await pipeline.project(result.appended);
      return result.appended;
    },
    async project(events) {
      for (const event of events) {
        await projectStoredEvent(event, {
          views: pipeline.views,
          events: pipeline.store,
          today: () => amsterdamDateOf(pipeline.now.toISOString()),
        });
      }
    },
  };
  return pipeline;
}
