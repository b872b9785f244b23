/**
 * What a function learns from its environment. Locally the runtime sets these; on AWS the stack
 * does (from the wiring manifest). Read on every call so one process can host a restarted runtime.
 */
export interface FunctionConfig {
  readonly eventsTable: string;
  readonly viewsTable: string;
  readonly idempotencyTable: string;
  readonly eventBusName: string;
  /** The API's full version, sent as `API-Version` on every response. */
  readonly apiVersion: string;
  /** Origins allowed by CORS (comma-separated in `CORS_ALLOWED_ORIGINS`). */
  readonly corsAllowedOrigins: readonly string[];
  /** Per request to DynamoDB: connect and response timeouts (ms), so an outage answers 503, never a hang. */
  readonly dynamoDbConnectTimeoutMs: number;
  readonly dynamoDbRequestTimeoutMs: number;
  readonly dynamoDbMaxAttempts: number;
}

export const API_VERSION = '1.0.0';

const numberFrom = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
};

export function functionConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  return {
    eventsTable: env.EVENTS_TABLE ?? 'meldcode-events',
    viewsTable: env.VIEWS_TABLE ?? 'meldcode-views',
    idempotencyTable: env.IDEMPOTENCY_TABLE ?? 'meldcode-idempotency',
    eventBusName: env.EVENT_BUS_NAME ?? 'meldcode-toezicht',
    apiVersion: API_VERSION,
    corsAllowedOrigins: (env.CORS_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    dynamoDbConnectTimeoutMs: numberFrom(env.DYNAMODB_CONNECT_TIMEOUT_MS, 1000),
    dynamoDbRequestTimeoutMs: numberFrom(env.DYNAMODB_REQUEST_TIMEOUT_MS, 3000),
    dynamoDbMaxAttempts: numberFrom(env.DYNAMODB_MAX_ATTEMPTS, 3),
  };
}
