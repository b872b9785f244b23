import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runDeliveryFaults } from './suites/delivery-faults.ts';
import { type ProofSystem, startInProcessSystem } from './support/system.ts';

/**
 * Smoke version of the delivery-faults proof (`npm run proof -- delivery` sends 1,500 commands):
 * duplicated, shuffled and dropped deliveries, PutEvents partial failures, a projector and a
 * publisher that throw now and then; afterwards views = rebuild and an empty DLQ.
 */
let system: ProofSystem;

beforeAll(async () => {
  system = await startInProcessSystem({
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `proof${ulid().toLowerCase()}`,
  });
});
afterAll(async () => system?.stop());

describe('delivery faults', () => {
  it('leave the views equal to a rebuild and nothing in the DLQ', async () => {
    const report = await runDeliveryFaults(system, { commands: 60, concurrency: 6 });

    expect(report.failures).toEqual([]);
    expect(report.nothingLost.views.equalToRebuild).toBe(true);
    expect(report.nothingLost.views.behind).toBe(0);
    expect(report.nothingLost.deadLetters).toBe(0);
    expect(report.nothingLost.commands.unknown).toBe(0);
  });
});
