import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import * as z from 'zod/mini';

/**
 * The bundle benchmark's floor for a command handler: only the libraries the issues require of
 * one (middy; zod, here its smallest form `zod/mini`; Powertools logger, metrics, tracer and
 * idempotency on DynamoDB; the document client for its one write), used once each, no code of
 * this project. What a command bundle weighs before it does anything of its own.
 */
const logger = new Logger();
const metrics = new Metrics();
const tracer = new Tracer();
const client = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(client);
const body = z.object({ naam: z.string().check(z.minLength(1)) });
const persistenceStore = new DynamoDBPersistenceLayer({ tableName: 'idempotency', awsSdkV3Client: client });

const write = makeIdempotent(
  async (input: { naam: string }) => {
    await documents.send(new PutCommand({ TableName: 'events', Item: { streamId: input.naam, version: 1 } }));
    return { ok: true };
  },
  { persistenceStore, config: new IdempotencyConfig({}) },
);

export const handler = middy(async (event: { body?: string }) => {
  const parsed = body.safeParse(JSON.parse(event.body ?? '{}'));
  if (!parsed.success) return { statusCode: 400, body: '' };
  return { statusCode: 201, body: JSON.stringify(await write(parsed.data)) };
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
