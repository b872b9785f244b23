import { applyEvent, type OrganisationHistory, StreamGapError } from './organisation-history.ts';
import type { ProjectedEvent } from './projected-event.ts';

/**
 * Reads the stream from `fromVersion` (strongly consistent), oldest first. It must return at least
 * the events up to `toVersion`; it may return more (a whole page), and those are folded too.
 */
export type ReadStream = (
  fromVersion: number,
  toVersion: number,
) => Promise<readonly ProjectedEvent[]> | readonly ProjectedEvent[];

export interface CatchUpResult {
  readonly history: OrganisationHistory;
  /** How many events were folded: 0 means the incoming event was already applied (a duplicate). */
  readonly applied: number;
}

/**
 * The projector's catch-up rule (ARCHITECTURE.md, "Delivery and projections"). EventBridge delivers
 * at least once and in any order, so for an incoming event at version v: v <= appliedVersion is a
 * duplicate and changes nothing; otherwise the missing range appliedVersion+1..v is read from the
 * store and folded in order. Whatever the order and however often events arrive, the history is
 * always the fold of a stream prefix, exactly what replay computes.
 *
 * When the incoming event is complete and exactly the next one, it is folded without a read. The
 * caller writes the result with a condition on the old `appliedVersion` and retries on conflict.
 */
export async function catchUp(
  history: OrganisationHistory,
  incoming: ProjectedEvent | { readonly version: number },
  readStream: ReadStream,
): Promise<CatchUpResult> {
  const target = incoming.version;
  if (target <= history.appliedVersion) return { history, applied: 0 };
  if (target === history.appliedVersion + 1 && 'type' in incoming) {
    return { history: applyEvent(history, incoming), applied: 1 };
  }
  const events = await readStream(history.appliedVersion + 1, target);
  let next = history;
  for (const event of events) {
    if (event.version <= next.appliedVersion) continue;
    next = applyEvent(next, event);
  }
  if (next.appliedVersion < target) throw new StreamGapError(next.appliedVersion + 1, null);
  return { history: next, applied: next.appliedVersion - history.appliedVersion };
}
