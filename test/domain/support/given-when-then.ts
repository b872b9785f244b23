import { expect } from 'vitest';
import type { DomainError } from '#domain/errors.ts';
import type { DecideContext, OrganisationCommand } from '#domain/organisation/commands.ts';
import { decide } from '#domain/organisation/decider.ts';
import { foldState } from '#domain/organisation/state.ts';
import { type DomainEvent, parseDomainEvent } from '#events/catalogue.ts';
import { AMSTERDAM, supervisorOf } from './fixtures.ts';

/** The default context: a supervisor of Amsterdam, on 2 June 2025 at noon (Dutch time). */
export const NOW = '2025-06-02T10:00:00Z';
export const defaultContext: DecideContext = { now: NOW, actor: supervisorOf(AMSTERDAM) };

type ErrorClass = abstract new (...args: never[]) => DomainError;

/**
 * `given(past events).when(command, context?)` followed by one of
 * `.then(expected events)`, `.thenThrows(ErrorClass, code?)` or `.thenNothingHappened()`.
 * Emitted events are also parsed against the catalogue: the decider only emits valid events.
 */
export function given(...events: DomainEvent[]) {
  const state = foldState(events);
  return {
    when(command: OrganisationCommand, context: Partial<DecideContext> = {}) {
      const run = () => decide(command, state, { ...defaultContext, ...context });
      return {
        // biome-ignore lint/suspicious/noThenProperty: the given/when/then vocabulary of CONVENTIONS.md; never awaited
        then(expected: DomainEvent[]): DomainEvent[] {
          const emitted = run();
          expect(emitted).toEqual(expected);
          for (const event of emitted) expect(parseDomainEvent(event)).toEqual(event);
          return emitted;
        },
        thenThrows<E extends DomainError>(
          Expected: ErrorClass & (abstract new (...args: never[]) => E),
          code?: string,
        ): E {
          let thrown: unknown;
          try {
            const emitted = run();
            expect.fail(`expected ${Expected.name}, but decide emitted ${JSON.stringify(emitted)}`);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(Expected);
          const error = thrown as E;
          expect(error.name).toBe(error.constructor.name);
          expect([403, 404, 409, 422]).toContain(error.httpStatus);
          if (code !== undefined) expect(error.code).toBe(code);
          return error;
        },
        thenNothingHappened(): void {
          expect(run()).toEqual([]);
        },
      };
    },
  };
}
