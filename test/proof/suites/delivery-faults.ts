import type { DeliveryFaults } from '#local/eventbridge-emulator.ts';
import type { FunctionFaults } from '#local/faults/function-faults.ts';
import { Ledger } from '../support/ledger.ts';
import { checkNothingLost } from '../support/nothing-lost.ts';
import { type SuiteReport, suiteReport, tally } from '../support/report.ts';
import type { ProofSystem } from '../support/system.ts';
import { Markers, RichMix } from '../support/workload.ts';

export interface DeliveryFaultsOptions {
  /** Commands of the rich mix to send. */
  readonly commands: number;
  readonly concurrency?: number;
}

/** The faults this suite switches on: the worst EventBridge allows, and then some. */
export const DELIVERY_FAULTS: DeliveryFaults = {
  duplicate: true,
  shuffle: true,
  shuffleWindowMs: 200,
  dropFirstAttemptRate: 0.3,
  putEventsFailureRate: 0.2,
};
export const FUNCTION_FAULTS: FunctionFaults = {
  projector: { throwBeforeRate: 0.1, throwAfterRate: 0.1 },
  publisher: { throwAfterRate: 0.05 },
};

/**
 * Delivery faults: the EventBridge emulator delivers every event twice and out of order, loses the
 * first attempt of 30% of deliveries, answers 20% of PutEvents entries with a failure; the projector
 * throws before its work in 10% of invocations and after it in another 10%, the publisher after its
 * work in 5%. Afterwards: the views equal a rebuild, every view is at its stream's version, and the
 * DLQ is empty (every delivery got through within its retries). The faults must really have fired:
 * the suite fails when any of them never did.
 */
export async function runDeliveryFaults(system: ProofSystem, options: DeliveryFaultsOptions): Promise<SuiteReport> {
  const started = performance.now();
  await system.setDeliveryFaults(DELIVERY_FAULTS);
  await system.setFunctionFaults(FUNCTION_FAULTS);
  const ledger = new Ledger(() => system.url);
  const mix = new RichMix(system, ledger, new Markers());
  const failures: string[] = [];
  try {
    await mix.run(options.commands, options.concurrency ?? 8);
    for (const record of ledger.records) {
      if (record.reply.status >= 500 || record.reply.status === 0) {
        failures.push(
          `${record.route} ${record.path}: ${record.reply.status || record.reply.failure} ${record.reply.text.slice(0, 200)}`,
        );
      }
    }
    const nothingLost = await checkNothingLost(system, ledger.records);
    const stats = await system.stats();
    const projector = stats.functions.projector;
    const publisher = stats.functions.publisher;
    if (stats.eventBridge.rejectedEntries === 0)
      failures.push('no PutEvents entry was ever rejected: the partial-failure fault did not fire');
    if (stats.eventBridge.failedAttempts === 0) failures.push('no delivery ever failed: the drop fault did not fire');
    if (!projector?.thrownBefore || !projector.thrownAfter)
      failures.push('the projector never threw: the projector fault did not fire');
    if (!projector?.outcomes.duplicate)
      failures.push('the projector never saw a duplicate: duplicate delivery did not fire');
    return suiteReport(
      'delivery-faults',
      started,
      {
        commands: ledger.records.length,
        statuses: tally(ledger.records.map((r) => r.reply.status || r.reply.failure || 'none')),
        faults: { ...DELIVERY_FAULTS, functions: FUNCTION_FAULTS },
        eventBridge: stats.eventBridge,
        projector: projector ?? null,
        publisher: publisher ?? null,
      },
      nothingLost,
      failures,
    );
  } finally {
    await system.setDeliveryFaults({}).catch(() => undefined);
    await system.setFunctionFaults({}).catch(() => undefined);
  }
}
