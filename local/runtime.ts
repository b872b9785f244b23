import { existsSync, mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { gemeentecodeSchema } from '#events/gemeenten.ts';
import { roleSchema } from '#events/values.ts';
import { allTables } from '#infra/tables.ts';
import { EVENT_BUS_NAME, EVENT_BUS_NAME_ENV, functions, queues, queueUrlEnvVar } from '#infra/wiring.ts';
import { createMissingTables, type TableNames, tableNames } from './create-tables.ts';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from './dynamodb-local.ts';
import {
  type DeliveryFaults,
  type EventBridgeEmulator,
  faultsFromEnv,
  startEventBridgeEmulator,
} from './eventbridge-emulator.ts';
import { functionFaultInjector, functionFaultsFromEnv } from './faults/function-faults.ts';
import { startGateway } from './gateway.ts';
import { type LocalIssuer, localIssuer, type TokenClaims } from './issuer.ts';
import { type LocalFunction, loadFunction } from './lambda.ts';
import { type QueueEmulator, startQueueEmulator } from './queue-emulator.ts';
import { type Scheduler, startScheduler } from './scheduler.ts';
import { fileCheckpointStore, type StreamPoller, startStreamPoller } from './stream-poller.ts';

export interface LocalRuntimeOptions {
  /** HTTP port (default `PORT` or 3000; 0 picks a free one). */
  readonly port?: number;
  /** Where DynamoDB Local's data, the issuer's keys, stream checkpoints and DLQs live (default `.data`). */
  readonly dataDir?: string;
  /** DynamoDB Local in memory, keys and checkpoints in memory: nothing is written to disk. */
  readonly inMemory?: boolean;
  /** Use this DynamoDB (Local) instead of starting one (tests share one JVM). */
  readonly dynamodbEndpoint?: string;
  /** Table name prefix (default `meldcode`); tests use a unique one. */
  readonly tablePrefix?: string;
  /** EventBridge delivery faults (default from env: EVENTBRIDGE_DUPLICATE_SHUFFLE=1, EVENTBRIDGE_FAULTS=...). */
  readonly deliveryFaults?: DeliveryFaults;
  /** Folder of the dashboard, served at `/` if it has an index.html (default `web`, or `web/dist` when built). */
  readonly webDir?: string;
  /** Origins allowed by CORS (default `CORS_ALLOWED_ORIGINS` or the runtime's own URL). */
  readonly corsAllowedOrigins?: readonly string[];
  /** One line per request and per pipeline incident on stderr (default true for `npm start`). */
  readonly verbose?: boolean;
  /** Powertools log level of the functions (default `WARN`). */
  readonly functionLogLevel?: string;
  /**
   * Wraps every loaded function (proof suites: `local/faults/function-faults.ts` makes the
   * projector or the publisher throw now and then). Added for issue 7; the default is none.
   */
  readonly wrapFunction?: (fn: LocalFunction) => LocalFunction;
  /** Delivery attempts of the EventBridge emulator before the DLQ (default 185, as the stack's rule targets). */
  readonly eventBridgeMaxAttempts?: number;
}

export interface LocalRuntime {
  readonly url: string;
  readonly port: number;
  readonly tables: TableNames;
  readonly dynamodbEndpoint: string;
  readonly issuer: LocalIssuer;
  readonly eventBridge: EventBridgeEmulator;
  readonly queues: QueueEmulator;
  readonly functions: ReadonlyMap<string, LocalFunction>;
  /** A valid token for the local issuer. */
  token(claims: TokenClaims): Promise<string>;
  /** Resolves when everything written so far has gone through stream, bus, projectors and queues. */
  whenIdle(): Promise<void>;
  runSchedule(name: string, scheduledTime?: Date): Promise<unknown>;
  stop(): Promise<void>;
}

const projectRoot = resolve(import.meta.dirname, '..');

/**
 * Starts the whole system on one machine with the same handler code as on AWS: DynamoDB Local,
 * its stream polled into the publisher, the EventBridge emulator routing to the projector, queues,
 * the scheduler and the HTTP gateway with the local JWT issuer, all wired from the manifest.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const verbose = options.verbose ?? false;
  const log = (message: string): void => {
    if (verbose) process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
  };
  const dataDir = options.inMemory ? undefined : resolve(options.dataDir ?? join(projectRoot, '.data'));
  if (dataDir) mkdirSync(dataDir, { recursive: true });

  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`stop: ${(error as Error).message}`);
      }
    }
  };

  try {
    // DynamoDB Local and the tables of infra/tables.ts
    const dynamodb: DynamoDbLocal | undefined = options.dynamodbEndpoint
      ? undefined
      : await startDynamoDbLocal(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {});
    const endpoint = options.dynamodbEndpoint ?? dynamodb?.endpoint ?? '';
    if (dynamodb) {
      const running = dynamodb;
      stops.push(() => running.stop());
    }
    const clientConfig = { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
    const dynamoDb = new DynamoDBClient(clientConfig);
    const streams = new DynamoDBStreamsClient(clientConfig);
    stops.push(() => {
      dynamoDb.destroy();
      streams.destroy();
    });
    const tables = tableNames(options.tablePrefix ?? 'meldcode');
    await createMissingTables(dynamoDb, tables);
    log(`dynamodb: ${endpoint} (${dataDir ? `persisted in ${join(dataDir, 'dynamodb')}` : 'in memory'})`);

    // Functions, loaded from the manifest; the EventBridge and SQS emulators need them as targets.
    const loaded = new Map<string, LocalFunction>();
    const fn = (name: string): LocalFunction => {
      const found = loaded.get(name);
      if (!found) throw new Error(`Function ${name} is not loaded`);
      return found;
    };

    const eventBridge = await startEventBridgeEmulator({
      rules: functions.flatMap((spec) =>
        spec.triggers.flatMap((trigger) =>
          trigger.kind === 'eventRule'
            ? [
                {
                  ruleName: trigger.ruleName,
                  source: trigger.source,
                  detailTypes: trigger.detailTypes,
                  target: (event: unknown) => fn(spec.name).invoke(event),
                },
              ]
            : [],
        ),
      ),
      faults: options.deliveryFaults ?? faultsFromEnv(),
      // Issue 7: retry like the stack's rule targets (RULE_RETRY_ATTEMPTS = 185, backoff capped at 5 s
      // here: about 15 minutes) so that a DynamoDB Local restart does not send live events to the DLQ.
      maxAttempts: options.eventBridgeMaxAttempts ?? 185,
      ...(dataDir ? { deadLetterFile: join(dataDir, 'eventbridge-dlq.ndjson') } : {}),
      // Issue 7: deliveries accepted but not yet made survive a crash or a stop.
      ...(dataDir ? { journalFile: join(dataDir, 'eventbridge-pending.ndjson') } : {}),
      log,
    });
    stops.push(() => eventBridge.stop());

    const queueEmulator = await startQueueEmulator(
      queues.map((queue) => {
        const consumer = functions.find((spec) =>
          spec.triggers.some((t) => t.kind === 'queue' && t.queue === queue.name),
        );
        const trigger = consumer?.triggers.find((t) => t.kind === 'queue');
        return {
          name: queue.name,
          maxReceiveCount: queue.maxReceiveCount,
          retryDelayMs: Math.min(queue.visibilityTimeoutSeconds * 1000, 1000),
          ...(consumer && trigger?.kind === 'queue'
            ? {
                consumer: {
                  batchSize: trigger.batchSize,
                  invoke: (event: SQSEvent) => fn(consumer.name).invoke(event),
                },
              }
            : {}),
        };
      }),
      log,
    );
    stops.push(() => queueEmulator.stop());

    // The functions' environment: what the stack sets on AWS, with local endpoints.
    const port = options.port ?? Number(process.env.PORT ?? 3000);
    Object.assign(process.env, {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      DDB_LOCAL_TELEMETRY: '0',
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint,
      AWS_ENDPOINT_URL_SQS: queueEmulator.endpoint,
      [EVENT_BUS_NAME_ENV]: EVENT_BUS_NAME,
      POWERTOOLS_LOG_LEVEL: options.functionLogLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      ...Object.fromEntries(allTables.map((table) => [table.envVar, tables[table.id]])),
      ...Object.fromEntries(queues.map((queue) => [queueUrlEnvVar(queue.name), queueEmulator.queueUrl(queue.name)])),
    });
    delete process.env.AWS_PROFILE;

    // Issue 7: `LOCAL_FUNCTION_FAULTS="projector:before=0.1,after=0.1"` makes functions throw now and then.
    const wrapFunction =
      options.wrapFunction ??
      (process.env.LOCAL_FUNCTION_FAULTS ? functionFaultInjector(functionFaultsFromEnv()).wrap : undefined);
    for (const spec of functions) {
      const loadedFunction = await loadFunction(spec);
      loaded.set(spec.name, wrapFunction ? wrapFunction(loadedFunction) : loadedFunction); // issue 7: fault hook
    }
    eventBridge.resumeUnfinished(); // issue 7: what a killed or stopped runtime accepted and never delivered
    const missing = [...loaded.values()].filter((f) => !f.available).map((f) => f.spec.name);
    if (missing.length > 0) log(`functions not built yet: ${missing.join(', ')}`);

    // The table stream into the publisher, like an event source mapping.
    const streamConsumer = functions.find((spec) => spec.triggers.some((t) => t.kind === 'tableStream'));
    const streamTrigger = streamConsumer?.triggers.find((t) => t.kind === 'tableStream');
    let poller: StreamPoller | undefined;
    if (streamConsumer && streamTrigger?.kind === 'tableStream') {
      poller = await startStreamPoller({
        dynamoDb,
        streams,
        tableName: tables[streamTrigger.table],
        batchSize: streamTrigger.batchSize,
        checkpoints: fileCheckpointStore(dataDir ? join(dataDir, 'stream-checkpoints.json') : undefined),
        invoke: (event: DynamoDBStreamEvent) => fn(streamConsumer.name).invoke(event),
        log,
      });
      const running = poller;
      stops.push(() => running.stop());
    }

    const scheduler: Scheduler = startScheduler(
      functions.flatMap((spec) =>
        spec.triggers.flatMap((trigger) =>
          trigger.kind === 'schedule'
            ? [
                {
                  scheduleName: trigger.scheduleName,
                  expression: trigger.expression,
                  timezone: trigger.timezone,
                  fire: (input: unknown) => fn(spec.name).invoke(input),
                },
              ]
            : [],
        ),
      ),
      log,
    );
    stops.push(() => scheduler.stop());

    const issuer = await localIssuer(dataDir);
    const builtWeb = join(projectRoot, 'web', 'dist');
    const webDir = options.webDir ?? (existsSync(join(builtWeb, 'index.html')) ? builtWeb : join(projectRoot, 'web'));
    const localEndpoints = async (
      request: IncomingMessage,
      body: Buffer,
      response: ServerResponse,
    ): Promise<boolean> => {
      const path = request.url?.split('?')[0];
      const reply = (status: number, payload: unknown): true => {
        response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(JSON.stringify(payload));
        return true;
      };
      if (path === '/local/token' && request.method === 'POST') {
        // Local sign-in for the dashboard: pick a gemeente and a role, get a token of the local issuer.
        let input: { gemeente?: unknown; rol?: unknown };
        try {
          input = JSON.parse(body.toString('utf8') || '{}') as typeof input;
        } catch {
          return reply(400, { message: 'JSON expected' });
        }
        const rol = roleSchema.safeParse(input.rol);
        const gemeente = input.gemeente === undefined ? undefined : gemeentecodeSchema.safeParse(input.gemeente);
        if (!rol.success || (gemeente && !gemeente.success) || (rol.data !== 'auditor' && !gemeente)) {
          return reply(400, { message: 'rol (supervisor, viewer, auditor) and gemeente (GMxxxx) expected' });
        }
        const token = await issuer.mint({ rol: rol.data, ...(gemeente?.success ? { gemeente: gemeente.data } : {}) });
        return reply(200, { token });
      }
      if (path === '/local/health') return reply(200, { status: 'ok' });
      // Functions without a trigger (rebuild-views) and schedules, run by hand: `npm run rebuild-views`, `npm run campaign`.
      const invoke = /^\/local\/invoke\/([a-z0-9-]+)$/.exec(path ?? '');
      if (invoke && request.method === 'POST') {
        const target = loaded.get(invoke[1] ?? '');
        if (!target?.available) return reply(404, { message: `No function ${invoke[1]}` });
        try {
          return reply(200, (await target.invoke(body.length > 0 ? JSON.parse(body.toString('utf8')) : {})) ?? null);
        } catch (error) {
          return reply(500, { message: (error as Error).message });
        }
      }
      const schedule = /^\/local\/schedules\/([a-z0-9-]+)$/.exec(path ?? '');
      if (schedule && request.method === 'POST') {
        try {
          return reply(200, (await scheduler.runSchedule(schedule[1] ?? '')) ?? null);
        } catch (error) {
          return reply(404, { message: (error as Error).message });
        }
      }
      return false;
    };

    const httpFunctions = functions.flatMap((spec) =>
      spec.triggers.flatMap((trigger) =>
        trigger.kind === 'http'
          ? [{ method: trigger.method, path: trigger.path, auth: trigger.auth, fn: fn(spec.name) }]
          : [],
      ),
    );
    const defaultSpec = functions.find((spec) => spec.triggers.some((t) => t.kind === 'httpDefault'));
    if (!process.env.CORS_ALLOWED_ORIGINS && !options.corsAllowedOrigins) {
      process.env.CORS_ALLOWED_ORIGINS = [port, 5173]
        .flatMap((p) => [`http://localhost:${p}`, `http://127.0.0.1:${p}`])
        .join(',');
    }
    if (options.corsAllowedOrigins) process.env.CORS_ALLOWED_ORIGINS = options.corsAllowedOrigins.join(',');
    const gateway = await startGateway({
      port,
      routes: httpFunctions,
      ...(defaultSpec ? { defaultRoute: fn(defaultSpec.name) } : {}),
      issuer,
      webDir,
      localEndpoints,
      log,
    });
    stops.push(() => gateway.stop());
    log(`http: ${gateway.url}`);

    const whenIdle = async (): Promise<void> => {
      for (;;) {
        const before = JSON.stringify([poller?.stats, eventBridge.stats]);
        await poller?.whenCaughtUp();
        await eventBridge.whenIdle();
        await queueEmulator.whenIdle();
        await poller?.whenCaughtUp();
        if (JSON.stringify([poller?.stats, eventBridge.stats]) === before) return;
      }
    };

    return {
      url: gateway.url,
      port: gateway.port,
      tables,
      dynamodbEndpoint: endpoint,
      issuer,
      eventBridge,
      queues: queueEmulator,
      functions: loaded,
      token: (claims) => issuer.mint(claims),
      whenIdle,
      runSchedule: (name, at) => scheduler.runSchedule(name, at),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A document client for the runtime's DynamoDB, for tools and tests. */
export function documentClientFor(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );
}
