import { type DomainEvent, type EventType, eventCatalogue, parseDomainEvent } from './catalogue.ts';

/** Turns the data of one schema version into the next version's data. */
type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * upcasters[type][v] lifts version v to v + 1. Stored events are never rewritten: old events are
 * read through these, so a schema change is a new version plus one function here.
 */
export const upcasters: Partial<Record<EventType, Record<number, Upcaster>>> = {
  MeldcodeSubmitted: {
    // v1 called the measures `measures` and gave reach as a fraction 0..1.
    1: (data) => {
      const { measures, ...rest } = data as { measures?: { kind: string; date: string; reach?: number }[] };
      return {
        ...rest,
        promotionMeasures: (measures ?? []).map(({ reach, ...measure }) =>
          reach === undefined ? measure : { ...measure, reachPercentage: Math.round(reach * 1000) / 10 },
        ),
      };
    },
  },
};

export class UnknownEventTypeError extends Error {
  override name = 'UnknownEventTypeError';
}

/** Reads a stored `{type, schemaVersion, data}` as the current version of its domain event. */
export function upcast(type: string, schemaVersion: number, data: unknown): DomainEvent {
  if (!(type in eventCatalogue)) throw new UnknownEventTypeError(`Unknown event type ${type}`);
  const eventType = type as EventType;
  const target = eventCatalogue[eventType].schemaVersion;
  if (schemaVersion > target) {
    throw new RangeError(`${type} schema version ${schemaVersion} is newer than this code knows (${target})`);
  }
  let current = data as Record<string, unknown>;
  for (let version = schemaVersion; version < target; version++) {
    const step = upcasters[eventType]?.[version];
    if (!step) throw new RangeError(`No upcaster for ${type} from version ${version}`);
    current = step(current);
  }
  return parseDomainEvent({ type, data: current });
}
