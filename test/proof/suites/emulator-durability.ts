import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type DynamoDbLocal,
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from '#local/dynamodb-local.ts';

export interface EmulatorDurabilityOptions {
  /** How DynamoDB Local is stopped in each round. */
  readonly signal: 'SIGKILL' | 'SIGTERM';
  readonly rounds: number;
  /** Writers in flight at once. */
  readonly concurrency: number;
}

export interface EmulatorDurabilityResult {
  readonly signal: string;
  readonly rounds: number;
  /** Writes DynamoDB Local answered with success, per kind. */
  readonly acknowledged: { readonly put: number; readonly transaction: number };
  /** Of those, missing after the kill and restart on the same data folder. */
  readonly missing: { readonly put: number; readonly transaction: number };
}

const TABLE = 'Durability';

/**
 * Not a test of this system: a probe of the emulator it runs on. Bare SDK writes to DynamoDB Local
 * in disk mode (conditional PutItems and two-item TransactWriteItems, as the event store writes),
 * then DynamoDB Local is stopped with `signal` while writes are in flight and restarted on the same
 * folder, and every write it acknowledged is read back. It shows whether an acknowledged write
 * missing after a crash (the crash suite's "nothing lost") can be the emulator's doing.
 *
 * Measured on this machine (2026-11-30): with SIGKILL, DynamoDB Local 3.3.0 loses about one
 * acknowledged TransactWriteItems per kill and no PutItem; with SIGTERM it loses nothing. AWS
 * DynamoDB acknowledges a transaction only once it is durable.
 */
export async function probeEmulatorDurability(options: EmulatorDurabilityOptions): Promise<EmulatorDurabilityResult> {
  const folder = mkdtempSync(join(tmpdir(), 'proof-emulator-'));
  const port = await freePort();
  let dynamodb: DynamoDbLocal | undefined = await startDynamoDbLocal({ port, dataDir: folder });
  const connect = (endpoint: string) => {
    // One attempt: an SDK retry would blur which attempt the emulator acknowledged.
    const raw = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    return { raw, documents: DynamoDBDocumentClient.from(raw) };
  };
  let client = connect(dynamodb.endpoint);
  const acknowledged: { pk: string; sk: number; kind: 'put' | 'transaction' }[] = [];
  const missing = { put: 0, transaction: 0 };
  try {
    await client.raw.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ],
      }),
    );
    let sequence = 0;
    for (let round = 0; round < options.rounds; round++) {
      let writing = true;
      const writer = async (): Promise<void> => {
        while (writing) {
          const n = sequence++;
          const pk = `stream${n % 50}`;
          const kind = n % 2 === 0 ? 'put' : 'transaction';
          const item = { pk, sk: n, data: 'x'.repeat(500) };
          try {
            if (kind === 'put') {
              await client.documents.send(
                new PutCommand({ TableName: TABLE, Item: item, ConditionExpression: 'attribute_not_exists(sk)' }),
              );
            } else {
              await client.documents.send(
                new TransactWriteCommand({
                  TransactItems: [
                    {
                      Put: {
                        TableName: TABLE,
                        Item: { pk: `unique${n}`, sk: 0 },
                        ConditionExpression: 'attribute_not_exists(pk)',
                      },
                    },
                    { Put: { TableName: TABLE, Item: item, ConditionExpression: 'attribute_not_exists(sk)' } },
                  ],
                }),
              );
            }
            acknowledged.push({ pk, sk: n, kind });
          } catch {
            // Not acknowledged: nothing to hold the emulator to.
          }
        }
      };
      const writers = Array.from({ length: options.concurrency }, writer);
      await new Promise((resolve) => setTimeout(resolve, 1500 + Math.random() * 1500));
      const exited = new Promise((resolve) => dynamodb?.process.once('exit', resolve));
      dynamodb.process.kill(options.signal);
      await exited;
      writing = false;
      await Promise.all(writers);
      client.raw.destroy();
      dynamodb = await startDynamoDbLocal({ port, dataDir: folder });
      client = connect(dynamodb.endpoint);
    }
    for (const write of acknowledged) {
      const found = await client.documents.send(
        new GetCommand({ TableName: TABLE, Key: { pk: write.pk, sk: write.sk }, ConsistentRead: true }),
      );
      if (!found.Item) missing[write.kind]++;
    }
  } finally {
    client.raw.destroy();
    await dynamodb?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  const count = (kind: 'put' | 'transaction') => acknowledged.filter((w) => w.kind === kind).length;
  return {
    signal: options.signal,
    rounds: options.rounds,
    acknowledged: { put: count('put'), transaction: count('transaction') },
    missing,
  };
}
