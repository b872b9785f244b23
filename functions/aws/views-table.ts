import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { functionConfig } from '../config.ts';
import { ViewStore } from '../views/view-store.ts';
import { documentClient } from './dynamodb.ts';

/**
 * The Views table for this function's configuration. Apart from `stores.ts` (the Events table) so
 * that a query reading only views does not bundle the event store and, through it, the event
 * catalogue's schemas.
 */
let cachedViews: { table: string; client: DynamoDBDocumentClient; store: ViewStore } | undefined;

export function viewStoreFromEnv(): ViewStore {
  const client = documentClient();
  const table = functionConfig().viewsTable;
  if (cachedViews?.table === table && cachedViews.client === client) return cachedViews.store;
  cachedViews = { table, client, store: new ViewStore(client, table) };
  return cachedViews.store;
}
