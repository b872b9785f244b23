import { GENESIS_HASH, type StoredEvent } from '#events/envelope.ts';
import type { BrokenLink, BrokenLinkReason, LogVerification } from '#functions/event-store/hash-chain.ts';

/** What the chain check reads of an event: a stored event, or the members read from an export line. */
export type ChainLink = Pick<StoredEvent, 'streamId' | 'version' | 'prevHash' | 'hash'>;

interface Waiting<E, P> {
  readonly event: E;
  readonly hash: string;
  readonly payload: P;
}

interface StreamState<E, P> {
  nextVersion: number;
  lastHash: string;
  broken: boolean;
  /** Events that arrived before their predecessor (log order is by recordedAt, not version). */
  pending: Map<number, Waiting<E, P>> | undefined;
}

/** Called for every verified event, per stream in version order without gaps. */
export type OnVerified<E, P> = (event: E, payload: P) => void;

/**
 * Verifies the hash chains of many streams from one pass over a log, and hands every verified
 * event on in stream order. The rules are those of the event store's `ChainVerifier`: versions
 * 1..N without gaps, each `prevHash` the hash of the version before, each `hash` the recomputed
 * one; events may arrive a little out of version order (two appends in the same millisecond) and
 * wait for their predecessor; the first broken link of each stream is reported and nothing of that
 * stream is handed on after it. Unlike `ChainVerifier`, the recomputed hash is passed in, so the
 * caller chooses how to compute it (the fast canonical JSON, or another thread), and a payload
 * (the raw line) travels with each event to the consumer.
 */
export class ChainCheck<E extends ChainLink = StoredEvent, P = undefined> {
  private readonly streams = new Map<string, StreamState<E, P>>();
  private readonly broken: BrokenLink[] = [];
  eventsChecked = 0;

  constructor(private readonly onVerified: OnVerified<E, P> = () => undefined) {}

  add(event: E, recomputedHash: string, payload: P): void {
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
        state.pending.set(event.version, { event, hash: recomputedHash, payload });
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
    this.check(state, event, recomputedHash, payload);
    const pending = state.pending;
    if (pending === undefined) return;
    for (let next = pending.get(state.nextVersion); next && !state.broken; next = pending.get(state.nextVersion)) {
      pending.delete(next.event.version);
      this.check(state, next.event, next.hash, next.payload);
    }
    if (pending.size === 0) state.pending = undefined;
  }

  private check(state: StreamState<E, P>, event: E, recomputedHash: string, payload: P): void {
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
    if (recomputedHash !== event.hash) {
      this.breakAt(
        state,
        event.streamId,
        event.version,
        'hash-mismatch',
        `stored hash ${event.hash} but the content hashes to ${recomputedHash}: the event was altered`,
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
