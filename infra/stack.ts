import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { StackConfig } from './config.ts';
import { Alarms } from './constructs/alarms.ts';
import { Api } from './constructs/api.ts';
import { Auth } from './constructs/auth.ts';
import { Campaigns } from './constructs/campaigns.ts';
import { ManifestFunctions } from './constructs/functions.ts';
import { Pipeline } from './constructs/pipeline.ts';
import { ManifestQueues } from './constructs/queues.ts';
import { stagePolicy } from './constructs/stage.ts';
import { Tables } from './constructs/tables.ts';
import { DASHBOARD_API_BASE, Web } from './constructs/web.ts';
import { projectRoot } from './function-runtime.ts';
import { type Manifest, manifestProblems } from './manifest-checks.ts';
import { allTables } from './tables.ts';
import { functions, queues } from './wiring.ts';

export const wiringManifest: Manifest = { functions, queues, tables: allTables };

export interface MeldcodeStackProps extends StackProps {
  readonly config: StackConfig;
  /** The manifest to build; the wiring manifest unless a test passes a smaller one. */
  readonly manifest?: Manifest;
}

/**
 * The whole system on AWS, generated from the wiring manifest (`infra/wiring.ts`) and the table
 * definitions (`infra/tables.ts`): no route, rule, schedule, queue or grant is written here.
 *
 * Encryption: one customer-managed KMS key (rotated yearly) encrypts the tables, the queues and
 * the alarm topic. A customer-managed key, not an AWS-managed one, because CloudWatch alarms can
 * only publish to an encrypted topic whose key policy lets them (AWS-managed keys' policies
 * cannot be changed), because every use of the key is in CloudTrail, and because revoking it
 * makes all of the stack's data unreadable at once. It costs 1 USD a month. The key is kept
 * when the stack is deleted: the Events table is kept too, and is unreadable without it.
 */
export class MeldcodeStack extends Stack {
  readonly key: kms.Key;
  readonly tables: Tables;
  readonly functions: ManifestFunctions;
  readonly pipeline: Pipeline;
  readonly queues: ManifestQueues;
  readonly auth: Auth;
  readonly api: Api;
  readonly web: Web;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: MeldcodeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const manifest = props.manifest ?? wiringManifest;
    const problems = manifestProblems(manifest);
    if (problems.length > 0) throw new Error(`The wiring manifest is inconsistent:\n  - ${problems.join('\n  - ')}`);
    const policy = stagePolicy(config.stage);

    this.key = new kms.Key(this, 'Key', {
      description: `meldcode-toezicht ${config.stage}: tables, queues, alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Services that write to encrypted queues and topics themselves, not through a role of ours.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeDeadLetterQueues',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.tables = new Tables(this, 'Tables', { definitions: manifest.tables, key: this.key, policy });
    this.pipeline = new Pipeline(this, 'Pipeline', { key: this.key, policy });
    this.queues = new ManifestQueues(this, 'Queues', { specs: manifest.queues, key: this.key, policy });
    this.web = new Web(this, 'Web', {
      policy,
      connectOrigins: config.oidc ? [new URL(config.oidc.issuer).origin] : [],
    });
    // Where the dashboard runs (sign-in returns there): its CloudFront origin and `corsOrigins`.
    const dashboardOrigins = [this.web.origin, ...config.corsOrigins];
    this.functions = new ManifestFunctions(this, 'Functions', {
      manifest,
      tables: this.tables,
      key: this.key,
      bus: this.pipeline.bus,
      queues: this.queues,
      // Browsers that call the execute-api URL from another origin: `corsOrigins` only. The
      // dashboard calls the API on its own origin (`/v1/*` of its distribution, `serveApi` below)
      // and so needs no CORS; its origin is left out, which also keeps the functions independent of
      // the distribution that refers to the API.
      corsOrigins: config.corsOrigins,
      code: config.functionCode,
      policy,
    });
    this.pipeline.connect({ manifest, functions: this.functions, tables: this.tables });
    new Campaigns(this, 'Campaigns', {
      manifest,
      functions: this.functions,
      queues: this.queues,
      pipeline: this.pipeline,
      key: this.key,
    });

    this.auth = new Auth(this, 'Auth', {
      oidc: config.oidc,
      policy,
      dashboardOrigins,
      domainPrefix: config.cognitoDomainPrefix,
    });
    this.api = new Api(this, 'Api', {
      manifest,
      functions: this.functions,
      authorizer: this.auth.authorizer,
      throttle: config.apiThrottle,
      policy,
    });
    this.web.serveApi(this.api.httpApi);
    this.web.deploy(projectRoot, { ...this.auth.dashboardConfig, apiBaseUrl: DASHBOARD_API_BASE });

    const allFunctions = new Map<string, lambda.IFunction>(this.functions.byName);
    if (this.auth.claimsTrigger) allFunctions.set('cognito-claims', this.auth.claimsTrigger);
    const deadLetterQueues = new Map<string, sqs.IQueue>(this.pipeline.deadLetterQueues);
    for (const [name, queue] of this.queues.deadLetterQueues) deadLetterQueues.set(`${name}-dlq`, queue);
    this.alarms = new Alarms(this, 'Alarms', {
      key: this.key,
      alarmEmail: config.alarmEmail,
      functions: allFunctions,
      streamConsumers: this.pipeline.streamConsumers,
      deadLetterQueues,
      api: this.api.httpApi,
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: 'HTTP API base URL for integrators (the dashboard uses /v1 on its own origin)',
    });
    new CfnOutput(this, 'DashboardUrl', { value: `${this.web.origin}/`, description: 'The dashboard' });
    new CfnOutput(this, 'EventsTableName', { value: this.tables.get('Events').tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    const rebuild = this.functions.byName.get('rebuild-views');
    if (rebuild) {
      new CfnOutput(this, 'RebuildViewsFunction', {
        value: rebuild.functionName,
        description: 'aws lambda invoke --function-name <this> out.json',
      });
    }
    if (this.auth.userPool && this.auth.client && this.auth.domain) {
      new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
      new CfnOutput(this, 'SignInDomain', { value: this.auth.domain.baseUrl() });
    }
  }
}
