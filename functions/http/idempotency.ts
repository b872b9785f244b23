import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { dynamoDbClient } from '../aws/dynamodb.ts';
import { functionConfig } from '../config.ts';
import type { HttpEvent } from './http-function.ts';
import { idempotencyKeyOf } from './request.ts';
import type { HttpResponse } from './response.ts';

/** What identifies a retried request: the client's key, scoped to the caller and the resource. */
interface IdempotencyPayload {
  readonly key: string;
  readonly caller: string;
  readonly method: string;
  readonly path: string;
  readonly body: string;
  /** The query string: a DELETE says what it does there (`?perDatum=`), so a retry must repeat it. */
  readonly query: string;
}

type Runner = (payload: IdempotencyPayload, run: () => Promise<HttpResponse>) => Promise<HttpResponse>;

/**
 * Powertools idempotency for one command function, with DynamoDB persistence. A request with an
 * `Idempotency-Key` runs once: a retry (same key, caller and path) appends nothing and gets the
 * first response back; the same key with another body or query string is refused (422); a retry while the first
 * still runs gets 409. A request without the header runs normally. Failed requests are not
 * remembered (Powertools deletes the record), so a corrected retry can go through.
 */
export function idempotentCommand(functionName: string) {
  let cached: { table: string; client: unknown; config: IdempotencyConfig; runner: Runner } | undefined;

  const runnerFor = (): { config: IdempotencyConfig; runner: Runner } => {
    const table = functionConfig().idempotencyTable;
    const client = dynamoDbClient();
    if (cached?.table === table && cached.client === client) return cached;
    const config = new IdempotencyConfig({
      eventKeyJmesPath: '[key, caller, method, path]',
      payloadValidationJmesPath: '[body, query]',
      expiresAfterSeconds: 24 * 3600,
    });
    const persistenceStore = new DynamoDBPersistenceLayer({ tableName: table, awsSdkV3Client: client });
    const runner = makeIdempotent(
      async (_payload: IdempotencyPayload, run: () => Promise<HttpResponse>): Promise<HttpResponse> => run(),
      { persistenceStore, config, keyPrefix: functionName },
    );
    cached = { table, client, config, runner };
    return cached;
  };

  return async (event: HttpEvent, context: Context, run: () => Promise<HttpResponse>): Promise<HttpResponse> => {
    const key = idempotencyKeyOf(event);
    if (key === undefined) return run();
    const { config, runner } = runnerFor();
    config.registerLambdaContext(context);
    const caller = String(event.requestContext.authorizer?.jwt?.claims?.sub ?? 'anoniem');
    return runner(
      {
        key,
        caller,
        method: event.requestContext.http.method,
        path: event.rawPath,
        body: event.body ?? '',
        query: event.rawQueryString ?? '',
      },
      run,
    );
  };
}
