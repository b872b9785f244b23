import { applyEvent, emptyHistory, type OrganisationHistory } from '#domain/projections/organisation-history.ts';
import { toProjectedEvent } from '#domain/projections/projected-event.ts';
import type { StoredEvent } from '#events/envelope.ts';
import type { IsoDate } from '#events/values.ts';

/** The last instant of a reference date: what was recorded up to and including it counts. */
export const endOfDay = (day: IsoDate): string => `${day}T23:59:59.999Z`;

/** What a replay reads of a stored event (the chain's members were checked before). */
export type ReplayableEvent = Pick<
  StoredEvent,
  'version' | 'type' | 'schemaVersion' | 'data' | 'occurredAt' | 'recordedAt' | 'meta'
>;

/** Whether an event was known at the end of `day`: recorded on it or before (UTC, as the log buckets days). */
export const recordedBy = (event: Pick<StoredEvent, 'recordedAt'>, day: IsoDate): boolean =>
  event.recordedAt.slice(0, 10) <= day;

/**
 * One stream's verified events, oldest first, folded up to the end of `day` by the projector's own
 * functions: the rule of `Replay` for a whole stream at once (stops at the first event recorded
 * later, or at a gap). Events are only read as far as they are used.
 */
export function replayStream(
  events: Iterable<ReplayableEvent>,
  day: IsoDate,
): { history: OrganisationHistory; replayed: number } {
  let history = emptyHistory;
  let replayed = 0;
  for (const event of events) {
    if (!recordedBy(event, day) || event.version !== history.appliedVersion + 1) break;
    history = applyEvent(history, toProjectedEvent(event));
    replayed++;
  }
  return { history, replayed };
}

const INTERN_MAX_ENTRIES = 100_000;
const interned = new Map<string, string>();

/**
 * Shares one copy of the strings in the lists of an event's data (meldcode elements, gemeenten,
 * reasons, questions). A replay keeps every organisation's history in memory until the end, and
 * `JSON.parse` gives each event its own copy of every string longer than ten characters, so the
 * element lists of a few hundred thousand meldcodes would otherwise hold millions of copies of the
 * same dozen ids. Values stay equal; only the lists are walked, which keeps it cheap.
 */
function shareListStrings(data: Record<string, unknown>): void {
  for (const key in data) {
    const value = data[key];
    if (!Array.isArray(value)) continue;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'string' || item.length <= 10) continue;
      const shared = interned.get(item);
      if (shared !== undefined) value[i] = shared;
      else if (interned.size < INTERN_MAX_ENTRIES) interned.set(item, item);
    }
  }
}

/**
 * Replays verified events into organisation histories with the projector's own functions
 * (`toProjectedEvent`: the upcasters and the catalogue's schemas; `applyEvent`: the fold), up to
 * and including a day. What was recorded later was not yet known on that day: a stream stops at its
 * first event recorded after the day, and at any gap (an event left out before it), so every
 * history is the fold of a stream prefix, exactly what a view held at the time.
 */
export class Replay {
  private readonly histories = new Map<string, OrganisationHistory>();
  private readonly stopped = new Set<string>();
  eventsReplayed = 0;

  constructor(readonly until: IsoDate) {}

  /** The next verified event of its stream (stream order; other streams may interleave). */
  add(event: StoredEvent): void {
    const { streamId } = event;
    if (this.stopped.has(streamId)) return;
    const history = this.histories.get(streamId) ?? emptyHistory;
    if (!recordedBy(event, this.until) || event.version !== history.appliedVersion + 1) {
      this.stopped.add(streamId);
      return;
    }
    shareListStrings(event.data);
    this.histories.set(streamId, applyEvent(history, toProjectedEvent(event)));
    this.eventsReplayed++;
  }

  /** Every replayed history of a registered organisation. */
  *results(): Generator<OrganisationHistory> {
    for (const history of this.histories.values()) if (history.organisation !== null) yield history;
  }
}
