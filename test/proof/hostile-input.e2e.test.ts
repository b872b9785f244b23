import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runHostileInput } from './suites/hostile-input.ts';
import { type ChildSystem, startChildSystem } from './support/system.ts';

/**
 * Smoke version of the hostile-input proof (`npm run proof -- hostile` sends 3,000 requests):
 * requests generated from the API's zod schemas and broken with the hostile corpus, over every
 * route. No 5xx, no event from a rejected request, the runtime's heap flat. The runtime runs in a
 * process of its own so that its memory is measured alone.
 */
let system: ChildSystem;

beforeAll(async () => {
  system = await startChildSystem({
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `proof${ulid().toLowerCase()}`,
  });
});
afterAll(async () => system?.stop());

describe('hostile input', () => {
  it('never gets a 5xx, writes nothing for a rejected request and keeps the heap flat', async () => {
    const report = await runHostileInput(system, { requests: 200, seed: 2025 });

    expect(report.failures).toEqual([]);
    expect(report.figures.requests).toBeGreaterThanOrEqual(200);
    expect(report.nothingLost.views.equalToRebuild).toBe(true);
  });
});
