import type { TableDefinition } from './tables.ts';
import type { FunctionSpec, QueueSpec } from './wiring.ts';

/** The part of the wiring manifest the stack is built from (tests pass a smaller one). */
export interface Manifest {
  readonly functions: readonly FunctionSpec[];
  readonly queues: readonly QueueSpec[];
  readonly tables: readonly TableDefinition[];
}

/** API Gateway HTTP APIs end an integration after 30 s; a handler must answer before that. */
export const HTTP_MAX_TIMEOUT_SECONDS = 29;

/**
 * Problems that would make the stack wrong rather than fail to deploy: a route or rule twice,
 * a trigger or grant naming something that does not exist. The stack refuses such a manifest.
 */
export function manifestProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  const tableIds = new Set(manifest.tables.map((t) => t.id));
  const queueNames = new Set(manifest.queues.map((q) => q.name));
  const seen = {
    names: new Set<string>(),
    routes: new Set<string>(),
    rules: new Set<string>(),
    schedules: new Set<string>(),
  };
  const queueConsumers = new Map<string, string>();
  let defaultRoute: string | undefined;
  let preflightRoute: string | undefined;

  for (const fn of manifest.functions) {
    if (!/^[a-z][a-z0-9-]*$/.test(fn.name)) problems.push(`${fn.name}: name must be kebab-case`);
    if (seen.names.has(fn.name)) problems.push(`${fn.name}: defined twice`);
    seen.names.add(fn.name);

    for (const id of Object.keys(fn.tables)) {
      if (!tableIds.has(id as TableDefinition['id'])) problems.push(`${fn.name}: unknown table ${id}`);
    }
    for (const queue of fn.sendsTo ?? []) {
      if (!queueNames.has(queue)) problems.push(`${fn.name}: sends to unknown queue ${queue}`);
    }

    for (const trigger of fn.triggers) {
      switch (trigger.kind) {
        case 'http': {
          const key = `${trigger.method} ${trigger.path}`;
          if (seen.routes.has(key)) problems.push(`${fn.name}: route ${key} defined twice`);
          seen.routes.add(key);
          if (!trigger.path.startsWith('/') || (trigger.path.length > 1 && trigger.path.endsWith('/'))) {
            problems.push(`${fn.name}: route path ${trigger.path} must start with / and not end with /`);
          }
          if ((fn.timeoutSeconds ?? 0) > HTTP_MAX_TIMEOUT_SECONDS) {
            problems.push(`${fn.name}: timeout ${fn.timeoutSeconds}s exceeds the API's ${HTTP_MAX_TIMEOUT_SECONDS}s`);
          }
          break;
        }
        case 'httpDefault':
          if (defaultRoute) problems.push(`${fn.name}: the $default route is already ${defaultRoute}'s`);
          defaultRoute = fn.name;
          if ((fn.timeoutSeconds ?? 0) > HTTP_MAX_TIMEOUT_SECONDS) {
            problems.push(`${fn.name}: timeout ${fn.timeoutSeconds}s exceeds the API's ${HTTP_MAX_TIMEOUT_SECONDS}s`);
          }
          break;
        case 'httpPreflight':
          if (preflightRoute) problems.push(`${fn.name}: the OPTIONS /{proxy+} route is already ${preflightRoute}'s`);
          preflightRoute = fn.name;
          if ((fn.timeoutSeconds ?? 0) > HTTP_MAX_TIMEOUT_SECONDS) {
            problems.push(`${fn.name}: timeout ${fn.timeoutSeconds}s exceeds the API's ${HTTP_MAX_TIMEOUT_SECONDS}s`);
          }
          break;
        case 'tableStream': {
          const table = manifest.tables.find((t) => t.id === trigger.table);
          if (!table?.stream) problems.push(`${fn.name}: table ${trigger.table} has no stream`);
          break;
        }
        case 'eventRule':
          if (seen.rules.has(trigger.ruleName)) problems.push(`${fn.name}: rule ${trigger.ruleName} defined twice`);
          seen.rules.add(trigger.ruleName);
          if (trigger.detailTypes.length === 0)
            problems.push(`${fn.name}: rule ${trigger.ruleName} has no detail-types`);
          break;
        case 'schedule':
          if (seen.schedules.has(trigger.scheduleName)) {
            problems.push(`${fn.name}: schedule ${trigger.scheduleName} defined twice`);
          }
          seen.schedules.add(trigger.scheduleName);
          break;
        case 'queue': {
          const queue = manifest.queues.find((q) => q.name === trigger.queue);
          if (!queue) {
            problems.push(`${fn.name}: consumes unknown queue ${trigger.queue}`);
            break;
          }
          const other = queueConsumers.get(trigger.queue);
          if (other) problems.push(`${fn.name}: queue ${trigger.queue} is already consumed by ${other}`);
          queueConsumers.set(trigger.queue, fn.name);
          if (queue.visibilityTimeoutSeconds < (fn.timeoutSeconds ?? 0)) {
            problems.push(
              `${fn.name}: queue ${queue.name}'s visibility timeout is shorter than the function's timeout`,
            );
          }
          break;
        }
        default: {
          // A trigger kind the stack does not wire yet: a compile error here, and a refusal at synth.
          const unknown: never = trigger;
          problems.push(`${fn.name}: the stack does not wire trigger ${JSON.stringify(unknown)}`);
        }
      }
    }
  }
  return problems;
}
