import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/**
 * The EventBridge client, one per process; its own module so only the functions that publish
 * bundle it. The endpoint comes from the SDK's `AWS_ENDPOINT_URL_EVENTBRIDGE` (the local runtime).
 */
let current: { key: string; client: EventBridgeClient } | undefined;

/** The environment that shapes the client; a change (a restarted local runtime) makes a new one. */
const clientKey = (): string => [process.env.AWS_ENDPOINT_URL_EVENTBRIDGE, process.env.AWS_REGION].join('|');

export function eventBridgeClient(): EventBridgeClient {
  const key = clientKey();
  if (current?.key !== key) current = { key, client: new EventBridgeClient({ maxAttempts: 3 }) };
  return current.client;
}
