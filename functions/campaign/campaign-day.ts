import { type CampaignDecision, scheduleCommandFor, selectForCampaign } from '#domain/campaign/selection.ts';
import { amsterdamDateOf, firstDayOfYear, lastDayOfYear, maxDate, minDate } from '#domain/dates.ts';
import type { Actor, ScheduleSupervision } from '#domain/organisation/commands.ts';
import type { SupervisionStatus } from '#domain/projections/supervision-status.ts';
import type { IsoDate } from '#events/values.ts';

/**
 * The day a campaign judges its organisations on: today (Dutch calendar) within the campaign year;
 * 1 January when the year is still ahead (planning 2027 in November 2026 judges agreements and
 * follow-up deadlines as they stand on 1 January 2027); 31 December for a year that is over.
 */
export function campaignDay(year: number, now: Date): IsoDate {
  const today = amsterdamDateOf(now.toISOString());
  return minDate(maxDate(today, firstDayOfYear(year)), lastDayOfYear(year));
}

/** The actor of everything the campaign appends: the system, on behalf of the campaign's gemeente. */
export const campaignActor = (gemeente: string): Actor => ({ subject: 'campaign-worker', gemeente, role: 'system' });

export interface CampaignChoice {
  readonly decision: CampaignDecision;
  /** The command to issue: only for a due organisation not yet on this gemeente's list for the year. */
  readonly command: ScheduleSupervision | undefined;
}

/**
 * What the campaign does with one organisation for one gemeente: the domain's selection on its
 * status, and the ScheduleSupervision command when it is due and not yet scheduled. Shared by the
 * campaign worker and the replay benchmark's history generator, so both schedule by the same rules.
 */
export function campaignChoice(
  status: SupervisionStatus,
  gemeente: string,
  year: number,
  asOf: IsoDate,
): CampaignChoice {
  const [decision] = selectForCampaign({ gemeente, year, asOf }, [status]);
  if (decision === undefined) throw new Error('selectForCampaign gave no decision for the status it was given');
  const command =
    decision.outcome === 'due' && !decision.alreadyScheduled ? scheduleCommandFor(decision, gemeente, year) : undefined;
  return { decision, command };
}
