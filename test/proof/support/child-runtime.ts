/**
 * The local runtime in a process of its own, for the proof suites and the load benchmark: the
 * runtime is a server apart from the client that drives it (the client's own work does not skew the
 * runtime's latency), its memory can be measured alone, and it can be killed with SIGKILL.
 * Started by `startChildSystem` (system.ts) with its options in `PROOF_RUNTIME_OPTIONS`; answers
 * requests over the IPC channel. When the parent goes away, it stops.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type ChildRequest, type ChildRuntimeOptions, startProofRuntime } from './system.ts';

const options = JSON.parse(process.env.PROOF_RUNTIME_OPTIONS ?? '{}') as ChildRuntimeOptions;
const { runtime, faults } = await startProofRuntime(options, process.env.PROOF_VERBOSE === '1');

// How long work waits for the runtime's one event loop (every function of the runtime shares it).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const send = (message: unknown): void => {
  if (!process.connected) return;
  try {
    process.send?.(message);
  } catch {
    // the parent is gone; 'disconnect' stops the runtime
  }
};

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
};

let stopping = false;
const stop = async (code: number): Promise<never> => {
  if (!stopping) {
    stopping = true;
    await runtime.stop().catch(() => undefined);
  }
  process.exit(code);
};

process.on('message', (message: ChildRequest) => {
  const answer = async (): Promise<unknown> => {
    switch (message.type) {
      case 'token':
        return runtime.token(message.claims);
      case 'whenIdle':
        await runtime.whenIdle();
        return null;
      case 'stats':
        return {
          eventBridge: { ...runtime.eventBridge.stats },
          deadLetters: runtime.eventBridge.deadLetters.map((letter) => ({
            ruleName: letter.ruleName,
            detailType: letter.event['detail-type'],
            error: letter.error,
          })),
          functions: JSON.parse(JSON.stringify(faults.stats)) as unknown,
        };
      case 'eventLoop': {
        const ms = (ns: number): number => Math.round(ns / 1e5) / 10;
        const delay = { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) };
        loopDelay.reset();
        return delay;
      }
      case 'memory':
        gc();
        return process.memoryUsage();
      case 'setDeliveryFaults':
        runtime.eventBridge.setFaults(message.faults);
        return null;
      case 'setFunctionFaults':
        faults.set(message.faults);
        return null;
      case 'stop':
        setImmediate(() => void stop(0));
        return null;
    }
  };
  answer().then(
    (value) => send({ id: message.id, ok: true, value }),
    (error: unknown) => send({ id: message.id, ok: false, error: (error as Error).message }),
  );
});
process.on('disconnect', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));

send({
  type: 'ready',
  url: runtime.url,
  port: runtime.port,
  dynamodbEndpoint: runtime.dynamodbEndpoint,
  tables: runtime.tables,
  pid: process.pid,
});
