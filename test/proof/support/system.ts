import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { TableNames } from '#local/create-tables.ts';
import type { DeliveryFaults } from '#local/eventbridge-emulator.ts';
import { type FunctionFaultStats, type FunctionFaults, functionFaultInjector } from '#local/faults/function-faults.ts';
import type { TokenClaims } from '#local/issuer.ts';
import { startLocalRuntime } from '#local/runtime.ts';

const projectRoot = resolve(import.meta.dirname, '../../..');

/** What the suites need of a running system, whether the runtime runs in this process or another. */
export interface ProofSystem {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  readonly tables: TableNames;
  /** A token of the runtime's issuer (cached per claims). */
  token(claims: TokenClaims): Promise<string>;
  /** Everything written so far has gone through stream, bus and projectors. */
  whenIdle(): Promise<void>;
  stats(): Promise<SystemStats>;
  /** Heap and RSS of the runtime's process, after a full GC when the process allows it. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Event-loop delay of the runtime's process (ms) since the last call; absent in this process. */
  eventLoop?(): Promise<{ p50: number; p99: number; max: number }>;
  setDeliveryFaults(faults: DeliveryFaults): Promise<void>;
  setFunctionFaults(faults: FunctionFaults): Promise<void>;
  stop(): Promise<void>;
}

export interface SystemStats {
  readonly eventBridge: { accepted: number; deliveries: number; failedAttempts: number; rejectedEntries: number };
  readonly deadLetters: readonly { ruleName: string; detailType: string; error: string }[];
  readonly functions: Readonly<Record<string, FunctionFaultStats>>;
}

export interface SystemOptions {
  /** DynamoDB (Local) to use; the runtime starts its own when absent. */
  readonly dynamodbEndpoint?: string;
  readonly tablePrefix?: string;
  /** Persist checkpoints, DLQ and issuer keys here (and DynamoDB's data when the runtime starts it). */
  readonly dataDir?: string;
  readonly port?: number;
  readonly deliveryFaults?: DeliveryFaults;
  readonly functionFaults?: FunctionFaults;
}

export interface ChildRuntimeOptions extends SystemOptions {}

export type ChildRequest = { readonly id: number } & (
  | { readonly type: 'token'; readonly claims: TokenClaims }
  | { readonly type: 'whenIdle' }
  | { readonly type: 'stats' }
  | { readonly type: 'memory' }
  | { readonly type: 'eventLoop' }
  | { readonly type: 'setDeliveryFaults'; readonly faults: DeliveryFaults }
  | { readonly type: 'setFunctionFaults'; readonly faults: FunctionFaults }
  | { readonly type: 'stop' }
);

type ChildRequestBody = ChildRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const tokenCache = (mint: (claims: TokenClaims) => Promise<string>) => {
  const cache = new Map<string, Promise<string>>();
  return (claims: TokenClaims): Promise<string> => {
    const key = JSON.stringify(claims);
    let token = cache.get(key);
    if (!token) {
      token = mint(claims);
      cache.set(key, token);
    }
    return token;
  };
};

/** The local runtime with the proof's fault hooks, as both the in-process and the child system start it. */
export async function startProofRuntime(options: SystemOptions, verbose = false) {
  const faults = functionFaultInjector(options.functionFaults ?? {});
  const runtime = await startLocalRuntime({
    port: options.port ?? 0,
    ...(options.dataDir ? { dataDir: options.dataDir } : { inMemory: true }),
    ...(options.dynamodbEndpoint ? { dynamodbEndpoint: options.dynamodbEndpoint } : {}),
    ...(options.tablePrefix ? { tablePrefix: options.tablePrefix } : {}),
    deliveryFaults: options.deliveryFaults ?? {},
    wrapFunction: faults.wrap,
    verbose,
  });
  return { runtime, faults };
}

/** The runtime in this process (smoke tests): quick to start, shares vitest's DynamoDB Local. */
export async function startInProcessSystem(options: SystemOptions = {}): Promise<ProofSystem> {
  const { runtime, faults } = await startProofRuntime(options);
  return {
    url: runtime.url,
    dynamodbEndpoint: runtime.dynamodbEndpoint,
    tables: runtime.tables,
    token: tokenCache((claims) => runtime.token(claims)),
    whenIdle: () => runtime.whenIdle(),
    stats: async () => ({
      eventBridge: { ...runtime.eventBridge.stats },
      deadLetters: runtime.eventBridge.deadLetters.map((l) => ({
        ruleName: l.ruleName,
        detailType: l.event['detail-type'],
        error: l.error,
      })),
      functions: JSON.parse(JSON.stringify(faults.stats)) as Record<string, FunctionFaultStats>,
    }),
    memory: async () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    },
    setDeliveryFaults: async (next) => runtime.eventBridge.setFaults(next),
    setFunctionFaults: async (next) => faults.set(next),
    stop: () => runtime.stop(),
  };
}

export interface ChildSystem extends ProofSystem {
  readonly pid: number;
  readonly process: ChildProcess;
  /** Kills the runtime's process at once (SIGKILL): no stop, no flush, as a crash does. */
  kill(): Promise<void>;
  /** The last lines the process wrote on stderr (for failure reports). */
  output(): string;
  /** The ERROR log lines of the functions (Powertools JSON), the first 200. */
  errors(): string[];
}

/**
 * The runtime in a child process (`node --expose-gc --import tsx child-runtime.ts`), driven over
 * HTTP like a server and over IPC for tokens, idleness, statistics and memory.
 */
export async function startChildSystem(
  options: SystemOptions = {},
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = [],
): Promise<ChildSystem> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', ...nodeArgs, '--import', 'tsx', resolve(import.meta.dirname, 'child-runtime.ts')],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        DDB_LOCAL_TELEMETRY: '0',
        ...env,
        PROOF_RUNTIME_OPTIONS: JSON.stringify(options),
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  let output = '';
  let partial = '';
  const errorLines: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-8000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.includes('"level":"ERROR"') && errorLines.length < 200) errorLines.push(line);
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolveExit) =>
    child.once('exit', () => {
      exited = true;
      for (const waiter of pending.values()) waiter.reject(new Error('the runtime process exited'));
      pending.clear();
      resolveExit();
    }),
  );
  const ready = new Promise<{ url: string; port: number; dynamodbEndpoint: string; tables: TableNames; pid: number }>(
    (resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`the runtime did not start within 90 s:\n${output}`)), 90_000);
      child.on('message', (message: { type?: string; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolveReady(
            message as unknown as {
              url: string;
              port: number;
              dynamodbEndpoint: string;
              tables: TableNames;
              pid: number;
            },
          );
          return;
        }
        const waiter = message.id === undefined ? undefined : pending.get(message.id);
        if (!waiter || message.id === undefined) return;
        pending.delete(message.id);
        if (message.ok) waiter.resolve(message.value);
        else waiter.reject(new Error(message.error));
      });
      void exit.then(() => {
        clearTimeout(timer);
        reject(new Error(`the runtime exited before it was ready:\n${output}`));
      });
    },
  );
  let started: Awaited<typeof ready>;
  try {
    started = await ready;
  } catch (error) {
    if (!exited) child.kill('SIGKILL');
    throw error;
  }

  const request = <T>(body: ChildRequestBody): Promise<T> => {
    if (exited) return Promise.reject(new Error('the runtime process has exited'));
    const id = nextId++;
    return new Promise<T>((resolveRequest, reject) => {
      pending.set(id, { resolve: resolveRequest as (value: unknown) => void, reject });
      child.send({ ...body, id });
    });
  };

  return {
    url: started.url,
    dynamodbEndpoint: started.dynamodbEndpoint,
    tables: started.tables,
    pid: started.pid,
    process: child,
    token: tokenCache((claims) => request<string>({ type: 'token', claims })),
    whenIdle: () => request<null>({ type: 'whenIdle' }).then(() => undefined),
    stats: () => request<SystemStats>({ type: 'stats' }),
    memory: () => request<NodeJS.MemoryUsage>({ type: 'memory' }),
    eventLoop: () => request<{ p50: number; p99: number; max: number }>({ type: 'eventLoop' }),
    setDeliveryFaults: (faults) => request<null>({ type: 'setDeliveryFaults', faults }).then(() => undefined),
    setFunctionFaults: (faults) => request<null>({ type: 'setFunctionFaults', faults }).then(() => undefined),
    output: () => output,
    errors: () => [...errorLines],
    kill: async () => {
      if (exited) return;
      child.kill('SIGKILL');
      await exit;
    },
    stop: async () => {
      if (exited) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exit;
      clearTimeout(timer);
    },
  };
}
