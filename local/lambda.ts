import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '#infra/wiring.ts';
import { LOCAL_REGION } from './dynamodb-local.ts';

export const LOCAL_ACCOUNT = '000000000000';
const projectRoot = resolve(import.meta.dirname, '..');

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** A manifest function loaded in this process, invoked like Lambda invokes it. */
export interface LocalFunction {
  readonly spec: FunctionSpec;
  /** False when the entry file does not exist yet (a later issue brings it). */
  readonly available: boolean;
  invoke(event: unknown): Promise<unknown>;
}

export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
}

export class FunctionNotAvailableError extends Error {
  override readonly name = 'FunctionNotAvailableError';
}

function contextFor(spec: FunctionSpec, deadline: number): Context {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: spec.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${spec.name}`,
    memoryLimitInMB: String(spec.memoryMb ?? 512),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${spec.name}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Loads a function's handler module (the same file Lambda runs) and wraps it with a Lambda-like
 * invoke: a fresh context per call and the function's timeout. Invocations run concurrently in
 * this process, as concurrent Lambda instances would.
 */
export async function loadFunction(spec: FunctionSpec): Promise<LocalFunction> {
  const file = resolve(projectRoot, spec.entry);
  if (!existsSync(file)) {
    return {
      spec,
      available: false,
      invoke: async () => {
        throw new FunctionNotAvailableError(`${spec.name} is not built yet (${spec.entry})`);
      },
    };
  }
  const module = (await import(pathToFileURL(file).href)) as { handler?: Handler };
  const handler = module.handler;
  if (typeof handler !== 'function') throw new Error(`${spec.entry} exports no handler`);
  const timeoutMs = (spec.timeoutSeconds ?? 30) * 1000;
  return {
    spec,
    available: true,
    invoke: async (event) => {
      const deadline = Date.now() + timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new FunctionTimeoutError(`${spec.name}: Task timed out after ${spec.timeoutSeconds ?? 30} seconds`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([handler(event, contextFor(spec, deadline)), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
