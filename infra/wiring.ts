import { EVENT_SOURCE, EVENT_TYPES } from '#events/catalogue.ts';
import type { TableDefinition } from './tables.ts';

/**
 * The wiring manifest: every function, its entry file, its triggers and the resources it may use.
 * The CDK stack builds functions, routes, rules, schedules, queues and least-privilege grants from
 * it; the local runtime wires its gateway, stream poller, EventBridge emulator, scheduler and
 * queues from it. A route or rule exists here and nowhere else.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Environment variable through which functions learn the bus name (`publishesToBus`). */
export const EVENT_BUS_NAME_ENV = 'EVENT_BUS_NAME';
/** The bus every event is published on. */
export const EVENT_BUS_NAME = 'meldcode-toezicht';

/** Environment variable through which a function learns a queue's URL (`sendsTo`), e.g. `CAMPAIGN_QUEUE_URL`. */
export const queueUrlEnvVar = (queue: QueueName): string => `${queue.toUpperCase()}_QUEUE_URL`;
export type Access = 'read' | 'readWrite';

export type Trigger =
  /** An HTTP API route; `auth: 'none'` only for the public OpenAPI document. */
  | { kind: 'http'; method: HttpMethod; path: string; auth: 'jwt' | 'none' }
  /** The Events table's DynamoDB stream (the outbox). */
  | { kind: 'tableStream'; table: TableDefinition['id']; batchSize: number; maxBatchingWindowSeconds: number }
  /** An EventBridge rule on the bus. */
  | { kind: 'eventRule'; ruleName: string; source: string; detailTypes: readonly string[] }
  /**
   * An EventBridge Scheduler schedule. The target receives `{ scheduleName, scheduledTime }` as its
   * input (the stack sets that input with `<aws.scheduler.scheduled-time>`; the local scheduler the same).
   */
  | { kind: 'schedule'; scheduleName: string; expression: string; timezone: string }
  /**
   * The HTTP API's `$default` route: every request that matches no route (unknown paths, trailing
   * slashes, wrong methods) gets a problem+json 404 from a function instead of API Gateway's own body.
   */
  | { kind: 'httpDefault' }
  /**
   * The HTTP API's `OPTIONS /{proxy+}` route, without login: answers browsers' CORS preflight
   * requests with the allow-list (any origin for the paths of `auth: 'none'` routes), as the local
   * gateway does. The API itself has no CORS configuration: API Gateway would answer preflights
   * itself and replace the CORS headers of every function's response with its own.
   */
  | { kind: 'httpPreflight' }
  /** An SQS queue of the manifest's `queues`. */
  | { kind: 'queue'; queue: QueueName; batchSize: number };

export type QueueName = 'campaign';

export interface QueueSpec {
  readonly name: QueueName;
  readonly visibilityTimeoutSeconds: number;
  /** Receives after this many failed receives go to the queue's DLQ. */
  readonly maxReceiveCount: number;
}

export interface FunctionSpec {
  /** kebab-case, also the handler file's name. */
  readonly name: string;
  readonly entry: string;
  readonly description: string;
  readonly triggers: readonly Trigger[];
  readonly tables: Partial<Record<TableDefinition['id'], Access>>;
  /** May call PutEvents on the bus. */
  readonly publishesToBus?: boolean;
  /** Queues it may send to. */
  readonly sendsTo?: readonly QueueName[];
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

export const queues: readonly QueueSpec[] = [{ name: 'campaign', visibilityTimeoutSeconds: 180, maxReceiveCount: 5 }];

const http = (method: HttpMethod, path: string, auth: 'jwt' | 'none' = 'jwt'): Trigger => ({
  kind: 'http',
  method,
  path,
  auth,
});

const entry = (name: string): string => `functions/handlers/${name}.ts`;

/** A command writes to the event store and records idempotency; it reads views for nothing. */
const commandTables = { Events: 'readWrite', Idempotency: 'readWrite' } as const;

export const functions: readonly FunctionSpec[] = [
  // Commands
  {
    name: 'register-organisation',
    entry: entry('register-organisation'),
    description: 'Registers an organisation (POST /v1/organisaties)',
    triggers: [http('POST', '/v1/organisaties')],
    tables: commandTables,
  },
  {
    name: 'add-gemeenten',
    entry: entry('add-gemeenten'),
    description: 'Adds gemeenten where an organisation is active',
    triggers: [http('POST', '/v1/organisaties/{organisatieId}/gemeenten')],
    tables: commandTables,
  },
  {
    name: 'remove-gemeente',
    entry: entry('remove-gemeente'),
    description: 'Removes a gemeente where an organisation is no longer active',
    triggers: [http('DELETE', '/v1/organisaties/{organisatieId}/gemeenten/{gemeentecode}')],
    tables: commandTables,
  },
  {
    name: 'submit-meldcode',
    entry: entry('submit-meldcode'),
    description: 'Records a (new version of the) meldcode of an organisation',
    triggers: [http('POST', '/v1/organisaties/{organisatieId}/meldcodes')],
    tables: commandTables,
  },
  {
    name: 'complete-supervision',
    entry: entry('complete-supervision'),
    description: 'Records a completed supervision (toezichtonderzoek)',
    triggers: [http('POST', '/v1/organisaties/{organisatieId}/toezichtonderzoeken')],
    tables: commandTables,
  },
  {
    name: 'make-agreement',
    entry: entry('make-agreement'),
    description: 'Records an agreement between gemeenten on supervising one organisation',
    triggers: [http('POST', '/v1/organisaties/{organisatieId}/afspraken')],
    tables: commandTables,
  },
  {
    name: 'end-agreement',
    entry: entry('end-agreement'),
    description: 'Ends an agreement',
    triggers: [http('DELETE', '/v1/organisaties/{organisatieId}/afspraken/{afspraakId}')],
    tables: commandTables,
  },
  // Queries
  {
    name: 'get-organisation',
    entry: entry('get-organisation'),
    description: 'An organisation with its toezichtstatus',
    triggers: [http('GET', '/v1/organisaties/{organisatieId}')],
    tables: { Views: 'read' },
  },
  {
    name: 'list-meldcodes',
    entry: entry('list-meldcodes'),
    description: 'The history of an organisation’s meldcodes',
    triggers: [http('GET', '/v1/organisaties/{organisatieId}/meldcodes')],
    tables: { Views: 'read', Events: 'read' },
  },
  {
    name: 'list-supervisions',
    entry: entry('list-supervisions'),
    description: 'The supervisions of an organisation',
    triggers: [http('GET', '/v1/organisaties/{organisatieId}/toezichtonderzoeken')],
    tables: { Views: 'read', Events: 'read' },
  },
  {
    name: 'list-organisation-events',
    entry: entry('list-organisation-events'),
    description: 'An organisation’s events, oldest first',
    triggers: [http('GET', '/v1/organisaties/{organisatieId}/gebeurtenissen')],
    tables: { Views: 'read', Events: 'read' },
  },
  {
    name: 'list-gemeente-organisations',
    entry: entry('list-gemeente-organisations'),
    description: 'The organisations active in a gemeente, filtered and paged',
    triggers: [http('GET', '/v1/gemeenten/{gemeentecode}/organisaties')],
    tables: { Views: 'read' },
  },
  {
    name: 'get-gemeente-overview',
    entry: entry('get-gemeente-overview'),
    description: 'Counts per answer for a gemeente',
    triggers: [http('GET', '/v1/gemeenten/{gemeentecode}/toezichtoverzicht')],
    tables: { Views: 'read' },
  },
  {
    name: 'get-coordination',
    entry: entry('get-coordination'),
    description: 'The coordination view (afstemming) with its gaps',
    triggers: [http('GET', '/v1/afstemming')],
    tables: { Views: 'read' },
  },
  {
    name: 'get-openapi',
    entry: entry('get-openapi'),
    description: 'The OpenAPI 3 document, no login',
    triggers: [http('GET', '/v1/openapi.json', 'none')],
    tables: {},
  },
  // Campaigns
  {
    name: 'start-campaign',
    entry: entry('start-campaign'),
    description: 'Starts or reruns a campaign year for the caller’s gemeente',
    triggers: [http('POST', '/v1/toezichtcampagnes')],
    tables: {},
    sendsTo: ['campaign'],
  },
  {
    name: 'get-campaign-progress',
    entry: entry('get-campaign-progress'),
    description: 'Campaign progress per gemeente and year',
    triggers: [http('GET', '/v1/toezichtcampagnes/{jaar}')],
    tables: { Views: 'read' },
  },
  {
    name: 'campaign-planner',
    entry: entry('campaign-planner'),
    description: 'Yearly: one campaign message per gemeente',
    triggers: [
      {
        kind: 'schedule',
        scheduleName: 'yearly-campaign',
        expression: 'cron(0 6 2 1 ? *)',
        timezone: 'Europe/Amsterdam',
      },
    ],
    tables: {},
    sendsTo: ['campaign'],
    timeoutSeconds: 60,
  },
  {
    name: 'campaign-worker',
    entry: entry('campaign-worker'),
    description: 'Schedules the organisations one gemeente must supervise this year',
    triggers: [{ kind: 'queue', queue: 'campaign', batchSize: 1 }],
    tables: { Views: 'read', Events: 'readWrite' },
    timeoutSeconds: 150,
    memoryMb: 1024,
  },
  // Audit
  {
    name: 'audit-events',
    entry: entry('audit-events'),
    description: 'The event log as NDJSON (auditors)',
    triggers: [http('GET', '/v1/audit/gebeurtenissen')],
    tables: { Events: 'read' },
    timeoutSeconds: 29,
  },
  {
    name: 'audit-integrity',
    entry: entry('audit-integrity'),
    description: 'Verifies every stream’s hash chain (auditors)',
    triggers: [http('GET', '/v1/audit/integriteit')],
    tables: { Events: 'read' },
    timeoutSeconds: 29,
    memoryMb: 1024,
  },
  {
    name: 'audit-reconstruction',
    entry: entry('audit-reconstruction'),
    description: 'The views as they were on a date, replayed from the log (auditors)',
    triggers: [http('GET', '/v1/audit/reconstructie')],
    tables: { Events: 'read' },
    timeoutSeconds: 29,
    memoryMb: 1024,
  },
  {
    name: 'route-not-found',
    entry: entry('route-not-found'),
    description: 'The $default route: problem+json 404 for every request that matches no route',
    triggers: [{ kind: 'httpDefault' }],
    tables: {},
  },
  {
    name: 'cors-preflight',
    entry: entry('cors-preflight'),
    description: 'OPTIONS /{proxy+}: CORS preflight answers from the allow-list (the OpenAPI document: any origin)',
    triggers: [{ kind: 'httpPreflight' }],
    tables: {},
  },
  // The pipeline: outbox -> bus -> views
  {
    name: 'publisher',
    entry: entry('publisher'),
    description: 'Publishes stored events from the table stream to EventBridge',
    triggers: [{ kind: 'tableStream', table: 'Events', batchSize: 100, maxBatchingWindowSeconds: 1 }],
    tables: {},
    publishesToBus: true,
  },
  {
    name: 'projector',
    entry: entry('projector'),
    description: 'Folds events into the views (catch-up rule, conditional on appliedVersion)',
    triggers: [{ kind: 'eventRule', ruleName: 'to-projector', source: EVENT_SOURCE, detailTypes: EVENT_TYPES }],
    tables: { Events: 'read', Views: 'readWrite' },
  },
  {
    name: 'rebuild-views',
    entry: entry('rebuild-views'),
    description:
      'Rebuilds every view from the event store (by hand after a change of view shape; nightly, so the time-dependent answers in the gemeente rows follow the calendar)',
    triggers: [
      {
        kind: 'schedule',
        scheduleName: 'nightly-view-refresh',
        expression: 'cron(30 2 * * ? *)',
        timezone: 'Europe/Amsterdam',
      },
    ],
    tables: { Events: 'read', Views: 'readWrite' },
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
];

export const httpRoutes = functions.flatMap((fn) =>
  fn.triggers.flatMap((trigger) => (trigger.kind === 'http' ? [{ fn, ...trigger }] : [])),
);

export function functionByName(name: string): FunctionSpec {
  const fn = functions.find((f) => f.name === name);
  if (!fn) throw new Error(`No function ${name} in the wiring manifest`);
  return fn;
}
