import { amsterdamDateOf } from '#domain/dates.ts';
import { catchUp } from '#domain/projections/catch-up.ts';
import { type ProjectedEvent, toProjectedEvent } from '#domain/projections/projected-event.ts';
import { organisationIdOf, type StoredEvent } from '#events/envelope.ts';
import type { EventStore } from '#functions/event-store/event-store.ts';
import { ViewConflictError, type ViewStore } from './view-store.ts';

export interface ProjectorDeps {
  readonly views: ViewStore;
  readonly events: EventStore;
  /** Today's date for the time-dependent answers in the rows (Dutch calendar). */
  readonly today?: () => string;
  readonly maxAttempts?: number;
}

export type ProjectionOutcome = 'applied' | 'duplicate';

/**
 * Applies one delivered event with the catch-up rule (ARCHITECTURE.md): an event at or below the
 * view's `appliedVersion` is a duplicate; otherwise the missing range is read from the event store
 * (strongly consistent) and folded, and the views are written with a condition on the old
 * `appliedVersion`. A conflict (another projector got there first) means: read again, retry.
 * Order and repetition of deliveries therefore never change the result.
 */
export async function projectStoredEvent(stored: StoredEvent, deps: ProjectorDeps): Promise<ProjectionOutcome> {
  const organisationId = organisationIdOf(stored.streamId);
  const incoming: ProjectedEvent = toProjectedEvent(stored);
  const today = deps.today ?? (() => amsterdamDateOf(new Date().toISOString()));
  const maxAttempts = deps.maxAttempts ?? 10;
  for (let attempt = 1; ; attempt++) {
    const history = await deps.views.historyOrEmpty(organisationId);
    const result = await catchUp(history, incoming, async (fromVersion) =>
      (await deps.events.readStream(stored.streamId, fromVersion)).map(toProjectedEvent),
    );
    if (result.applied === 0) return 'duplicate';
    try {
      await deps.views.writeOrganisation(result.history, today(), { expect: history.appliedVersion });
      return 'applied';
    } catch (error) {
      if (!(error instanceof ViewConflictError) || attempt >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
