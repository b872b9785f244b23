import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The bundle benchmark's baseline: a bare handler that only creates a DynamoDB client, bundled
 * like every function (`npm run bench -- bundles`). Every handler is measured against it.
 */
const client = new DynamoDBClient({});

export const handler = async (): Promise<{ statusCode: number; body: string }> => ({
  statusCode: 200,
  body: typeof client.config.region,
});
