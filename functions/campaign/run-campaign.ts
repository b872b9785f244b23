import { isDomainError } from '#domain/errors.ts';
import { foldHistory } from '#domain/projections/organisation-history.ts';
import { toProjectedEvent } from '#domain/projections/projected-event.ts';
import { supervisionStatus } from '#domain/projections/supervision-status.ts';
import { organisationStreamId } from '#events/envelope.ts';
import { executeCommand } from '#functions/commands/execute.ts';
import type { EventStore } from '#functions/event-store/event-store.ts';
import { campaignActor, campaignChoice, campaignDay } from './campaign-day.ts';
import type { CampaignMessage } from './messages.ts';

export interface CampaignRunDeps {
  readonly store: EventStore;
  /** The organisations active in a gemeente (the gemeente's view partition). */
  readonly organisationsIn: (gemeente: string) => Promise<readonly string[]>;
  readonly clock?: () => Date;
  /** Organisations examined at a time. */
  readonly concurrency?: number;
  /** The SQS message (or other trigger) this run answers, for the events' causation id. */
  readonly causationId?: string;
}

/** What one gemeente's campaign run did, organisation by organisation. */
export interface CampaignRunSummary {
  readonly year: number;
  readonly gemeente: string;
  /** The day the selection judged on (see `campaignDay`). */
  readonly asOf: string;
  readonly examined: number;
  /** SupervisionScheduled appended by this run. */
  readonly scheduled: number;
  /** Due, but on the list for the year already (a rerun, a redelivered message). */
  readonly alreadyScheduled: number;
  readonly covered: number;
  readonly notDue: number;
  readonly notSupervisedByGemeente: number;
  /** Gone from the gemeente (or not registered) by the time the stream was read. */
  readonly notActive: number;
  /** Refused by the decider on the fresh stream (e.g. an agreement made meanwhile). */
  readonly refused: readonly { readonly organisationId: string; readonly code: string }[];
}

type Counts = { -readonly [K in Exclude<keyof CampaignRunSummary, 'year' | 'gemeente' | 'asOf' | 'refused'>]: number };

/**
 * Runs one gemeente's campaign for a year: every organisation active in the gemeente is read from
 * its stream (strongly consistent), judged by the domain's selection rules on the campaign day,
 * and, when due and not yet on the list, scheduled with ScheduleSupervision through the same
 * command path as HTTP (reload, decide, append, retry on conflict). Running it again, or for a
 * redelivered message, appends nothing: the selection sees the entry, and the decider makes a
 * second schedule for the same year and gemeente a no-op.
 */
export async function runCampaign(message: CampaignMessage, deps: CampaignRunDeps): Promise<CampaignRunSummary> {
  const clock = deps.clock ?? (() => new Date());
  const { year, gemeente } = message;
  const asOf = campaignDay(year, clock());
  const counts: Counts = {
    examined: 0,
    scheduled: 0,
    alreadyScheduled: 0,
    covered: 0,
    notDue: 0,
    notSupervisedByGemeente: 0,
    notActive: 0,
  };
  const refused: { organisationId: string; code: string }[] = [];

  const examine = async (organisationId: string): Promise<void> => {
    counts.examined++;
    const stored = await deps.store.readStream(organisationStreamId(organisationId));
    const status = supervisionStatus(foldHistory(stored.map(toProjectedEvent)), asOf);
    if (status === null) {
      counts.notActive++;
      return;
    }
    const { decision, command } = campaignChoice(status, gemeente, year, asOf);
    switch (decision.outcome) {
      case 'covered':
        counts.covered++;
        return;
      case 'not-due':
        counts.notDue++;
        return;
      case 'not-supervised-by-gemeente':
        counts.notSupervisedByGemeente++;
        return;
      case 'not-active-in-gemeente':
        counts.notActive++;
        return;
      case 'due':
        break;
    }
    if (!command) {
      counts.alreadyScheduled++;
      return;
    }
    try {
      const result = await executeCommand(
        deps.store,
        {
          organisationId,
          command,
          actor: campaignActor(gemeente),
          meta: {
            correlationId: message.correlationId,
            ...(deps.causationId ? { causationId: deps.causationId } : {}),
          },
        },
        { clock },
      );
      if (result.appended.length > 0) counts.scheduled++;
      else counts.alreadyScheduled++;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      refused.push({ organisationId, code: error.code });
    }
  };

  const organisations = [...new Set(await deps.organisationsIn(gemeente))];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, async () => {
      while (next < organisations.length) await examine(organisations[next++]!);
    }),
  );
  return { year, gemeente, asOf, ...counts, refused };
}
