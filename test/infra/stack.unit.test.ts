import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SOURCE } from '#events/catalogue.ts';
import { ITERATOR_AGE_THRESHOLD_MS } from '#infra/constructs/alarms.ts';
import { CLAIMS_TRIGGER_SOURCE } from '#infra/constructs/auth.ts';
import {
  ASYNC_RETRY_ATTEMPTS,
  RULE_MAX_EVENT_AGE,
  RULE_RETRY_ATTEMPTS,
  STREAM_RETRY_ATTEMPTS,
} from '#infra/constructs/pipeline.ts';
import { API_PATH_PATTERN } from '#infra/constructs/web.ts';
import { CORS_ORIGINS_ENV, functionEnvironment, isHttpTrigger } from '#infra/function-runtime.ts';
import { wiringManifest } from '#infra/stack.ts';
import { allTables, eventsTable, idempotencyTable, viewsTable } from '#infra/tables.ts';
import { functions, httpRoutes, queues } from '#infra/wiring.ts';
import { type AppConfig, apiBaseUrl } from '../../web/src/config.ts';
import {
  asArray,
  logicalId,
  referencedIds,
  resources,
  type Statement,
  type Synthesized,
  statementsOfRole,
  synthesize,
} from './synth.ts';

/**
 * The dev stage with the stack's own Cognito user pool, synthesized once (placeholder function
 * code: bundling is covered by bundling.unit.test.ts). Each `describe` is one guarantee of issue 5.
 */
let s: Synthesized;
const ids = new Map<string, string>();

beforeAll(() => {
  s = synthesize({ stage: 'dev', alarmEmail: 'toezicht-ops@example.org', corsOrigins: 'http://localhost:5173' });
  for (const spec of functions) ids.set(spec.name, logicalId(s.stack, s.stack.functions.get(spec.name)));
}, 120_000);

const fnResource = (name: string) => {
  const resource = resources(s.template)[ids.get(name)!];
  if (!resource) throw new Error(`no function ${name}`);
  return resource;
};
const tableId = (id: 'Events' | 'Views' | 'Idempotency') => logicalId(s.stack, s.stack.tables.get(id));
const actionsOf = (statement: Statement) => asArray(statement.Action);

describe('tables (from infra/tables.ts)', () => {
  it('builds every table of infra/tables.ts with its keys, on demand and encrypted with the stack key', () => {
    s.template.resourceCountIs('AWS::DynamoDB::Table', allTables.length);
    const keyId = logicalId(s.stack, s.stack.key);
    for (const definition of allTables) {
      const table = resources(s.template)[tableId(definition.id)]!;
      expect(table.Type).toBe('AWS::DynamoDB::Table');
      expect(table.Properties.KeySchema).toEqual([
        { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
        ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.SSESpecification).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
    }
    s.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('Events: stream NEW_IMAGE, point-in-time recovery, deletion protection, retained, the log index', () => {
    const table = resources(s.template)[tableId('Events')]!;
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    const log = eventsTable.globalSecondaryIndexes![0]!;
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: log.indexName,
        KeySchema: [
          { AttributeName: log.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: log.sortKey!.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('Idempotency has its TTL; in dev Views and Idempotency go with the stack', () => {
    const idempotency = resources(s.template)[tableId('Idempotency')]!;
    expect(idempotency.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: idempotencyTable.timeToLiveAttribute,
      Enabled: true,
    });
    for (const id of [viewsTable.id, idempotencyTable.id] as const) {
      expect(resources(s.template)[tableId(id)]!.DeletionPolicy).toBe('Delete');
    }
  });
});

describe('functions (from the wiring manifest)', () => {
  it('one NodejsFunction-shaped function per manifest entry: Node.js 22, arm64, X-Ray, JSON logs in its own log group', () => {
    for (const spec of functions) {
      const fn = fnResource(spec.name);
      expect(fn.Properties.Runtime, spec.name).toBe('nodejs22.x');
      expect(fn.Properties.Architectures, spec.name).toEqual(['arm64']);
      expect(fn.Properties.Handler, spec.name).toBe('index.handler');
      expect(fn.Properties.TracingConfig, spec.name).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Description, spec.name).toBe(spec.description);
      expect(fn.Properties.MemorySize, spec.name).toBe(spec.memoryMb ?? 512);
      if (spec.timeoutSeconds) expect(fn.Properties.Timeout, spec.name).toBe(spec.timeoutSeconds);
      const logging = fn.Properties.LoggingConfig as { LogFormat: string; LogGroup: { Ref: string } };
      expect(logging.LogFormat).toBe('JSON');
      const logGroup = resources(s.template)[logging.LogGroup.Ref]!;
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(14);
    }
  });

  it('each function has its own role', () => {
    const roles = functions.map(
      (spec) => (fnResource(spec.name).Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0],
    );
    expect(new Set(roles).size).toBe(functions.length);
    for (const role of roles) {
      expect(resources(s.template)[role!]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('Powertools environment, and exactly the names of the resources the manifest grants', () => {
    const tableRefs: Record<string, unknown> = Object.fromEntries(allTables.map((t) => [t.id, { Ref: tableId(t.id) }]));
    for (const spec of functions) {
      const env = (fnResource(spec.name).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const expected = functionEnvironment(
        spec,
        allTables,
        {
          tableName: (id) => `table:${id}`,
          busName: 'bus',
          queueUrl: (queue) => `queue:${queue}`,
          corsOrigins: 'cors',
        },
        'DEBUG',
      );
      expect(Object.keys(env).sort(), spec.name).toEqual(Object.keys(expected).sort());
      expect(env.POWERTOOLS_SERVICE_NAME).toBe('meldcode-toezicht');
      expect(env.POWERTOOLS_METRICS_NAMESPACE).toBe('MeldcodeToezicht');
      expect(env.LOG_LEVEL).toBe('DEBUG');
      for (const table of allTables) {
        if (spec.tables[table.id])
          expect(env[table.envVar], `${spec.name} ${table.envVar}`).toEqual(tableRefs[table.id]);
      }
      if (spec.publishesToBus) expect(env.EVENT_BUS_NAME).toEqual({ Ref: logicalId(s.stack, s.stack.pipeline.bus) });
      for (const queue of spec.sendsTo ?? []) {
        expect(env[`${queue.toUpperCase()}_QUEUE_URL`]).toEqual({ Ref: logicalId(s.stack, s.stack.queues.get(queue)) });
      }
    }
  });
});

describe('grants (from the manifest: tables, publishesToBus, sendsTo)', () => {
  const dynamoActions = (statements: Statement[], table: string) =>
    statements
      .filter((st) => referencedIds(st.Resource).has(table))
      .flatMap(actionsOf)
      .filter((a) => a.startsWith('dynamodb:'));

  it('table access on exactly the manifest tables, writes only with readWrite, the Events table append-only', () => {
    for (const spec of functions) {
      const role = (fnResource(spec.name).Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
      const statements = statementsOfRole(s.template, role);
      for (const table of allTables) {
        const actions = dynamoActions(statements, tableId(table.id));
        const access = spec.tables[table.id];
        const streamOnly = actions.every((a) =>
          ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'].includes(a),
        );
        if (!access) {
          // The publisher reads the Events table's stream (its trigger), not the table.
          expect(streamOnly, `${spec.name} must not access ${table.id}: ${actions}`).toBe(true);
          continue;
        }
        expect(actions, `${spec.name} reads ${table.id}`).toEqual(
          expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']),
        );
        const writes = actions.filter((a) => /Put|Update|Delete|BatchWrite/.test(a));
        if (access === 'read') expect(writes, `${spec.name} only reads ${table.id}`).toEqual([]);
        else expect(writes, `${spec.name} writes ${table.id}`).toContain('dynamodb:PutItem');
        if (table.id === 'Events') {
          expect(
            writes.filter((a) => a !== 'dynamodb:PutItem'),
            `${spec.name}: events are never updated or deleted`,
          ).toEqual([]);
        }
      }
    }
  });

  it('index access names the index, never index/*', () => {
    const rendered = JSON.stringify(s.template.toJSON());
    expect(rendered).not.toContain('/index/*');
    expect(rendered).toContain(`/index/${eventsTable.globalSecondaryIndexes![0]!.indexName}`);
  });

  it('PutEvents only for publishesToBus, on the bus; SendMessage only for sendsTo, on that queue', () => {
    const busId = logicalId(s.stack, s.stack.pipeline.bus);
    for (const spec of functions) {
      const role = (fnResource(spec.name).Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
      const statements = statementsOfRole(s.template, role);
      const putEvents = statements.filter((st) => actionsOf(st).includes('events:PutEvents'));
      expect(putEvents.length > 0, `${spec.name} PutEvents`).toBe(Boolean(spec.publishesToBus));
      for (const st of putEvents) expect([...referencedIds(st.Resource)]).toEqual([busId]);
      const sends = statements.filter((st) => actionsOf(st).includes('sqs:SendMessage'));
      const sendTargets = new Set(sends.flatMap((st) => [...referencedIds(st.Resource)]));
      const expectedQueues = (spec.sendsTo ?? []).map((q) => logicalId(s.stack, s.stack.queues.get(q)));
      // Functions invoked asynchronously also send failed invocations to their own dead-letter queue.
      const ownDlq = s.stack.pipeline.asyncDeadLetterQueues.get(spec.name);
      const expectedTargets = [...expectedQueues, ...(ownDlq ? [logicalId(s.stack, ownDlq)] : [])];
      const streamFailures = s.stack.pipeline.deadLetterQueues.get(`${spec.name}-stream-failures`);
      if (streamFailures) expectedTargets.push(logicalId(s.stack, streamFailures));
      expect([...sendTargets].sort(), `${spec.name} SendMessage`).toEqual(expectedTargets.sort());
    }
  });

  it('KMS use only on the stack key and only through DynamoDB or SQS (or by the stream and queue consumers)', () => {
    const keyId = logicalId(s.stack, s.stack.key);
    for (const spec of functions) {
      const role = (fnResource(spec.name).Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
      for (const st of statementsOfRole(s.template, role).filter((st) =>
        actionsOf(st).some((a) => a.startsWith('kms:')),
      )) {
        expect([...referencedIds(st.Resource)], spec.name).toEqual([keyId]);
        expect(
          actionsOf(st).every((a) => !a.includes('*')),
          `${spec.name}: ${actionsOf(st)}`,
        ).toBe(true);
      }
    }
  });
});

describe('the pipeline: table stream -> publisher -> bus -> one rule per consumer', () => {
  it('publisher event source mapping: manifest batch settings, bisect, partial failures, bounded retries, on-failure queue', () => {
    const publisher = functions.find((f) => f.triggers.some((t) => t.kind === 'tableStream'))!;
    const trigger = publisher.triggers.find((t) => t.kind === 'tableStream')!;
    if (trigger.kind !== 'tableStream') throw new Error('unreachable');
    const failures = s.stack.pipeline.deadLetterQueues.get(`${publisher.name}-stream-failures`)!;
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ids.get(publisher.name) },
      EventSourceArn: { 'Fn::GetAtt': [tableId('Events'), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: trigger.batchSize,
      MaximumBatchingWindowInSeconds: trigger.maxBatchingWindowSeconds,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: STREAM_RETRY_ATTEMPTS,
      MaximumRecordAgeInSeconds: Match.anyValue(),
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(s.stack, failures), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] },
    });
    expect(STREAM_RETRY_ATTEMPTS).toBeGreaterThan(0);
    expect(STREAM_RETRY_ATTEMPTS).toBeLessThanOrEqual(10_000);
  });

  it('one rule per eventRule trigger, on the bus, with retry policy and a dead-letter queue per consumer', () => {
    const ruleTriggers = functions.flatMap((fn) =>
      fn.triggers.flatMap((t) => (t.kind === 'eventRule' ? [{ fn, t }] : [])),
    );
    s.template.resourceCountIs('AWS::Events::Rule', ruleTriggers.length);
    for (const { fn, t } of ruleTriggers) {
      const dlq = s.stack.pipeline.asyncDeadLetterQueues.get(fn.name)!;
      s.template.hasResourceProperties('AWS::Events::Rule', {
        Name: t.ruleName,
        EventBusName: { Ref: logicalId(s.stack, s.stack.pipeline.bus) },
        EventPattern: { source: [t.source], 'detail-type': [...t.detailTypes] },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [ids.get(fn.name), 'Arn'] },
            RetryPolicy: {
              MaximumRetryAttempts: RULE_RETRY_ATTEMPTS,
              MaximumEventAgeInSeconds: RULE_MAX_EVENT_AGE.toSeconds(),
            },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(s.stack, dlq), 'Arn'] } },
          }),
        ],
      });
      // A consumer that fails on a delivered event: Lambda's async retries, then the same queue.
      s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: ids.get(fn.name) },
        MaximumRetryAttempts: ASYNC_RETRY_ATTEMPTS,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(s.stack, dlq), 'Arn'] } } },
      });
    }
  });

  it('the bus is archived for replays', () => {
    s.template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.pipeline.bus), 'Arn'] },
      EventPattern: { source: [EVENT_SOURCE] },
      RetentionDays: 30,
    });
  });

  it('every queue is encrypted with the stack key and refuses plain HTTP', () => {
    const keyId = logicalId(s.stack, s.stack.key);
    const queueIds = Object.entries(resources(s.template))
      .filter(([, r]) => r.Type === 'AWS::SQS::Queue')
      .map(([id]) => id);
    for (const id of queueIds) {
      expect(resources(s.template)[id]!.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('the HTTP API', () => {
  const routes = () => Object.values(resources(s.template)).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
  const routeOf = (routeKey: string) => routes().find((r) => r.Properties.RouteKey === routeKey);
  /** The function a route's Lambda integration invokes (by manifest name). */
  const functionOf = (route: { Properties: Record<string, unknown> }): string | undefined => {
    const integrationId = [...referencedIds(route.Properties.Target)][0]!;
    const fnId = [...referencedIds(resources(s.template)[integrationId]!.Properties.IntegrationUri)][0];
    return [...ids].find(([, id]) => id === fnId)?.[0];
  };
  const withTrigger = (kind: 'httpDefault' | 'httpPreflight') =>
    functions.filter((f) => f.triggers.some((t) => t.kind === kind));

  it('one route per manifest http trigger, $default and OPTIONS /{proxy+}; JWT everywhere but the OpenAPI document', () => {
    expect(withTrigger('httpDefault')).toHaveLength(1);
    expect(withTrigger('httpPreflight')).toHaveLength(1);
    expect(routes()).toHaveLength(httpRoutes.length + 2);
    const authorizerId = Object.entries(resources(s.template)).find(
      ([, r]) => r.Type === 'AWS::ApiGatewayV2::Authorizer',
    )![0];
    for (const route of httpRoutes) {
      const found = routeOf(`${route.method} ${route.path}`);
      expect(found, `${route.method} ${route.path}`).toBeDefined();
      expect(functionOf(found!), `${route.method} ${route.path}`).toBe(route.fn.name);
      if (route.auth === 'none') {
        expect(found!.Properties.AuthorizationType).toBe('NONE');
      } else {
        expect(found!.Properties.AuthorizationType).toBe('JWT');
        expect(found!.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
      }
    }
    expect(routeOf('GET /v1/openapi.json')!.Properties.AuthorizationType).toBe('NONE');
  });

  it('$default (problem+json 404) without login: an unknown path answers 404 with or without a token, as locally', () => {
    const route = routeOf('$default')!;
    expect(route.Properties.AuthorizationType).toBe('NONE');
    expect(route.Properties.AuthorizerId).toBeUndefined();
    expect(functionOf(route)).toBe(withTrigger('httpDefault')[0]!.name);
  });

  it('no CORS configuration on the API: OPTIONS /{proxy+} without login goes to the preflight function', () => {
    // A CorsConfiguration would make API Gateway answer preflights itself and drop the CORS headers
    // of every function response (the allow-list; any origin for the OpenAPI document).
    const api = Object.values(resources(s.template)).find((r) => r.Type === 'AWS::ApiGatewayV2::Api')!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
    const route = routeOf('OPTIONS /{proxy+}')!;
    expect(route, 'OPTIONS /{proxy+}').toBeDefined();
    expect(route.Properties.AuthorizationType).toBe('NONE');
    expect(route.Properties.AuthorizerId).toBeUndefined();
    expect(functionOf(route)).toBe(withTrigger('httpPreflight')[0]!.name);
  });

  it('the CORS allow-list (corsOrigins, never *; not the dashboard, which is same-origin) reaches every function behind the API', () => {
    const distribution = logicalId(s.stack, s.stack.web.distribution);
    const httpFunctions = functions.filter((spec) => spec.triggers.some(isHttpTrigger));
    const behindTheApi = [
      ...httpRoutes.map((r) => r.fn),
      ...withTrigger('httpDefault'),
      ...withTrigger('httpPreflight'),
    ];
    expect(new Set(httpFunctions)).toEqual(new Set(behindTheApi));
    for (const spec of functions) {
      const env = (fnResource(spec.name).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const origins = env[CORS_ORIGINS_ENV];
      if (!httpFunctions.includes(spec)) {
        expect(origins, spec.name).toBeUndefined();
        continue;
      }
      // The dashboard calls /v1 on its own origin: no CORS, and no reference from the functions to
      // the distribution, which refers to the API (no dependency cycle).
      expect(origins, spec.name).toBe('http://localhost:5173');
      expect(referencedIds(fnResource(spec.name).Properties), spec.name).not.toContain(distribution);
    }
  });

  it('access logs to a log group, throttling', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.api.accessLogs), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('JWT authorizer on the Cognito user pool made by the stack, audience its dashboard client', () => {
    const poolId = logicalId(s.stack, s.stack.auth.userPool!);
    const clientId = logicalId(s.stack, s.stack.auth.client!);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: {
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('https://cognito-idp\\.'), { Ref: poolId }])],
        },
      },
    });
  });
});

describe('sign-in: Cognito with gemeente and rol', () => {
  it('custom attributes gemeente and rol that users cannot write themselves; MFA; admin-created users only', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'gemeente', AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: 'rol', AttributeDataType: 'String', Mutable: true }),
      ]),
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: 'PLUS',
    });
    const client = resources(s.template)[logicalId(s.stack, s.stack.auth.client!)]!;
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:gemeente', 'custom:rol']));
    expect(client.Properties.WriteAttributes).not.toContain('custom:gemeente');
    expect(client.Properties.WriteAttributes).not.toContain('custom:rol');
    expect(client.Properties.GenerateSecret).toBe(false);
  });

  it('a V2 pre token generation trigger turns custom:gemeente/custom:rol into the claims gemeente/rol', async () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.auth.claimsTrigger!), 'Arn'] },
          LambdaVersion: 'V2_0',
        },
      },
    });
    // The trigger's code, run as Lambda would run it.
    const module = { exports: {} as { handler?: (event: unknown) => Promise<unknown> } };
    new Function('exports', 'module', CLAIMS_TRIGGER_SOURCE)(module.exports, module);
    const event = {
      request: { userAttributes: { sub: 'u1', 'custom:gemeente': 'GM0363', 'custom:rol': 'supervisor' } },
    };
    const result = (await module.exports.handler!(event)) as {
      response: { claimsAndScopeOverrideDetails: Record<string, { claimsToAddOrOverride: Record<string, string> }> };
    };
    const details = result.response.claimsAndScopeOverrideDetails;
    expect(details.accessTokenGeneration!.claimsToAddOrOverride).toEqual({ gemeente: 'GM0363', rol: 'supervisor' });
    expect(details.idTokenGeneration!.claimsToAddOrOverride).toEqual({ gemeente: 'GM0363', rol: 'supervisor' });
    const auditor = (await module.exports.handler!({
      request: { userAttributes: { 'custom:rol': 'auditor' } },
    })) as typeof result;
    expect(auditor.response.claimsAndScopeOverrideDetails.accessTokenGeneration!.claimsToAddOrOverride).toEqual({
      rol: 'auditor',
    });
  });
});

describe('campaigns: schedule and queue from the manifest', () => {
  it('the yearly schedule in Europe/Amsterdam invokes its function, with retries and a dead-letter queue', () => {
    const scheduled = functions.flatMap((fn) => fn.triggers.flatMap((t) => (t.kind === 'schedule' ? [{ fn, t }] : [])));
    s.template.resourceCountIs('AWS::Scheduler::Schedule', scheduled.length);
    for (const { fn, t } of scheduled) {
      const dlq = s.stack.pipeline.asyncDeadLetterQueues.get(fn.name)!;
      s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: t.expression,
        ScheduleExpressionTimezone: t.timezone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [ids.get(fn.name), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(s.stack, dlq), 'Arn'] } },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }),
          Input: JSON.stringify({ scheduleName: t.scheduleName, scheduledTime: '<aws.scheduler.scheduled-time>' }),
        }),
      });
    }
    expect(scheduled.map(({ t }) => t.timezone)).toContain('Europe/Amsterdam');
  });

  it('each manifest queue has a dead-letter queue and feeds its consumer with partial batch responses', () => {
    for (const spec of queues) {
      const queue = resources(s.template)[logicalId(s.stack, s.stack.queues.get(spec.name))]!;
      const dlq = s.stack.queues.deadLetterQueues.get(spec.name)!;
      expect(queue.Properties.VisibilityTimeout).toBe(spec.visibilityTimeoutSeconds);
      expect(queue.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(s.stack, dlq), 'Arn'] },
        maxReceiveCount: spec.maxReceiveCount,
      });
      for (const fn of functions) {
        for (const t of fn.triggers) {
          if (t.kind !== 'queue' || t.queue !== spec.name) continue;
          s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
            FunctionName: { Ref: ids.get(fn.name) },
            EventSourceArn: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.queues.get(spec.name)), 'Arn'] },
            BatchSize: t.batchSize,
            FunctionResponseTypes: ['ReportBatchItemFailures'],
          });
        }
      }
    }
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(resources(s.template)).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
  const alarmOn = (metric: string, dimension: unknown) =>
    alarms().filter(
      (a) =>
        a.Properties.MetricName === metric &&
        JSON.stringify(a.Properties.Dimensions ?? []).includes(JSON.stringify(dimension)),
    );

  it('errors and throttles of every function (the Cognito trigger too)', () => {
    for (const spec of functions) {
      expect(alarmOn('Errors', { Ref: ids.get(spec.name) }), spec.name).toHaveLength(1);
      expect(alarmOn('Throttles', { Ref: ids.get(spec.name) }), spec.name).toHaveLength(1);
    }
    expect(alarmOn('Errors', { Ref: logicalId(s.stack, s.stack.auth.claimsTrigger!) })).toHaveLength(1);
  });

  it("the publisher's iterator age", () => {
    const publisher = functions.find((f) => f.triggers.some((t) => t.kind === 'tableStream'))!;
    const [alarm] = alarmOn('IteratorAge', { Ref: ids.get(publisher.name) });
    expect(alarm?.Properties.Threshold).toBe(ITERATOR_AGE_THRESHOLD_MS);
    expect(alarm?.Properties.Statistic).toBe('Maximum');
  });

  it('the depth of every dead-letter queue', () => {
    const queueIds = Object.entries(resources(s.template))
      .filter(([, r]) => r.Type === 'AWS::SQS::Queue')
      .map(([id]) => id);
    const workQueues = queues.map((q) => logicalId(s.stack, s.stack.queues.get(q.name)));
    const deadLetterQueueIds = queueIds.filter((id) => !workQueues.includes(id));
    expect(deadLetterQueueIds.length).toBeGreaterThanOrEqual(4);
    for (const id of deadLetterQueueIds) {
      expect(
        alarmOn('ApproximateNumberOfMessagesVisible', {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [id, 'QueueName'] },
        }),
        id,
      ).toHaveLength(1);
    }
  });

  it('API 5xx; every alarm notifies the encrypted topic, which mails alarmEmail', () => {
    expect(
      alarms().filter((a) => a.Properties.MetricName === '5xx' && a.Properties.Namespace === 'AWS/ApiGateway'),
    ).toHaveLength(1);
    const topicId = logicalId(s.stack, s.stack.alarms.topic);
    for (const alarm of alarms()) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    s.template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.key), 'Arn'] },
    });
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'toezicht-ops@example.org',
      TopicArn: { Ref: topicId },
    });
    // CloudWatch may use the key to publish to the encrypted topic.
    s.template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: Match.arrayWith(['kms:Decrypt']),
          }),
        ]),
      },
    });
  });
});

describe('dashboard hosting', () => {
  it('a private, encrypted, TLS-only bucket behind CloudFront with Origin Access Control', () => {
    const siteId = logicalId(s.stack, s.stack.web.bucket);
    const site = resources(s.template)[siteId]!;
    expect(site.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(site.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: siteId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      },
    });
    s.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }),
    });
    s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  const distributionConfig = () =>
    resources(s.template)[logicalId(s.stack, s.stack.web.distribution)]!.Properties.DistributionConfig as {
      CacheBehaviors: Record<string, unknown>[];
      Origins: { Id: string; DomainName: unknown; CustomOriginConfig?: Record<string, unknown> }[];
      CustomErrorResponses: { ErrorCode: number; ErrorCachingMinTTL: number; ResponsePagePath?: string }[];
    };

  it('/v1/* goes to the HTTP API on the same distribution: HTTPS only, uncached, every header but Host, every method', () => {
    const behaviours = distributionConfig().CacheBehaviors.filter((b) => b.PathPattern === API_PATH_PATTERN);
    expect(API_PATH_PATTERN).toBe('/v1/*');
    expect(behaviours).toHaveLength(1);
    const behaviour = behaviours[0]!;
    expect(behaviour).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      // Managed CachingDisabled (4135ea2d-…) and AllViewerExceptHostHeader (b689b0a8-…): Authorization,
      // Idempotency-Key, If-Match, Content-Type and the query string reach the API; Host does not.
      CachePolicyId: s.stack.resolve(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId),
      OriginRequestPolicyId: s.stack.resolve(
        cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ),
      Compress: false,
    });
    expect(behaviour.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(behaviour.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    // Response headers (ETag, Location, API-Version) pass as the API sends them: no policy that edits them.
    expect(behaviour.ResponseHeadersPolicyId).toBeUndefined();
    expect(behaviour.ForwardedValues).toBeUndefined();
    expect(new Set(behaviour.AllowedMethods as string[])).toEqual(
      new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
    );

    const origin = distributionConfig().Origins.find((o) => o.Id === behaviour.TargetOriginId)!;
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    // The execute-api domain of the stack's HTTP API (the host part of its ApiEndpoint).
    expect(origin.DomainName).toEqual({
      'Fn::Select': [
        2,
        { 'Fn::Split': ['/', { 'Fn::GetAtt': [logicalId(s.stack, s.stack.api.httpApi), 'ApiEndpoint'] }] },
      ],
    });
  });

  it('errors under /v1/* are not kept by CloudFront: no error caching, no error pages', () => {
    const errors = distributionConfig().CustomErrorResponses;
    expect(errors.map((e) => e.ErrorCode).sort()).toEqual([400, 403, 404, 405, 414, 500, 501, 502, 503, 504]);
    for (const error of errors) {
      expect(error.ErrorCachingMinTTL, String(error.ErrorCode)).toBe(0);
      expect(error.ResponsePagePath, String(error.ErrorCode)).toBeUndefined();
    }
  });

  it("the dashboard's config.json points at its own origin, and its CSP needs no execute-api origin", () => {
    const deployment = Object.values(resources(s.template)).find((r) => r.Type === 'Custom::CDKBucketDeployment')!;
    const assembly = s.app.synth().directory;
    const configs = asArray(deployment.Properties.SourceObjectKeys as string[])
      .map((key) => join(assembly, `asset.${key.replace(/\.zip$/, '')}`, 'config.json'))
      .filter((file) => existsSync(file))
      .map((file) => JSON.parse(readFileSync(file, 'utf8')) as AppConfig);
    expect(configs).toHaveLength(1);
    const config = configs[0]!;
    expect(config).toMatchObject({ mode: 'cognito', apiBaseUrl: '/' });
    // As web/src/api.ts builds a request URL: the page's origin, a path the /v1/* behaviour takes.
    const page = 'https://d1234abcd.cloudfront.net/#/organisaties/x';
    const url = new URL(`${apiBaseUrl(config)}/v1/gemeenten/GM0363/organisaties`, page);
    expect(url.origin).toBe('https://d1234abcd.cloudfront.net');
    expect(url.pathname.startsWith(API_PATH_PATTERN.slice(0, -1))).toBe(true);

    const policy = Object.values(resources(s.template)).find(
      (r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy',
    )!;
    const csp = JSON.stringify(policy.Properties);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toContain('execute-api');
  });

  it("deploys config.json in the dashboard's shape (web/src/config.ts): API base, hosted UI, client, access token", () => {
    s.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalId(s.stack, s.stack.web.bucket) },
      SourceMarkersConfig: Match.anyValue(),
    });
    expect(s.stack.resolve(s.stack.auth.dashboardConfig)).toMatchObject({
      mode: 'cognito',
      cognito: {
        clientId: { Ref: logicalId(s.stack, s.stack.auth.client!) },
        domain: expect.anything(),
        scopes: ['openid', 'email', 'profile'],
        tokenUse: 'access',
      },
    });
  });

  it('the Cognito hosted UI domain for sign-in, returning to the dashboard', () => {
    s.template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const client = resources(s.template)[logicalId(s.stack, s.stack.auth.client!)]!;
    expect(JSON.stringify(client.Properties.CallbackURLs)).toContain(logicalId(s.stack, s.stack.web.distribution));
    expect(client.Properties.CallbackURLs).toContain('http://localhost:5173/');
    expect(client.Properties.AllowedOAuthFlows).toEqual(['code']);
  });
});

it('is generated from the whole wiring manifest', () => {
  expect(wiringManifest.functions).toBe(functions);
});
