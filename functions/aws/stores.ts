import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEventStore } from '#functions/event-store/dynamodb-event-store.ts';
import { functionConfig } from '../config.ts';
import { ViewStore } from '../views/view-store.ts';
import { awsClients } from './clients.ts';

let cached: { table: string; client: DynamoDBDocumentClient; store: DynamoDbEventStore } | undefined;

/** The Events table adapter for this function's configuration (one per process). */
export function eventStoreFromEnv(): DynamoDbEventStore {
  const client = awsClients().documentClient;
  const table = functionConfig().eventsTable;
  if (cached?.table === table && cached.client === client) return cached.store;
  cached = { table, client, store: new DynamoDbEventStore({ client, tableName: table }) };
  return cached.store;
}

let cachedViews: { table: string; client: DynamoDBDocumentClient; store: ViewStore } | undefined;

/** The Views table for this function's configuration. */
export function viewStoreFromEnv(): ViewStore {
  const client = awsClients().documentClient;
  const table = functionConfig().viewsTable;
  if (cachedViews?.table === table && cachedViews.client === client) return cachedViews.store;
  cachedViews = { table, client, store: new ViewStore(client, table) };
  return cachedViews.store;
}
