import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The SQS client, one per process; its own module so only the functions that send to a queue
 * bundle it. The endpoint comes from the SDK's `AWS_ENDPOINT_URL_SQS` (the local runtime).
 */
let current: { key: string; client: SQSClient } | undefined;

/** The environment that shapes the client; a change (a restarted local runtime) makes a new one. */
const clientKey = (): string => [process.env.AWS_ENDPOINT_URL_SQS, process.env.AWS_REGION].join('|');

export function sqsClient(): SQSClient {
  const key = clientKey();
  if (current?.key !== key) current = { key, client: new SQSClient({ maxAttempts: 3 }) };
  return current.client;
}
