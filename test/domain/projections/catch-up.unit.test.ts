import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { catchUp } from '#domain/projections/catch-up.ts';
import {
  applyEvent,
  emptyHistory,
  foldHistory,
  type OrganisationHistory,
  StreamGapError,
} from '#domain/projections/organisation-history.ts';
import type { ProjectedEvent } from '#domain/projections/projected-event.ts';
import { supervisionStatus } from '#domain/projections/supervision-status.ts';
import { parseDomainEvent } from '#events/catalogue.ts';
import { validHistory } from '../support/arbitraries.ts';
import { meldcodeSubmitted, registered, supervisionScheduled, ulid } from '../support/fixtures.ts';
import { stamp } from '../support/projection.ts';

const stream = stamp([
  registered(),
  meldcodeSubmitted(),
  supervisionScheduled(),
  meldcodeSubmitted({ meldcodeId: ulid(101), adoptedOn: '2025-03-01' }),
]);
const readFrom = (events: readonly ProjectedEvent[]) => vi.fn((from: number, to: number) => events.slice(from - 1, to));

describe('catchUp', () => {
  it('skips an event already applied, without reading', async () => {
    const read = readFrom(stream);
    const history = foldHistory(stream.slice(0, 3));
    const result = await catchUp(history, stream[1]!, read);
    expect(result).toEqual({ history, applied: 0 });
    expect(read).not.toHaveBeenCalled();
  });

  it('folds the next event directly when it is complete', async () => {
    const read = readFrom(stream);
    const result = await catchUp(foldHistory(stream.slice(0, 1)), stream[1]!, read);
    expect(result.history).toEqual(foldHistory(stream.slice(0, 2)));
    expect(result.applied).toBe(1);
    expect(read).not.toHaveBeenCalled();
  });

  it('reads the missing range from the store when an event arrives early', async () => {
    const read = readFrom(stream);
    const result = await catchUp(foldHistory(stream.slice(0, 1)), stream[3]!, read);
    expect(read).toHaveBeenCalledWith(2, 4);
    expect(result).toEqual({ history: foldHistory(stream), applied: 3 });
  });

  it('reads when given only a version (the event itself is not needed)', async () => {
    const result = await catchUp(emptyHistory, { version: 2 }, readFrom(stream));
    expect(result.history).toEqual(foldHistory(stream.slice(0, 2)));
  });

  it('folds a longer page than asked for, and ignores events it already has', async () => {
    const result = await catchUp(foldHistory(stream.slice(0, 2)), { version: 3 }, () => stream);
    expect(result).toEqual({ history: foldHistory(stream), applied: 2 });
  });

  it('refuses a store that does not reach the incoming version', async () => {
    await expect(catchUp(emptyHistory, { version: 4 }, () => stream.slice(0, 2))).rejects.toThrow(StreamGapError);
    await expect(catchUp(emptyHistory, { version: 3 }, () => [stream[0]!, stream[2]!])).rejects.toThrow(
      'Expected stream version 2, got 3',
    );
  });
});

describe('delivery in any order, with duplicates', () => {
  it('the random histories are valid and varied', () => {
    // A guard on the generator: the property below means little if histories were trivial.
    const samples = fc.sample(validHistory(), { numRuns: 300, seed: 42 });
    for (const events of samples) for (const event of events) expect(parseDomainEvent(event)).toEqual(event);
    const types = new Set(samples.flat().map((e) => e.type));
    expect(types.size).toBe(7);
    expect(Math.max(...samples.map((s) => s.length))).toBeGreaterThan(8);
  });

  it('gives exactly the in-order fold, through the catch-up rule (1,000 runs)', async () => {
    const scenario = validHistory().chain((events) => {
      const n = events.length;
      return fc.record({
        events: fc.constant(events),
        // every version at least once, plus duplicates, each with a random place in the delivery
        keys: fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }),
        duplicates: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.double({ noNaN: true })), { maxLength: 2 * n }),
        // how much more than asked the store returns (before and after), and whether the event arrives complete
        overread: fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 3 })), { minLength: 1, maxLength: 5 }),
        complete: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      });
    });

    await fc.assert(
      fc.asyncProperty(scenario, async ({ events, keys, duplicates, overread, complete }) => {
        // Prepare: the stream as stored, its in-order prefixes, and a delivery order
        const stored = stamp(events);
        const prefixes = [emptyHistory];
        for (const event of stored) prefixes.push(applyEvent(prefixes[prefixes.length - 1]!, event));
        const deliveries = [
          ...keys.map((key, index) => ({ index, key })),
          ...duplicates.map(([index, key]) => ({ index, key })),
        ]
          .sort((a, b) => a.key - b.key)
          .map((d) => d.index);
        let reads = 0;
        const readStream = (from: number, to: number) => {
          const [before, after] = overread[reads++ % overread.length] ?? [0, 0];
          return stored.slice(Math.max(0, from - 1 - before), to + after);
        };

        // Act: deliver each event, storing the view as JSON between deliveries as a view item is
        let view: OrganisationHistory = emptyHistory;
        for (const [i, index] of deliveries.entries()) {
          const event = stored[index]!;
          const incoming = complete[i % complete.length] ? event : { version: event.version };
          const { history } = await catchUp(view, incoming, readStream);
          view = JSON.parse(JSON.stringify(history));
          // Assess: at every moment the view is the fold of a stream prefix
          expect(view).toEqual(prefixes[view.appliedVersion]);
        }

        // Assess: in the end, exactly the in-order fold, and the same views computed from it
        const inOrder = foldHistory(stored);
        expect(view).toStrictEqual(inOrder);
        expect(supervisionStatus(view, '2025-06-01')).toStrictEqual(supervisionStatus(inOrder, '2025-06-01'));
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
