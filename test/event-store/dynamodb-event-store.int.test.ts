import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { organisationStreamId, type StoredEvent } from '#events/envelope.ts';
import { DynamoDbEventStore } from '#functions/event-store/dynamodb-event-store.ts';
import { AppendTooLargeError, ConcurrencyError, UniqueKeyTakenError } from '#functions/event-store/errors.ts';
import { verifyLog, verifyStream } from '#functions/event-store/hash-chain.ts';
import { type TestDynamoDb, testDynamoDb } from '#test/support/dynamodb.ts';
import { meldcodeSubmitted, registered } from '#test/support/fixtures.ts';

let db: TestDynamoDb;
let store: DynamoDbEventStore;

beforeAll(async () => {
  db = await testDynamoDb();
  store = new DynamoDbEventStore({ client: db.documentClient, tableName: db.tables.Events });
});

const newStream = (): string => organisationStreamId(ulid());

describe('append', () => {
  it('stores events with contiguous versions and a hash chain from genesis', async () => {
    // Prepare
    const streamId = newStream();
    // Act
    const first = await store.append(streamId, 0, [registered()]);
    const second = await store.append(streamId, 1, [meldcodeSubmitted('a'), meldcodeSubmitted('b')]);
    // Assess
    expect(first.version).toBe(1);
    expect(second.version).toBe(3);
    const events = await store.readStream(streamId);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(verifyStream(streamId, events)).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('lets one of two concurrent appends at the same expected version win; the other gets ConcurrencyError', async () => {
    const streamId = newStream();
    await store.append(streamId, 0, [registered()]);

    const results = await Promise.allSettled([
      store.append(streamId, 1, [meldcodeSubmitted('left')]),
      store.append(streamId, 1, [meldcodeSubmitted('right')]),
    ]);

    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const error = rejected[0]!.reason as ConcurrencyError;
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error.streamId).toBe(streamId);
    expect(error.expectedVersion).toBe(1);
    expect(error.actualVersion).toBe(2);
    expect(error.message).toContain(streamId);
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('refuses an expected version the stream is not at, naming the actual version', async () => {
    const streamId = newStream();
    await store.append(streamId, 0, [registered()]);
    await expect(store.append(streamId, 0, [registered()])).rejects.toMatchObject({
      name: 'ConcurrencyError',
      expectedVersion: 0,
      actualVersion: 1,
    });
    await expect(store.append(streamId, 5, [meldcodeSubmitted()])).rejects.toMatchObject({
      name: 'ConcurrencyError',
      expectedVersion: 5,
      actualVersion: 1,
    });
  });

  it('leaves contiguous versions 1..N with no loss and no duplicate under 50 concurrent writers', async () => {
    // Prepare: each writer retries on conflict by reloading, as the command handler does.
    const streamId = newStream();
    await store.append(streamId, 0, [registered()]);
    const writer = async (n: number): Promise<number> => {
      for (let attempt = 0; attempt < 500; attempt++) {
        const version = await store.currentVersion(streamId);
        try {
          await store.append(streamId, version, [meldcodeSubmitted(`writer-${n}`)]);
          return attempt;
        } catch (error) {
          if (!(error instanceof ConcurrencyError)) throw error;
        }
      }
      throw new Error(`writer ${n} never got through`);
    };
    // Act
    await Promise.all(Array.from({ length: 50 }, (_, n) => writer(n)));
    // Assess
    const events = await store.readStream(streamId);
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const labels = events.slice(1).map((e) => (e.data as { label: string }).label);
    expect(new Set(labels).size).toBe(50);
    expect(verifyStream(streamId, events).ok).toBe(true);
  });

  it('reserves unique keys in the same transaction: the second registration of a key loses', async () => {
    const key = `kvk#${ulid()}#-`;
    const [a, b] = await Promise.allSettled([
      store.append(newStream(), 0, [registered()], { uniqueKeys: [key] }),
      store.append(newStream(), 0, [registered()], { uniqueKeys: [key] }),
    ]);
    const outcomes = [a!.status, b!.status].sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const rejected = [a, b].find((r) => r!.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(UniqueKeyTakenError);
  });

  it.each([
    ['one event (conditional put)', 1],
    ['several events (transaction)', 3],
  ])('reports success when a retried request finds its own write: %s', async (_label, count) => {
    // Prepare: a client that sends the write, loses the answer and sends it again, as the SDK
    // does after a timeout; the second attempt fails its own condition.
    let replayNext = true;
    const replaying = {
      send: async (command: Parameters<typeof db.documentClient.send>[0]) => {
        const name = command.constructor.name;
        if (replayNext && (name === 'PutCommand' || name === 'TransactWriteCommand')) {
          replayNext = false;
          await db.documentClient.send(command);
        }
        return db.documentClient.send(command);
      },
    } as unknown as typeof db.documentClient;
    const flaky = new DynamoDbEventStore({ client: replaying, tableName: db.tables.Events });
    const streamId = newStream();
    const events = [registered(), ...Array.from({ length: count - 1 }, () => meldcodeSubmitted())];
    // Act
    const result = await flaky.append(streamId, 0, events);
    // Assess
    expect(replayNext).toBe(false);
    expect(result.version).toBe(count);
    const stored = await store.readStream(streamId);
    expect(stored.map((e) => e.eventId)).toEqual(result.events.map((e) => e.eventId));
  });

  it('still reports a conflict when another writer took the version', async () => {
    const streamId = newStream();
    await store.append(streamId, 0, [registered()]);
    const other = new DynamoDbEventStore({ client: db.documentClient, tableName: db.tables.Events });
    await other.append(streamId, 1, [meldcodeSubmitted('other')]);
    await expect(store.append(streamId, 1, [meldcodeSubmitted('mine')])).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('refuses more than 100 events in one append and writes nothing', async () => {
    const streamId = newStream();
    const events = [registered(), ...Array.from({ length: 100 }, () => meldcodeSubmitted())];
    await expect(store.append(streamId, 0, events)).rejects.toBeInstanceOf(AppendTooLargeError);
    expect(await store.readStream(streamId)).toEqual([]);
  });
});

describe('readStream', () => {
  it('reads back a stream bigger than 1 MB whole, following the pages', async () => {
    // Prepare: ~300 events of ~5 KB each, well past one 1 MB query page.
    const streamId = newStream();
    let { version } = await store.append(streamId, 0, [registered()]);
    for (let batch = 0; batch < 6; batch++) {
      const events = Array.from({ length: 50 }, (_, i) => meldcodeSubmitted(`b${batch}-${i}`, 90));
      ({ version } = await store.append(streamId, version, events));
    }
    // Act
    const events = await store.readStream(streamId);
    // Assess
    const bytes = Buffer.byteLength(JSON.stringify(events));
    expect(bytes).toBeGreaterThan(1_100_000);
    expect(events).toHaveLength(301);
    expect(events.at(-1)!.version).toBe(301);
    expect(verifyStream(streamId, events).ok).toBe(true);
  });
});

describe('readLog', () => {
  it('returns every appended event exactly once, in recorded order', async () => {
    // Prepare: a store whose clock walks over three days, on its own table.
    const own = await testDynamoDb();
    let tick = Date.parse('2025-06-01T22:00:00.000Z');
    const clocked = new DynamoDbEventStore({
      client: own.documentClient,
      tableName: own.tables.Events,
      clock: () => {
        tick += 37 * 60_000;
        return new Date(tick);
      },
    });
    const appended: StoredEvent[] = [];
    const streams = Array.from({ length: 8 }, newStream);
    for (let round = 0; round < 12; round++) {
      for (const [i, streamId] of streams.entries()) {
        if ((round + i) % 3 === 0) continue;
        const version = appended.filter((e) => e.streamId === streamId).length;
        const result = await clocked.append(streamId, version, [version === 0 ? registered() : meldcodeSubmitted()]);
        appended.push(...result.events);
      }
    }
    // Act
    const log: StoredEvent[] = [];
    for await (const event of clocked.readLog('2025-05-30', '2025-06-10')) log.push(event);
    // Assess
    expect(log.map((e) => e.eventId).sort()).toEqual(appended.map((e) => e.eventId).sort());
    expect(new Set(log.map((e) => e.eventId)).size).toBe(log.length);
    const keys = log.map((e) => e.logKey);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(log.map((e) => e.logBucket)).size).toBeGreaterThan(1);
    expect(verifyLog(log).brokenLinks).toEqual([]);
  });
});

describe('tamper detection', () => {
  it('detects a change to any one field of any stored event and points at that event', async () => {
    // Prepare: three streams of a few events, stored for real.
    const streams: string[] = [];
    for (let s = 0; s < 3; s++) {
      const streamId = newStream();
      streams.push(streamId);
      await store.append(streamId, 0, [registered()]);
      await store.append(streamId, 1, [meldcodeSubmitted('x'), meldcodeSubmitted('y')]);
    }
    const original = new Map<string, StoredEvent[]>();
    for (const streamId of streams) original.set(streamId, await store.readStream(streamId));
    const fields = [
      'eventId',
      'type',
      'schemaVersion',
      'data',
      'meta',
      'occurredAt',
      'recordedAt',
      'logKey',
      'prevHash',
      'hash',
    ] as const;

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...streams),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(...fields),
        fc.string({ minLength: 1, maxLength: 8 }),
        async (streamId, version, field, noise) => {
          // Act: change one field directly in DynamoDB, then verify what the table now holds.
          const key = { streamId, version };
          const { Item } = await db.documentClient.send(
            new GetCommand({ TableName: db.tables.Events, Key: key, ConsistentRead: true }),
          );
          const stored = Item as StoredEvent;
          const tampered = { ...stored, [field]: tamper(stored[field], noise) };
          await db.documentClient.send(new PutCommand({ TableName: db.tables.Events, Item: tampered }));
          try {
            const result = verifyStream(streamId, await store.readStream(streamId));
            // Assess: broken, and at this very event (or, for `hash`, the link after it).
            expect(result.ok).toBe(false);
            if (!result.ok) {
              const expectedVersions = field === 'hash' && version < 3 ? [version, version + 1] : [version];
              expect(expectedVersions).toContain(result.brokenLink.version);
              expect(result.brokenLink.streamId).toBe(streamId);
            }
          } finally {
            await db.documentClient.send(new PutCommand({ TableName: db.tables.Events, Item: stored }));
          }
        },
      ),
      { numRuns: 60 },
    );
    for (const streamId of streams) expect(verifyStream(streamId, await store.readStream(streamId)).ok).toBe(true);
  });
});

function tamper(value: unknown, noise: string): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return `${value}${noise}`;
  if (value && typeof value === 'object') return { ...(value as object), tampered: noise };
  return noise;
}
