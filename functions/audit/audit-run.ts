import type { StoredEvent } from '#events/envelope.ts';
import { type ChainLink, ChainVerifier, type LogVerification } from '#functions/event-store/hash-chain.ts';
import { fastHashEvent } from './canonical-json.ts';
import { type ReconstructedViews, type ReconstructionScope, ViewsBuilder } from './reconstruction.ts';
import { Replay } from './replay.ts';

export interface AuditResult {
  readonly verification: LogVerification;
  /** Events folded into the views: recorded up to the reference date, and verified. */
  readonly eventsReplayed: number;
  /** The views on the reference date; only when a scope was given. */
  readonly views?: ReconstructedViews;
}

/**
 * One audit over events in any order the log or a scan gives them, on this thread: every chain
 * verified, and with a scope every verified event replayed in stream order, then the views built.
 * Used by the integrity and reconstruction endpoints (over a table scan) and by `audit verify` and
 * `audit replay` without threads (over an export).
 */
export class AuditRun {
  private readonly replay: Replay | undefined;
  private readonly chain: ChainVerifier<ChainLink, StoredEvent | undefined>;

  constructor(private readonly scope?: ReconstructionScope) {
    const replay = scope ? new Replay(scope.peildatum) : undefined;
    this.replay = replay;
    this.chain = new ChainVerifier<ChainLink, StoredEvent | undefined>(
      replay ? (_link, event) => event && replay.add(event) : undefined,
    );
  }

  /** Whether verified events are replayed (and so must be parsed). */
  get replays(): boolean {
    return this.replay !== undefined;
  }

  /** The next event; `recomputedHash` when the caller has it already (a line that proved itself). */
  add(event: StoredEvent, recomputedHash: string = fastHashEvent(event)): void {
    this.chain.add(event, recomputedHash, event);
  }

  /** The chain members of a line that proved itself (`verifiedLinkOfLine`), when nothing is replayed. */
  addVerified(link: ChainLink): void {
    this.chain.add(link, link.hash, undefined);
  }

  finish(): AuditResult {
    const verification = this.chain.finish();
    if (!this.scope || !this.replay) return { verification, eventsReplayed: 0 };
    const builder = new ViewsBuilder(this.scope);
    for (const history of this.replay.results()) builder.add(history);
    return { verification, eventsReplayed: this.replay.eventsReplayed, views: builder.result() };
  }
}
