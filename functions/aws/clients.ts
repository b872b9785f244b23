import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { functionConfig } from '../config.ts';

/**
 * AWS SDK clients, one per process (Lambda reuses them across invocations). Endpoints come from the
 * SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables, so the local runtime differs from AWS only in
 * configuration. DynamoDB calls carry connect and request timeouts: an unreachable table answers
 * within a bounded time (HTTP 503), it never hangs the function.
 */
interface Clients {
  readonly key: string;
  readonly dynamoDb: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
}

let current: Clients | undefined;

/** The environment that shapes the clients; a change (a restarted local runtime) makes new ones. */
const clientKey = (): string =>
  [
    process.env.AWS_ENDPOINT_URL_DYNAMODB,
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE,
    process.env.AWS_ENDPOINT_URL_SQS,
    process.env.AWS_REGION,
    process.env.DYNAMODB_REQUEST_TIMEOUT_MS,
  ].join('|');

export function awsClients(): Clients {
  const key = clientKey();
  if (current?.key === key) return current;
  const config = functionConfig();
  const dynamoDb = new DynamoDBClient({
    maxAttempts: config.dynamoDbMaxAttempts,
    requestHandler: {
      connectionTimeout: config.dynamoDbConnectTimeoutMs,
      requestTimeout: config.dynamoDbRequestTimeoutMs,
    },
  });
  current = {
    key,
    dynamoDb,
    documentClient: DynamoDBDocumentClient.from(dynamoDb, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
    eventBridge: new EventBridgeClient({ maxAttempts: 3 }),
    sqs: new SQSClient({ maxAttempts: 3 }),
  };
  return current;
}
