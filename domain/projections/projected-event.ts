import type { DomainEvent } from '#events/catalogue.ts';
import type { EventMeta, StoredEvent } from '#events/envelope.ts';
import { upcast } from '#events/upcasters.ts';

/**
 * One event of an organisation's stream as the projections fold it: the domain event at its
 * current schema version, its stream version, and when it happened and was stored. A
 * `StoredEvent` read through `toProjectedEvent` is one; so is what replay builds from an export.
 */
export type ProjectedEvent = DomainEvent & {
  readonly version: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly meta?: EventMeta;
};

/** Reads a stored event (any schema version) as a `ProjectedEvent`, through the upcasters. */
export function toProjectedEvent(
  stored: Pick<StoredEvent, 'version' | 'type' | 'schemaVersion' | 'data' | 'occurredAt' | 'recordedAt' | 'meta'>,
): ProjectedEvent {
  const event = upcast(stored.type, stored.schemaVersion, stored.data);
  return {
    ...event,
    version: stored.version,
    occurredAt: stored.occurredAt,
    recordedAt: stored.recordedAt,
    meta: stored.meta,
  } as ProjectedEvent;
}
