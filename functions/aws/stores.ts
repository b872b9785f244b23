import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEventStore } from '#functions/event-store/dynamodb-event-store.ts';
import { functionConfig } from '../config.ts';
import { documentClient } from './dynamodb.ts';

let cached: { table: string; client: DynamoDBDocumentClient; store: DynamoDbEventStore } | undefined;

/** The Events table adapter for this function's configuration (one per process). */
export function eventStoreFromEnv(): DynamoDbEventStore {
  const client = documentClient();
  const table = functionConfig().eventsTable;
  if (cached?.table === table && cached.client === client) return cached.store;
  cached = { table, client, store: new DynamoDbEventStore({ client, tableName: table }) };
  return cached.store;
}

/** The Views table, for functions that use both tables; a function that only reads views imports `views-table.ts`. */
export { viewStoreFromEnv } from './views-table.ts';
