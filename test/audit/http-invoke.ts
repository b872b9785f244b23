import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { HttpEvent } from '#functions/http/http-function.ts';
import type { HttpResponse } from '#functions/http/response.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#local/dynamodb-local.ts';
import type { TestDynamoDb } from '#test/support/dynamodb.ts';

/**
 * Calls an HTTP handler as API Gateway does after its JWT authorizer: an HTTP API (payload 2.0)
 * event with the verified claims, and a Lambda context. For integration tests of handlers on
 * DynamoDB Local without the whole runtime.
 */
export function functionEnvironment(db: TestDynamoDb): void {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    EVENTS_TABLE: db.tables.Events,
    VIEWS_TABLE: db.tables.Views,
    IDEMPOTENCY_TABLE: db.tables.Idempotency,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
  });
}

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

export async function invokeHttp(
  handler: Handler,
  request: {
    method?: string;
    path: string;
    query?: Record<string, string>;
    claims: Record<string, string>;
    body?: unknown;
  },
): Promise<HttpResponse> {
  const requestId = randomUUID();
  const query = request.query ?? {};
  const event: HttpEvent = {
    version: '2.0',
    routeKey: `${request.method ?? 'GET'} ${request.path}`,
    rawPath: request.path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId,
      routeKey: `${request.method ?? 'GET'} ${request.path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: request.claims, scopes: [] } },
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    isBase64Encoded: false,
  };
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:test',
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  } satisfies Context;
  return handler(event, context);
}
