import { Annotations, Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionCode } from '../config.ts';
import {
  bundleOptions,
  entryPath,
  functionEnvironment,
  isHttpTrigger,
  missingEntries,
  NODE_TARGET,
  projectRoot,
} from '../function-runtime.ts';
import type { Manifest } from '../manifest-checks.ts';
import type { FunctionSpec } from '../wiring.ts';
import { grantSend, grantTable } from './grants.ts';
import { acknowledge } from './nag.ts';
import type { ManifestQueues } from './queues.ts';
import type { StagePolicy } from './stage.ts';
import type { Tables } from './tables.ts';

export const RUNTIME = lambda.Runtime.NODEJS_22_X;
export const ARCHITECTURE = lambda.Architecture.ARM_64;
const DEFAULT_MEMORY_MB = 512;
/** HTTP handlers answer within the API's limit; event consumers get room for retries inside. */
const DEFAULT_TIMEOUT_SECONDS = { http: 10, other: 30 };

const STUB_SOURCE =
  "exports.handler = async () => { throw new Error('meldcode-toezicht: placeholder code (functionCode=stub), not deployable'); };";

/** The NodejsFunction bundling of every manifest function; `bundleOptions` is the single source. */
export function nodejsBundling(): nodejs.BundlingOptions {
  return {
    format: nodejs.OutputFormat.ESM,
    target: NODE_TARGET,
    minify: bundleOptions.minify,
    sourceMap: bundleOptions.sourcemap,
    mainFields: [...bundleOptions.mainFields],
    banner: bundleOptions.banner,
    externalModules: [...bundleOptions.external],
    // NodejsFunction has no alias property; esbuild's `--alias:FROM=TO`, one per entry.
    esbuildArgs: { '--alias': Object.entries(bundleOptions.alias).map(([from, to]) => `${from}=${to}`) },
    bundleAwsSDK: true,
    forceDockerBundling: false,
  };
}

export type FunctionSource = { kind: 'bundle'; entry: string } | { kind: 'inline'; source: string };

export interface StackFunctionProps {
  readonly source: FunctionSource;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: Record<string, string>;
  readonly policy: StagePolicy;
  /** Why this role also needs an action that has no resource-level permission (besides X-Ray). */
  readonly extraWildcardReason?: string;
}

/**
 * One Lambda function as this stack makes them all: Node.js 22 on arm64, its own role (no managed
 * policies), its own log group with retention, JSON logs, X-Ray active tracing.
 */
export class StackFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: StackFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.policy.logRetention,
      removalPolicy: props.policy.removalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    this.logGroup.grantWrite(this.role);

    const options = {
      description: props.description,
      runtime: RUNTIME,
      architecture: ARCHITECTURE,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.policy.logLevel],
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: lambda.Tracing.ACTIVE,
      environment: props.environment,
    } satisfies Partial<nodejs.NodejsFunctionProps>;

    this.fn =
      props.source.kind === 'bundle'
        ? new nodejs.NodejsFunction(this, 'Function', {
            ...options,
            entry: props.source.entry,
            handler: 'handler',
            projectRoot,
            depsLockFilePath: `${projectRoot}package-lock.json`,
            bundling: nodejsBundling(),
          })
        : new lambda.Function(this, 'Function', {
            ...options,
            code: lambda.Code.fromInline(props.source.source),
            handler: 'index.handler',
          });

    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      [
        'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so Resource is "*".',
        props.extraWildcardReason,
      ]
        .filter(Boolean)
        .join(' '),
    );
    acknowledge(
      this.fn,
      'AwsSolutions-L1',
      'Node.js 22 on purpose: the project targets it (bundles built for node22; Node.js 22 is maintained until April 2027); cdk-nag wants Node.js 24, which we adopt deliberately, re-running the tests and the bundle benchmark, not implicitly.',
    );
  }
}

export interface ManifestFunctionsProps {
  readonly manifest: Manifest;
  readonly tables: Tables;
  readonly key: kms.IKey;
  readonly bus: events.IEventBus;
  readonly queues: ManifestQueues;
  /** Browser origins allowed by CORS, told to the HTTP functions. */
  readonly corsOrigins: readonly string[];
  readonly code: FunctionCode;
  readonly policy: StagePolicy;
}

/**
 * Every function of the wiring manifest with its environment and its grants, both derived from
 * the manifest's `tables`, `publishesToBus` and `sendsTo` (triggers are wired by the constructs
 * that own the trigger's resource).
 */
export class ManifestFunctions extends Construct {
  readonly byName: ReadonlyMap<string, lambda.Function>;

  constructor(scope: Construct, id: string, props: ManifestFunctionsProps) {
    super(scope, id);
    const { manifest } = props;

    if (props.code === 'bundle') {
      const missing = missingEntries(manifest.functions);
      if (missing.length > 0) {
        throw new Error(
          `Cannot bundle: ${missing.length} handler file(s) of the wiring manifest do not exist:\n` +
            missing.map((spec) => `  - ${spec.entry} (function ${spec.name})`).join('\n') +
            '\nWrite them, or synthesize with `-c functionCode=stub` to read the template without bundling.',
        );
      }
    } else {
      Annotations.of(this).addWarningV2(
        'meldcode:stub-code',
        'functionCode=stub: the functions hold placeholder code; do not deploy this template.',
      );
    }

    const byName = new Map<string, lambda.Function>();
    for (const spec of manifest.functions) {
      const environment = functionEnvironment(
        spec,
        manifest.tables,
        {
          tableName: (tableId) => props.tables.get(tableId).tableName,
          busName: props.bus.eventBusName,
          queueUrl: (queue) => props.queues.get(queue).queueUrl,
          corsOrigins: props.corsOrigins.join(','),
        },
        props.policy.logLevel,
      );
      const { fn } = new StackFunction(this, spec.name, {
        source:
          props.code === 'bundle'
            ? { kind: 'bundle', entry: entryPath(spec) }
            : { kind: 'inline', source: STUB_SOURCE },
        description: spec.description,
        timeout: Duration.seconds(spec.timeoutSeconds ?? defaultTimeout(spec)),
        memorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
        environment,
        policy: props.policy,
        extraWildcardReason: spec.triggers.some((t) => t.kind === 'tableStream')
          ? 'The table-stream event source mapping needs dynamodb:ListStreams, which has no resource-level permission either (CDK grants it on "*"); the stream reads themselves are on the exact stream ARN.'
          : undefined,
      });

      for (const [tableId, access] of Object.entries(spec.tables) as [
        keyof typeof spec.tables,
        'read' | 'readWrite',
      ][]) {
        const definition = manifest.tables.find((t) => t.id === tableId);
        if (!definition) throw new Error(`${spec.name}: no table ${tableId}`);
        grantTable(fn, props.tables.get(tableId), definition, access, props.key);
      }
      if (spec.publishesToBus) props.bus.grantPutEventsTo(fn);
      for (const queue of spec.sendsTo ?? []) grantSend(fn, props.queues.get(queue), props.key);

      byName.set(spec.name, fn);
    }
    this.byName = byName;
  }

  get(name: string): lambda.Function {
    const fn = this.byName.get(name);
    if (!fn) throw new Error(`No function ${name} in the wiring manifest`);
    return fn;
  }
}

function defaultTimeout(spec: FunctionSpec): number {
  return spec.triggers.some(isHttpTrigger) ? DEFAULT_TIMEOUT_SECONDS.http : DEFAULT_TIMEOUT_SECONDS.other;
}
