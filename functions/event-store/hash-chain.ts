import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { GENESIS_HASH, type StoredEvent } from '#events/envelope.ts';

/**
 * SHA-256 over the RFC 8785 canonical JSON of every field of the stored event except `hash`.
 * Canonical JSON makes the hash independent of key order and number formatting, so an export
 * re-serialised by any tool still verifies.
 */
export function hashEvent(event: Omit<StoredEvent, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...rest } = event;
  const canonical = canonicalize(rest);
  if (canonical === undefined) throw new TypeError('Event cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type BrokenLinkReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'version-gap' | 'wrong-stream';

export interface BrokenLink {
  readonly streamId: string;
  readonly version: number;
  readonly reason: BrokenLinkReason;
  /** What differs, in words an auditor can act on. */
  readonly detail: string;
}

export type StreamVerification =
  | { readonly ok: true; readonly streamId: string; readonly eventsChecked: number; readonly lastHash: string }
  | { readonly ok: false; readonly streamId: string; readonly eventsChecked: number; readonly brokenLink: BrokenLink };

/**
 * Checks one stream, oldest first: versions 1..N without gaps, each `prevHash` equal to the hash
 * before it, each `hash` equal to the recomputed hash. Names the first broken link.
 */
export function verifyStream(streamId: string, events: Iterable<StoredEvent>): StreamVerification {
  const chain = new ChainVerifier();
  for (const event of events) {
    if (event.streamId !== streamId) {
      return {
        ok: false,
        streamId,
        eventsChecked: chain.eventsChecked,
        brokenLink: { streamId, version: event.version, reason: 'wrong-stream', detail: `event of ${event.streamId}` },
      };
    }
    chain.add(event);
  }
  const result = chain.finish();
  const broken = result.brokenLinks[0];
  if (broken) return { ok: false, streamId, eventsChecked: result.eventsChecked, brokenLink: broken };
  return { ok: true, streamId, eventsChecked: result.eventsChecked, lastHash: chain.lastHashOf(streamId) };
}

export interface LogVerification {
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  /** The first broken link of each stream that has one. */
  readonly brokenLinks: readonly BrokenLink[];
}

/** What `ChainVerifier` reads of an event: a stored event, or the members read from an export line. */
export type ChainLink = Pick<StoredEvent, 'streamId' | 'version' | 'prevHash' | 'hash'>;

/** Called for every verified event, per stream in version order without gaps, with its payload. */
export type OnVerified<E, P> = (event: E, payload: P) => void;

interface Waiting<E, P> {
  readonly event: E;
  /** The recomputed hash, when the caller gave it; otherwise computed when the event's turn comes. */
  readonly hash: string | undefined;
  readonly payload: P;
}

interface StreamState<E, P> {
  nextVersion: number;
  lastHash: string;
  broken: boolean;
  /** Events that arrived ahead of their predecessor (log order is by recordedAt, not version). */
  pending: Map<number, Waiting<E, P>> | undefined;
}

/**
 * Verifies many streams from one pass over a log, in constant memory per stream: versions 1..N
 * without gaps, each `prevHash` the hash of the version before, each `hash` the recomputed one.
 * Events of a stream may arrive slightly out of version order (two appends in the same
 * millisecond); they wait until their predecessor arrives, and anything still waiting at the end
 * is a gap. The first broken link of each stream is reported, and nothing of that stream after it
 * is checked or handed on.
 *
 * `add(event)` hashes a stored event itself (`hashEvent`), when its turn comes. The audit's fast
 * path passes the hash it recomputed (the fast canonical JSON, or a line that proved itself) and
 * may then pass only the chain members (`ChainLink`) and a payload (the raw line) that travels with
 * the event to `onVerified`, called for each verified event in stream order.
 */
export class ChainVerifier<E extends ChainLink = StoredEvent, P = undefined> {
  private readonly streams = new Map<string, StreamState<E, P>>();
  private readonly broken: BrokenLink[] = [];
  eventsChecked = 0;

  constructor(private readonly onVerified: OnVerified<E, P> = () => undefined) {}

  /** The next stored event of the log; it is hashed here when its turn comes. */
  add(this: ChainVerifier<StoredEvent, P>, event: StoredEvent): void;
  /** The next event of the log, with the hash of its content as the caller recomputed it. */
  add(event: E, recomputedHash: string, payload: P): void;
  add(link: ChainLink, recomputedHash?: string, payload?: P): void {
    const event = link as E;
    let state = this.streams.get(event.streamId);
    if (state === undefined) {
      state = { nextVersion: 1, lastHash: GENESIS_HASH, broken: false, pending: undefined };
      this.streams.set(event.streamId, state);
    }
    this.eventsChecked++;
    if (state.broken) return;
    if (event.version !== state.nextVersion) {
      if (event.version > state.nextVersion && !state.pending?.has(event.version)) {
        state.pending ??= new Map();
        state.pending.set(event.version, { event, hash: recomputedHash, payload: payload as P });
        return;
      }
      this.breakAt(
        state,
        event.streamId,
        event.version,
        'version-gap',
        `duplicate or unexpected version ${event.version}`,
      );
      return;
    }
    this.check(state, event, recomputedHash, payload as P);
    const pending = state.pending;
    if (pending === undefined) return;
    for (let next = pending.get(state.nextVersion); next && !state.broken; next = pending.get(state.nextVersion)) {
      pending.delete(next.event.version);
      this.check(state, next.event, next.hash, next.payload);
    }
    if (pending.size === 0) state.pending = undefined;
  }

  private check(state: StreamState<E, P>, event: E, recomputedHash: string | undefined, payload: P): void {
    if (event.prevHash !== state.lastHash) {
      this.breakAt(
        state,
        event.streamId,
        event.version,
        'prev-hash-mismatch',
        `prevHash ${event.prevHash} does not equal the hash of version ${event.version - 1} (${state.lastHash})`,
      );
      return;
    }
    // Without a hash from the caller, `add`'s first signature made sure this is a whole stored event.
    const recomputed = recomputedHash ?? hashEvent(event as unknown as StoredEvent);
    if (recomputed !== event.hash) {
      this.breakAt(
        state,
        event.streamId,
        event.version,
        'hash-mismatch',
        `stored hash ${event.hash} but the content hashes to ${recomputed}: the event was altered`,
      );
      return;
    }
    state.lastHash = event.hash;
    state.nextVersion = event.version + 1;
    this.onVerified(event, payload);
  }

  private breakAt(
    state: StreamState<E, P>,
    streamId: string,
    version: number,
    reason: BrokenLinkReason,
    detail: string,
  ): void {
    state.broken = true;
    state.pending = undefined;
    this.broken.push({ streamId, version, reason, detail });
  }

  lastHashOf(streamId: string): string {
    return this.streams.get(streamId)?.lastHash ?? GENESIS_HASH;
  }

  /** Reports what is still waiting for a missing predecessor as a gap, and the totals. */
  finish(): LogVerification {
    for (const [streamId, state] of this.streams) {
      if (state.broken || state.pending === undefined || state.pending.size === 0) continue;
      const firstWaiting = Math.min(...state.pending.keys());
      this.breakAt(
        state,
        streamId,
        state.nextVersion,
        'version-gap',
        `version ${state.nextVersion} is missing (next present: ${firstWaiting})`,
      );
    }
    const brokenLinks = [...this.broken].sort((a, b) => a.streamId.localeCompare(b.streamId) || a.version - b.version);
    return { streamsChecked: this.streams.size, eventsChecked: this.eventsChecked, brokenLinks };
  }
}

/** Verifies a whole log (any order within a stream's near neighbourhood); see ChainVerifier. */
export function verifyLog(events: Iterable<StoredEvent>): LogVerification {
  const verifier = new ChainVerifier();
  for (const event of events) verifier.add(event);
  return verifier.finish();
}
