import type { Actor, OrganisationCommand } from '#domain/organisation/commands.ts';
import { decide } from '#domain/organisation/decider.ts';
import { evolve, foldState, type OrganisationState } from '#domain/organisation/state.ts';
import type { DomainEvent } from '#events/catalogue.ts';
import { type EventMeta, type NewEvent, organisationStreamId, type StoredEvent } from '#events/envelope.ts';
import { upcast } from '#events/upcasters.ts';
import { ConcurrencyError } from '#functions/event-store/errors.ts';
import type { EventStore } from '#functions/event-store/event-store.ts';
import { PreconditionFailedError } from '../http/errors.ts';
import { rememberedHead, rememberHead } from './state-cache.ts';

/** Why a command ran: copied onto every event it appends. */
export interface CommandMeta {
  readonly correlationId: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
}

export interface CommandRequest {
  readonly organisationId: string;
  readonly command: OrganisationCommand;
  readonly actor: Actor;
  readonly meta: CommandMeta;
  /** `If-Match`: the stream version the caller saw; another version is a 412. */
  readonly expectedVersion?: number;
  /** Keys reserved in the same transaction (e.g. the KvK-nummer at registration). */
  readonly uniqueKeys?: readonly string[];
  /**
   * Access rules that depend on the organisation's current state, checked on every attempt
   * before deciding (e.g. 404 when it is not active in the caller's gemeente).
   */
  readonly authorize?: (state: OrganisationState) => void;
}

export interface CommandResult {
  /** The stream's version after the command (unchanged when nothing was appended). */
  readonly version: number;
  readonly appended: readonly StoredEvent[];
  readonly state: OrganisationState;
}

export interface CommandOptions {
  /** Attempts in all when other writers get in first (reload, decide again). */
  readonly maxAttempts?: number;
  readonly clock?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface LoadedStream {
  readonly stored: readonly StoredEvent[];
  readonly events: readonly DomainEvent[];
  readonly version: number;
  readonly state: OrganisationState;
}

/** Reads a stream, lifts every event to the current schema version and folds the decider's state. */
export async function loadOrganisation(store: EventStore, organisationId: string): Promise<LoadedStream> {
  const stored = await store.readStream(organisationStreamId(organisationId));
  const events = stored.map((event) => upcast(event.type, event.schemaVersion, event.data));
  return { stored, events, version: stored.at(-1)?.version ?? 0, state: foldState(events) };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The command path shared by HTTP and the campaign worker: load the stream, upcast, evolve,
 * decide (pure), append at the version read. When another writer got in first, reload and decide
 * again, a bounded number of times; then the ConcurrencyError goes up (HTTP 409). With `If-Match`
 * there is no retry: the caller decided on a version that is gone (HTTP 412).
 */
export async function executeCommand(
  store: EventStore,
  request: CommandRequest,
  options: CommandOptions = {},
): Promise<CommandResult> {
  const maxAttempts = options.maxAttempts ?? 5;
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const streamId = organisationStreamId(request.organisationId);

  // Issue 7: the first attempt may decide on the state this process remembers at the stream's head
  // (state-cache.ts), saving the stream read. Only a successful append is answered from it: a stale
  // head fails the append's condition, and every other outcome is decided again on a fresh read.
  let mayUseRemembered = true;
  for (let attempt = 1; ; attempt++) {
    const remembered = mayUseRemembered ? rememberedHead(store, streamId) : undefined;
    mayUseRemembered = false;
    const head = remembered ?? (await loadOrganisation(store, request.organisationId));
    if (!remembered) rememberHead(store, streamId, { version: head.version, state: head.state });
    const now = clock().toISOString();
    let decided: ReturnType<typeof decide>;
    try {
      request.authorize?.(head.state);
      if (request.expectedVersion !== undefined && request.expectedVersion !== head.version) {
        throw preconditionFailed(request.expectedVersion, head.version);
      }
      decided = decide(request.command, head.state, { now, actor: request.actor });
    } catch (error) {
      if (!remembered) throw error;
      attempt--; // decided on a remembered head: decide again on what is stored
      continue;
    }
    if (decided.length === 0) {
      if (!remembered) return { version: head.version, appended: [], state: head.state };
      attempt--;
      continue;
    }

    const meta: EventMeta = {
      actor: request.actor.subject,
      ...(request.actor.gemeente ? { gemeente: request.actor.gemeente } : {}),
      role: request.actor.role,
      ...request.meta,
    };
    const newEvents = decided.map((event) => ({ ...event, meta, occurredAt: now }) as NewEvent);
    try {
      const result = await store.append(streamId, head.version, newEvents, {
        ...(request.uniqueKeys ? { uniqueKeys: request.uniqueKeys } : {}),
      });
      let state = head.state;
      for (const event of decided) state = evolve(state, event);
      rememberHead(store, streamId, { version: result.version, state });
      return { version: result.version, appended: result.events, state };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (request.expectedVersion !== undefined) throw preconditionFailed(request.expectedVersion, error.actualVersion);
      if (remembered) {
        attempt--; // the remembered head was behind: read, not a lost race
        continue;
      }
      if (attempt >= maxAttempts) throw error;
      await sleep(Math.floor(Math.random() * 20 * attempt));
    }
  }
}

function preconditionFailed(expected: number, actual: number): PreconditionFailedError {
  return new PreconditionFailedError(
    `De organisatie is op versie ${actual}, niet op de versie ${expected} uit If-Match; haal haar opnieuw op`,
    { verwachteVersie: expected, huidigeVersie: actual },
  );
}
