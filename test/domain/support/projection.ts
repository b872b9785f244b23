import { expect } from 'vitest';
import { type CoordinationEntry, coordinationEntry } from '#domain/projections/coordination.ts';
import { type GemeenteRow, gemeenteRows } from '#domain/projections/gemeente-rows.ts';
import { foldHistory, type OrganisationHistory } from '#domain/projections/organisation-history.ts';
import type { ProjectedEvent } from '#domain/projections/projected-event.ts';
import { type SupervisionStatus, supervisionStatus } from '#domain/projections/supervision-status.ts';
import type { DomainEvent } from '#events/catalogue.ts';
import type { IsoDate } from '#events/values.ts';

/** Gives events stream versions and timestamps, one minute apart, as the event store would. */
export function stamp(events: readonly DomainEvent[], start = '2025-01-01T09:00'): ProjectedEvent[] {
  return events.map((event, i) => {
    const minute = String(i % 60).padStart(2, '0');
    const hour = String(9 + Math.floor(i / 60)).padStart(2, '0');
    const at = `${start.slice(0, 10)}T${hour}:${minute}:00.000Z`;
    return { ...event, version: i + 1, occurredAt: at, recordedAt: at } as ProjectedEvent;
  });
}

type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * The projection's given/when/then: `givenEvents(past).when(...new).asOf(date)` then
 * `.thenStatus(partial)`, `.thenRows(partials)`, `.thenCoordination(partial | null)`.
 * Each also returns the full value for further assertions.
 */
export function givenEvents(...past: DomainEvent[]) {
  const builder = (events: DomainEvent[]) => ({
    when: (...more: DomainEvent[]) => builder([...events, ...more]),
    history: (): OrganisationHistory => foldHistory(stamp(events)),
    asOf(asOf: IsoDate) {
      const history = foldHistory(stamp(events));
      const status = supervisionStatus(history, asOf);
      return {
        status: (): SupervisionStatus => {
          expect(status).not.toBeNull();
          return status!;
        },
        thenStatus(expected: DeepPartial<SupervisionStatus>): SupervisionStatus {
          expect(status).toMatchObject(expected);
          return status!;
        },
        thenNoStatus(): void {
          expect(status).toBeNull();
        },
        thenRows(expected: DeepPartial<GemeenteRow>[]): GemeenteRow[] {
          const rows = gemeenteRows(status!);
          expect(rows).toHaveLength(expected.length);
          expect(rows).toMatchObject(expected);
          return rows;
        },
        thenCoordination(expected: DeepPartial<CoordinationEntry> | null): CoordinationEntry | null {
          const entry = coordinationEntry(status!);
          if (expected === null) expect(entry).toBeNull();
          else expect(entry).toMatchObject(expected);
          return entry;
        },
      };
    },
  });
  return builder(past);
}
