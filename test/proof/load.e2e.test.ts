import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QUICK_LOAD, runLoad } from '../../bench/load.ts';
import { type ProofSystem, startInProcessSystem } from './support/system.ts';

/**
 * Smoke version of the load benchmark (`npm run bench -- load`): a few seconds of the same mix at
 * low rates, to show the harness works and nothing is lost under load. Latency targets are checked
 * by the benchmark only, never here.
 */
let system: ProofSystem;

beforeAll(async () => {
  system = await startInProcessSystem({
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `proof${ulid().toLowerCase()}`,
  });
});
afterAll(async () => system?.stop());

describe('load (smoke)', () => {
  it('runs the mix, sees every command in its view and loses nothing', async () => {
    const result = await runLoad(system, {
      ...QUICK_LOAD,
      stages: [[5, 3]],
      warmupSeconds: 0,
      bareSeconds: 2,
      overviewOrganisations: 30,
      overviewRequests: 3,
    });

    const stage = result.stages[0];
    // A 503 is the system's honest answer when the machine is overloaded; anything else is a bug.
    expect(Object.keys(stage?.errors ?? {}).filter((key) => !key.endsWith(' 503'))).toEqual([]);
    expect(stage?.lag.count).toBeGreaterThan(0);
    expect(stage?.lag.notVisible).toBe(0);
    expect(result.bare.transactions).toBeGreaterThan(0);
    expect(result.nothingLost.failures).toEqual([]);
    expect(result.nothingLost.commands.accepted).toBe(result.nothingLost.acknowledgedEvents);
  });
});
