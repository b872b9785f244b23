import type { OrganisationState } from '#domain/organisation/state.ts';
import type { EventStore } from '#functions/event-store/event-store.ts';

/**
 * The decider's state at the head of a stream, as this process last read or wrote it (issue 7:
 * saves the command path its stream read, one of its two DynamoDB round trips, when nothing else
 * wrote in between). Stored events never change, so a remembered (version, state) stays true
 * forever; it only ever comes from the table (read, or written with a condition that held). It may
 * be behind the table, never wrong: `executeCommand` appends at its version with the store's
 * conditions, so a stale entry costs a ConcurrencyError and a fresh read, and every answer other
 * than a successful append is decided again on a fresh read.
 */
export interface StreamHead {
  readonly version: number;
  readonly state: OrganisationState;
}

/** Enough for a Lambda's working set; bounded so a long-running local runtime stays flat. */
const MAX_HEADS = 5_000;
const caches = new WeakMap<EventStore, Map<string, StreamHead>>();

export function rememberedHead(store: EventStore, streamId: string): StreamHead | undefined {
  return caches.get(store)?.get(streamId);
}

/** Remembers a head read from or written to `store`; an older one never replaces a newer one. */
export function rememberHead(store: EventStore, streamId: string, head: StreamHead): void {
  let heads = caches.get(store);
  if (!heads) {
    heads = new Map();
    caches.set(store, heads);
  }
  const known = heads.get(streamId);
  if (known && known.version > head.version) return;
  heads.delete(streamId);
  heads.set(streamId, head);
  if (heads.size > MAX_HEADS) {
    const oldest = heads.keys().next().value;
    if (oldest !== undefined) heads.delete(oldest);
  }
}
