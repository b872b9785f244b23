import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { inject } from 'vitest';
import { createMissingTables, type TableNames, tableNames } from '#local/create-tables.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#local/dynamodb-local.ts';

export interface TestDynamoDb {
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly endpoint: string;
}

/** A client for the run's DynamoDB Local and fresh tables under a unique prefix, so test files never share data. */
export async function testDynamoDb(): Promise<TestDynamoDb> {
  const endpoint = inject('dynamodbEndpoint');
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
  const tables = tableNames(`t${ulid().toLowerCase()}`);
  await createMissingTables(client, tables);
  return {
    client,
    documentClient: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tables,
    endpoint,
  };
}
