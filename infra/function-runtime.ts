import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TableDefinition } from './tables.ts';
import { EVENT_BUS_NAME_ENV, type FunctionSpec, type QueueName, queueUrlEnvVar, type Trigger } from './wiring.ts';

/**
 * How a manifest function is built and what it is told at run time. The CDK stack and the bundle
 * benchmark both read this module, so the benchmark measures exactly what the stack deploys.
 * No aws-cdk-lib import here: the benchmark stays light.
 */

/** The repository root: entries in the manifest are relative to it. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export const NODE_TARGET = 'node22';

/**
 * ESM output needs a `require` for the CommonJS corners of some dependencies (the AWS SDK reads
 * `buffer`, X-Ray reads `fs` through `require`): esbuild leaves those calls in place.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * The esbuild options of every function bundle, in esbuild's own terms. `external: []`: the AWS
 * SDK is bundled, not taken from the runtime, so its version is the one we test and tree-shaking
 * can drop what a handler does not use. `mainFields` prefers ES modules for the same reason.
 */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: NODE_TARGET,
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  external: [] as string[],
  /**
   * Import paths replaced in every bundle (targets relative to the project root, esbuild's working
   * directory). `semver`: X-Ray (under the Powertools tracer) requires the whole package, ranges and
   * all (29 KiB minified), to call only `semver.gte`; the alias gives it just that function, from the
   * same semver files (`test/infra/bundling.unit.test.ts` checks every import site and the files).
   */
  alias: { semver: './infra/bundling/semver-gte.cjs' },
} as const;

/** The file name of the bundle inside the asset (NodejsFunction writes `index.mjs` for ESM). */
export const BUNDLE_FILE = 'index.mjs';

export const SERVICE_NAME = 'meldcode-toezicht';
export const METRICS_NAMESPACE = 'MeldcodeToezicht';

/** Origins the HTTP handlers' own CORS headers allow (read by `functions/config.ts`). */
export const CORS_ORIGINS_ENV = 'CORS_ALLOWED_ORIGINS';

export interface RuntimeNames {
  readonly tableName: (id: TableDefinition['id']) => string;
  readonly busName: string;
  readonly queueUrl: (queue: QueueName) => string;
  /** Comma-separated origins, for functions behind the HTTP API. */
  readonly corsOrigins: string;
}

/**
 * The environment of one function: Powertools settings, the name of every resource the manifest
 * lets it use and no other (a handler that needs a table not in its `tables` fails at its first
 * call instead of holding a name it has no grant for), and for HTTP functions the CORS allow-list.
 */
export function functionEnvironment(
  spec: FunctionSpec,
  tables: readonly TableDefinition[],
  names: RuntimeNames,
  logLevel: string,
): Record<string, string> {
  const env: Record<string, string> = {
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    LOG_LEVEL: logLevel,
  };
  for (const table of tables) {
    if (spec.tables[table.id]) env[table.envVar] = names.tableName(table.id);
  }
  if (spec.publishesToBus) env[EVENT_BUS_NAME_ENV] = names.busName;
  for (const queue of spec.sendsTo ?? []) env[queueUrlEnvVar(queue)] = names.queueUrl(queue);
  if (spec.triggers.some(isHttpTrigger)) env[CORS_ORIGINS_ENV] = names.corsOrigins;
  return env;
}

/** A trigger through the HTTP API: a route, `$default` or the preflight route. */
export function isHttpTrigger(trigger: Trigger): boolean {
  return trigger.kind === 'http' || trigger.kind === 'httpDefault' || trigger.kind === 'httpPreflight';
}

export function entryPath(spec: FunctionSpec, root: string = projectRoot): string {
  return resolve(root, spec.entry);
}

/** The manifest functions whose handler file is not there (yet). */
export function missingEntries(specs: readonly FunctionSpec[], root: string = projectRoot): FunctionSpec[] {
  return specs.filter((spec) => !existsSync(entryPath(spec, root)));
}
