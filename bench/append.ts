import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { NewEvent } from '#events/envelope.ts';
import { organisationStreamId } from '#events/envelope.ts';
import { DynamoDbEventStore } from '#functions/event-store/dynamodb-event-store.ts';
import { createMissingTables, tableNames } from '#local/create-tables.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { round, writeResult } from './results.ts';

/**
 * Issue 2's append overhead: single-event appends through the event store (the conditional write,
 * the envelope and the hash chain) against bare conditional PutItem calls of the same
 * items, at the same concurrency, on the same in-memory DynamoDB Local, in alternating rounds.
 */
const CONCURRENCY = 16;
const STREAMS = 160;
const APPENDS_PER_STREAM = 10;
const ROUNDS = 3;

function event(n: number): NewEvent {
  return {
    type: 'MeldcodeSubmitted',
    data: {
      meldcodeId: ulid(),
      label: `bench-${n}`,
      adoptedOn: '2024-05-01',
      elements: ['stappenplan', 'responsibilities', 'specialForms', 'confidentialData', 'afwegingskader'],
      attentionOfficer: true,
      promotionMeasures: [{ kind: 'scholing', date: '2025-01-15', reachPercentage: 80 }],
    },
    meta: { actor: 'bench', gemeente: 'GM0363', role: 'supervisor', correlationId: ulid() },
    occurredAt: new Date().toISOString(),
  };
}

/** Runs `work(streamIndex)` for every stream, `CONCURRENCY` streams at a time; returns appends per second. */
async function measure(work: (stream: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < STREAMS) await work(next++);
    }),
  );
  return (STREAMS * APPENDS_PER_STREAM) / ((performance.now() - started) / 1000);
}

export async function run(): Promise<void> {
  const dynamodb = await startDynamoDbLocal();
  const client = new DynamoDBClient({
    endpoint: dynamodb.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    const storeTables = tableNames('bench-store');
    const bareTables = tableNames('bench-bare');
    await createMissingTables(client, storeTables);
    await createMissingTables(client, bareTables);
    const store = new DynamoDbEventStore({ client: documentClient, tableName: storeTables.Events });

    const throughStore = async (): Promise<number> =>
      measure(async () => {
        const streamId = organisationStreamId(ulid());
        for (let version = 0; version < APPENDS_PER_STREAM; version++) {
          await store.append(streamId, version, [event(version)]);
        }
      });
    // The same items as the store writes them (envelope, hashes), put with the version condition only.
    const bare = async (): Promise<number> =>
      measure(async () => {
        const streamId = organisationStreamId(ulid());
        for (let version = 1; version <= APPENDS_PER_STREAM; version++) {
          const { data, meta, occurredAt, type } = event(version);
          const recordedAt = new Date().toISOString();
          const eventId = ulid();
          await documentClient.send(
            new PutCommand({
              TableName: bareTables.Events,
              Item: {
                streamId,
                version,
                eventId,
                type,
                schemaVersion: 2,
                data,
                meta,
                occurredAt,
                recordedAt,
                logBucket: recordedAt.slice(0, 10),
                logKey: `${recordedAt}#${eventId}`,
                prevHash: '0'.repeat(64),
                hash: 'f'.repeat(64),
              },
              ConditionExpression: 'attribute_not_exists(version)',
            }),
          );
        }
      });

    await bare(); // warm-up of the JVM and the SDK, not counted
    await throughStore();
    const storeRates: number[] = [];
    const bareRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRates.push(await bare());
      storeRates.push(await throughStore());
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const storeRate = median(storeRates);
    const bareRate = median(bareRates);
    const ratio = storeRate / bareRate;
    console.log(`append: ${STREAMS * APPENDS_PER_STREAM} single-event appends per round, concurrency ${CONCURRENCY}`);
    console.log(
      `  event store (conditional write + hash chain): ${round(storeRate)} appends/s  rounds ${storeRates.map((r) => round(r)).join(', ')}`,
    );
    console.log(
      `  bare conditional PutItem:                      ${round(bareRate)} puts/s     rounds ${bareRates.map((r) => round(r)).join(', ')}`,
    );
    console.log(`  ratio: ${round(ratio, 3)} (target >= 0.6)`);
    writeResult(
      'append',
      {
        eventStoreAppendsPerSecond: round(storeRate),
        barePutItemsPerSecond: round(bareRate),
        concurrency: CONCURRENCY,
        appendsPerRound: STREAMS * APPENDS_PER_STREAM,
        rounds: ROUNDS,
      },
      round(ratio, 3),
    );
  } finally {
    client.destroy();
    await dynamodb.stop();
  }
}
