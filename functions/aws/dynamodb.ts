import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { functionConfig } from '../config.ts';

/**
 * The DynamoDB clients, one pair per process (Lambda reuses them across invocations). One module
 * per AWS service (`eventbridge.ts`, `sqs.ts`), so a function's bundle holds only the SDK clients
 * it calls. The endpoint comes from the SDK's own `AWS_ENDPOINT_URL_DYNAMODB`, so the local runtime
 * differs from AWS only in configuration. Calls carry connect and request timeouts: an unreachable
 * table answers within a bounded time (HTTP 503), it never hangs the function.
 */
interface DynamoDbClients {
  readonly key: string;
  readonly dynamoDb: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
}

let current: DynamoDbClients | undefined;

/** The environment that shapes the clients; a change (a restarted local runtime) makes new ones. */
const clientKey = (): string =>
  [
    process.env.AWS_ENDPOINT_URL_DYNAMODB,
    process.env.AWS_REGION,
    process.env.DYNAMODB_CONNECT_TIMEOUT_MS,
    process.env.DYNAMODB_REQUEST_TIMEOUT_MS,
    process.env.DYNAMODB_MAX_ATTEMPTS,
  ].join('|');

function dynamoDbClients(): DynamoDbClients {
  const key = clientKey();
  if (current?.key === key) return current;
  const config = functionConfig();
  const dynamoDb = new DynamoDBClient({
    maxAttempts: config.dynamoDbMaxAttempts,
    requestHandler: {
      connectionTimeout: config.dynamoDbConnectTimeoutMs,
      requestTimeout: config.dynamoDbRequestTimeoutMs,
      // Without this the SDK only logs a warning when requestTimeout passes, and a hung DynamoDB
      // hangs the function until its own timeout (found by issue 7's crash suite).
      throwOnRequestTimeout: true,
    },
  });
  current = {
    key,
    dynamoDb,
    documentClient: DynamoDBDocumentClient.from(dynamoDb, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
  };
  return current;
}

/** The low-level client (Powertools idempotency takes this one). */
export const dynamoDbClient = (): DynamoDBClient => dynamoDbClients().dynamoDb;

/** The document client over the same low-level client (plain JavaScript values in and out). */
export const documentClient = (): DynamoDBDocumentClient => dynamoDbClients().documentClient;
