import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbEventStore } from '#functions/event-store/dynamodb-event-store.ts';
import { rebuildViews } from '#functions/views/rebuild.ts';
import { ViewStore } from '#functions/views/view-store.ts';
import { createMissingTables, tableNames } from '#local/create-tables.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#local/dynamodb-local.ts';
import { documentClientFor } from '#local/runtime.ts';
import { seed } from '#local/seed.ts';
import { scanAll } from '#test/proof/support/nothing-lost.ts';
import { startTestRuntime, type TestRuntime } from '#test/support/runtime.ts';

/**
 * EventBridge delivers at least once and in any order. With the emulator delivering every event
 * twice and shuffled, the views after a seeded run must equal the views rebuilt from the event store.
 */
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime({ deliveryFaults: { duplicate: true, shuffle: true, shuffleWindowMs: 200 } });
});
afterAll(async () => rt?.stop());

/** Every item of a table, in key order. */
async function scanSorted(endpoint: string, table: string): Promise<Record<string, unknown>[]> {
  const client = documentClientFor(endpoint);
  try {
    const items = await scanAll(client, table);
    return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
  } finally {
    client.destroy();
  }
}

describe('duplicate and shuffled delivery', () => {
  it('leaves views equal to the views rebuilt from the event store after a seeded run', async () => {
    // Prepare: a seeded history through the HTTP API, every event delivered twice, out of order.
    const seeded = await seed({ url: rt.url, token: (claims) => rt.token(claims), organisations: 80, seed: 11 });
    expect(seeded.organisations).toBe(80);
    await rt.runtime.whenIdle();
    const stats = rt.runtime.eventBridge.stats;
    expect(stats.accepted).toBe(await rt.eventCount());
    expect(stats.deliveries).toBeGreaterThanOrEqual(2 * stats.accepted);
    expect(rt.runtime.eventBridge.deadLetters).toEqual([]);

    // Act: rebuild every view from the event store into a fresh Views table.
    const endpoint = rt.runtime.dynamodbEndpoint;
    const rawClient = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const fresh = tableNames(`rebuild${ulid().toLowerCase()}`);
    await createMissingTables(rawClient, fresh);
    const client = documentClientFor(endpoint);
    const result = await rebuildViews({
      client,
      eventsTable: rt.runtime.tables.Events,
      events: new DynamoDbEventStore({ client, tableName: rt.runtime.tables.Events }),
      views: new ViewStore(client, fresh.Views),
    });

    // Assess
    expect(result.streams).toBe(80);
    const live = await scanSorted(endpoint, rt.runtime.tables.Views);
    const rebuilt = await scanSorted(endpoint, fresh.Views);
    expect(live.length).toBeGreaterThan(80);
    expect(live).toEqual(rebuilt);
    client.destroy();
    rawClient.destroy();
  });
});
