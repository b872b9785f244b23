import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { inject } from 'vitest';
import { MELDCODE_ELEMENT_IDS } from '#events/values.ts';
import type { DeliveryFaults } from '#local/eventbridge-emulator.ts';
import type { TokenClaims } from '#local/issuer.ts';
import { documentClientFor, type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

export interface TestRuntime {
  readonly runtime: LocalRuntime;
  readonly url: string;
  token(claims: TokenClaims): Promise<string>;
  /** Sends a request; `body` is JSON-encoded unless it is a string. */
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  /** Every stored event of the Events table (unique-key reservations left out). */
  eventCount(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The local runtime for one e2e test file: the run's DynamoDB Local (one JVM for all files),
 * fresh tables under a unique prefix, an ephemeral port, keys in memory.
 */
export async function startTestRuntime(
  options: {
    deliveryFaults?: DeliveryFaults /** Keys, checkpoints and DLQs on disk here, for CLIs that read them. */;
    dataDir?: string;
  } = {},
): Promise<TestRuntime> {
  const runtime = await startLocalRuntime({
    port: 0,
    ...(options.dataDir ? { dataDir: options.dataDir } : { inMemory: true }),
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `e2e${ulid().toLowerCase()}`,
    deliveryFaults: options.deliveryFaults ?? {},
  });
  const client = documentClientFor(runtime.dynamodbEndpoint);
  return {
    runtime,
    url: runtime.url,
    token: (claims) => runtime.token(claims),
    request: async (method, path, { token, body, headers = {} } = {}) => {
      const response = await fetch(`${runtime.url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        json = {};
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    eventCount: async () => {
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: runtime.tables.Events,
            FilterExpression: 'version > :zero',
            ExpressionAttributeValues: { ':zero': 0 },
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return count;
    },
    stop: async () => {
      client.destroy();
      await runtime.stop();
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the deadline passes; then fails with `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, withinMs = 5000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A complete meldcode body (Dutch API) for a non-kinderopvang sector. */
export function meldcodeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    versie: '2024-1',
    vastgesteldOp: '2024-02-01',
    elementen: [...MELDCODE_ELEMENT_IDS],
    aandachtsfunctionaris: true,
    maatregelen: [],
    ...overrides,
  };
}

let kvkCounter = 0;
/** A KvK-nummer not used before in this test process. */
export const freshKvk = (): string =>
  String(20_000_000 + (Date.now() % 1_000_000) * 10 + (kvkCounter++ % 10)).slice(0, 8);
