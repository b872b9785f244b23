import type { LocalFunction } from '../lambda.ts';

/**
 * Faults of one function, for the proof suites (test/proof): the share of invocations that throw
 * before the handler runs (the work is not done: a crash at start, a cold-start failure) and the
 * share that throw after it ran (the work is done but the trigger sees a failure, so it retries:
 * the duplicate delivery every consumer must tolerate).
 */
export interface FunctionFault {
  readonly throwBeforeRate?: number;
  readonly throwAfterRate?: number;
}

/** Faults per function name of the wiring manifest (e.g. `projector`, `publisher`). */
export type FunctionFaults = Readonly<Record<string, FunctionFault>>;

export interface FunctionFaultStats {
  invocations: number;
  thrownBefore: number;
  thrownAfter: number;
  /** What the handler answered, by its `outcome` member if it has one (the projector: applied, duplicate). */
  outcomes: Record<string, number>;
}

export interface FunctionFaultInjector {
  /** Wraps a loaded function; pass as `wrapFunction` to `startLocalRuntime`. */
  wrap(fn: LocalFunction): LocalFunction;
  /** Changes the faults of a running runtime (e.g. off again before checking convergence). */
  set(faults: FunctionFaults): void;
  readonly stats: Readonly<Record<string, FunctionFaultStats>>;
}

/** The error an injected fault throws; its name makes it easy to tell apart in logs and DLQs. */
export class InjectedFaultError extends Error {
  override readonly name = 'InjectedFaultError';
}

/**
 * `LOCAL_FUNCTION_FAULTS="projector:before=0.1,after=0.05;publisher:before=0.02"`: faults from the
 * environment, for a runtime started in another process.
 */
export function functionFaultsFromEnv(env: NodeJS.ProcessEnv = process.env): FunctionFaults {
  const faults: Record<string, FunctionFault> = {};
  for (const part of (env.LOCAL_FUNCTION_FAULTS ?? '').split(';')) {
    const [name, settings] = part.split(':').map((s) => s.trim());
    if (!name || !settings) continue;
    const fault: { throwBeforeRate?: number; throwAfterRate?: number } = {};
    for (const setting of settings.split(',')) {
      const [key, value] = setting.split('=').map((s) => s.trim());
      const rate = Number(value);
      if (!Number.isFinite(rate) || rate < 0 || rate > 1) continue;
      if (key === 'before') fault.throwBeforeRate = rate;
      if (key === 'after') fault.throwAfterRate = rate;
    }
    faults[name] = fault;
  }
  return faults;
}

/**
 * Makes functions of the local runtime throw now and then, without touching their code: the
 * runtime invokes the wrapper, the wrapper decides by chance whether to fail before or after the
 * real handler. Everything else (timeouts, retries, DLQs) stays the runtime's own.
 */
export function functionFaultInjector(initial: FunctionFaults = {}): FunctionFaultInjector {
  let faults = initial;
  const stats: Record<string, FunctionFaultStats> = {};
  return {
    stats,
    set: (next) => {
      faults = next;
    },
    wrap: (fn) => {
      const name = fn.spec.name;
      const counters = stats[name] ?? { invocations: 0, thrownBefore: 0, thrownAfter: 0, outcomes: {} };
      stats[name] = counters;
      return {
        spec: fn.spec,
        available: fn.available,
        invoke: async (event) => {
          counters.invocations++;
          const fault = faults[name];
          if (fault?.throwBeforeRate && Math.random() < fault.throwBeforeRate) {
            counters.thrownBefore++;
            throw new InjectedFaultError(`${name}: injected failure before the handler`);
          }
          const result = await fn.invoke(event);
          const outcome = (result as { outcome?: unknown } | null | undefined)?.outcome;
          if (typeof outcome === 'string') counters.outcomes[outcome] = (counters.outcomes[outcome] ?? 0) + 1;
          if (fault?.throwAfterRate && Math.random() < fault.throwAfterRate) {
            counters.thrownAfter++;
            throw new InjectedFaultError(`${name}: injected failure after the handler`);
          }
          return result;
        },
      };
    },
  };
}
